"""Music models: encoding round trip, primer kept, temperature and diversity, seeds, MIDI I/O, drums."""
import io

import numpy as np
import pretty_midi
import pytest

from models.music import drums
from models.music.encoding import NUM_CLASSES, classes_to_notes, decode_classes, encode_events, notes_to_classes
from models.music.midi_io import MidiError, midi_bytes, read_melody
from models.music.primers import TUNES, primer_classes
from models.music.song import Song


@pytest.fixture(scope="module")
def studio():
    from models.music.studio import load_studio

    return load_studio()


def test_our_classes_are_magentas_melody_encoding():
    melody = primer_classes("twinkle")
    events = decode_classes(melody)              # note-seq's MelodyOneHotEncoding(48, 84)
    assert NUM_CLASSES == 38
    assert (encode_events(events) == melody).all()
    assert notes_to_classes(classes_to_notes(melody), len(melody)).tolist() == melody.tolist()


def test_midi_round_trip_keeps_the_melody_and_drums():
    song = Song(primer_classes("ode_to_joy"), tempo=96, program=73,
                drums=[drums.DrumHit(36, 0, 100), drums.DrumHit(38, 4.3, 80)])
    back = read_melody(midi_bytes(song))
    assert back.melody.tolist() == song.melody.tolist()
    assert back.program == 73 and back.tempo == pytest.approx(96)
    assert [h.note for h in back.drums] == [36, 38] and back.drums[1].step == pytest.approx(4.3, abs=0.01)


@pytest.mark.parametrize("data,code", [(b"", "empty"), (b"RIFF....WAVEfmt ", "not_midi"),
                                       (b"MThd\x00\x00\x00\x06\x00\x01\x00\x02junk", "unreadable")])
def test_bad_midi_is_rejected_with_a_reason(data, code):
    with pytest.raises(MidiError) as err:
        read_melody(data)
    assert err.value.code == code


def test_drums_only_midi_has_no_melody():
    with pytest.raises(MidiError) as err:
        read_melody(midi_bytes(Song(np.zeros(0, np.uint8), drums=[drums.DrumHit(36, 0, 100)])))
    assert err.value.code == "no_melody"


def test_generate_lasts_the_requested_bars_and_a_seed_repeats(studio):
    from models.music.studio import generate

    songs = generate(studio, bars=3, variations=2, seed=5)
    again = generate(studio, bars=3, variations=2, seed=5)
    assert [len(s.melody) for s in songs] == [48, 48]
    assert all((a.melody == b.melody).all() for a, b in zip(songs, again))
    assert not (songs[0].melody == songs[1].melody).all()          # variations differ
    midi = pretty_midi.PrettyMIDI(io.BytesIO(midi_bytes(songs[0])))
    assert midi.get_end_time() <= 3 * 2.0 + 1e-6 and midi.instruments[0].notes


def test_the_onnxruntime_loop_samples_what_the_keras_model_predicts(studio):
    """The app's sampler runs its loop as an ONNX graph on the weights written out as constants: every
    sampled token is the Gumbel-max draw (argmax of logits / T + the seed's noise) from the logits the
    Keras model gives for the sequence so far (T = 0: greedy), and TensorFlow stepping the model's own
    Keras layers gives the same melodies."""
    from models.music.sampler import MelodySampler, gumbel_noise

    sampler = studio.melody
    assert (sampler.engine, sampler.step) == ("onnxruntime", "constants")
    reference = MelodySampler(sampler.model, "tensorflow", step="layers")
    primer = np.repeat(primer_classes("twinkle")[None, :12].astype(np.int32), 2, axis=0)
    for temperature in (0.0, 1.3):
        out = sampler.sample(primer, 20, temperature, seed=4).astype(np.int32)
        assert (out[:, :12] == primer).all()
        assert (out == reference.sample(primer, 20, temperature, seed=4)).all()
        logits = sampler.model(out[:, :-1], training=False).numpy()[:, 11:]  # predicting steps 12..31
        if temperature:
            logits = logits / temperature + gumbel_noise(4, 32, 2, NUM_CLASSES)[11:-1].transpose(1, 0, 2)
        assert (out[:, 12:] == logits.argmax(-1)).all()


