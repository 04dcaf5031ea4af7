"""The sound page's pictures as plain Plotly figures: the waveform and the log-mel spectrogram the network sees."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from models.sound.audio import HOP, SAMPLE_RATE, _mel_basis, log_mel

MAX_POINTS = 4000  # waveform points drawn (min/max envelope beyond that)


def clip_figure(wave: np.ndarray, words: dict) -> go.Figure:
    """Waveform on top, log-mel spectrogram (time × mel band, dB) below; `words` holds the axis titles."""
    step = max(1, len(wave) // MAX_POINTS)
    t = np.arange(0, len(wave), step) / SAMPLE_RATE
    mel = log_mel(wave)
    fig = make_subplots(2, 1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.35, 0.65],
                        subplot_titles=(words["wave"], words["mel"]))
    fig.add_scatter(x=t, y=wave[::step], mode="lines", line=dict(width=1, color="#1f77b4"), row=1, col=1,
                    showlegend=False, hoverinfo="skip")
    centre_hz = np.round((_mel_basis() * np.arange(_mel_basis().shape[1])).sum(1) /
                         np.maximum(_mel_basis().sum(1), 1e-9) * SAMPLE_RATE / (2 * (_mel_basis().shape[1] - 1)))
    fig.add_heatmap(z=mel.T, x=np.arange(len(mel)) * HOP / SAMPLE_RATE, y=np.arange(mel.shape[1]),
                    colorscale="Magma", zmin=-80, zmax=0, row=2, col=1, customdata=np.repeat(centre_hz[:, None],
                    len(mel), 1), hovertemplate="%{x:.2f} s · %{customdata:.0f} Hz · %{z:.0f} dB<extra></extra>",
                    colorbar=dict(title="dB", len=0.6, y=0.3))
    fig.update_xaxes(title_text=words["time"], row=2, col=1)
    fig.update_yaxes(title_text=words["band"], row=2, col=1)
    fig.update_layout(height=380, margin=dict(t=30, b=10, l=10, r=10))
    return fig
