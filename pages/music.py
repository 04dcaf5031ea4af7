"""Music studio: Generate, Continue, Interpolate, Drumify/Groove with our Magenta-style models."""
import streamlit as st

from models.music.midi_io import MAX_MIDI_BYTES, read_midi
from models.music.pianoroll import piano_roll_figure
from models.music.primers import TUNES, primer_classes
from models.music.theory import KEY_NAMES
from ui import music_state as ms
from ui.errors import report_failure
from ui.i18n import t, tl
from ui.image_input import uploader
from ui.jobs import run_job
from ui.music_controls import read_upload, sampling_controls, song_settings
from ui.page import setup_page
from ui.plots import chart
from ui.results import keep_newest

lang = setup_page("music")
ss = st.session_state
ms.init_session(ss)


def make(job, *args, missing: str | None = None) -> None:
    """One tool as one short job (songs, audio, MIDI, piano roll); its results go first in the list."""
    if missing:  # the tool has nothing to work on yet: say what to do
        return st.warning(t(missing))
    try:
        made = run_job(job, *args, roll=(lang, ms.roll_labels(t)), size="short", kind="music",
                       share=True)  # the same settings and seed make the same songs: a class shares one job
    except ValueError as exc:  # settings a tool refuses (e.g. a primer without notes): say so, keep results
        return st.error(t("music.midi_error.bad_input", detail=exc))
    except Exception as exc:  # noqa: BLE001 - a stop or a failure, said; the page and earlier results stay
        return report_failure(exc, "music")
    for item in made:
        keep_newest("music_results", {"id": next(ss["music_counter"]), **item}, ms.MAX_RESULTS)
    st.rerun()  # the tabs are fragments: redraw the whole page so the new results show


@st.fragment  # each tab reruns alone while its controls change; the results list is not redrawn
def tab_generate(tempo, program, seed):
    st.markdown(t("music.generate.explain"))
    bars, temperature, variations = sampling_controls("music_gen")
    tonic = st.selectbox(t("music.key"), range(12), format_func=lambda k: KEY_NAMES[k], key="music_key",
                         help=t("music.key_help"))
    if st.button(t("music.generate_button"), key="music_generate", type="primary"):
        make(ms.generate_job, bars, temperature, variations, seed, tonic, tempo, program)


@st.fragment
def tab_continue(tempo, program, seed):
    st.markdown(t("music.continue.explain"))
    sources = {t("music.continue.builtin"): "builtin", t("music.continue.upload"): "upload"}
    source = sources[st.radio(t("music.continue.source"), list(sources), horizontal=True, key="music_cont_source")]
    if source == "builtin":
        primer = primer_classes(st.selectbox(t("music.continue.tune"), list(TUNES), key="music_tune",
                                             format_func=lambda n: t(f"music.continue.tunes.{n}", lang=lang)))
    else:
        file = uploader(t("music.continue.upload_label"), MAX_MIDI_BYTES, type=["mid", "midi"], key="music_upload")
        primer = None if file is None or (song := read_upload(file)) is None else song.melody
        st.caption(t("music.continue.upload_help"))
    bars, temperature, variations = sampling_controls("music_cont")
    if st.button(t("music.continue_button"), key="music_continue", type="primary"):
        make(ms.continue_job, primer, bars, temperature, variations, seed, tempo, program,
             missing=ms.missing_input("continue", primer))


@st.fragment
def tab_interpolate(tempo, program, seed):
    st.markdown(t("music.interpolate.explain"))
    files = uploader(t("music.interpolate.upload_label"), MAX_MIDI_BYTES, type=["mid", "midi"], key="music_interp_upload",
                             accept_multiple_files=True) or []
    uploads = {file.name: song.melody for file in files if (song := read_upload(file)) is not None}
    results = ss["music_results"]
    choices = ms.melody_choices(uploads, results)
    c1, c2, c3 = st.columns(3)
    name = lambda c: c.label(results, lambda key, **f: t(key, lang=lang, **f))  # noqa: E731
    a = c1.selectbox(t("music.interpolate.a"), choices, index=0, format_func=name, key="music_interp_a")
    b = c2.selectbox(t("music.interpolate.b"), choices, index=min(1, len(choices) - 1), format_func=name,
                     key="music_interp_b")
    steps = c3.slider(t("music.interpolate.steps"), 3, 9, 5, key="music_interp_steps")
    if st.button(t("music.interpolate_button"), key="music_interpolate", type="primary"):
        make(ms.interpolate_job, a.melody(uploads, results), b.melody(uploads, results), steps, seed, tempo, program,
             f"Interpolate · {steps} · {name(a)} → {name(b)}", ("interpolate", {"steps": steps, "a": name(a), "b": name(b)}))


