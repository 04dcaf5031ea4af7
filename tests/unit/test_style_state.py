"""The style page's state and jobs without Streamlit: a Gatys run stopped through the real scheduler keeps
what it painted, a cancelled run keeps nothing, the 26-style overview is made once, results carry
their encoded pictures, and the charts are built once per choice."""
import io
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image

from models.style.figures import gamma_figure, loss_figure
from tests.unit.style_fixtures import example_image
from ui import style_state as state
from ui.scheduler import JobCancelled, Scheduler


@pytest.fixture(scope="module")
def photos():
    return example_image("dog"), example_image("scream")


def jpeg_size(data: bytes) -> tuple[int, int]:
    img = Image.open(io.BytesIO(data))
    assert img.format == "JPEG"
    return img.size


def test_full_run_reports_every_step_with_jpeg_previews(photos):
    run = state.GatysRun(steps=10, name="scream.jpg", strength=0.5)
    reports = []
    def progress(done, total, preview=None, **info):
        reports.append((done, total, preview, info))

    run.paint(*photos, 64, progress=progress)
    assert [r[0] for r in reports] == list(range(11))  # one report before the first step
    assert all(r[1] == 10 for r in reports) and "loss" in reports[-1][3]
    assert [r[0] for r in reports if r[2] is not None] == [1, 5, 10]
    assert jpeg_size(reports[1][2]) == (64, 48) and run.preview_width == 128
    assert run.ended.is_set() and run.state == "running"  # until the page has kept it
    result = run.close()
    assert run.state == "done" and run.steps_done == 10 and len(run.history) == 10
    assert result["kind"] == "gatys" and result["params"] == {"name": "scream.jpg", "steps": 10, "strength": 0.5}
    assert result["image"].size == result["original"].size == (64, 48)
    assert jpeg_size(result["shown"]) == (64, 48) and result["png"]().startswith(b"\x89PNG")  # made on download


def test_stop_through_the_scheduler_keeps_the_picture_so_far(photos):
    scheduler = Scheduler(workers=2, long_limit=1)
    run = state.GatysRun(steps=300, name="scream.jpg", strength=1.0)
    job = scheduler.submit(lambda job: run.paint(*photos, 64, progress=job.report), size="long", pass_job=True)
    while job.progress.done < 3:
        assert not job.wait(0.05), job.result()
    job.cancel()  # what run_job does when a Stop click reruns the page
    result = run.settle().close()  # what the next run of the page does
    assert run.ended.is_set() and 3 <= run.steps_done < 300 and run.state == "stopped"
    assert result["params"]["steps"] == run.steps_done and result["image"].size == (64, 48)
    with pytest.raises(JobCancelled):
        job.result()


def test_cancelled_before_any_step_keeps_nothing(photos):
    queued = state.GatysRun(steps=10, name="x", strength=1.0)  # dropped from the queue: paint never ran
    assert queued.settle(timeout=0.01) is queued and queued.close() is None and queued.state == "stopped"

    def cancelled(*args, **info):
        raise JobCancelled

    preparing = state.GatysRun(steps=10, name="x", strength=1.0)  # cancelled while VGG16 loaded
    with pytest.raises(JobCancelled):
        preparing.paint(*photos, 64, progress=cancelled)
    assert preparing.ended.is_set() and preparing.steps_done == 0 and preparing.close() is None


def test_overview_is_made_once_and_results_carry_encoded_pictures(photos):
    overview = state.overview()
    assert state.ready_overview() is overview is state.overview()
    assert len(overview.thumbnails) == 26 and jpeg_size(overview.thumbnails[0]) == (112, 112)
    assert overview.gamma.shape == (26, 32)
    result = state.fast_job(photos[0], 3, 20, 0.3, 256, 0.8)
    assert result["kind"] == "mix" and result["params"] == {"a": 3, "strength": 0.8, "b": 20, "share": 0.3}
    assert result["image"].size == result["original"].size == (256, 192)
    assert jpeg_size(result["shown"]) == (256, 192) and jpeg_size(result["shown_original"]) == (256, 192)
    assert state.fast_job(photos[0], 3, None, 0.0, 256, 1.0)["params"] == {"a": 3, "strength": 1.0}


def test_painting_square_is_encoded_once_per_digest(photos):
    first = state.square_preview(SimpleNamespace(digest="scream-digest", image=photos[1]))
    assert jpeg_size(first) == (256, 256)
    assert state.square_preview(SimpleNamespace(digest="scream-digest", image=Image.new("RGB", (8, 8)))) is first


def test_result_labels_name_the_style_and_a_partial_strength():
    def t(key, **p):
        return {"style.result.mix": "Style {a} {a_name} + {b} {b_name} ({share:.0%} of {b})",
                "style.result.gatys": "Gatys {steps}", "style.result.strength": "strength {strength:.0%}",
                "style.names.0": "Delaunay", "style.names.20": "Molzahn"}[key].format(**p)

    mix = {"kind": "mix", "params": {"a": 0, "b": 20, "share": 0.3, "strength": 0.8}}
    assert state.label(mix, t) == "Style 0 Delaunay + 20 Molzahn (30% of 20) · strength 80%"
    assert state.label({"kind": "gatys", "params": {"steps": 9, "strength": 1.0}}, t) == "Gatys 9"


def test_charts_are_built_once_per_choice_and_language():
    gamma = np.arange(26 * 32, dtype=np.float32).reshape(26, 32)
    fig = gamma_figure(gamma, [0, 20], ["Style 0", "Style 20"], "channel")
    assert gamma_figure(gamma, [0, 20], ["Style 0", "Style 20"], "channel") is fig
    assert gamma_figure(gamma, [0, 20], ["화풍 0", "화풍 20"], "채널") is not fig
    assert [tr.name for tr in fig.data] == ["Style 0", "Style 20"] and list(fig.data[1].y) == list(gamma[20])
    history = [{"step": i, "loss": 1.0 / i, "style": 2.0 / i, "content": 0.1 * i} for i in range(1, 6)]
    loss = loss_figure(history, {"style": "style", "content": "content"}, "Loss")
    assert loss_figure(list(history), {"style": "style", "content": "content"}, "Loss") is loss
    assert [tr.name for tr in loss.data] == ["style", "content"] and list(loss.data[0].x) == [1, 2, 3, 4, 5]
