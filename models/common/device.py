"""Which compute device TensorFlow sees. Imports TensorFlow, so call it lazily (never on import)."""
from __future__ import annotations


def compute_device() -> str:
    """'GPU ×n' when TensorFlow sees n GPUs, else 'CPU'."""
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    if gpus:
        return f"GPU ×{len(gpus)}"
    return "CPU"
