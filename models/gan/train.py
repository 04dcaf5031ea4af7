"""Train the conditional DCGANs (and the Fashion-MNIST feature classifier); writes the committed artifacts.

    python -m models.gan.train --dataset digits            # ≈ 8 min on 2 busy CPU cores
    python -m models.gan.train --dataset fashion
    python -m models.gan.train --classifier                # the Fashion-MNIST CNN for the Fréchet distance
    python -m models.gan.train --dataset digits --resume --budget 240   # what the committed digits GAN got on top

The game, once per batch of 128 training images: the critic (police) sees real images with their class
and generated images with the class they were asked for, and learns to say real (1, smoothed to 0.9)
or fake (0); the generator (counterfeiter) then changes so that the critic says "real" to its fakes
(the non-saturating loss of Goodfellow et al. 2014). Adam, learning rate 2e-4, β1 = 0.5 (DCGAN).
Training stops after `--epochs` or once `--budget` seconds have passed. From a fixed noise (4 per
class) the generator's pictures are kept at the start, at `SNAPSHOT_STEPS`, every `SNAPSHOT_EVERY`
steps and at the end, so the page can replay training. Only the training split is read here.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from models.gan.networks import CLASSES, LATENT

ARTIFACTS = Path(__file__).parent / "artifacts"
BATCH = 128
LEARNING_RATE, BETA_1 = 2e-4, 0.5
REAL_LABEL = 0.9  # one-sided label smoothing: the police are never quite certain
EPOCHS, BUDGET_S = 20, 450
SNAPSHOT_STEPS = (25, 75, 150)  # early, where most of the learning shows; then every SNAPSHOT_EVERY
SNAPSHOT_EVERY = 200
PER_CLASS = 4  # fixed noises per class in the snapshots
LOG_EVERY = 50
SEED = 0


def files(dataset: str) -> dict[str, Path]:
    return {part: ARTIFACTS / f"{dataset}_{part}" for part in
            ("generator.weights.h5", "critic.weights.h5", "snapshots.npz", "training_log.json")} | {
        "classifier": ARTIFACTS / "fashion_classifier.weights.h5"}


def one_hot(labels) -> np.ndarray:
    return np.eye(CLASSES, dtype=np.float32)[np.asarray(labels, np.int64)]


def fixed_noise(seed: int = 1234) -> tuple[np.ndarray, np.ndarray]:
    """The snapshot inputs: PER_CLASS noises for each class (class-major order)."""
    z = np.random.default_rng(seed).standard_normal((PER_CLASS, LATENT)).astype(np.float32)
    return np.tile(z, (CLASSES, 1)), one_hot(np.repeat(np.arange(CLASSES), PER_CLASS))


def train_gan(dataset: str, epochs: int = EPOCHS, budget_s: float = BUDGET_S, seed: int = SEED, log=print,
              resume: bool = False):
    """The adversarial loop; returns (generator, critic, history, snapshots, seconds).

    `resume`: start from the committed weights, snapshots and log and train on (fresh Adam state).
    """
    import keras
    import tensorflow as tf

    from models.gan.data import load, to_tanh, to_uint8
    from models.gan.networks import build_critic, build_generator

    keras.utils.set_random_seed(seed)
    generator, critic = build_generator(), build_critic()
    g_opt = keras.optimizers.Adam(LEARNING_RATE, beta_1=BETA_1)
    d_opt = keras.optimizers.Adam(LEARNING_RATE, beta_1=BETA_1)
    bce = keras.losses.BinaryCrossentropy(from_logits=True)
    train, _ = load(dataset)
    ds = (tf.data.Dataset.from_tensor_slices((to_tanh(train.x), one_hot(train.y)))
          .shuffle(len(train), seed=seed, reshuffle_each_iteration=True).batch(BATCH, drop_remainder=True).prefetch(2))

    @tf.function
    def step(real, labels):
        z = tf.random.normal((tf.shape(real)[0], LATENT))
        with tf.GradientTape() as g_tape, tf.GradientTape() as d_tape:
            fake = generator([z, labels], training=True)
            real_logit = critic([real, labels], training=True)
            fake_logit = critic([fake, labels], training=True)
            d_loss = bce(tf.fill(tf.shape(real_logit), REAL_LABEL), real_logit) + bce(tf.zeros_like(fake_logit), fake_logit)
            g_loss = bce(tf.ones_like(fake_logit), fake_logit)
        d_opt.apply_gradients(zip(d_tape.gradient(d_loss, critic.trainable_variables), critic.trainable_variables))
        g_opt.apply_gradients(zip(g_tape.gradient(g_loss, generator.trainable_variables), generator.trainable_variables))
        accuracy = (tf.reduce_mean(tf.cast(real_logit > 0, tf.float32)) + tf.reduce_mean(tf.cast(fake_logit < 0, tf.float32))) / 2
        return g_loss, d_loss, accuracy

    z_fixed, y_fixed = fixed_noise()
    per_epoch = len(train) // BATCH
    snaps, history, window, done, start = [], [], [], 0, time.perf_counter()
    if resume:
        generator.load_weights(files(dataset)["generator.weights.h5"])
        critic.load_weights(files(dataset)["critic.weights.h5"])
        old, old_log = read_history(dataset)
        snaps = [(int(s), float(e), im) for s, e, im in zip(old["steps"], old["epochs"], old["images"])]
        history, done, start = old_log["history"], int(old["steps"][-1]), start - old_log["seconds"]
        budget_s += old_log["seconds"]

    def snapshot():
        snaps.append((done, done / per_epoch, to_uint8(generator([z_fixed, y_fixed], training=False).numpy())))

    if not resume:
        snapshot()
    for epoch in range(1, epochs + 1):
        for real, labels in ds:
            window.append([float(v) for v in step(real, labels)])
            done += 1
            if done in SNAPSHOT_STEPS or done % SNAPSHOT_EVERY == 0:
                snapshot()
            if time.perf_counter() - start > budget_s:
                break
            if done % LOG_EVERY == 0:
                g, d, acc = np.mean(window, axis=0)
                history.append({"step": done, "epoch": round(done / per_epoch, 3), "g_loss": round(float(g), 4),
                                "d_loss": round(float(d), 4), "critic_accuracy": round(float(acc), 4)})
                window = []
        if snaps[-1][0] != done:
            snapshot()
        elapsed = time.perf_counter() - start
        log(f"{dataset} epoch {epoch}: {history[-1]} ({elapsed:.0f} s)")
        if elapsed > budget_s:
            break
    return generator, critic, history, snaps, time.perf_counter() - start


def save_gan(dataset: str, generator, critic, history, snaps, seconds: float) -> None:
    paths = files(dataset)
    ARTIFACTS.mkdir(exist_ok=True)
    generator.save_weights(paths["generator.weights.h5"])
    critic.save_weights(paths["critic.weights.h5"])
    z, y = fixed_noise()
    np.savez_compressed(paths["snapshots.npz"], steps=np.array([s[0] for s in snaps]),
                        epochs=np.array([s[1] for s in snaps], np.float32),
                        images=np.stack([s[2] for s in snaps]), labels=np.argmax(y, 1))
    paths["training_log.json"].write_text(json.dumps(
        {"dataset": dataset, "batch": BATCH, "learning_rate": LEARNING_RATE, "beta_1": BETA_1,
         "steps": snaps[-1][0], "epochs": round(snaps[-1][1], 2), "seconds": round(seconds, 1), "history": history}, indent=1))


def train_classifier(epochs: int = 2, seed: int = SEED, log=print):
    """The Fashion-MNIST feature CNN (the digits CNN's architecture), plain Adam, no augmentation."""
    import keras

    from models.gan.data import load_fashion
    from models.gan.networks import build_classifier

    keras.utils.set_random_seed(seed)
    train, _ = load_fashion()
    model = build_classifier()
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(train.x.astype(np.float32) / 255.0, train.y, batch_size=256, epochs=epochs, verbose=2)
    model.save_weights(files("fashion")["classifier"])
    return model


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", choices=("digits", "fashion"))
    parser.add_argument("--classifier", action="store_true", help="train the Fashion-MNIST feature CNN")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--budget", type=float, default=BUDGET_S, help="stop after this many seconds of training")
    parser.add_argument("--resume", action="store_true", help="train the committed GAN on for --budget seconds more")
    args = parser.parse_args(argv)
    if args.classifier:
        train_classifier()
    if args.dataset:
        save_gan(args.dataset, *train_gan(args.dataset, args.epochs, args.budget, resume=args.resume))



def read_history(dataset: str) -> tuple[dict, dict]:
    """(snapshots: steps, epochs, images (S, 40, 28, 28), labels; training log) from the committed files."""
    paths = files(dataset)
    with np.load(paths["snapshots.npz"]) as npz:
        snaps = {k: npz[k] for k in npz.files}
    return snaps, json.loads(paths["training_log.json"].read_text())


if __name__ == "__main__":
    main()
