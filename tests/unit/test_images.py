"""Every odd input the shared image loader must survive, one test each."""
import io

import numpy as np
import pytest
from PIL import Image

from models.common.images import MAX_FILE_BYTES, ImageLoadError, fit_within, load_image


def encode(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def error_code(data: bytes, name: str = "x.png") -> str:
    with pytest.raises(ImageLoadError) as exc:
        load_image(data, name)
    return exc.value.code


def test_plain_jpeg_is_rgb():
    out = load_image(encode(Image.new("RGB", (64, 48), (200, 10, 10)), "JPEG"), "a.jpg")
    assert out.image.mode == "RGB" and out.image.size == (64, 48)


def test_empty_file():
    assert error_code(b"") == "empty"


def test_truncated_file():
    data = encode(Image.fromarray(np.random.default_rng(0).integers(0, 255, (256, 256, 3), np.uint8)), "JPEG")
    assert error_code(data[: len(data) // 3], "cut.jpg") == "corrupt"


def test_text_with_image_extension():
    assert error_code(b"hello, I am not a picture\n" * 20, "fake.jpg") == "not_image"


def test_decompression_bomb_is_refused():
    # 8000 x 8000 = 64 MP of one colour compresses to a tiny PNG
    assert error_code(encode(Image.new("L", (8000, 8000)), "PNG"), "bomb.png") == "too_many_pixels"


def test_file_over_20_mb():
    assert error_code(b"\xff\xd8" + b"0" * (MAX_FILE_BYTES + 1), "big.jpg") == "too_big"


def test_cmyk_jpeg():
    out = load_image(encode(Image.new("CMYK", (32, 32), (0, 255, 255, 0)), "JPEG"), "cmyk.jpg")
    r, g, b = out.image.getpixel((16, 16))
    assert out.image.mode == "RGB" and r > 200 and g < 60 and b < 60


def test_palette_png():
    img = Image.new("P", (32, 32))
    img.putpalette([0, 0, 255] + [0] * 765)
    out = load_image(encode(img, "PNG"), "p.png")
    assert out.image.getpixel((0, 0)) == (0, 0, 255)


@pytest.mark.parametrize("mode,color", [("RGBA", (255, 0, 0, 0)), ("LA", (0, 0))])
def test_transparency_composited_on_white(mode, color):
    out = load_image(encode(Image.new(mode, (32, 32), color), "PNG"), "t.png")
    assert out.image.getpixel((5, 5)) == (255, 255, 255)


def test_16_bit_greyscale():
    img = Image.frombytes("I;16", (32, 32), np.full((32, 32), 65535 // 2, "<u2").tobytes())
    data = encode(img, "PNG")
    assert Image.open(io.BytesIO(data)).mode.startswith("I")
    out = load_image(data, "g16.png")
    value = out.image.getpixel((0, 0))
    assert out.image.mode == "RGB" and 120 <= value[0] <= 135 and value[0] == value[1] == value[2]


def test_exif_orientation_is_applied():
    img = Image.new("RGB", (60, 30), (0, 128, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise on display
    out = load_image(encode(img, "JPEG", exif=exif), "rot.jpg")
    assert out.image.size == (30, 60)


def test_animated_gif_first_frame():
    frames = [Image.new("RGB", (32, 32), c) for c in ((255, 0, 0), (0, 0, 255))]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    r, g, b = load_image(buf.getvalue(), "anim.gif").image.getpixel((10, 10))
    assert r > 200 and b < 60


@pytest.mark.parametrize("fmt", ["WEBP", "BMP"])
def test_other_formats(fmt):
    assert load_image(encode(Image.new("RGB", (20, 20), (1, 2, 3)), fmt), f"x.{fmt.lower()}").image.size == (20, 20)


def test_unsupported_format():
    assert error_code(encode(Image.new("RGB", (20, 20)), "TIFF"), "x.tif") == "unsupported"


def test_fit_within_keeps_aspect_and_never_upscales():
    img = Image.new("RGB", (1000, 500))
    assert fit_within(img, 200).size == (200, 100)
    assert fit_within(img, 4000).size == (1000, 500)


def phone_photo(size=(4032, 3024)) -> bytes:
    """A 12 MP phone photo held upright: stored sideways with EXIF orientation 6, left half red."""
    img = Image.new("RGB", size, (20, 40, 220))
    img.paste((220, 30, 30), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[0x0112] = 6
    return encode(img, "JPEG", quality=90, exif=exif)


def test_big_jpeg_is_decoded_small_and_upright():
    from models.common.images import DRAFT_SLACK

    out = load_image(phone_photo(), "phone.jpg", max_side=1024)
    w, h = out.image.size
    assert h > w and 1024 * DRAFT_SLACK <= h <= 1024  # upright, libjpeg's 1/4 scale: 756 × 1008
    assert out.image.getpixel((w // 2, h // 8))[0] > 180  # the stored left half is on top once turned
    assert out.image.getpixel((w // 2, h - h // 8))[2] > 180


def test_big_png_is_resized_to_max_side_and_small_files_are_untouched():
    big = load_image(encode(Image.new("RGB", (3000, 1500), (9, 9, 9)), "PNG"), "big.png", max_side=1024)
    assert big.image.size == (1024, 512)
    assert load_image(encode(Image.new("RGB", (640, 480)), "JPEG"), "a.jpg", max_side=1024).image.size == (640, 480)


def test_without_max_side_the_full_photo_is_decoded():
    assert load_image(phone_photo((1600, 1200)), "phone.jpg").image.size == (1200, 1600)
