"""Audio encoded through the scratch file: the same bytes as through a BytesIO, without holding the interpreter lock."""
import io
import threading
import time

import numpy as np
import soundfile as sf

from models.common.scratch_file import scratch_file, written
from models.music.audio import PREVIEW_RATE, encode

TONE = (0.3 * np.sin(np.arange(8 * PREVIEW_RATE) * 2 * np.pi * 440 / PREVIEW_RATE)).astype(np.float32)[:, None]


def _through_bytesio(audio: np.ndarray) -> bytes:
    """What `encode` did before: libsndfile writing to a BytesIO, one second at a time."""
    buf = io.BytesIO()
    with sf.SoundFile(buf, "w", PREVIEW_RATE, 1, "PCM_16", format="FLAC") as f:
        for start in range(0, len(audio), PREVIEW_RATE):
            f.write(audio[start:start + PREVIEW_RATE])
    return buf.getvalue()


def test_written_bytes_and_the_file_is_gone_when_closed():
    assert written(lambda f: f.write(b"abc")) == b"abc"
    with scratch_file() as file:
        assert file.fileno() >= 0
    assert file.closed


def test_flac_through_the_scratch_file_decodes_to_the_same_samples():
    ours, before = encode(TONE, "flac", PREVIEW_RATE), _through_bytesio(TONE)
    a, _ = sf.read(io.BytesIO(ours), dtype="int16")
    b, _ = sf.read(io.BytesIO(before), dtype="int16")
    assert np.array_equal(a, b)


def test_flac_encoding_leaves_the_interpreter_lock_to_other_threads():
    """A Python thread counts while clips are encoded: through the scratch file it keeps most of its pace;
    through a BytesIO every small write waits for the lock, and the encodes crawl."""
    def encodes_in(seconds: float, encode_once) -> int:
        stop = threading.Event()

        def spin():
            while not stop.is_set():
                pass

        thread = threading.Thread(target=spin)
        thread.start()
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            encode_once()
            done += 1
        stop.set()
        thread.join()
        return done

    ours = encodes_in(0.5, lambda: encode(TONE, "flac", PREVIEW_RATE))
    before = encodes_in(0.5, lambda: _through_bytesio(TONE))
    assert ours > 2 * before
