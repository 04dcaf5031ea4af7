"""Music studio: Generate, Continue, Interpolate, Drumify/Groove with our Magenta-style models."""
import itertools

import streamlit as st

from models.music import drums
from models.music.audio import encode, render
from models.music.midi_io import MidiError, midi_bytes, read_melody, read_midi
from models.music.pianoroll import piano_roll_figure
from models.music.primers import TUNES, primer_classes
from models.music.song import Song
from models.music.theory import KEY_NAMES, estimate_key, in_key_share, notes_per_bar
from ui.i18n import t, tl
from ui.page import setup_page
from ui.results import keep_newest

lang = setup_page("music")
ss = st.session_state
MAX_RESULTS = 12
INSTRUMENTS = [0, 4, 11, 19, 24, 40, 56, 65, 71, 73, 80, 107]
ss.setdefault("music_results", [])
ss.setdefault("music_counter", itertools.count(1))


@st.cache_resource(show_spinner=False)
def studio():
    from models.music.studio import load_studio

    return load_studio()


def add_results(songs, label, extra=None):
    """Render once (audio + MIDI) and keep the newest results in session state."""
    for song in songs:
        keep_newest("music_results", {"id": next(ss["music_counter"]), "label": label, "song": song,
                                      "midi": midi_bytes(song), "ogg": encode(render(song), "ogg"),
                                      **(extra or {})}, MAX_RESULTS)


def read_upload(file, reader=read_melody):
    """Song from one uploaded file, or None; an unusable file is explained, never raised."""
    try:
        return reader(file.getvalue())
    except MidiError as exc:
        st.error(f"{t('music.midi_error.prefix', name=file.name)} {t(f'music.midi_error.{exc.code}')}")
        return None


def result_title(r) -> str:
    return f"#{r['id']} · {r['label']}"


def settings():
    with st.expander(t("music.settings"), expanded=False):
        c1, c2, c3 = st.columns(3)
        tempo = c1.slider(t("music.tempo"), 60, 180, 110, 5, key="music_tempo")
        names = {f"{p} · {t(f'music.instruments.{p}')}": p for p in INSTRUMENTS}
        program = names[c2.selectbox(t("music.instrument"), list(names), key="music_program")]
        seed = c3.number_input(t("music.seed"), 0, 10**6, 42, key="music_seed", help=t("music.seed_help"))
    return float(tempo), int(program), int(seed)


def sampling_controls(prefix):
    c1, c2, c3 = st.columns(3)
    bars = c1.slider(t("music.bars"), 1, 32, 8, key=f"{prefix}_bars", help=t("music.bars_help"))
    temperature = c2.slider(t("music.temperature"), 0.5, 2.0, 1.0, 0.05, key=f"{prefix}_temperature",
                            help=t("music.temperature_help"))
    variations = c3.slider(t("music.variations"), 1, 4, 2, key=f"{prefix}_variations", help=t("music.variations_help"))
    return bars, temperature, variations


def uploaded_song(key, label, reader=read_melody):
    """Song from an upload widget, or None."""
    file = st.file_uploader(label, type=["mid", "midi"], key=key)
    return None if file is None else read_upload(file, reader)


def tab_generate(tempo, program, seed):
    st.markdown(t("music.generate.explain"))
    bars, temperature, variations = sampling_controls("music_gen")
    tonic = st.selectbox(t("music.key"), range(12), format_func=lambda k: KEY_NAMES[k], key="music_key",
                         help=t("music.key_help"))
    if st.button(t("music.generate_button"), key="music_generate", type="primary"):
        from models.music.studio import generate

        with st.spinner(t("music.working")):
            songs = generate(studio(), bars, temperature, variations, seed, tonic, tempo, program)
        add_results(songs, f"Generate · T={temperature:g} · seed {seed}")


