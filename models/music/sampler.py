"""Stateful sampling loops: one LSTM step per 16th note, never re-running the sequence.

Both models are stepped inside a `tf.while_loop`. The melody model's loop runs in onnxruntime
(`MelodySampler`) on its weights held as constants of the loop body; the MusicVAE decoder's runs under
`tf.function` through its own Keras layers (embedding, `LSTM.cell`, dense). Randomness comes from the
seed alone, so a seed fixes the output.
"""
from __future__ import annotations

import numpy as np

from models.music.encoding import NUM_CLASSES
from models.music.vae_model import GO, STEPS


def _step(embed, cells, dense, token, states, extra=None):
    import tensorflow as tf

    x = embed(token)
    if extra is not None:
        x = tf.concat([x, extra], axis=-1)
    new_states = []
    for cell, state in zip(cells, states):
        x, state = cell(x, state)
        new_states.append(state)
    return dense(x), new_states


def _constant_step(weights, token, states):
    """The same step as `_step` through Keras' layers, written out on the weights as constants made here,
    inside the loop body. Keras' `LSTMCell` (sigmoid gates, tanh): z = x K + h R + b split into i, f, g, o;
    c' = sigmoid(f) c + sigmoid(i) tanh(g); h' = sigmoid(o) tanh(c').

    Why: the layers' variables enter the loop as loop-carried values, and onnxruntime re-packs such a
    matrix on every multiplication with more than one row; constants of the body it packs once. 128 steps
    of 2 variations: 28 ms of CPU against 11.5 ms (in-process, this 2-core CPU)."""
    import tensorflow as tf

    embedding, lstm, (dense_kernel, dense_bias) = weights
    x = tf.gather(tf.constant(embedding), token)
    new_states = []
    for (kernel, recurrent, bias), (h, c) in zip(lstm, states):
        z = tf.matmul(x, tf.constant(kernel)) + tf.matmul(h, tf.constant(recurrent)) + tf.constant(bias)
        i, f, g, o = tf.split(z, 4, axis=-1)
        c = tf.sigmoid(f) * c + tf.sigmoid(i) * tf.tanh(g)
        x = h = tf.sigmoid(o) * tf.tanh(c)
        new_states.append([h, c])
    return tf.matmul(x, tf.constant(dense_kernel)) + tf.constant(dense_bias), new_states


def _lstm_weights(embed, cells, dense):
    """(embedding, [(kernel, recurrent kernel, bias) per LSTM], (dense kernel, bias)) as numpy arrays; only
    the cells `_constant_step` writes out (sigmoid gates, tanh, a bias, no projection) are accepted."""
    for cell in cells:
        if (cell.activation.__name__, cell.recurrent_activation.__name__, cell.use_bias) != ("tanh", "sigmoid", True):
            raise ValueError(f"{cell.name}: only tanh / sigmoid LSTM cells with a bias can be written out")
    if dense.activation.__name__ != "linear":
        raise ValueError(f"{dense.name}: the logits layer must be linear")
    lstm = [(c.kernel.numpy(), c.recurrent_kernel.numpy(), c.bias.numpy()) for c in cells]
    return embed.embeddings.numpy(), lstm, (dense.kernel.numpy(), dense.bias.numpy())


def _pick(logits, temperature, seed, t):
    """Greedy when temperature <= 0, else a stateless categorical draw at this step."""
    import tensorflow as tf

    sampled = tf.random.stateless_categorical(logits / tf.maximum(temperature, 1e-3), 1,
                                              seed=tf.stack([seed[0], seed[1] + t]), dtype=tf.int32)[:, 0]
    greedy = tf.argmax(logits, axis=-1, output_type=tf.int32)
    return tf.where(temperature > 0, sampled, greedy)


