"""Daltonism: generate, lock and regenerate palettes; palette from a photo; harmony; colour-blind checks."""
import html
import math

import plotly.graph_objects as go
import streamlit as st

from models.palette import cvd, export
from models.palette.harmony import classify
from models.palette.roles import design_roles
from ui.errors import show_failure
from ui.i18n import t, tl
from ui.image_input import image_input
from ui.page import setup_page

lang = setup_page("palette")
ss = st.session_state
SIZES = list(range(3, 9))
PHOTO_EXAMPLES = ("chelsea", "coffee", "astronaut", "scream", "kite")


@st.cache_resource(show_spinner=False)
def completion_model():
    from models.palette.model import load

    return load()


def run_suggest(locks, cvd_safe):
    from models.palette.suggest import suggest

    completion_model()
    return suggest(locks, count=1, cvd_safe=cvd_safe)


# ---------- state: every change goes through `pending`, applied before any widget is drawn ----------

def set_palette(colors, source):
    ss["pal_pending"] = (list(colors), list(source))


def apply_pending():
    if "pal_pending" not in ss:
        return
    colors, source = ss.pop("pal_pending")
    if "pal_colors" in ss and ss["pal_colors"] != colors:
        ss["pal_history"] = ([ss["pal_colors"]] + ss.get("pal_history", []))[:6]
    ss["pal_colors"], ss["pal_source"], ss["pal_n"] = colors, source, len(colors)
    ss["pal_size"] = len(colors)
    for i, c in enumerate(colors):
        ss[f"pal_pick_{i}"] = c
        ss[f"pal_lock_{i}"] = source[i] != "model"  # your picks and photo colours stay locked


def locks():
    n = ss["pal_n"]
    colors = ss["pal_colors"] + [None] * max(0, n - len(ss["pal_colors"]))
    return [colors[i] if ss.get(f"pal_lock_{i}") and colors[i] else None for i in range(n)]


def generate():
    """Button callback: keep locked swatches, sample the rest (only safe palettes in CVD-safe mode)."""
    lk = locks()
    try:
        out = run_suggest(lk, ss.get("pal_cvd_safe", False))
    except Exception as exc:  # noqa: BLE001 - keep the old palette and say what happened
        ss["pal_msg"] = ("error", exc)
        return
    if not out:
        ss["pal_msg"] = ("warning", t("palette.safe_none"))
        return
    old = ss.get("pal_source", [])
    source = [(old[i] if i < len(old) else "you") if lock else "model" for i, lock in enumerate(lk)]
    set_palette(out[0]["colors"], source)
    apply_pending()


def picked(i):
    """Colour-picker callback: the picked colour becomes that swatch and is locked (a seed)."""
    ss["pal_colors"][i] = ss[f"pal_pick_{i}"]
    ss["pal_source"][i] = "you"
    ss[f"pal_lock_{i}"] = True


def resized():
    n = ss["pal_size"]
    ss["pal_n"] = n
    if n > len(ss["pal_colors"]):
        generate()
    else:
        ss["pal_colors"], ss["pal_source"] = ss["pal_colors"][:n], ss["pal_source"][:n]


if "pal_colors" not in ss:
    ss["pal_n"] = 5
    try:
        first = run_suggest([None] * 5, False)[0]["colors"]
    except Exception as exc:  # noqa: BLE001
        show_failure(exc)
        st.stop()
    set_palette(first, ["model"] * 5)
apply_pending()
colors = ss["pal_colors"][: ss["pal_n"]]


# ---------- drawing helpers ----------

def swatch_html(c, height=90, label=True):
    ink = cvd.readable_ink(c)
    text = f"<span style='color:{ink};font-family:monospace;font-size:0.9rem'>{html.escape(c)}</span>" if label else ""
    return (f"<div style='background:{c};height:{height}px;border-radius:8px;display:flex;align-items:flex-end;"
            f"padding:6px;border:1px solid #00000022'>{text}</div>")