@st.fragment
def tab_drums(_tempo, _program, seed):  # drums keep the chosen song's tempo and instrument
    st.markdown(t("music.drums.explain"))
    st.caption(t("music.drums.rule_based"))
    results = {r["id"]: r for r in ss["music_results"]}
    file = uploader(t("music.drums.upload_label"), MAX_MIDI_BYTES, type=["mid", "midi"], key="music_drum_upload")
    base = None if file is None else read_upload(file, read_midi)
    if base is None and results:
        rid = st.selectbox(t("music.drums.source"), list(results), format_func=lambda i: ms.title(results[i], lambda k, **f: t(k, lang=lang, **f)),
                           key="music_drum_source")
        base = results[rid]["song"]
    c1, c2, c3 = st.columns(3)
    rank = c1.slider(t("music.drums.pattern_rank"), 0, 4, 0, key="music_rank", help=t("music.drums.pattern_rank_help"))
    amount = c2.slider(t("music.drums.amount"), 0.0, 1.0, 0.5, 0.05, key="music_amount", help=t("music.drums.amount_help"))
    swing = c3.slider(t("music.drums.swing"), 0.0, 0.5, 0.0, 0.05, key="music_swing", help=t("music.drums.swing_help"))
    b1, b2 = st.columns(2)
    if b1.button(t("music.drumify_button"), key="music_drumify", type="primary"):
        make(ms.drumify_job, base, rank, amount, swing, seed, missing=ms.missing_input("drumify", base))
    if b2.button(t("music.groove_button"), key="music_groove"):
        make(ms.groove_job, base, amount, swing, seed, missing=ms.missing_input("groove", base))


def show_result(r):
    """Draws what the job made; only a language the result has not been shown in builds a new roll."""
    song, name = r["song"], f"music_{r['id']}"
    with st.container(border=True):
        st.markdown(f"**{ms.title(r, t)}**")
        instrument = t(f"music.instruments.{song.program}") if song.program in ms.INSTRUMENTS else song.program
        st.caption(t("music.result_caption", **{**r["stats"], "instrument": instrument,
                                                "found_key": ms.key_words(r["stats"], lang),
                                                "length": ms.length_words(song.n_steps, t)}))
        if "pattern" in r:
            st.caption(t("music.drum_caption", pattern=ms.pattern_words(r["pattern"], r["source"], t),
                         source=t(f"music.pattern_source.{r['source']}")))
        if lang not in r["figs"]:
            r["figs"][lang] = piano_roll_figure(song, ms.roll_labels(t))
        chart(r["figs"][lang], key=f"music_roll_{r['id']}", width="stretch")
        st.audio(r["flac"], format="audio/flac")
        for col, (fmt, ext, data, mime) in zip(st.columns(3), ms.downloads(r)):
            col.download_button(t(f"music.download_{fmt}"), data, f"{name}.{ext}", mime, key=f"{name}_{ext}",
                                on_click="ignore")  # a download needs no rerun


st.title(t("music.heading"))
st.markdown(t("music.intro"))
tempo, program, seed = song_settings(lang)  # a change here redraws the whole page
tabs = st.tabs([t(f"music.tabs.{k}") for k in ("generate", "continue", "interpolate", "drums")])
for tab, draw in zip(tabs, (tab_generate, tab_continue, tab_interpolate, tab_drums)):
    with tab:
        draw(tempo, program, seed)

st.header(t("music.results"))
if not ss["music_results"]:
    st.caption(t("music.no_results"))
else:
    st.caption(t("music.kept", n=ms.MAX_RESULTS))
    st.button(t("music.clear"), key="music_clear", on_click=ss["music_results"].clear)  # before this run draws
    for result in ss["music_results"]:
        show_result(result)

with st.expander(t("music.lecture.title")):
    st.markdown("\n".join(f"- {point.format(**ms.metrics())}" for point in tl("music.lecture.points")))
with st.expander(t("music.model_card")):  # the engineering note: for the curious, not the first thing on the page
    st.markdown(t("music.not_magenta", **ms.metrics()))
