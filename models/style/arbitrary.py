"""Any painting as the style: Magenta's arbitrary-image stylisation (Ghiasi et al. 2017) in onnxruntime.

Two int8 networks: a MobileNet "style predictor" squeezes a 256×256 style image into 100 numbers,
and a transformer paints a 384×384 content image with them. That 100-number vector plays the role
of the 26-row gamma/beta tables of the multistyle network, but is predicted for any picture.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from models.common.images import scaled_size
from models.style.assets import onnx_session
from models.style.imaging import centre_square, reflect_pad_to, to_array01, to_image

CONTENT_SIDE = 384  # the transformer's fixed input
STYLE_SIDE = 256  # the predictor's fixed input
VECTOR_SIZE = 100


@dataclass
class ArbitraryStyler:
    predict: object  # onnxruntime session: style image → style vector
    transform: object  # onnxruntime session: content + style vector → stylised

    def style_vector(self, style_image: Image.Image) -> np.ndarray:
        """Centre square of the painting at 256 px → a 1×1×1×100 style vector."""
        x = to_array01(centre_square(style_image.convert("RGB"), STYLE_SIDE))[None]
        return self.predict.run(None, {self.predict.get_inputs()[0].name: x})[0]

    def stylise(
        self, image: Image.Image, style_image: Image.Image, strength: float = 1.0, max_side: int = 768
    ) -> Image.Image:
        """Paint `image` like `style_image`. `strength` interpolates between the photo's own style
        vector (0) and the painting's (1), as in Magenta's demo. The network runs at 384 px on the
        longer side; the result is resized to the photo's size capped at `max_side` (aspect kept)."""
        if not 0.0 <= strength <= 1.0:
            raise ValueError(f"strength must be between 0 and 1, got {strength}")
        content = image.convert("RGB")
        vector = self.style_vector(style_image)
        if strength < 1.0:
            vector = strength * vector + (1.0 - strength) * self.style_vector(content)
        net_size = scaled_size(content.size, CONTENT_SIDE)  # small photos too: the net's usual scale
        small = content if net_size == content.size else content.resize(net_size, Image.LANCZOS)
        arr = to_array01(small)
        h, w = arr.shape[:2]
        names = [i.name for i in self.transform.get_inputs()]
        padded = reflect_pad_to(arr, CONTENT_SIDE, CONTENT_SIDE)[None]
        out = self.transform.run(None, {names[0]: padded, names[1]: vector.astype(np.float32)})[0][0, :h, :w]
        # `fit_within(content, max_side).size`, without resizing a big photo just to learn its size
        target = content.size if max(content.size) <= max_side else scaled_size(content.size, max_side)
        result = to_image(out)
        return result if result.size == target else result.resize(target, Image.LANCZOS)


def load_arbitrary(threads: int | None = None) -> ArbitraryStyler:
    """Open both onnxruntime sessions (call once per process)."""
    return ArbitraryStyler(onnx_session("arbitrary_predict", threads), onnx_session("arbitrary_transform", threads))
