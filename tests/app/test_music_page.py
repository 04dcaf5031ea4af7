"""AppTest for the music studio page: every tool produces a result with roll, audio and downloads."""
import io

import pretty_midi
import pytest

from models.music.midi_io import midi_bytes
from models.music.primers import primer_classes
from models.music.song import Song
from tests.apptest import open_page
from ui.music_state import MelodyChoice


@pytest.fixture
def at():
    return open_page("pages/music.py", "en", timeout=240)


def _results(app):
    return app.session_state["music_results"]


def test_generate_then_drumify_interpolate_keep_every_result(at):
    at.slider(key="music_gen_bars").set_value(4)
    at.slider(key="music_gen_variations").set_value(2)
    at.button(key="music_generate").click().run()
    assert not at.exception
    assert len(_results(at)) == 2
    assert len(at.get("audio")) == 2 and len(at.get("plotly_chart")) == 2
    assert len(at.get("download_button")) == 6

    at.button(key="music_drumify").click().run()
    assert not at.exception
    newest = _results(at)[0]
    assert newest["song"].drums and "pattern" in newest
    at.button(key="music_interpolate").click().run()
    assert not at.exception
    assert len(_results(at)) == 4
    midi = pretty_midi.PrettyMIDI(io.BytesIO(_results(at)[0]["midi"]()))  # written when downloaded
    assert midi.instruments[0].notes


def test_continue_keeps_the_uploaded_primer(at):
    primer = primer_classes("ode_to_joy")
    at.radio(key="music_cont_source").set_value("My MIDI file").run()
    at.file_uploader(key="music_upload").set_value(("ode.mid", midi_bytes(Song(primer)), "audio/midi"))
    at.slider(key="music_cont_variations").set_value(1)
    at.slider(key="music_cont_bars").set_value(2)
    at.button(key="music_continue").click().run()
    assert not at.exception
    song = _results(at)[0]["song"]
    assert (song.melody[: len(primer)] == primer).all()
    assert len(song.melody) == len(primer) + 32


def test_bad_midi_upload_is_explained_in_korean(at):
    at.query_params["lang"] = "ko"
    at.session_state["lang"] = "ko"
    at.run()
    at.radio(key="music_cont_source").set_value("내 MIDI 파일").run()
    at.file_uploader(key="music_upload").set_value(("broken.mid", b"MThd\x00\x00garbage", "audio/midi"))
    at.run()
    assert not at.exception
    assert any("broken.mid" in e.value and "망가져" in e.value for e in at.error)
    at.button(key="music_continue").click().run()
    assert not at.exception and not _results(at)


def test_interpolate_between_two_uploaded_midis(at):
    files = [("a.mid", midi_bytes(Song(primer_classes("ode_to_joy"))), "audio/midi"),
             ("b.mid", midi_bytes(Song(primer_classes(sorted(_tunes())[-1]))), "audio/midi"),
             ("junk.mid", b"not midi at all", "audio/midi")]
    at.file_uploader(key="music_interp_upload").set_value(files).run()
    assert not at.exception
    assert any("junk.mid" in e.value for e in at.error)  # the bad file is explained, the good ones stay
    at.selectbox(key="music_interp_a").set_value(MelodyChoice("upload", "a.mid"))
    at.selectbox(key="music_interp_b").set_value(MelodyChoice("upload", "b.mid"))
    at.slider(key="music_interp_steps").set_value(3)
    at.button(key="music_interpolate").click().run()
    assert not at.exception
    newest = _results(at)[0]
    assert "a.mid" in newest["label"] and "b.mid" in newest["label"]
    assert (newest["song"].melody >= 2).any()


def _tunes():
    from models.music.primers import TUNES

    return TUNES


def test_piano_roll_is_built_once_per_result_and_language(at):
    at.slider(key="music_gen_bars").set_value(1)
    at.slider(key="music_gen_variations").set_value(1)
    at.button(key="music_generate").click().run()
    figs = _results(at)[0]["figs"]
    english = figs["en"]
    assert set(figs) == {"en"}                     # made in the job, with the result
    at.slider(key="music_interp_steps").set_value(4).run()
    assert _results(at)[0]["figs"]["en"] is english  # a rerun draws the kept figure
    at.session_state["lang"] = "ko"
    at.run()
    assert not at.exception
    assert set(figs) == {"en", "ko"} and figs["en"] is english
    assert figs["ko"].layout.xaxis.title.text == "마디"
