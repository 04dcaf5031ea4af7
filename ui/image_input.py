"""Shared image input: upload, camera or one-click package examples → RGB images or a clear error."""
from __future__ import annotations

import streamlit as st

from models.common.examples import available, get_example
from models.common.images import APP_MAX_SIDE, MAX_FILE_BYTES, UPLOAD_TYPES, ImageLoadError, LoadedImage, load_image
from ui.i18n import current_lang, t

SOURCES = ("example", "upload", "camera")  # examples first: a class demo costs no click


def _decode(data: bytes, name: str) -> LoadedImage | str:
    """The decoded image, no bigger than any page computes at, or the error code instead of raising."""
    try:
        return load_image(data, name, max_side=APP_MAX_SIDE)
    except ImageLoadError as exc:
        return exc.code


def _report(result: LoadedImage | str, name: str) -> LoadedImage | None:
    if isinstance(result, str):
        st.error(t("common.image_error.prefix", name=name) + " " + t(f"common.image_error.{result}"))
        return None
    return result


def _decoded_uploads(box: str, files: list, name: str | None = None) -> list[LoadedImage]:
    """The files now in upload box `box` (called `name`, when given), each decoded once, keyed by its
    upload id (no re-hashing of big bytes). The session keeps exactly what each box holds now (at most
    1024 px, 3 MB a photo): a rerun decodes none of them again, however many there are or however many
    boxes a page has, and a file taken out of its box is let go."""
    stores: dict = st.session_state.setdefault("_decoded_uploads", {})
    kept = stores.get(box, {})
    stores[box] = {f.file_id: kept[f.file_id] if f.file_id in kept else _decode(f.getvalue(), name or f.name)
                   for f in files}
    return [img for f in files if (img := _report(stores[box][f.file_id], name or f.name)) is not None]


def decoded(file) -> LoadedImage | None:
    """An uploaded file decoded as every upload is (turned upright, no bigger than any page needs, a
    clear message when it is not a picture), for a page that uses it once and keeps only what it made."""
    return _report(_decode(file.getvalue(), file.name), file.name)


@st.cache_resource(show_spinner=False)
def _example(key: str) -> LoadedImage | str:
    """A package example, decoded once per process and shared (read-only) by every session."""
    return _decode(get_example(key).jpeg_bytes(), f"{key}.jpg")


def image_input(
    key: str,
    examples: tuple[str, ...] = ("dog", "chelsea", "coffee"),
    multiple: bool = False,
    label: str | None = None,
    default_source: str = "example",
    fresh: int = 0,
) -> list[LoadedImage]:
    """Draw the input and return the decoded images (possibly empty). Never raises on bad files.
    A new `fresh` number gives an empty upload box (the files a page has used up leave it)."""
    lang = current_lang()  # bound now: AppTest formats options outside the script run
    if not examples:  # a page without examples (digits) opens on the upload box
        default_source = "upload"
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
        files = uploader(
            t("common.image.upload_label"),
            MAX_FILE_BYTES,
            type=UPLOAD_TYPES,
            accept_multiple_files=multiple,
            key=f"{key}_upload" + (f"_{fresh}" if fresh else ""),
            help=t("common.image.upload_help"),
        )
        images = _decoded_uploads(key, files if isinstance(files, list) else [files] if files else [])
    elif source == "camera":
        shot = st.camera_input(t("common.image.camera_label"), key=f"{key}_camera")
        images = _decoded_uploads(key, [shot] if shot is not None else [], name="camera.jpg")
    else:
        st.session_state.get("_decoded_uploads", {}).pop(key, None)  # the upload box is gone: so are its files
        options = [ex.key for ex in available(list(examples))]
        if not options:
            st.info(t("common.image.no_examples"))
            return []
        picked = st.pills(  # one example at a time, even where uploads may be several: a click replaces it
            t("common.image.example_label"),
            options,
            format_func=lambda k: t(f"common.example.{k}", lang=lang),
            selection_mode="single",
            default=options[0],
            key=f"{key}_example",
        )
        picked = picked if isinstance(picked, list) else [picked] if picked else []
        for k in picked:
            loaded = _report(_example(k), f"{k}.jpg")
            if loaded:
                images.append(loaded)
    return images


def uploader(label: str, max_bytes: int, **kwargs):
    """`st.file_uploader` with this kind of file's own limit, said once in the user's language in the label.

    The widget refuses bigger files itself (`max_upload_size`, whole MB: the limit in MiB rounded up, so
    the reader's exact byte check still speaks for files just over it); Streamlit's English
    "Limit … per file" line is hidden by ui/page.py's CSS so the limit is not shown twice.
    """
    mb = -(-max_bytes // 2**20)
    limit = t("common.upload.limit", mb=mb if max_bytes % 2**20 == 0 else f"{max_bytes / 1e6:g}")
    return st.file_uploader(f"{label} · {limit}", max_upload_size=mb, **kwargs)


def image_digest(img: LoadedImage) -> str:
    """Stable id of an image's pixels (computed once per loaded image), a results key."""
    return img.digest
