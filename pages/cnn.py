"""Inside a CNN: a filter, ReLU and pooling on your picture, the notes' arithmetic, then real feature maps."""
import numpy as np
import streamlit as st

from models.cnn.figures import grey_picture, number_grid, with_box
from models.cnn.feature_maps import example_digit, montage, strongest_unit
from models.cnn.filters import (KERNELS, NOTES_EDGE, NOTES_EDGE_MIRRORED, NOTES_POOL, KernelError, convolve, grey_photo,
                                kernel, patch_sum, pool, relu, signed, strongest_patch, to_picture)
from ui.errors import show_failure
from ui.results import remembered
from ui.i18n import t
from ui.image_input import image_input
from ui.cnn_state import digit_maps_job, imagenet_job
from ui.jobs import run_job
from ui.page import setup_page
from ui.plots import chart

lang = setup_page("cnn")


def grid(where, values, title, key, **kw) -> None:
    chart(where, number_grid(values, title, **kw), width="stretch", key=key,
                       config={"displayModeBar": False, "staticPlot": True})


def notes_example() -> None:
    st.subheader(t("cnn.notes.heading"))
    st.markdown(t("cnn.notes.body"))
    k, cols = KERNELS["vertical_edge"], st.columns(3)
    grid(cols[0], k, t("cnn.notes.kernel"), "cnn_k", signed=True, height=200)
    for col, (name, img) in zip(cols[1:], (("dark_to_light", NOTES_EDGE), ("light_to_dark", NOTES_EDGE_MIRRORED))):
        grid(col, img[:3, :4], t(f"cnn.notes.{name}"), f"cnn_{name}", box=(0, 1, 3, 4), height=200)
        col.code(patch_sum(img, k, 0, 1).formula(0), language=None, wrap_lines=True)
    st.markdown(t("cnn.notes.pool"))
    for col, (name, values) in zip(st.columns(3), (("pool_in", NOTES_POOL), ("pool_max", pool(NOTES_POOL)),
                                                   ("pool_mean", pool(NOTES_POOL, "mean")))):
        grid(col, values, t(f"cnn.notes.{name}"), f"cnn_{name}", colorscale="Blues", height=200)


def chosen_kernel() -> np.ndarray | None:
    names = [*KERNELS, "custom"]
    name = st.pills(t("cnn.kernel.label"), names, default="vertical_edge", key="cnn_kernel",
                    format_func=lambda k: t(f"cnn.kernel.{k}", lang=lang)) or "vertical_edge"
    if name != "custom":
        return KERNELS[name]
    text = st.text_input(t("cnn.kernel.custom_label"), "1 0 -1; 2 0 -2; 1 0 -1", key="cnn_custom")
    try:
        return kernel(text)
    except KernelError:
        st.error(t("cnn.kernel.bad"))


def filter_section(grey: np.ndarray, k: np.ndarray) -> None:
    response = convolve(grey, k, padding="same")
    use_relu = st.toggle(t("cnn.filter.relu"), key="cnn_relu", help=t("cnn.filter.relu_help"))
    shown_response = relu(response) if use_relu else response
    how = st.segmented_control(t("cnn.filter.pool"), ["max", "mean"], default="max", required=True, key="cnn_pool",
                               format_func=lambda h: t(f"cnn.filter.pool_{h}", lang=lang))
    is_signed = signed(k) and not use_relu
    cols = st.columns(3)  # input, filtered, pooled
    cols[0].image(grey_picture(grey, 280), caption=t("cnn.filter.input", h=grey.shape[0], w=grey.shape[1]), width="stretch")
    cols[1].image(grey_picture(to_picture(shown_response, is_signed), 280), width="stretch",
                  caption=t("cnn.filter.signed" if is_signed else "cnn.filter.output"))
    pooled = pool(shown_response, how)
    cols[2].image(grey_picture(to_picture(pooled, is_signed), 280), width="stretch",
                  caption=t("cnn.filter.pooled", h=pooled.shape[0], w=pooled.shape[1]))
    row, col, worked = strongest_patch(grey, k)
    st.markdown(t("cnn.filter.pixel", row=row + 2, col=col + 2))
    left, right = st.columns(2)
    grid(left, worked.patch, t("cnn.filter.patch"), "cnn_patch", height=200)
    grid(right, worked.kernel, t("cnn.kernel.heading"), "cnn_kernel_grid", signed=True, height=200)
    st.code(worked.formula(2), language=None, wrap_lines=True)


