"""Sound features and bad audio: decoding, the checks (silent, short, long, not audio), the loudest
window, log-mel shape and scale, augmentation, the split, and the CLI's one-line errors."""
import io
import subprocess
import sys

import numpy as np
import pytest
import soundfile as sf

from models.sound.audio import (CLIP_SECONDS, N_MELS, SAMPLE_RATE, AudioError, features, log_mel, loudest_window,
                                read_clip)
from models.sound.model import augment, split


def _encoded(wave, rate=SAMPLE_RATE, fmt="WAV") -> bytes:
    buf = io.BytesIO()
    sf.write(buf, np.asarray(wave, np.float32), rate, format=fmt)
    return buf.getvalue()


def _tone(seconds=1.0, hz=1000, rate=SAMPLE_RATE, amp=0.3):
    return amp * np.sin(2 * np.pi * hz * np.arange(int(seconds * rate)) / rate)


@pytest.mark.parametrize("fmt", ["WAV", "FLAC", "OGG"])
def test_formats_decode_to_16k_mono(fmt):
    stereo = np.stack([_tone(rate=44100), _tone(rate=44100)], 1)
    clip = read_clip(_encoded(stereo, 44100, fmt))
    assert abs(clip.seconds - 1.0) < 0.01 and clip.wave.ndim == 1


@pytest.mark.parametrize("data, code", [
    (b"definitely not audio", "format"),
    (_encoded(np.zeros(SAMPLE_RATE)), "silent"),
    (_encoded(_tone(0.05)), "short"),
    (_encoded(_tone(31, rate=8000), 8000), "long"),
])
def test_bad_audio_is_refused_with_a_code(data, code):
    with pytest.raises(AudioError) as err:
        read_clip(data)
    assert err.value.code == code


def test_loudest_window_finds_the_sound_and_pads_short_clips():
    wave = np.zeros(3 * SAMPLE_RATE, np.float32)
    wave[2 * SAMPLE_RATE:2 * SAMPLE_RATE + 1000] = 0.5
    win = loudest_window(wave)
    assert len(win) == CLIP_SECONDS * SAMPLE_RATE and np.abs(win).max() == pytest.approx(0.5)
    assert len(loudest_window(np.ones(100, np.float32))) == SAMPLE_RATE


def test_log_mel_puts_a_tone_in_the_right_band_and_scales_about_0_1():
    low, high = log_mel(_tone(hz=300)), log_mel(_tone(hz=4000))
    assert low.shape == (101, N_MELS)
    assert low.mean(0).argmax() < high.mean(0).argmax()
    f = features(_tone())
    assert f.shape == (101, N_MELS) and 0 <= f.min() and f.max() < 1.5  # about 0–1: -80 dB floor → 0


def test_augment_keeps_length_and_changes_the_clip():
    rng = np.random.default_rng(0)
    wave = _tone().astype(np.float32)
    out = augment(wave, rng)
    assert out.dtype == np.float32 and not np.allclose(out[:len(wave)], wave)


def test_split_is_stratified_and_disjoint():
    targets = [0] * 10 + [1] * 5 + [2] * 3
    train, val = split(targets)
    assert not set(train) & set(val) and len(train) + len(val) == len(targets)
    assert {targets[i] for i in val} == {0, 1, 2}


def test_cli_bad_audio_is_one_line(tmp_path):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"nope")
    proc = subprocess.run([sys.executable, "-m", "models.sound", "info", str(bad), "--json"], capture_output=True,
                          text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1].startswith("error:") and "Traceback" not in proc.stderr