def tab_continue(tempo, program, seed):
    st.markdown(t("music.continue.explain"))
    sources = {t("music.continue.builtin"): "builtin", t("music.continue.upload"): "upload"}
    source = sources[st.radio(t("music.continue.source"), list(sources), horizontal=True, key="music_cont_source")]
    if source == "builtin":
        tunes = {t(f"music.continue.tunes.{n}"): n for n in TUNES}
        name = tunes[st.selectbox(t("music.continue.tune"), list(tunes), key="music_tune")]
        primer = Song(primer_classes(name), tempo=tempo, program=program)
    else:
        primer = uploaded_song("music_upload", t("music.continue.upload_label"))
        st.caption(t("music.continue.upload_help"))
    bars, temperature, variations = sampling_controls("music_cont")
    if st.button(t("music.continue_button"), key="music_continue", type="primary"):
        if primer is None:
            st.warning(t("music.continue.need_file"))
            return
        from models.music.studio import continue_melody

        with st.spinner(t("music.working")):
            songs = continue_melody(studio(), primer.melody, bars, temperature, variations, seed, tempo, program)
        add_results(songs, f"Continue · T={temperature:g} · seed {seed}")


def uploaded_melodies(key, label) -> dict[str, object]:
    """Melodies from several uploaded MIDI files ({file name: melody}); bad files are explained."""
    files = st.file_uploader(label, type=["mid", "midi"], key=key, accept_multiple_files=True) or []
    return {file.name: song.melody for file in files if (song := read_upload(file)) is not None}


def melody_choices(uploads):
    picks = {f"upload:{name}": f"📄 {name}" for name in uploads}
    picks.update({f"result:{r['id']}": result_title(r) for r in ss["music_results"] if (r["song"].melody >= 2).any()})
    picks.update({f"tune:{n}": t(f"music.continue.tunes.{n}") for n in TUNES})
    picks["vae"] = t("music.interpolate.random")
    return picks


def chosen_melody(choice, seed, uploads):
    kind, _, value = choice.partition(":")
    if kind == "upload":
        return uploads[value]
    if kind == "result":
        return next(r["song"].melody for r in ss["music_results"] if str(r["id"]) == value)
    if kind == "tune":
        return primer_classes(value)
    from models.music.studio import sample_two_bars

    return sample_two_bars(studio(), 1, 0.5, seed)[0]


def tab_interpolate(tempo, program, seed):
    st.markdown(t("music.interpolate.explain"))
    uploads = uploaded_melodies("music_interp_upload", t("music.interpolate.upload_label"))
    picks = melody_choices(uploads)
    keys = list(picks)
    c1, c2, c3 = st.columns(3)
    a = c1.selectbox(t("music.interpolate.a"), keys, index=0, format_func=picks.get, key="music_interp_a")
    b = c2.selectbox(t("music.interpolate.b"), keys, index=min(1, len(keys) - 1), format_func=picks.get,
                     key="music_interp_b")
    steps = c3.slider(t("music.interpolate.steps"), 3, 9, 5, key="music_interp_steps")
    if st.button(t("music.interpolate_button"), key="music_interpolate", type="primary"):
        from models.music.studio import interpolate

        with st.spinner(t("music.working")):
            song = interpolate(studio(), chosen_melody(a, seed, uploads), chosen_melody(b, seed + 1, uploads), steps,
                               tempo, program)
        add_results([song], f"Interpolate · {steps} · {picks[a]} → {picks[b]}")


