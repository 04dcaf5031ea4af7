"""Piano-roll figure (plotly): melody notes as bars, primer and drums in their own colours."""
from __future__ import annotations

from models.music.encoding import STEPS_PER_BAR
from models.music.song import Song
from models.music.theory import KEY_NAMES

COLORS = {"melody": "#4C78A8", "primer": "#9D9D9D", "drums": "#E45756"}
GM_DRUM_NAMES = {36: "Kick", 37: "Side stick", 38: "Snare", 39: "Clap", 41: "Floor tom", 42: "Hi-hat",
                 44: "Pedal hat", 45: "Low tom", 46: "Open hat", 47: "Mid tom", 48: "Hi-mid tom",
                 49: "Crash", 50: "High tom", 51: "Ride", 53: "Ride bell", 55: "Splash", 56: "Cowbell"}
# the translated words `piano_roll_figure` takes: the legend, the axis titles and each drum's name
LABELS = ("melody", "primer", "drums", "x", "y", *(f"drum_{note}" for note in GM_DRUM_NAMES))
WHITE_KEYS = {0, 2, 4, 5, 7, 9, 11}
NAMED_DRUMS = (36, 38, 42, 49)  # kick, snare, closed hi-hat, crash: the rows a class talks about


def note_name(pitch: int) -> str:
    return f"{KEY_NAMES[pitch % 12]}{pitch // 12 - 1}"


def piano_roll_rows(song: Song) -> list[dict]:
    """One dict per note/hit, in bars: the data behind the figure (and handy for tests)."""
    rows = []
    for pitch, start, end in song.melody_notes():
        part = "primer" if start < song.primer_steps else "melody"
        rows.append({"part": part, "pitch": pitch, "label": note_name(pitch),
                     "start": start / STEPS_PER_BAR, "length": (end - start) / STEPS_PER_BAR})
    for hit in song.drums:
        rows.append({"part": "drums", "pitch": hit.note - 12, "label": GM_DRUM_NAMES.get(hit.note, str(hit.note)),
                     "start": hit.step / STEPS_PER_BAR, "length": 0.8 / STEPS_PER_BAR})
    return rows


def piano_roll_figure(song: Song, labels: dict[str, str] | None = None, height: int = 320):
    """Horizontal bars (x = bars, y = MIDI pitch); drums drawn one octave below their GM key.

    `labels` maps each of `LABELS` to its word in the visitor's language (English keys if missing).
    Built from one nested dict (plotly validates it in a fraction of the time `add_trace` and the
    `update_*` calls took); build it once per result and language: the studio keeps it with the result.
    Plotly's empty "none" template instead of its default one: Streamlit's chart theme draws every colour
    and font either way (the same pixels in a browser), and `st.plotly_chart` copies, serialises, hashes
    and sends the whole figure on every draw of every kept result: an 8-bar melody's figure 5.3 → 2.0 KB,
    0.54 → 0.23 ms to serialise."""
    import plotly.graph_objects as go
    import plotly.io as pio

    labels = labels or {}
    rows = piano_roll_rows(song)
    traces = []
    for part, color in COLORS.items():
        sel = [r for r in rows if r["part"] == part]
        if not sel:
            continue
        traces.append(dict(
            type="bar", base=[r["start"] for r in sel], x=[r["length"] for r in sel], y=[r["pitch"] for r in sel],
            orientation="h", marker=dict(color=color), name=labels.get(part, part), width=0.8,
            customdata=[r["label"] for r in sel],
            hovertemplate="%{customdata}<br>bar %{base:.2f}<extra></extra>"))
    clip_lines = [dict(type="line", x0=step / STEPS_PER_BAR, x1=step / STEPS_PER_BAR, xref="x", y0=0, y1=1,
                       yref="y domain", line=dict(dash="dot", color="#888")) for step in song.markers[1:]]
    tickvals, ticktext = pitch_ticks(rows, labels)
    layout = dict(
        shapes=clip_lines, barmode="overlay", height=height, margin=dict(l=10, r=10, t=10, b=10), bargap=0,
        template=pio.templates["none"],
        legend=dict(orientation="h", y=1.02, yanchor="bottom"),
        xaxis=dict(title=dict(text=labels.get("x", "bar")), range=[0, max(1.0, song.n_steps / STEPS_PER_BAR)],
                   dtick=1, gridcolor="#ddd"),
        yaxis=dict(title=dict(text=labels.get("y", "pitch"), standoff=6), tickvals=tickvals, ticktext=ticktext,
                   automargin=True))
    return go.Figure(dict(data=traces, layout=layout))


def pitch_ticks(rows: list[dict], labels: dict[str, str]) -> tuple[list[int], list[str]]:
    """y ticks: note names (C4, D4 …) on the melody's white keys, only C and G beyond an octave (rows are a
    few pixels apart); the kick, snare, hi-hat and crash rows by name (drums sit an octave below their GM key)."""
    vals, text = [], []
    melody = [r["pitch"] for r in rows if r["part"] != "drums"]
    if melody:
        low, high = min(melody), max(melody)
        wanted = WHITE_KEYS if high - low <= 12 else {0, 7}
        for pitch in range(low, high + 1):
            if pitch % 12 in wanted:
                vals.append(pitch)
                text.append(note_name(pitch))
    for pitch in sorted({r["pitch"] for r in rows if r["part"] == "drums"}):
        note = pitch + 12
        if note not in NAMED_DRUMS:
            continue
        vals.append(pitch)
        text.append(labels.get(f"drum_{note}", GM_DRUM_NAMES.get(note, str(note))))
    return vals, text
