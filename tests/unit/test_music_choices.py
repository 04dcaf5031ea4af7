"""Music studio rules without AppTest: typed melody choices, metrics without models, uploads parsed
once, input checks, and the jobs' results (audio, MIDI, numbers, piano roll made once)."""
import subprocess
import sys

import numpy as np
import pytest

from models.music.midi_io import MidiError, midi_bytes, read_melody, read_midi
from models.music.primers import TUNES, primer_classes
from models.music.song import DrumHit, Song
from ui import music_state as ms

ROLL = ("ko", {"melody": "멜로디", "primer": "시작", "drums": "드럼", "x": "마디", "y": "음 높이"})


def fake_t(key: str) -> str:
    return f"<{key}>"


def result(rid: int, melody) -> dict:
    return {"id": rid, "label": f"made {rid}", "song": Song(np.asarray(melody, dtype=np.int32))}


class FakeUpload:
    def __init__(self, name: str, data: bytes, file_id: str = "f1"):
        self.name, self.file_id, self._data, self.reads = name, file_id, data, 0

    def getvalue(self) -> bytes:
        self.reads += 1
        return self._data


def test_choices_are_typed_and_ordered_uploads_results_tunes_vae():
    uploads = {"a.mid": primer_classes("twinkle")}
    results = [result(7, [60, 1, 62]), result(5, [0, 0, 0])]  # #5 has no notes: not offered
    choices = ms.melody_choices(uploads, results)
    assert choices == ([ms.MelodyChoice("upload", "a.mid"), ms.MelodyChoice("result", 7)]
                       + [ms.MelodyChoice("tune", n) for n in TUNES] + [ms.MelodyChoice("vae")])
    assert len(set(choices)) == len(choices)  # hashable and distinct, as a selectbox needs
    # a file called like another kind's value is still an upload (the old "upload:…" strings could clash)
    assert ms.MelodyChoice("upload", "result:7") != ms.MelodyChoice("result", 7)


def test_choice_labels_and_melodies():
    uploads = {"a.mid": np.array([40, 1, 1], dtype=np.int32)}
    results = [result(3, [50, 1, 0])]
    upload, made, tune, vae = (ms.MelodyChoice("upload", "a.mid"), ms.MelodyChoice("result", 3),
                               ms.MelodyChoice("tune", "twinkle"), ms.MelodyChoice("vae"))
    assert upload.label(results, fake_t) == "📄 a.mid"
    assert made.label(results, fake_t) == "#3 · made 3"
    assert tune.label(results, fake_t) == "<music.continue.tunes.twinkle>"
    assert vae.label(results, fake_t) == "<music.interpolate.random>"
    assert upload.melody(uploads, results).tolist() == [40, 1, 1]
    assert made.melody(uploads, results).tolist() == [50, 1, 0]
    assert tune.melody(uploads, results).tolist() == primer_classes("twinkle").tolist()
    assert vae.melody(uploads, results) is None  # sampled in the job, where the VAE is loaded


