"""Class checks and the stratified 80/20 split."""
import numpy as np
import pytest
from PIL import Image

from models.teachable.dataset import TeachError, check_classes, scan_folder, stratified_split


@pytest.mark.parametrize("counts", [[10, 10], [5, 17, 2], [2, 2, 2, 2, 2, 2], [100, 3]])
def test_split_is_stratified_disjoint_and_complete(counts):
    labels = np.repeat(np.arange(len(counts)), counts)
    train, val = stratified_split(labels, seed=3)
    assert set(train).isdisjoint(val)
    assert sorted([*train, *val]) == list(range(len(labels)))
    for c, n in enumerate(counts):
        n_val = int((labels[val] == c).sum())
        assert 1 <= n_val <= n - 1, "each class is both learned and checked"
        assert abs(n_val - 0.2 * n) <= 1


def test_split_depends_on_seed_only():
    labels = [0] * 10 + [1] * 10
    a, b = stratified_split(labels, seed=1), stratified_split(labels, seed=1)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(stratified_split(labels, seed=2)[1], a[1])


def test_split_refuses_a_class_with_one_image():
    with pytest.raises(TeachError) as err:
        stratified_split([0, 0, 0, 1])
    assert err.value.code == "too_few_images"


@pytest.mark.parametrize(
    "names, counts, code",
    [
        (["cats"], [5], "too_few_classes"),
        ([str(i) for i in range(7)], [3] * 7, "too_many_classes"),
        (["cats", " "], [3, 3], "empty_name"),
        (["고양이", "고양이 "], [3, 3], "duplicate_name"),
        (["cats", "dogs"], [3, 1], "too_few_images"),
    ],
)
def test_check_classes_reports_what_to_fix(names, counts, code):
    with pytest.raises(TeachError) as err:
        check_classes(names, counts)
    assert err.value.code == code


def test_check_classes_accepts_korean_names():
    check_classes(["고양이", "커피"], [2, 2])


def test_scan_folder_reads_one_subfolder_per_class(tmp_path):
    for name, n in (("b_coffee", 3), ("a_cat", 2)):
        (tmp_path / name).mkdir()
        for i in range(n):
            Image.new("RGB", (16, 16)).save(tmp_path / name / f"{i}.png")
    (tmp_path / "a_cat" / "notes.txt").write_text("ignored")
    data = scan_folder(tmp_path)
    assert data.labels == ["a_cat", "b_coffee"]
    assert data.targets == [0, 0, 1, 1, 1]


def test_scan_folder_errors(tmp_path):
    with pytest.raises(TeachError) as err:
        scan_folder(tmp_path / "missing")
    assert err.value.code == "missing_dir"
    (tmp_path / "only").mkdir()
    with pytest.raises(TeachError) as err:
        scan_folder(tmp_path)
    assert err.value.code == "too_few_classes"
