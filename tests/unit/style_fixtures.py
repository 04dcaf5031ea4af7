"""Photos the style unit tests paint: the shared one-click examples, decoded exactly like an upload."""
from PIL import Image

from models.common.examples import get_example
from models.common.images import load_image


def example_image(key: str) -> Image.Image:
    """An example ('dog' is darknet's 768×576 dog.jpg, 'scream' Munch's painting) as RGB."""
    return load_image(get_example(key).jpeg_bytes(), key).image