class MelodySampler:
    """Continue primers (batch, P) by n steps with the melody LSTM, one step per 16th note.

    Algorithm: a `tf.while_loop` steps the LSTM with its states carried from step to step, so the
    sequence is never re-run. The primer is fed note for note (its own next token, not a sample); after
    it every next token is drawn by the Gumbel-max trick: argmax(logits / T + g), with g standard Gumbel
    noise, is a draw from softmax(logits / T) (greedy argmax when T <= 0). The noise for every step and
    row is drawn up front from a numpy generator seeded with `seed`, so a seed fixes the output and every
    engine gives the same melody.

    `engine`: "onnxruntime" (what the app runs: the loop exported once to an ONNX graph, run on one
    thread, no interpreter lock held) or "tensorflow" (the same loop as a `tf.function`). Why: 128 steps
    of a 2 × 256 LSTM at batch 1 are hundreds of tiny ops, and TensorFlow's graph executor handed each
    to its thread pool: 25 ms of CPU for an 8-bar melody against 11 ms in onnxruntime (in-process, this
    2-core CPU), and a classroom of thirty pressing Generate runs out of CPU.
    `step`: "constants" (what the app runs: `_constant_step`, the weights as constants of the loop body)
    or "layers" (the model's own Keras layers, `_step`: the reference the tests hold it to).
    """

    def __init__(self, model, engine: str = "onnxruntime", step: str = "constants"):
        import tensorflow as tf

        from models.common.onnx_runtime import compiled

        if step not in ("constants", "layers"):
            raise ValueError(f"unknown step {step!r}; 'constants' or 'layers'")
        self.model, self.engine, self.step = model, engine, step
        self.embed, self.dense = model.get_layer("embed"), model.get_layer("logits")
        self.cells = [l.cell for l in model.layers if l.name.startswith("lstm_")]
        self.weights = _lstm_weights(self.embed, self.cells, self.dense) if step == "constants" else None
        spec = [tf.TensorSpec([None, None], tf.int32, name="tokens"), tf.TensorSpec([], tf.int32, name="primer_steps"),
                tf.TensorSpec([], tf.float32, name="temperature"),
                tf.TensorSpec([None, None, NUM_CLASSES], tf.float32, name="noise")]
        self._loop = compiled(self._loop_py, spec, engine, threads=1)  # the matrices are too small to split

    def _next_logits(self, token, states):
        if self.weights is not None:
            return _constant_step(self.weights, token, states)
        return _step(self.embed, self.cells, self.dense, token, states)

    def _loop_py(self, tokens, primer_steps, temperature, noise):
        """tokens (batch, total): the primer, then zeros to fill; noise (total, batch, classes)."""
        import tensorflow as tf

        batch, total = tf.shape(tokens)[0], tf.shape(tokens)[1]
        states = [[tf.zeros([batch, c.units]), tf.zeros([batch, c.units])] for c in self.cells]
        positions = tf.range(total)

        def body(t, tokens, states):
            logits, states = self._next_logits(tf.gather(tokens, t, axis=1), states)
            sampled = tf.argmax(logits / tf.maximum(temperature, 1e-3) + tf.gather(noise, t), axis=-1,
                                output_type=tf.int32)
            chosen = tf.where(temperature > 0, sampled, tf.argmax(logits, axis=-1, output_type=tf.int32))
            nxt = tf.where(t + 1 < primer_steps, tf.gather(tokens, t + 1, axis=1), chosen)
            tokens = tf.where(tf.equal(positions, t + 1)[None, :], nxt[:, None], tokens)
            return t + 1, tokens, states

        _, tokens, _ = tf.while_loop(lambda t, *_: t < total - 1, body, (tf.constant(0), tokens, states))
        return tokens

    def sample(self, primer: np.ndarray, n_new: int, temperature: float, seed: int) -> np.ndarray:
        primer = np.atleast_2d(np.asarray(primer, dtype=np.int32))
        batch, p_len = primer.shape
        tokens = np.zeros((batch, p_len + n_new), np.int32)
        tokens[:, :p_len] = primer
        (out,) = self._loop(tokens=tokens, primer_steps=np.array(p_len, np.int32),
                            temperature=np.array(temperature, np.float32),
                            noise=gumbel_noise(seed, p_len + n_new, batch, NUM_CLASSES))
        return out.astype(np.uint8)


def gumbel_noise(seed: int, steps: int, batch: int, classes: int) -> np.ndarray:
    """Standard Gumbel noise (steps, batch, classes) from a generator seeded with `seed`."""
    return np.random.default_rng(seed).gumbel(size=(steps, batch, classes)).astype(np.float32)


class VaeCodec:
    """Encode 2-bar melodies to z and decode z back, batched (interpolation decodes every step at once)."""

    def __init__(self, encoder, decoder):
        import tensorflow as tf

        self.encoder = encoder
        self.embed = decoder.get_layer("dec_embed")
        self.cells = [l.cell for l in decoder.layers if l.name.startswith("dec_lstm_")]
        self.init = [decoder.get_layer(f"z_to_state_{i}") for i in range(len(self.cells))]
        self.dense = decoder.get_layer("dec_logits")
        self.z_dim = encoder.output[0].shape[-1]
        self._encode = tf.function(lambda x: encoder(x, training=False)[0],
                                   input_signature=[tf.TensorSpec([None, STEPS], tf.int32)])
        self._decode = tf.function(self._decode_py, input_signature=[
            tf.TensorSpec([None, self.z_dim], tf.float32), tf.TensorSpec([], tf.float32),
            tf.TensorSpec([2], tf.int32)])

    def _decode_py(self, z, temperature, seed):
        import tensorflow as tf

        states = [tf.split(layer(z), 2, axis=-1) for layer in self.init]
        out = tf.TensorArray(tf.int32, size=STEPS)

        def body(t, token, states, out):
            logits, states = _step(self.embed, self.cells, self.dense, token, states, extra=z)
            chosen = _pick(logits, temperature, seed, t)
            return t + 1, chosen, states, out.write(t, chosen)

        start = tf.fill([tf.shape(z)[0]], GO)
        _, _, _, out = tf.while_loop(lambda t, *_: t < STEPS, body, (0, start, states, out))
        return tf.transpose(out.stack())

    def encode(self, melodies: np.ndarray) -> np.ndarray:
        return self._encode(np.asarray(melodies, dtype=np.int32)).numpy()

    def decode(self, z: np.ndarray, temperature: float = 0.0, seed: int = 0) -> np.ndarray:
        out = self._decode(np.asarray(z, np.float32), np.float32(temperature), np.array([seed, 0], np.int32))
        return out.numpy().astype(np.uint8)
