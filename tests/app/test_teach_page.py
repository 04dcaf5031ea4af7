"""Teachable page flow in AppTest: classes, uploads, bad input, training through the job queue (features
short, training long with live curves, export short), try-it and import/export computed once, not per rerun."""
import io

import pytest
from streamlit.testing.v1 import AppTest

from models.teachable.samples import crop_classes
from tests.apptest import open_page
from ui.i18n import t
from ui.scheduler import Progress

PAGE = "pages/teachable.py"


def _jpegs(name, n, seed):
    files = []
    for i, img in enumerate(crop_classes((name,), n, seed)[name]):  # quick, always-separable test photos
        buf = io.BytesIO()
        img.save(buf, "JPEG")
        files.append((f"{name}_{seed}_{i}.jpg", buf.getvalue(), "image/jpeg"))
    return files


def _page(lang="en") -> AppTest:
    return open_page(PAGE, lang, timeout=180)


def _texts(at) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "caption", "error", "info", "success", "warning")
                    for e in getattr(at, kind))


def _add(at, cid, files):
    at.segmented_control(key=f"teach_add_{cid}_source").set_value("upload").run()  # examples are the default
    box = at.session_state[f"teach_box_{cid}"] if f"teach_box_{cid}" in at.session_state else 0
    at.file_uploader(key=f"teach_add_{cid}_upload" + (f"_{box}" if box else "")).set_value(files).run()
    at.button(key=f"teach_addbtn_{cid}").click().run()
    assert not at.exception


def test_korean_page_opens_with_two_empty_classes():
    at = _page("ko")
    assert at.title[0].value.endswith(t("teach.title", lang="ko"))
    assert [w.value for w in at.text_input] == ["클래스 1", "클래스 2"]


def test_train_needs_photos():
    at = _page()
    at.button(key="teach_train").click().run()
    assert not at.exception
    assert at.error[0].value == t("teach.errors.too_few_images", lang="en", name="Class 1", count=0, need=2)


@pytest.fixture(scope="module")
def jobs():
    """Every `run_job` call the page makes: (job name, size, progress?, live preview?)."""
    import ui.jobs

    calls, real = [], ui.jobs.run_job

    def recording(fn, *args, size="short", progress=False, preview=None, progress_text=None, **kwargs):
        calls.append((fn.__name__, size, progress, preview is not None))
        if fn.__name__ == "teach_job":
            calls.append(progress_text(Progress(3, 4, info={"acc": 0.5})))
        return real(fn, *args, size=size, progress=progress, preview=preview, progress_text=progress_text, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ui.jobs, "run_job", recording)
        yield calls


@pytest.fixture(scope="module")
def trained(jobs):
    at = _page()
    at.text_input(key="teach_name_1").set_value("cat").run()
    at.text_input(key="teach_name_2").set_value("커피").run()
    _add(at, 1, _jpegs("cat", 5, 1))
    _add(at, 2, _jpegs("coffee", 5, 2))
    at.slider(key="teach_epochs").set_value(4).run()
    at.toggle(key="teach_augment").set_value(False).run()
    at.button(key="teach_train").click().run()
    assert not at.exception
    return at


def test_upload_adds_photos_and_bad_files_are_reported(trained):
    at = trained
    assert t("teach.classes.count", lang="en", n=5) in _texts(at)
    keys = {u.key for u in at.file_uploader}  # added photos left their upload boxes: new, empty ones
    assert {"teach_add_1_upload_1", "teach_add_2_upload_1"} <= keys and "teach_add_1_upload" not in keys
    assert not at.file_uploader(key="teach_add_1_upload_1").value
    at.segmented_control(key="teach_add_1_source").set_value("upload").run()  # examples are the default
    at.file_uploader(key="teach_add_1_upload_1").set_value([("broken.jpg", b"\xff\xd8garbage", "image/jpeg")]).run()
    assert not at.exception
    assert any("broken.jpg" in e.value for e in at.error)
    assert len(at.session_state["teach_classes"].items[0].photos) == 5  # nothing lost


def test_training_shows_curves_metrics_and_export(trained):
    at = trained
    taught = at.session_state["teach_result"]["taught"]
    assert taught.labels == ["cat", "커피"]
    assert len(taught.history.loss) == 4
    assert len(taught.val_idx) == 2
    assert at.metric[0].value == f"{taught.evaluation.accuracy:.0%}"
    assert len(at.get("plotly_chart")) >= 2  # curves + confusion matrix
    assert at.get("download_button")
    result = at.session_state["teach_result"]
    export, figures = result["export"], dict(result["figs"])
    assert set(figures) == {("curves", "en"), ("confusion", "en")}
    at.run()  # a rerun that changed nothing builds nothing
    assert result["export"] is export and all(result["figs"][k] is fig for k, fig in figures.items())


def test_training_goes_through_the_job_queue(trained, jobs):
    assert jobs[:3] == [("features_job", "short", True, False), ("teach_job", "long", True, True),
                        t("teach.train.epoch", lang="en", epoch=3, epochs=4, acc=0.5)]
    # then the try-it panel reads its preselected example at once, and the export is made
    assert {("predict_job", "short", False, False), ("export_job", "short", False, False)} <= set(jobs[3:5])


