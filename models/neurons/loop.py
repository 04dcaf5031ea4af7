"""`model.fit`'s training loop, compiled once per model so a call can run many epochs cheaply.

Algorithm
---------
Each epoch shuffles the training rows (a seeded `tf.random.Generator`, so runs repeat), cuts them
into mini-batches (the last one may be smaller) and, for each batch, applies the model's compiled
optimizer to the gradient of loss + regularisation penalties: what `model.fit` does. The whole
epoch loop is one `tf.function`, so on these tiny networks an epoch costs milliseconds, where a
`fit` call costs tens of milliseconds of setup before its first step (measured in bench_playground).
"""
from __future__ import annotations


def compiled_epochs(model, loss_fn, seed: int = 0):
    """`run(x, y, epochs, batch_size)` for `model` (already compiled with its optimizer)."""
    import tensorflow as tf

    shuffler = tf.random.Generator.from_seed(seed)
    variables = model.trainable_variables
    model.optimizer.build(variables)

    @tf.function(reduce_retracing=True)
    def run(x, y, epochs, batch):
        size = tf.shape(x)[0]
        steps = (size + batch - 1) // batch
        for _ in tf.range(epochs):
            order = tf.argsort(shuffler.uniform([size]))
            xs, ys = tf.gather(x, order), tf.gather(y, order)
            for step in tf.range(steps):
                xb, yb = xs[step * batch:(step + 1) * batch], ys[step * batch:(step + 1) * batch]
                with tf.GradientTape() as tape:
                    loss = loss_fn(yb, model(xb, training=True))
                    if model.losses:
                        loss += tf.add_n(model.losses)
                model.optimizer.apply(tape.gradient(loss, variables), variables)
        return epochs

    def train(x, y, epochs: int, batch_size: int) -> None:
        run(tf.convert_to_tensor(x, tf.float32), tf.convert_to_tensor(y, tf.float32),
            tf.constant(int(epochs)), tf.constant(int(batch_size)))

    return train