def strip_html(cs, height=36):
    cells = "".join(f"<div style='flex:1;background:{c}' title='{c}'></div>" for c in cs)
    return f"<div style='display:flex;height:{height}px;border-radius:6px;overflow:hidden;margin:2px 0 8px 0'>{cells}</div>"


@st.cache_data(show_spinner=False)
def hue_ring() -> tuple[list[float], list[str]]:
    """The wheel's rim, fixed for every palette: 36 sector centres (degrees) and their CAM02-UCS colours."""
    from models.palette.colorspace import ucs_to_hex

    theta = [h + 5.0 for h in range(0, 360, 10)]
    return theta, [ucs_to_hex([65, 28 * math.cos(math.radians(h)), 28 * math.sin(math.radians(h))]) for h in theta]


def wheel(colors, harmony):
    """Hue wheel: each colour at its CAM02-UCS hue, further out = more colourful; spokes = the rule."""
    fig = go.Figure()
    theta, ring_colours = hue_ring()
    fig.add_trace(go.Barpolar(r=[6] * len(theta), theta=theta, width=[10] * len(theta), base=44,
                              marker_color=ring_colours, marker_line_width=0, hoverinfo="skip", showlegend=False))
    for s in harmony.spokes:
        fig.add_trace(go.Scatterpolar(r=[0, 44], theta=[s, s], mode="lines", showlegend=False, hoverinfo="skip",
                                      line=dict(color="#495057", dash="dash", width=2)))
    fig.add_trace(go.Scatterpolar(r=harmony.chromas, theta=harmony.hues, mode="markers+text", text=colors,
                                  textposition="top center", showlegend=False,
                                  marker=dict(size=26, color=colors, line=dict(color="#212529", width=1.5))))
    fig.update_layout(height=430, margin=dict(l=30, r=30, t=30, b=30),
                      polar=dict(radialaxis=dict(range=[0, 50], showticklabels=False),
                                 angularaxis=dict(direction="counterclockwise", rotation=0)))
    return fig


def design_preview(cs):
    roles = design_roles(cs)
    bg, fg, ac, ink = roles["background"], roles["text"], roles["accent"], roles["accent_ink"]
    chips = "".join(f"<span style='background:{c};width:28px;height:28px;border-radius:50%;display:inline-block;"
                    f"margin-right:6px;border:1px solid #00000022'></span>" for c in cs)
    card = f"""
<div style='background:{bg};color:{fg};border-radius:16px;padding:22px 26px;border:1px solid #00000022;max-width:520px'>
  <div style='font-size:0.8rem;letter-spacing:0.1em;text-transform:uppercase;opacity:0.8'>{html.escape(t('palette.preview.kicker'))}</div>
  <div style='font-size:1.6rem;font-weight:700;margin:4px 0 8px 0'>{html.escape(t('palette.preview.headline'))}</div>
  <div style='font-size:1rem;margin-bottom:14px'>{html.escape(t('palette.preview.body'))}</div>
  <div style='margin-bottom:14px'>{chips}</div>
  <span style='background:{ac};color:{ink};padding:8px 18px;border-radius:999px;font-weight:600'>{html.escape(t('palette.preview.button'))}</span>
</div>"""
    st.markdown(card, unsafe_allow_html=True)
    series = [c for c in cs if c != bg]  # a bar in the background colour would be invisible
    fig = go.Figure(go.Bar(x=[t("palette.preview.series", i=i + 1) for i in range(len(series))],
                           y=[3 + (i * 7) % 5 for i in range(len(series))], marker_color=series))
    fig.update_layout(height=260, margin=dict(l=10, r=10, t=30, b=10), title=t("palette.preview.chart"),
                      plot_bgcolor=bg, paper_bgcolor=bg, font=dict(color=fg))
    st.plotly_chart(fig, width="stretch", key="pal_chart", config={"displayModeBar": False})


# ---------- page ----------

