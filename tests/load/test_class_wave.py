"""A small class over Streamlit's own protocol (bench/load.py, no browser): every student gets a result.

Five students act at the same moment on one server: two upload a photo to the dog page, one generates
music, one runs a ready-made style, one dreams with the defaults. Each must see its result drawn
(plotly chart, audio player, a new image) and no exception element; a late visitor opening home during
the wave must get its page. Timings are the benchmark's business (bench/bench_load.py), not asserted.
"""
from __future__ import annotations

import os

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import load

MIX = {"dog": 2, "music": 1, "style": 1, "dream": 1}
TIMEOUT = 240.0  # per action: the first students on a cold server load every model


@pytest.fixture(scope="module")
def server():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SHOWCASE_RAISE", "1")  # app.py: a page's exception as an exception element, not a notice
        with load.local_server() as (url, pid):
            yield url, pid


@pytest.mark.slow
def test_mixed_wave_every_student_gets_a_result(server):
    url, pid = server
    wave = load.run_wave_sync(url, MIX, lang="ko", timeout=TIMEOUT, server_pid=pid)
    report = [(r.kind, r.student, r.phase, r.error) for r in wave.failures]
    assert not wave.failures, f"students without a result: {report}"
    assert [r.kind for r in wave.records].count("dog") == 2 and len(wave.records) == sum(MIX.values())
    assert all(r.seconds is not None and r.runs >= 1 for r in wave.records)  # no exception, no error box
    assert all(r.upload_seconds is not None for r in wave.records if r.kind == "dog")
    assert wave.late_visitor_seconds is not None, wave.late_visitor_error
    assert wave.rss_bytes and wave.rss_bytes > 0
    assert wave.action_cpu_seconds and 0 < wave.action_cpu_seconds < wave.wall_seconds * (os.cpu_count() or 1)
    assert set(wave.p95) == {"all", *MIX}


@pytest.mark.slow
def test_phone_photos_get_their_results(server):
    """12 MP phone photos stored sideways (EXIF), as a class uploads them, on the dog and style pages."""
    url, _ = server
    wave = load.run_wave_sync(url, {"dog": 1, "style": 1}, lang="ko", timeout=TIMEOUT, late=False, phone=True,
                              first=50)
    assert not wave.failures, [(r.kind, r.phase, r.error) for r in wave.failures]


@pytest.mark.slow
def test_missing_widget_is_reported_not_waited_for(server):
    """A page without the widget a student needs fails that student at once, with the key named."""
    url, _ = server

    async def student():
        client = load.Client(url, "ko")
        try:
            await client.connect()
            await client.open("", 120)
            await client.open(load.PAGES["music"], 120)
            with pytest.raises(load.LoadError, match="no_such_key"):
                client.widget("no_such_key")
            return client.widget(load.ACTION_KEYS["music"])[1]
        finally:
            await client.close()

    assert load.run_sync(student()) == "button"


# --- no server: how the client reads what the server sends ------------------------------------------
def _finished(client: load.Client, status=ForwardMsg.FINISHED_SUCCESSFULLY) -> load.Run:
    msg = ForwardMsg()
    msg.script_finished = status
    client._handle(msg)
    return client.runs[-1]


def _element(client: load.Client, fill) -> None:
    msg = ForwardMsg()
    fill(msg.delta.new_element)
    client._handle(msg)


def test_exception_element_and_runs_cut_short():
    async def go():
        client = load.Client("http://127.0.0.1:1", "ko")
        _element(client, lambda el: el.imgs.imgs.add(url="/media/thumb.png"))
        before = [_finished(client)]
        check = load.result_check("style", before)
        _element(client, lambda el: el.imgs.imgs.add(url="/media/thumb.png"))
        early = _finished(client, ForwardMsg.FINISHED_EARLY_FOR_RERUN)
        _element(client, lambda el: el.imgs.imgs.add(url="/media/result.png"))
        _element(client, lambda el: (setattr(el.exception, "type", "ValueError"),
                                     setattr(el.exception, "message", "boom")))
        done = _finished(client)
        return check, early, done

    check, early, done = load.run_sync(go())
    assert early.early and not check(early)  # only the thumbnails it already had
    assert check(done) and done.exceptions == ["ValueError: boom"]


def test_counted_results_and_percentiles():
    before, after = load.Run(counts={"plotly_chart": 1}), load.Run(counts={"plotly_chart": 3})
    assert load.result_check("dog", [before])(after) and not load.result_check("dog", [after])(before)
    assert load.result_check("music", [])(load.Run(counts={"audio": 2}))
    assert load.percentile([], 95) is None
    assert load.percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert load.percentile(list(map(float, range(1, 21))), 95) == pytest.approx(19.05)
    assert load.parse_mix("dog=15,style=5, music=5,dream=5") == {"dog": 15, "style": 5, "music": 5, "dream": 5}
    with pytest.raises(ValueError):
        load.parse_mix("cat=3")


def test_error_box_counts_as_broken():
    """app.py shows unexpected exceptions as a translated st.error: that is a failure, not a page."""
    run = load.Run(error_alerts=["예상하지 못한 문제가 생겼어요."])
    with pytest.raises(load.LoadError, match="error shown"):
        load._raise_if_broken(run, "opening /music")
    load._raise_if_broken(load.Run(counts={"alert": 1}), "opening /music")  # info boxes are fine


def test_a_widget_inside_a_fragment_reruns_only_its_fragment_as_a_browser_does():
    """The music tools are fragments: a click there must send the fragment's rerun, not the whole page's."""
    client = load.Client("http://127.0.0.1:1", "ko")
    sent = []

    async def capture(back):
        sent.append(back)

    client._send = capture
    for key, fragment in (("$$ID-a-music_generate", "frag-1"), ("$$ID-b-dog_upload", "")):
        msg = ForwardMsg()
        msg.delta.new_element.button.id = key
        msg.delta.fragment_id = fragment
        client._handle(msg)

    async def go():
        await client._rerun_for("$$ID-a-music_generate")()
        await client._rerun_for("$$ID-b-dog_upload")()

    load.run_sync(go())
    assert [b.rerun_script.fragment_id for b in sent] == ["frag-1", ""]
