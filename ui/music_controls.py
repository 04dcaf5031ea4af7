"""The music page's shared controls: song settings (tempo, instrument, seed), sampling sliders, MIDI uploads."""
from __future__ import annotations

import streamlit as st

from models.music.midi_io import MidiError, read_melody
from models.music.song import Song
from ui import music_state as ms
from ui.i18n import t
from ui.music_state import INSTRUMENTS


def song_settings(lang: str) -> tuple[float, int, int]:
    """Tempo, General-MIDI program and seed, in a closed expander (they rarely change)."""
    with st.expander(t("music.settings"), expanded=False):
        c1, c2, c3 = st.columns(3)
        tempo = float(c1.slider(t("music.tempo"), 60, 180, 110, 5, key="music_tempo"))
        program = c2.selectbox(t("music.instrument"), INSTRUMENTS, key="music_program",
                               format_func=lambda p: f"{p} · {t(f'music.instruments.{p}', lang=lang)}")
        seed = int(c3.number_input(t("music.seed"), 0, 10**6, 42, key="music_seed", help=t("music.seed_help")))
    return tempo, program, seed


def sampling_controls(prefix):
    c1, c2, c3 = st.columns(3)
    bars = c1.slider(t("music.bars"), 1, 32, 8, key=f"{prefix}_bars", help=t("music.bars_help"))
    temperature = c2.slider(t("music.temperature"), 0.5, 2.0, 1.0, 0.05, key=f"{prefix}_temperature",
                            help=t("music.temperature_help"))
    variations = c3.slider(t("music.variations"), 1, 4, 2, key=f"{prefix}_variations", help=t("music.variations_help"))
    return bars, temperature, variations


def read_upload(file, reader=read_melody) -> Song | None:
    """Song from one uploaded file (parsed once), or None; an unusable file is explained, never raised."""
    song = ms.read_upload(st.session_state["music_parsed"], file, reader)
    if isinstance(song, MidiError):
        st.error(f"{t('music.midi_error.prefix', name=file.name)} {t(f'music.midi_error.{song.code}')}")
        return None
    return song