st.title(t("palette.heading"))
st.markdown(t("palette.intro"))
with st.expander(t("palette.lecture.title")):
    for line in tl("palette.lecture.points"):
        st.markdown(f"- {line}")

if "pal_msg" in ss:
    kind, what = ss.pop("pal_msg")
    if kind == "error":
        show_failure(what)
    else:
        st.warning(what)

c1, c2, c3 = st.columns([1.2, 1.5, 1])
c1.select_slider(t("palette.size"), SIZES, key="pal_size", on_change=resized)
c2.toggle(t("palette.cvd_safe"), key="pal_cvd_safe", help=t("palette.cvd_safe_help"))
c3.button(t("palette.generate"), type="primary", on_click=generate, key="pal_generate", width="stretch")
st.caption(t("palette.lock_hint"))

cols = st.columns(len(colors))
for i, (col, c) in enumerate(zip(cols, colors)):
    with col:
        st.markdown(swatch_html(c), unsafe_allow_html=True)
        st.toggle(t("palette.lock"), key=f"pal_lock_{i}")
        st.color_picker(t("palette.pick"), key=f"pal_pick_{i}", on_change=picked, args=(i,),
                        label_visibility="collapsed")
        st.caption(t(f"palette.source.{ss['pal_source'][i]}"))

if ss.get("pal_history"):
    with st.expander(t("palette.history")):
        for j, old in enumerate(ss["pal_history"]):
            a, b = st.columns([5, 1])
            a.markdown(strip_html(old, 28), unsafe_allow_html=True)
            if b.button(t("palette.restore"), key=f"pal_restore_{j}"):
                set_palette(old, ["you"] * len(old))
                st.rerun()

report = cvd.check(colors)
harmony = classify(colors)
tabs = st.tabs([t(f"palette.tab.{k}") for k in ("photo", "harmony", "cvd", "design", "export", "quality")])

with tabs[0]:
    st.markdown(t("palette.photo.explain"))
    images = image_input("palette_photo", examples=PHOTO_EXAMPLES)
    n_photo = st.slider(t("palette.photo.how_many"), 1, ss["pal_n"], min(3, ss["pal_n"]), key="pal_from_photo")
    if images:
        left, right = st.columns([1, 2])
        left.image(images[0].image, width="stretch")
        with right:
            if st.button(t("palette.photo.go"), type="primary", key="pal_photo_go"):
                from models.palette.image_palette import from_image

                try:
                    completion_model()
                    out = from_image(images[0].image, n=ss["pal_n"], from_photo=n_photo,
                                     cvd_safe=ss.get("pal_cvd_safe", False))
                except Exception as exc:  # noqa: BLE001
                    show_failure(exc)
                    out = None
                if out:
                    ss["pal_photo"] = out[0]["photo_colours"]
                    set_palette(out[0]["colors"], out[0]["source"])
                    st.rerun()
                elif out is not None:
                    st.warning(t("palette.safe_none"))
            if ss.get("pal_photo"):
                st.markdown(t("palette.photo.found"))
                for c in ss["pal_photo"]:
                    st.markdown(f"{strip_html([c['hex']], 20)}<small>{c['hex']} · {c['share']:.0%}</small>",
                                unsafe_allow_html=True)

with tabs[1]:
    st.subheader(t(f"palette.harmony.{harmony.name}"))
    st.markdown(t(f"palette.harmony_explain.{harmony.name}"))
    if harmony.spokes:
        st.caption(t("palette.harmony_miss", miss=harmony.miss))
    st.plotly_chart(wheel(colors, harmony), width="stretch", key="pal_wheel", config={"displayModeBar": False})
    st.caption(t("palette.wheel_caption"))

