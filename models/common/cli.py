"""Shared shell entry-point behaviour: bad input ends in one clear line and a non-zero exit."""
from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from PIL import Image

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


class UserError(Exception):
    """Input the user can fix (bad file, bad option): reported as one line, exit code 2."""


def read_image(path) -> Image.Image:
    """An RGB image from a path given on the command line, or a UserError that says why not."""
    from models.common.images import ImageLoadError, load_image_file

    try:
        return load_image_file(str(path)).image
    except ImageLoadError as exc:
        raise UserError(f"cannot read image '{path}': {exc}") from None


def print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def run_cli(main: Callable[[list[str] | None], int | None], argv: list[str] | None = None) -> None:
    """Run `main`, turning any failure into `error: ...` on stderr and a non-zero exit code."""
    try:
        code = main(argv)
    except KeyboardInterrupt:
        sys.exit(130)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - the CLI contract is one line, never a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
    sys.exit(code or 0)