def digit_maps(image: np.ndarray) -> None:
    inspector, maps = remembered("cnn_maps", image.tobytes(), lambda: run_job(digit_maps_job, image, kind="cnn"))
    layer = st.segmented_control(t("cnn.digit.layer"), inspector.names, default="relu1", required=True, key="cnn_layer",
                                 format_func=lambda n: t(f"cnn.digit.{n}", lang=lang))
    m = maps[layer]
    st.image(grey_picture(montage(m, range(m.shape[-1]), columns=16, cell=48)), width="stretch",
             caption=t("cnn.digit.maps_caption", n=m.shape[-1], h=m.shape[0], w=m.shape[1]))
    channel = st.pills(t("cnn.digit.pick"), list(range(m.shape[-1])), default=0, key=f"cnn_map_{layer}") or 0
    block = int(layer[-1])
    unit = strongest_unit(inspector, maps, image, block, channel)
    cols = st.columns(3)
    cols[0].image(with_box(image, unit.box), caption=t("cnn.digit.field", block=block), width="stretch")
    strongest_in = int(np.argmax(np.abs(unit.kernel).sum((0, 1))))
    grid(cols[1], unit.kernel[..., strongest_in], t("cnn.digit.kernel", n=unit.kernel.shape[-1], i=strongest_in), "cnn_dk",
         signed=True)
    grid(cols[2], unit.patch[..., strongest_in], t("cnn.digit.patch"), "cnn_dp")
    st.markdown(t("cnn.digit.sum", n=unit.kernel.size, bias=f"{unit.bias:.2f}", total=f"{unit.total:.2f}",
                  relu=f"{unit.after_relu:.2f}"))


st.title(f"🔬 {t('cnn.title')}")
st.markdown(t("cnn.intro"))
st.subheader(t("cnn.filter.heading"))  # the filter first: on a phone the lecture's number grids come after it
source = st.segmented_control(t("cnn.source"), ["photo", "digit"], default="photo", required=True, key="cnn_picture",
                              format_func=lambda s: t(f"cnn.source_{s}", lang=lang))
readings = [e["reading"] for e in st.session_state.get("digits_readings", {}).values() if e.get("reading")]
digit = readings[-1].pre.image if readings else example_digit()
photos = image_input("cnn", examples=("chelsea", "coffee", "astronaut", "rocket")) if source == "photo" else []
k = chosen_kernel()
if source == "photo" and not photos:
    st.info(t("cnn.no_photo"))
elif k is not None:
    filter_section(digit if source == "digit" else grey_photo(photos[0].image, 256), k)
st.divider()
notes_example()
st.divider()
st.subheader(t("cnn.digit.heading"))
st.markdown(t("cnn.digit.intro"))
try:
    digit_maps(digit)
    st.divider()
    st.subheader(t("cnn.imagenet.heading"))
    st.markdown(t("cnn.imagenet.intro"))
    if photos:
        sheets, stem = remembered("cnn_imagenet", photos[0].digest,
                                  lambda: run_job(imagenet_job, photos[0].image, kind="cnn"))
        st.image(stem, caption=t("cnn.imagenet.stem_kernels"))
        for key in sheets:
            st.image(sheets[key], caption=t(f"cnn.imagenet.{key}"), width="stretch")
    else:
        st.info(t("cnn.imagenet.no_photo"))
except Exception as exc:  # noqa: BLE001 - keep the page alive
    show_failure(exc, "cnn.failed")