def test_gumbel_max_draws_from_the_softmax():
    """What the loop does at each step, in numpy: argmax(logits / T + Gumbel noise) ~ softmax(logits / T)."""
    from models.music.sampler import gumbel_noise

    logits = np.log(np.array([0.2, 0.5, 0.3], np.float32))
    draws = (logits + gumbel_noise(0, 20_000, 1, 3)[:, 0]).argmax(-1)
    np.testing.assert_allclose(np.bincount(draws, minlength=3) / len(draws), [0.2, 0.5, 0.3], atol=0.015)
    colder = (logits / 0.5 + gumbel_noise(1, 20_000, 1, 3)[:, 0]).argmax(-1)
    np.testing.assert_allclose(np.bincount(colder, minlength=3) / len(colder), [4, 25, 9] / np.float32(38), atol=0.015)


def test_continue_keeps_every_primer_step(studio):
    from models.music.studio import continue_melody

    for name in TUNES:
        primer = primer_classes(name)
        song = continue_melody(studio, primer, bars=2, seed=1)[0]
        assert song.melody[: len(primer)].tolist() == primer.tolist()
        assert len(song.melody) == len(primer) + 32 and song.primer_steps == len(primer)


def test_temperature_changes_diversity(studio):
    from models.music.studio import generate

    def distinct_pitches(temperature):
        songs = generate(studio, bars=8, temperature=temperature, variations=4, seed=11)
        return np.mean([len({p for p, _, _ in s.melody_notes()}) for s in songs])

    assert distinct_pitches(0.5) < distinct_pitches(1.0) < distinct_pitches(1.8)


def test_interpolation_starts_near_a_and_ends_near_b(studio):
    from models.music.studio import interpolate

    a, b = primer_classes("twinkle")[:32], primer_classes("ode_to_joy")[:32]
    song = interpolate(studio, a, b, steps=5)
    clips = song.melody.reshape(5, 32)
    assert len(song.melody) == 5 * 32 and song.markers == [0, 32, 64, 96, 128]
    assert (clips[0] == a).mean() > (clips[0] == b).mean()
    assert (clips[-1] == b).mean() > (clips[-1] == a).mean()


def test_drumify_follows_the_melody_and_groove_humanises():
    song = Song(primer_classes("frere_jacques"))
    drummed, choice = drums.drumify(song)
    assert choice.score == max(c.score for c in drums.rank_patterns(song.melody))
    assert drummed.melody.tolist() == song.melody.tolist()
    assert all(0 <= h.step < len(song.melody) for h in drummed.drums) and any(h.note == 36 for h in drummed.drums)
    grooved = drums.groove(drummed, amount=1.0, swing=0.5, seed=0)
    offbeat = [g.step - d.step for d, g in zip(drummed.drums, grooved.drums) if d.step % 2 == 1]
    assert np.mean(offbeat) > 0.2                                   # swing delays off-beat 16ths
    assert drums.groove(drummed, 0.0, 0.0).drums == drummed.drums   # zero amount = machine-exact
    with pytest.raises(ValueError):
        drums.groove(song)


def test_audio_renders_both_formats():
    from models.music.audio import SAMPLE_RATE, encode, render

    song = Song(primer_classes("twinkle")[:32], tempo=120, drums=[drums.DrumHit(38, 0, 100)])
    audio = render(song)
    assert audio.shape[1] == 2 and audio.shape[0] >= SAMPLE_RATE * 2 and np.abs(audio).max() > 0.01
    assert encode(audio, "wav")[:4] == b"RIFF" and encode(audio, "ogg")[:4] == b"OggS"
    assert encode(audio, "flac")[:4] == b"fLaC"


