"""Shared image input: upload, camera or one-click package examples → RGB images or a clear error."""
from __future__ import annotations

import hashlib

import streamlit as st

from models.common.examples import available, get_example
from models.common.images import MAX_FILE_BYTES, UPLOAD_TYPES, ImageLoadError, LoadedImage, load_image
from ui.i18n import current_lang, t

SOURCES = ("upload", "camera", "example")


@st.cache_data(show_spinner=False, max_entries=64)
def _decode(data: bytes, name: str) -> LoadedImage | str:
    """Decode once per distinct file; returns the error code instead of raising (cacheable)."""
    try:
        return load_image(data, name)
    except ImageLoadError as exc:
        return exc.code


def _decode_or_report(data: bytes, name: str) -> LoadedImage | None:
    result = _decode(data, name)
    if isinstance(result, str):
        st.error(t("common.image_error.prefix", name=name) + " " + t(f"common.image_error.{result}"))
        return None
    return result


def image_input(
    key: str,
    examples: tuple[str, ...] = ("dog", "chelsea", "coffee"),
    multiple: bool = False,
    label: str | None = None,
    default_source: str = "upload",
) -> list[LoadedImage]:
    """Draw the input and return the decoded images (possibly empty). Never raises on bad files."""
    lang = current_lang()  # bound now: AppTest formats options outside the script run
    if label:
        st.markdown(f"**{label}**")
    source = st.segmented_control(
        t("common.image.source"),
        SOURCES,
        format_func=lambda s: t(f"common.image.{s}", lang=lang),
        default=default_source,
        required=True,
        key=f"{key}_source",
    )
    images: list[LoadedImage] = []
    if source == "upload":
        files = st.file_uploader(
            t("common.image.upload_label"),
            type=UPLOAD_TYPES,
            accept_multiple_files=multiple,
            key=f"{key}_upload",
            max_upload_size=int(MAX_FILE_BYTES / 1024 / 1024) + 5,
            help=t("common.image.upload_help"),
        )
        files = files if isinstance(files, list) else [files] if files else []
        for f in files:
            loaded = _decode_or_report(f.getvalue(), f.name)
            if loaded:
                images.append(loaded)
    elif source == "camera":
        shot = st.camera_input(t("common.image.camera_label"), key=f"{key}_camera")
        if shot is not None:
            loaded = _decode_or_report(shot.getvalue(), "camera.jpg")
            if loaded:
                images.append(loaded)
    else:
        options = [ex.key for ex in available(list(examples))]
        if not options:
            st.info(t("common.image.no_examples"))
            return []
        picked = st.pills(
            t("common.image.example_label"),
            options,
            format_func=lambda k: t(f"common.example.{k}", lang=lang),
            selection_mode="multi" if multiple else "single",
            default=[options[0]] if multiple else options[0],
            key=f"{key}_example",
        )
        picked = picked if isinstance(picked, list) else [picked] if picked else []
        for k in picked:
            loaded = _decode_or_report(_example_bytes(k), f"{k}.jpg")
            if loaded:
                images.append(loaded)
    return images


@st.cache_data(show_spinner=False)
def _example_bytes(key: str) -> bytes:
    return get_example(key).jpeg_bytes()


def image_digest(img: LoadedImage) -> str:
    """Stable id of an image's pixels, handy as a session_state results key."""
    return hashlib.sha1(img.image.tobytes()).hexdigest()[:16]
