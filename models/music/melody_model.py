"""MelodyRNN-style next-step model: embedding -> stacked LSTM -> logits over 38 melody classes.

Written with backend-neutral Keras so it trains on TensorFlow, JAX or PyTorch; the app samples
from it with a compiled, stateful TensorFlow loop (`generate.py`).
"""
from __future__ import annotations

import json
from pathlib import Path

from models.music.encoding import NUM_CLASSES

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WEIGHTS = ARTIFACTS / "melody_rnn.weights.h5"
CONFIG = ARTIFACTS / "melody_rnn.json"
DEFAULT_CONFIG = {"embed": 64, "units": 256, "layers": 2, "dropout": 0.3}


def build_melody_model(embed: int = 64, units: int = 256, layers: int = 2, dropout: float = 0.3, **_):
    import keras

    tokens = keras.Input(shape=(None,), dtype="int32", name="tokens")
    x = keras.layers.Embedding(NUM_CLASSES, embed, name="embed")(tokens)
    for i in range(layers):
        x = keras.layers.LSTM(units, return_sequences=True, name=f"lstm_{i}")(x)
        x = keras.layers.Dropout(dropout, name=f"dropout_{i}")(x)
    logits = keras.layers.Dense(NUM_CLASSES, name="logits")(x)
    return keras.Model(tokens, logits, name="melody_rnn")


def load_melody_model(weights: Path = WEIGHTS, config: Path = CONFIG):
    """The committed model (its config JSON also holds the metrics shown in the app)."""
    meta = json.loads(config.read_text())
    model = build_melody_model(**meta["config"])
    model.load_weights(weights)
    return model, meta
