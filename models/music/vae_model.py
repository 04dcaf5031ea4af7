"""A small 2-bar MusicVAE: BiLSTM encoder -> z (64) -> LSTM decoder conditioned on z at every step.

As in Magenta's MusicVAE, z also sets the decoder's initial state, and KL is penalised only above
a free-bits budget so the decoder cannot ignore z. Backend-neutral Keras (trains on JAX/Torch/TF).
"""
from __future__ import annotations

import json
from pathlib import Path

from models.music.encoding import NUM_CLASSES

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WEIGHTS = ARTIFACTS / "music_vae_2bar.weights.h5"
CONFIG = ARTIFACTS / "music_vae_2bar.json"
STEPS = 32                 # 2 bars of 16th notes
GO = NUM_CLASSES           # decoder start token
DEFAULT_CONFIG = {"embed": 64, "enc_units": 256, "dec_units": 256, "dec_layers": 2, "z_dim": 64,
                  "beta": 0.5, "free_bits": 48.0}


def _latent_layer():
    import keras
    from keras import ops

    class Reparameterize(keras.layers.Layer):
        """z = mu + sigma * eps while training (mu at inference); adds beta * max(KL - free bits, 0)."""

        def __init__(self, beta: float, free_bits: float, **kwargs):
            super().__init__(**kwargs)
            self.beta, self.free_bits = beta, free_bits
            self.seed_generator = keras.random.SeedGenerator(0)

        def call(self, inputs, training=None):
            mu, logvar = inputs
            kl = -0.5 * ops.sum(1.0 + logvar - ops.square(mu) - ops.exp(logvar), axis=-1)
            self.add_loss(self.beta * ops.mean(ops.maximum(kl - self.free_bits, 0.0)))
            if not training:
                return mu
            eps = keras.random.normal(ops.shape(mu), seed=self.seed_generator)
            return mu + ops.exp(0.5 * logvar) * eps

    return Reparameterize


def build_vae(embed=64, enc_units=256, dec_units=256, dec_layers=2, z_dim=64, beta=0.5, free_bits=48.0):
    """Returns (vae, encoder, decoder). vae([tokens, decoder_inputs]) -> logits (teacher forcing)."""
    import keras

    tokens = keras.Input(shape=(STEPS,), dtype="int32", name="tokens")
    h = keras.layers.Embedding(NUM_CLASSES, embed, name="enc_embed")(tokens)
    h = keras.layers.Bidirectional(keras.layers.LSTM(enc_units), name="enc_bilstm")(h)
    mu = keras.layers.Dense(z_dim, name="z_mu")(h)
    logvar = keras.layers.Dense(z_dim, name="z_logvar")(h)
    encoder = keras.Model(tokens, [mu, logvar], name="encoder")

    z_in = keras.Input(shape=(z_dim,), name="z")
    dec_tokens = keras.Input(shape=(None,), dtype="int32", name="decoder_inputs")
    x = keras.layers.Embedding(NUM_CLASSES + 1, embed, name="dec_embed")(dec_tokens)
    z_steps = keras.layers.Lambda(
        lambda a: keras.ops.repeat(keras.ops.expand_dims(a[0], 1), keras.ops.shape(a[1])[1], axis=1),
        name="z_each_step")([z_in, x])
    x = keras.layers.Concatenate(name="dec_in")([x, z_steps])
    for i in range(dec_layers):
        init = keras.layers.Dense(2 * dec_units, activation="tanh", name=f"z_to_state_{i}")(z_in)
        h0, c0 = keras.layers.Lambda(lambda s: keras.ops.split(s, 2, axis=-1), name=f"state_{i}")(init)
        x = keras.layers.LSTM(dec_units, return_sequences=True, name=f"dec_lstm_{i}")(x, initial_state=[h0, c0])
    logits = keras.layers.Dense(NUM_CLASSES, name="dec_logits")(x)
    decoder = keras.Model([z_in, dec_tokens], logits, name="decoder")

    mu_t, logvar_t = encoder(tokens)
    z = _latent_layer()(beta, free_bits, name="reparameterize")([mu_t, logvar_t])
    vae = keras.Model([tokens, dec_tokens], decoder([z, dec_tokens]), name="music_vae")
    return vae, encoder, decoder


def load_vae(weights: Path = WEIGHTS, config: Path = CONFIG):
    meta = json.loads(config.read_text())
    vae, encoder, decoder = build_vae(**meta["config"])
    vae.load_weights(weights)
    return encoder, decoder, meta