with tabs[2]:
    st.markdown(t("palette.cvd.explain"))
    severity = st.slider(t("palette.cvd.severity"), 0.0, 1.0, 1.0, 0.1, key="pal_severity",
                         help=t("palette.cvd.severity_help"))
    deltas = cvd.min_delta(colors, severity)
    for vision in cvd.VISIONS:
        a, b = st.columns([4, 1])
        a.markdown(f"**{t(f'palette.vision.{vision}')}**" + strip_html(cvd.simulate(colors, vision, severity)),
                   unsafe_allow_html=True)
        ok = deltas[vision] >= cvd.SAFE_DELTA
        b.metric(t("palette.cvd.min_delta"), f"{deltas[vision]:.1f}")
        b.caption("✅ ≥ 10" if ok else "❌ < 10")
    st.dataframe(
        [{t("palette.cvd.col_vision"): t(f"palette.vision.{v}"), t("palette.cvd.col_delta"): deltas[v],
          t("palette.cvd.col_ok"): "✓" if deltas[v] >= cvd.SAFE_DELTA else "✗"} for v in cvd.VISIONS],
        hide_index=True, width="stretch")
    st.caption(t("palette.cvd.delta_note"))
    pair = report["contrast"]
    st.markdown(f"#### {t('palette.contrast.title')}")
    st.markdown(f"<div style='background:{pair['background']};color:{pair['text']};padding:14px 18px;border-radius:10px;"
                f"font-size:1.3rem;border:1px solid #00000022'>{html.escape(t('palette.contrast.sample'))}</div>",
                unsafe_allow_html=True)
    level = "aaa" if pair["ratio"] >= 7 else "aa" if pair["ratio"] >= 4.5 else "fail"
    st.markdown(t("palette.contrast.result", ratio=pair["ratio"], text=pair["text"], bg=pair["background"],
                  level=t(f"palette.contrast.{level}")))
    st.markdown(t("palette.cvd.verdict_safe") if report["cvd_safe"] else t("palette.cvd.verdict_unsafe"))

with tabs[3]:
    vision = st.segmented_control(t("palette.preview.view_as"), cvd.VISIONS, default="normal", required=True,
                                  format_func=lambda v: t(f"palette.vision.{v}"), key="pal_view_as")
    design_preview(cvd.simulate(colors, vision, ss.get("pal_severity", 1.0)))

with tabs[4]:
    st.code(" ".join(colors), language=None)
    full = dict(report, harmony=harmony.name, delta="CAM02-UCS")
    a, b, c, d = st.columns(4)
    a.download_button(t("palette.export.hex"), export.as_hex_list(colors), "palette.txt", "text/plain", key="pal_dl_hex")
    b.download_button(t("palette.export.css"), export.as_css(colors), "palette.css", "text/css", key="pal_dl_css")
    c.download_button(t("palette.export.json"), export.as_json(full), "palette.json", "application/json",
                      key="pal_dl_json")
    d.download_button(t("palette.export.png"), export.as_png(colors), "palette.png", "image/png", key="pal_dl_png")
    st.code(export.as_css(colors), language="css")

with tabs[5]:
    from models.palette.model import card_metrics

    m = card_metrics()
    st.markdown(t("palette.quality.explain"))
    if m:
        names = {"random colour": "random", "mean of the other four": "mean",
                 "nearest-10 training palettes": "nearest", "completion network": "network"}
        st.dataframe([{t("palette.quality.col_method"): t(f"palette.quality.method.{names.get(k, k)}"),
                       t("palette.quality.col_error"): round(v, 1)} for k, v in m["fill_one"].items()],
                     hide_index=True, width="stretch")
        st.caption(t("palette.quality.anchors"))
        a, b, c = st.columns(3)
        a.metric(t("palette.quality.critic"), f"{m['critic_auc']['generated']:.2f}",
                 help=t("palette.quality.critic_help", rand=m["critic_auc"]["random"]))
        b.metric(t("palette.quality.chroma"), f"{m['stats']['ratio']['chroma']:.0%}")
        c.metric(t("palette.quality.diversity"), f"{m['stats']['ratio']['diversity']:.0%}")

st.divider()
st.caption(t("palette.attribution"))