def test_metrics_come_from_the_metadata_without_loading_a_model():
    code = ("import sys; from ui.music_state import metrics; m = metrics(); "
            "assert set(m) == {'ppl', 'bigram', 'acc'} and 1 < m['ppl'] < m['bigram'] and 0 < m['acc'] <= 1, m; "
            "assert not {'tensorflow', 'keras', 'jax'} & set(sys.modules), 'a model library was imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_uploads_are_parsed_once_and_bad_files_kept_as_their_error():
    cache = {}
    good = FakeUpload("ode.mid", midi_bytes(Song(primer_classes("ode_to_joy"))))
    for _ in range(3):
        song = ms.read_upload(cache, good, read_melody)
    assert isinstance(song, Song) and good.reads == 1
    assert isinstance(ms.read_upload(cache, good, read_midi), Song) and good.reads == 2  # another reader
    bad = FakeUpload("broken.mid", b"MThd\x00\x00garbage", file_id="f2")
    assert isinstance(ms.read_upload(cache, bad, read_melody), MidiError)
    assert isinstance(ms.read_upload(cache, bad, read_melody), MidiError) and bad.reads == 1
    for i in range(ms.KEEP_PARSED + 3):
        ms.read_upload(cache, FakeUpload(f"{i}.mid", b"", file_id=f"x{i}"), read_melody)
    assert len(cache) == ms.KEEP_PARSED


def test_missing_input_rules():
    melody, silent = Song(primer_classes("twinkle")), Song(np.zeros(16, dtype=np.int32))
    with_drums = Song(primer_classes("twinkle"), drums=[DrumHit(36, 0, 100)])
    assert ms.missing_input("continue", None) == "music.continue.need_file"
    assert ms.missing_input("continue", primer_classes("twinkle")) is None
    assert ms.missing_input("drumify", None) == ms.missing_input("drumify", silent) == "music.drums.need_melody"
    assert ms.missing_input("drumify", melody) is None
    assert ms.missing_input("groove", melody) == ms.missing_input("groove", None) == "music.drums.need_drums"
    assert ms.missing_input("groove", with_drums) is None


def test_drumify_and_groove_jobs_make_everything_a_result_shows():
    base = Song(primer_classes("ode_to_joy"), tempo=100, program=73)
    [drummed] = ms.drumify_job(base, 0, 0.5, 0.1, 3, ROLL)
    assert drummed["song"].drums and drummed["label"].startswith("Drumify · ") and drummed["pattern"]
    assert drummed["midi"]()[:4] == b"MThd" and drummed["flac"][:4] == b"fLaC"  # the MIDI file on download
    assert set(drummed["figs"]) == {"ko"}  # the roll is built once, in the job, in the visitor's language
    assert {tr.name for tr in drummed["figs"]["ko"].data} == {"멜로디", "드럼"}
    assert drummed["stats"]["tempo"] == 100 and drummed["stats"]["notes"] > 0
    [grooved] = ms.groove_job(drummed["song"], 0.5, 0.3, 1, ROLL)
    assert grooved["label"] == "Groove · 0.5 / swing 0.3" and "pattern" not in grooved
    with pytest.raises(ValueError):
        ms.groove_job(base, 0.5, 0.0, 1, ROLL)  # no drums: the page shows it as a refused setting


def test_ogg_and_wav_downloads_render_only_when_called_and_through_the_scheduler():
    r = {"song": Song(primer_classes("twinkle")[:32]), "midi": b"MThd", "flac": b"fLaC"}
    downloads = ms.downloads(r)
    assert [d[:2] for d in downloads] == [("midi", "mid"), ("ogg", "ogg"), ("wav", "wav")]
    ogg, wav = downloads[1][2], downloads[2][2]
    assert callable(ogg) and ogg()[:4] == b"OggS"
    assert callable(wav) and wav()[:4] == b"RIFF"


def test_roll_labels_cover_every_word_the_figure_uses():
    words = ms.roll_labels(fake_t)
    assert {"melody", "primer", "drums", "x", "y", "drum_36", "drum_38"} <= set(words)
    assert words == {k: f"<music.roll.{k}>" for k in words}


def test_result_titles_and_keys_are_said_in_the_readers_language():
    from ui.i18n import t

    ko = lambda key, **f: t(key, lang="ko", **f)  # noqa: E731
    made = {"id": 2, "label": "Generate · T=1 · seed 42", "name": ("generate", {"temperature": 1.0, "seed": 42})}
    assert ms.title(made, ko) == "#2 · 만들기 · 온도 1 · 시드 42"
    assert ms.key_words({"tonic": 0, "mode": "major"}, "ko") == "C장조"
    assert ms.key_words({"tonic": 9, "mode": "minor"}, "en") == "A minor"
    assert ms.length_words(128, ko) == "8마디" and ms.length_words(129, ko) == "8마디와 16분음표 1칸"


def test_piano_roll_names_pitches_and_drums_on_the_y_axis():
    from models.music.pianoroll import pitch_ticks

    rows = [{"part": "melody", "pitch": p} for p in (60, 62, 64, 67)] + [{"part": "drums", "pitch": 36 - 12}]
    vals, text = pitch_ticks(rows, {"drum_36": "킥"})
    assert dict(zip(vals, text)) == {60: "C4", 62: "D4", 64: "E4", 65: "F4", 67: "G4", 24: "킥"}
