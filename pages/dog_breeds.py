"""Dog breeds: the ImageNet generalist (with a P(dog) gate) next to a fine-tuned specialist, plus Grad-CAM."""
from collections import OrderedDict

import streamlit as st

from models.dog_breeds.figures import percent, probability_bars, score_text
from ui.errors import show_failure
from ui.i18n import josa, t, tl
from ui.image_input import image_input
from ui.dog_state import analyse_job
from ui.jobs import run_job
from ui.media import shown
from ui.model_card import dog_model_card
from ui.page import setup_page
from ui.plots import chart

lang = setup_page("dog")
KEEP_PHOTOS = 8  # analysed photos a session keeps (newest first); older ones are analysed again if shown


def bars(labels: list[str], probs: list[float], axis: str, colour: str, key: str, store: dict) -> None:
    """Horizontal probability bars, best on top; the figure is built once per photo and language."""
    if (key, lang) not in store:
        store[(key, lang)] = probability_bars(labels, probs, axis, colour)
    chart(store[(key, lang)], width="stretch", key=key, config={"displayModeBar": False})


def classify(images) -> OrderedDict:
    """{digest: entry} for the shown photos; only photos not seen before go through the networks (one job)."""
    results: OrderedDict = st.session_state.setdefault("dog_results", OrderedDict())
    todo = {img.digest: img for img in images if img.digest not in results}
    if todo:
        analysis = run_job(analyse_job, list(todo.values()), kind="dog", share=True)
        for digest, (result, cam) in zip(todo, analysis.photos):
            results[digest] = {"result": result, "cam": cam, "photo": None, "figs": {}}
        st.session_state["dog_latency"] = (analysis.compute_ms, len(todo))
        st.caption(t("dog.batch_caption", n=len(todo), ms=analysis.compute_ms, per=analysis.compute_ms / len(todo)))
    for img in images:
        results.move_to_end(img.digest)
    while len(results) > max(KEEP_PHOTOS, len(images)):
        results.popitem(last=False)
    return results


def photo_image(img, entry: dict) -> bytes:
    """The photo itself at display size (Grad-CAM switched off), encoded once per photo."""
    if entry["photo"] is None:
        entry["photo"] = shown(img.image)
    return entry["photo"]


def show_generalist(pred, key: str, figs: dict) -> None:
    st.markdown(f"#### {t('dog.generalist_header')}")
    st.caption(t("dog.generalist_sub"))
    st.metric(t("dog.p_dog"), percent(pred.p_dog), help=t("dog.p_dog_help"))
    if pred.is_dog:
        bars([b.breed.name(lang) for b in pred.breeds], [b.p for b in pred.breeds], t("dog.breed_axis"),
             "#3b5bdb", f"{key}_general", figs)
        st.markdown(t(f"dog.confidence.{pred.confidence}", p=score_text(pred.breeds[0].p)))
    else:
        top = pred.imagenet_top[0]
        st.warning(t("dog.no_dog", p_dog=percent(pred.p_dog), label=top.name, p=percent(top.p)))
        st.markdown(f"**{t('dog.sees')}**")
        bars([c.name for c in pred.imagenet_top], [c.p for c in pred.imagenet_top], t("dog.class_axis"),
             "#868e96", f"{key}_sees", figs)
        st.caption(t("dog.class_names_note"))


def show_specialist(result, key: str, figs: dict) -> None:
    from models.dog_breeds.names import specialist_breeds

    general, special = result.generalist, result.specialist
    st.markdown(f"#### {t('dog.specialist_header')}")
    st.caption(t("dog.specialist_sub"))
    bars([b.breed.name(lang) for b in special], [b.p for b in special], t("dog.specialist_axis"), "#e8590c",
         f"{key}_special", figs)
    if not general.is_dog:
        st.info(t("dog.specialist_no_dog"))
        return
    top_general, top_special = general.breeds[0].breed, special[0].breed
    if top_general == top_special:
        st.success(t("dog.agree", breed=top_general.name(lang)))
    else:
        special_name, general_name = top_special.name(lang), top_general.name(lang)
        st.markdown(t("dog.disagree", general=general_name, special=special_name,
                      rago=josa(special_name, "이라고/라고")))
        if top_general not in specialist_breeds():
            st.caption(t("dog.not_in_specialist", breed=general_name, rago=josa(general_name, "이라고/라고")))


def show_photo(img, entry: dict, show_cam: bool, key: str) -> None:
    result = entry["result"]
    wide = 1.8 if st.session_state.get("present") else 1.1  # on a projector the photo is the result
    photo, general, special = st.columns([wide, 1, 1], gap="medium")
    with photo:
        pred = result.generalist
        if show_cam:
            target = pred.breeds[0] if pred.is_dog else pred.imagenet_top[0]
            label = target.breed.name(lang) if pred.is_dog else target.name
            st.image(entry["cam"], caption=t("dog.gradcam_caption", label=label))
            st.caption(t("dog.gradcam_crop"))
        else:
            st.image(photo_image(img, entry), caption=t("dog.photo_caption", name=img.name))
    with general:
        show_generalist(result.generalist, key, entry["figs"])
    with special:
        show_specialist(result, key, entry["figs"])


@st.fragment  # a new photo or the Grad-CAM switch reruns only this part: not the navigation, sidebar and title
def photos_and_results() -> None:
    """Upload or pick photos, see both models' answers; the model card (this session's latency) comes along."""
    images = image_input("dog", examples=("dog", "person", "chelsea", "coffee", "eagle"), multiple=True)
    show_cam = st.toggle(t("dog.gradcam_toggle"), value=True, key="dog_gradcam", help=t("dog.gradcam_help"))

    if not images:
        st.info(t("dog.empty"))
    else:
        try:
            with st.spinner(t("dog.loading") if "dog_results" not in st.session_state else t("dog.classifying")):
                results = classify(images)
            for n, img in enumerate(images):
                st.divider()
                st.subheader(img.name)
                show_photo(img, results[img.digest], show_cam, key=f"dog_{n}")
        except Exception as exc:  # noqa: BLE001 - keep the page alive; results so far stay in session_state
            show_failure(exc, "dog.failed")

    with st.expander(t("dog.how.title")):
        st.markdown("\n".join(f"- {step}" for step in tl("dog.how.steps")))  # one element, not one per step
    with st.expander(t("dog.model_card.title")):
        dog_model_card(st.session_state.get("dog_latency"))


st.title(f"🐶 {t('dog.title')}")
st.caption(t("dog.subtitle"))
photos_and_results()
