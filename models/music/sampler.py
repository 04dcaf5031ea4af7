"""Compiled, stateful sampling loops: one LSTM step per 16th note, never re-running the sequence.

Both models are stepped through their own Keras layers (embedding, `LSTM.cell`, dense) inside a
`tf.while_loop` under `tf.function`; randomness is stateless, so a seed fixes the output.
"""
from __future__ import annotations

import numpy as np

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


def _pick(logits, temperature, seed, t):
    """Greedy when temperature <= 0, else a stateless categorical draw at this step."""
    import tensorflow as tf

    sampled = tf.random.stateless_categorical(logits / tf.maximum(temperature, 1e-3), 1,
                                              seed=tf.stack([seed[0], seed[1] + t]), dtype=tf.int32)[:, 0]
    greedy = tf.argmax(logits, axis=-1, output_type=tf.int32)
    return tf.where(temperature > 0, sampled, greedy)


class MelodySampler:
    """Continue primers (batch, P) by n steps with the melody LSTM."""

    def __init__(self, model):
        import tensorflow as tf

        self.embed = model.get_layer("embed")
        self.cells = [l.cell for l in model.layers if l.name.startswith("lstm_")]
        self.dense = model.get_layer("logits")
        self._loop = tf.function(self._loop_py, input_signature=[
            tf.TensorSpec([None, None], tf.int32), tf.TensorSpec([], tf.int32),
            tf.TensorSpec([], tf.float32), tf.TensorSpec([2], tf.int32)])

    def _loop_py(self, primer, n_new, temperature, seed):
        import tensorflow as tf

        batch, p_len = tf.shape(primer)[0], tf.shape(primer)[1]
        states = [[tf.zeros([batch, c.units]), tf.zeros([batch, c.units])] for c in self.cells]
        total = p_len + n_new
        out = tf.TensorArray(tf.int32, size=total).unstack(tf.transpose(tf.pad(primer, [[0, 0], [0, n_new]])))

        def body(t, token, states, out):
            logits, states = _step(self.embed, self.cells, self.dense, token, states)
            chosen = _pick(logits, temperature, seed, t)
            nxt = tf.cond(t + 1 < p_len, lambda: out.read(t + 1), lambda: chosen)
            return t + 1, nxt, states, out.write(t + 1, nxt)

        _, _, _, out = tf.while_loop(lambda t, *_: t < total - 1, body, (0, primer[:, 0], states, out))
        return tf.transpose(out.stack())

    def sample(self, primer: np.ndarray, n_new: int, temperature: float, seed: int) -> np.ndarray:
        primer = np.atleast_2d(np.asarray(primer, dtype=np.int32))
        out = self._loop(primer, np.int32(n_new), np.float32(temperature), np.array([seed, 0], np.int32))
        return out.numpy().astype(np.uint8)


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