def tab_drums(seed):
    st.markdown(t("music.drums.explain"))
    st.caption(t("music.drums.rule_based"))
    results = {str(r["id"]): r for r in ss["music_results"]}
    upload = uploaded_song("music_drum_upload", t("music.drums.upload_label"), read_midi)
    if upload is None and results:
        rid = st.selectbox(t("music.drums.source"), list(results), format_func=lambda i: result_title(results[i]),
                           key="music_drum_source")
        base = results[rid]["song"]
    else:
        base = upload
    c1, c2, c3 = st.columns(3)
    rank = c1.slider(t("music.drums.pattern_rank"), 0, 4, 0, key="music_rank", help=t("music.drums.pattern_rank_help"))
    amount = c2.slider(t("music.drums.amount"), 0.0, 1.0, 0.5, 0.05, key="music_amount", help=t("music.drums.amount_help"))
    swing = c3.slider(t("music.drums.swing"), 0.0, 0.5, 0.0, 0.05, key="music_swing", help=t("music.drums.swing_help"))
    b1, b2 = st.columns(2)
    if b1.button(t("music.drumify_button"), key="music_drumify", type="primary"):
        if base is None or not (base.melody >= 2).any():
            st.warning(t("music.drums.need_melody"))
        else:
            song, choice = drums.drumify(base, rank)
            song = drums.groove(song, amount, swing, seed) if amount or swing else song
            add_results([song], f"Drumify · {choice.name}", {"pattern": choice.name, "source": choice.source})
    if b2.button(t("music.groove_button"), key="music_groove"):
        if base is None or not base.drums:
            st.warning(t("music.drums.need_drums"))
        else:
            add_results([drums.groove(base, amount, swing, seed)], f"Groove · {amount:g} / swing {swing:g}")


def show_result(r):
    song = r["song"]
    tonic, mode = estimate_key(song.melody)
    with st.container(border=True):
        st.markdown(f"**{result_title(r)}**")
        st.caption(t("music.result_caption", bars=round(song.bars, 2), tempo=song.tempo,
                     instrument=t(f"music.instruments.{song.program}") if song.program in INSTRUMENTS else song.program,
                     found_key=f"{KEY_NAMES[tonic]} {mode}", notes=int((song.melody >= 2).sum()),
                     per_bar=notes_per_bar(song.melody), in_key=in_key_share(song.melody)))
        if "pattern" in r:
            st.caption(t("music.drum_caption", pattern=r["pattern"], source=r["source"]))
        labels = {k: t(f"music.roll.{k}") for k in ("melody", "primer", "drums", "x", "y")}
        st.plotly_chart(piano_roll_figure(song, labels), key=f"music_roll_{r['id']}", width="stretch")
        st.audio(r["ogg"], format="audio/ogg")
        c1, c2, c3 = st.columns(3)
        name = f"music_{r['id']}"
        c1.download_button(t("music.download_midi"), r["midi"], f"{name}.mid", "audio/midi", key=f"{name}_mid")
        c2.download_button(t("music.download_ogg"), r["ogg"], f"{name}.ogg", "audio/ogg", key=f"{name}_ogg")
        # WAV is ten times the OGG: rendered from the kept song only when asked for, not on every rerun
        c3.download_button(t("music.download_wav"), lambda: encode(render(song), "wav"), f"{name}.wav", "audio/wav",
                           key=f"{name}_wav")


st.title(t("music.heading"))
st.markdown(t("music.intro"))
meta = studio()
metrics = {"ppl": meta.melody_meta["metrics"]["val_perplexity"],
           "bigram": meta.melody_meta["metrics"]["bigram_val_perplexity"],
           "acc": meta.vae_meta["metrics"]["step_accuracy"]}
st.info(t("music.not_magenta", **metrics))
tempo, program, seed = settings()
tabs = st.tabs([t(f"music.tabs.{k}") for k in ("generate", "continue", "interpolate", "drums")])
try:
    with tabs[0]:
        tab_generate(tempo, program, seed)
    with tabs[1]:
        tab_continue(tempo, program, seed)
    with tabs[2]:
        tab_interpolate(tempo, program, seed)
    with tabs[3]:
        tab_drums(seed)
except ValueError as exc:  # settings a tool refuses (e.g. a primer without notes): say so, keep results
    st.error(t("music.midi_error.bad_input", detail=exc))

st.header(t("music.results"))
if not ss["music_results"]:
    st.caption(t("music.no_results"))
else:
    st.caption(t("music.kept", n=MAX_RESULTS))
    if st.button(t("music.clear"), key="music_clear"):
        ss["music_results"] = []
        st.rerun()
    for result in ss["music_results"]:
        show_result(result)

with st.expander(t("music.lecture.title")):
    for point in tl("music.lecture.points"):
        st.markdown(f"- {point.format(**metrics)}")