def test_try_it_shows_probabilities(trained):
    at = trained
    assert at.session_state["teach_try_example"] == "fashion_sneaker"  # a held-out Fashion-MNIST photo first
    at.segmented_control(key="teach_try_source").set_value("upload").run()  # examples are the default
    at.file_uploader(key="teach_try_upload").set_value(_jpegs("coffee", 1, 7)[0]).run()
    assert not at.exception
    assert "**커피**" in _texts(at)
    answer = at.session_state["teach_try"]
    at.run()
    assert at.session_state["teach_try"] is answer and "**커피**" in _texts(at)  # kept, not computed again


def test_removing_a_photo_marks_the_model_stale(trained):
    at = trained
    remove = [b for b in at.button if b.key and b.key.startswith("teach_rm_1_")]
    remove[0].click().run()
    assert len(at.session_state["teach_classes"].items[0].photos) == 4
    assert t("teach.train.stale", lang="en") in _texts(at)


def test_import_good_and_bad_model_files(trained, jobs):
    at = trained
    at.file_uploader(key="teach_import").set_value(("x.keras", b"not a model", "application/octet-stream")).run()
    assert not at.exception
    assert t("teach.errors.bad_model_file", lang="en") in _texts(at)
    at.run()  # said again while the file stays, without reading it again
    assert t("teach.errors.bad_model_file", lang="en") in _texts(at)

    from models.teachable.export import full_model, to_bytes
    from models.teachable.features import load_embedder

    taught = at.session_state["teach_result"]["taught"]
    data = to_bytes(full_model(load_embedder().extractor, taught.head, ["dog", "cat"]))
    at.file_uploader(key="teach_import").set_value(("m.keras", data, "application/octet-stream")).run()
    assert not at.exception
    assert at.session_state["teach_active"] == "imported"
    assert t("teach.export.imported", lang="en", labels="dog, cat") in _texts(at)
    assert t("teach.try.using_imported", lang="en", labels="dog, cat") in _texts(at)
    assert [c for c in jobs if c[0] == "from_bytes"] == [("from_bytes", "short", False, False)] * 2


def test_ready_made_example_fills_three_classes_and_trains():
    at = _page("ko")
    note = t("teach.classes.sample_note", lang="ko")
    assert note in _texts(at)
    at.button(key="teach_sample").click().run()
    assert not at.exception
    classes = at.session_state["teach_classes"]
    assert classes.labels == ["운동화", "샌들", "앵클부츠"]
    assert classes.counts == [30, 30, 30]  # distinct photos: none was dropped as a duplicate
    assert not [b for b in at.button if b.key == "teach_sample"]  # offered only while no photo exists
    assert note in _texts(at)  # what the validation accuracy means stays said
    at.slider(key="teach_epochs").set_value(5).run()
    at.toggle(key="teach_augment").set_value(False).run()
    at.button(key="teach_train").click().run()
    assert not at.exception
    taught = at.session_state["teach_result"]["taught"]
    assert (len(taught.train_idx), len(taught.val_idx)) == (72, 18)  # 6 of every 30 held out
    assert at.session_state["teach_try_example"] == "fashion_sneaker"
    assert at.session_state["teach_try"]["probs"].shape == (3,)
    at.text_input(key=f"teach_name_{classes.items[0].id}").set_value("새 이름").run()
    assert note not in _texts(at)  # no longer the ready-made example


def test_conflicting_labels_show_misclassified_thumbnails():
    """The same two photos in both classes: whatever the split, a validation photo must be wrong."""
    at = _page()
    photos = _jpegs("cat", 2, 3)
    _add(at, 1, photos)
    _add(at, 2, photos)
    at.select_slider(key="teach_lr").set_value(0.01).run()
    at.toggle(key="teach_augment").set_value(False).run()
    at.button(key="teach_train").click().run()
    assert not at.exception
    mistakes = at.session_state["teach_result"]["taught"].evaluation.misclassified
    assert mistakes
    captions = [img.caption for el in at.get("image") for img in el.proto.imgs if img.caption]
    assert any(c.startswith(("Class 1 → Class 2", "Class 2 → Class 1")) for c in captions)


def test_photos_waiting_in_two_upload_boxes_are_not_decoded_again_on_a_rerun(monkeypatch):
    """Each box keeps its own decoded files: one box's photos do not push out the other's."""
    import ui.image_input

    decoded, real = [], ui.image_input._decode
    monkeypatch.setattr(ui.image_input, "_decode", lambda data, name: decoded.append(name) or real(data, name))
    at = _page()
    for cid in (1, 2):
        at.segmented_control(key=f"teach_add_{cid}_source").set_value("upload").run()
        at.file_uploader(key=f"teach_add_{cid}_upload").set_value(_jpegs("cat" if cid == 1 else "coffee", 7, cid)).run()
    assert len(decoded) == 14 and not at.exception
    at.slider(key="teach_epochs").set_value(4).run()  # a rerun that uploads nothing new
    assert len(decoded) == 14
