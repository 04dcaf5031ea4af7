"""The weight resolver finds files in installed packages and refuses wrong or missing ones clearly."""
import pytest

from models.common.weights import INSTALL_HINT, WeightsError, resolve, sha256_of


def test_finds_file_and_checks_hash():
    path = resolve("pytest", "__init__.py", None)
    assert resolve("pytest", "__init__.py", sha256_of(path)) == path


def test_searches_by_file_name():
    assert resolve("pytest", "py.typed", None).name == "py.typed"


def test_wrong_hash_names_package_and_fix():
    with pytest.raises(WeightsError, match="unexpected sha256") as exc:
        resolve("pytest", "__init__.py", "0" * 64)
    assert INSTALL_HINT in str(exc.value)


def test_missing_package_names_install_command():
    with pytest.raises(WeightsError, match="not installed") as exc:
        resolve("no_such_weight_pkg", "w.h5", None, dist_name="no-such-weight-pkg")
    assert "no-such-weight-pkg" in str(exc.value) and INSTALL_HINT in str(exc.value)


def test_missing_file():
    with pytest.raises(WeightsError, match="not found"):
        resolve("pytest", "definitely_missing.bin", None)
