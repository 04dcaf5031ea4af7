"""The teachable page's class editor: one card per class (name, photos in, thumbnails out), add or delete
classes, and the one-click ready-made example. Photos are kept in `models.teachable.classes.Classes`."""
from __future__ import annotations

import itertools

import streamlit as st

from models.teachable.classes import MAX_PHOTOS_PER_CLASS, Classes, PhotoClass
from models.teachable.dataset import MAX_CLASSES
from ui import teach_state as state
from ui.i18n import t
from ui.image_input import image_input


def class_card(classes: Classes, cls: PhotoClass) -> None:
    with st.container(border=True):
        cls.name = st.text_input(t("teach.classes.name_label"), cls.name, key=f"teach_name_{cls.id}", max_chars=40)
        st.caption(t("teach.classes.count", n=len(cls.photos)))
        box = f"teach_box_{cls.id}"  # its number goes up when the photos in it are added to the class
        images = image_input(f"teach_add_{cls.id}", examples=state.PHOTO_EXAMPLES, multiple=True,
                             fresh=st.session_state.get(box, 0))
        if st.button(t("teach.classes.add_button", n=len(images), name=cls.name), key=f"teach_addbtn_{cls.id}",
                     disabled=not images, type="primary"):
            room = classes.room(cls.id)
            added, duplicates = classes.add_photos(cls.id, [im.image for im in images[:room]])
            st.toast(t("teach.classes.added", n=added))
            if len(images) > room:
                st.toast(t("teach.classes.full", max=MAX_PHOTOS_PER_CLASS, n=len(images) - room))
            if duplicates:
                st.toast(t("teach.classes.duplicates", n=duplicates))
            # added photos leave the upload box: no decoding them again on every rerun, their bytes freed
            st.session_state[box] = st.session_state.get(box, 0) + 1
            st.rerun()  # the count above and the staleness note below include the new photos
        if not cls.photos:
            st.caption(t("teach.classes.empty"))
        for col, key in zip(itertools.cycle(st.columns(4)), list(cls.photos)[: state.THUMBS_SHOWN]):
            col.image(cls.photos[key].thumb, width="stretch")
            col.button("✕", key=f"teach_rm_{cls.id}_{key[:12]}", help=t("teach.classes.remove_image"),
                       on_click=classes.remove_photo, args=(cls.id, key))
        if len(cls.photos) > state.THUMBS_SHOWN:
            st.caption(t("teach.classes.more_photos", n=len(cls.photos) - state.THUMBS_SHOWN))
        st.button(t("teach.classes.remove_class"), key=f"teach_del_{cls.id}", on_click=classes.delete_class,
                  args=(cls.id,))


def class_editor(classes: Classes, lang: str) -> None:
    """Cards two or three to a row; the ready-made example is offered while no class has a photo, and what
    its numbers mean is said until its classes are renamed."""
    st.subheader(t("teach.classes.header"))
    st.caption(t("teach.classes.help"))
    if not any(classes.counts):
        st.button(t("teach.classes.sample"), key="teach_sample", on_click=state.load_sample, args=(classes, lang),
                  help=t("teach.classes.sample_help"))
        st.caption(t("teach.classes.sample_note"))  # what its validation accuracy and try-it photos mean
    per_row = 2 if len(classes.items) in (1, 2, 4) else 3
    for row in range(0, len(classes.items), per_row):
        for col, cls in zip(st.columns(per_row), classes.items[row : row + per_row]):
            with col:
                class_card(classes, cls)
    if any(classes.counts) and state.is_sample(classes, lang):  # after the cards: names as just typed
        st.caption(t("teach.classes.sample_note"))
    if len(classes.items) < MAX_CLASSES:
        st.button(t("teach.classes.add_class"), key="teach_add_class", on_click=state.add_class, args=(classes, lang))
    else:
        st.caption(t("teach.classes.max_classes"))
