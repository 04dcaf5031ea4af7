"""CLI: JSON summary, files written, same seed same output, one clear line for bad input."""
import json
import subprocess
import sys

from models.music.midi_io import read_melody

CLI = [sys.executable, "-m", "models.music"]


def run(*args):
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)


def test_generate_then_continue_interpolate_drumify(tmp_path):
    out = tmp_path / "out"
    first = run("generate", "--bars", "2", "--variations", "2", "--seed", "3", "--out", str(out), "--json", "--audio", "ogg")
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert [o["bars"] for o in summary["outputs"]] == [2.0, 2.0] and summary["outputs"][0]["audio"].endswith(".ogg")
    again = run("generate", "--bars", "2", "--variations", "2", "--seed", "3", "--out", str(tmp_path / "b"), "--json")
    assert again.returncode == 0, again.stderr
    assert (out / "generate_1.mid").read_bytes() == (tmp_path / "b" / "generate_1.mid").read_bytes()
    a, b = out / "generate_1.mid", out / "generate_2.mid"
    cont = run("continue", str(a), "--bars", "1", "--out", str(out), "--json")
    assert cont.returncode == 0, cont.stderr
    primer = read_melody(a.read_bytes()).melody
    continued = read_melody((out / "continue.mid").read_bytes()).melody
    assert continued[: len(primer) - 1].tolist() == primer[: len(primer) - 1].tolist()
    interp = run("interpolate", str(a), str(b), "--steps", "3", "--out", str(out), "--json")
    assert json.loads(interp.stdout)["outputs"][0]["bars"] == 6.0
    drum = json.loads(run("drumify", "builtin:twinkle", "--out", str(out), "--json").stdout)
    assert drum["rule_based"] and drum["outputs"][0]["drum_hits"] > 0


def test_bad_midi_is_one_line_and_nonzero(tmp_path):
    bad = tmp_path / "bad.mid"
    bad.write_bytes(b"not a midi file")
    result = run("continue", str(bad), "--out", str(tmp_path), "--json")
    assert result.returncode == 2
    # (note-seq imports TensorFlow, whose C++ start-up lines may precede ours)
    assert result.stderr.strip().splitlines()[-1] == "error: bad.mid: not a usable MIDI file (not_midi)"
    assert "Traceback" not in result.stderr