def _one_pass(song, rate):
    """The events of `song` played through the synthesiser in one pass: the reference for `render`."""
    from models.music import audio

    synth, sfid = audio._synth(rate)
    audio._silence(synth, sfid, song.program)
    step, now, chunks = song.step_seconds, 0, []
    events = sorted([(s * step, 1, 0, p, 96) for p, s, e in song.melody_notes()]
                    + [(e * step, 0, 0, p, 0) for p, s, e in song.melody_notes()]
                    + [(max(0.0, h.step * step), 1, 9, h.note, h.velocity) for h in song.drums]
                    + [(max(0.0, h.step * step) + 0.2, 0, 9, h.note, 0) for h in song.drums])
    for t, _, chan, key, vel in events + [(song.n_steps * step + audio.TAIL_SECONDS, 2, 0, 0, 0)]:
        if int(t * rate) > now:
            chunks.append(audio._samples(synth, int(t * rate) - now))
            now = int(t * rate)
        synth.noteon(chan, key, vel) if vel else synth.noteoff(chan, key) if key else None
    return np.concatenate(chunks)


@pytest.mark.parametrize("program, with_drums", [(0, False), (73, True)])
def test_melody_mixed_from_note_clips_sounds_as_one_pass_of_the_synthesiser(program, with_drums):
    from models.music import audio

    hits = [drums.DrumHit(n, s, 90) for s in range(0, 64, 4) for n in (36, 42)] if with_drums else []
    song = Song(primer_classes("ode_to_joy")[:64], tempo=100, program=program, drums=hits)
    with audio._LOCK:
        reference = _one_pass(song, audio.PREVIEW_RATE)
    audio.forget_note_clips()
    cold, warm = audio.render(song, audio.PREVIEW_RATE), audio.render(song, audio.PREVIEW_RATE)
    assert cold.shape == warm.shape == reference.shape and np.array_equal(cold, warm)
    diff = np.sqrt(((warm - reference) ** 2).mean() / (reference ** 2).mean())
    assert diff < 0.01  # only the synthesiser's envelope blocks fall elsewhere: about 0.1 %


def test_note_clip_store_is_bounded(monkeypatch):
    from models.music import audio

    monkeypatch.setattr(audio, "CLIP_STORE_BYTES", 4 << 20)
    audio.forget_note_clips()
    for tempo in (60, 80, 100, 120, 140):
        audio.render(Song(primer_classes("twinkle")[:32], tempo=tempo), audio.PREVIEW_RATE)
    assert 0 < sum(c.nbytes for c in audio._CLIPS.values()) <= 4 << 20
    audio.forget_note_clips()


@pytest.mark.parametrize("fmt", ["flac", "ogg"])
def test_preview_is_mono_of_the_whole_song(fmt):
    import soundfile as sf

    from models.music.audio import PREVIEW_RATE, preview, render

    song = Song(primer_classes("twinkle")[:32], tempo=120)
    stereo = render(song, PREVIEW_RATE)
    data, rate = sf.read(io.BytesIO(preview(song, fmt)), dtype="float32")
    assert sf.info(io.BytesIO(preview(song, fmt))).format == fmt.upper()
    assert data.ndim == 1 and rate == PREVIEW_RATE and len(data) == len(stereo) > PREVIEW_RATE
    if fmt == "flac":  # lossless: the average of both channels, to 16-bit rounding
        np.testing.assert_allclose(data, stereo.mean(axis=1), atol=2 / 32768)


def test_long_clip_encodes_to_ogg_without_crashing():
    """32 slow bars last minutes; one big Vorbis write used to kill the process (libvorbis stack)."""
    import soundfile as sf

    from models.music.audio import SAMPLE_RATE, encode

    ogg = encode(np.zeros((SAMPLE_RATE * 75, 2), np.float32), "ogg")
    assert sf.info(io.BytesIO(ogg)).frames == SAMPLE_RATE * 75
