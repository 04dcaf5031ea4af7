"""Dog breeds: the ImageNet generalist (with a P(dog) gate) next to a fine-tuned specialist, plus Grad-CAM."""
import time

import plotly.graph_objects as go
import streamlit as st

from ui.compute import compute_slots
from ui.errors import show_failure
from ui.i18n import t, tl
from ui.image_input import image_digest, image_input
from ui.page import setup_page

lang = setup_page("dog")


@st.cache_resource(show_spinner=False)
def dog_models():
    from models.dog_breeds.pipeline import load_models, warm_up

    return warm_up(load_models())


def percent(p: float) -> str:
    return f"{p:.1%}" if p < 0.1 else f"{p:.0%}"


def bars(labels: list[str], probs: list[float], axis: str, colour: str, key: str) -> None:
    """Horizontal probability bars, best on top."""
    fig = go.Figure(go.Bar(x=probs[::-1], y=labels[::-1], orientation="h", marker_color=colour,
                           text=[percent(p) for p in probs[::-1]], textposition="auto"))
    fig.update_layout(height=60 + 36 * len(labels), margin=dict(l=0, r=10, t=10, b=30),
                      xaxis=dict(range=[0, 1], tickformat=".0%", title=axis), yaxis=dict(automargin=True))
    st.plotly_chart(fig, width="stretch", key=key, config={"displayModeBar": False})


def classify(images, digests: list[str]) -> dict:
    """Results by image digest; only photos not seen before go through the networks (one batch)."""
    from models.dog_breeds.pipeline import analyse

    results = st.session_state.setdefault("dog_results", {})
    todo = {d: img.image for d, img in zip(digests, images) if d not in results}
    if todo:
        models = dog_models()
        start = time.perf_counter()
        # Parallel inference on the one cached model multiplies memory: two visitors at a time.
        with compute_slots("dog", 2):
            results.update(zip(todo, analyse(models, list(todo.values()))))
        st.session_state["dog_latency"] = ((time.perf_counter() - start) * 1000, len(todo))
        st.caption(t("dog.batch_caption", n=len(todo), ms=st.session_state["dog_latency"][0],
                     per=st.session_state["dog_latency"][0] / len(todo)))
    return results


def gradcam_image(img, digest: str, class_index: int):
    from models.dog_breeds.gradcam import overlay

    cams = st.session_state.setdefault("dog_cams", {})
    key = (digest, class_index)
    if key not in cams:
        with compute_slots("dog", 2):
            heatmap = dog_models().gradcam.heatmap(img.image, class_index)
        cams[key] = overlay(img.image, heatmap)
    return cams[key]


def show_generalist(pred, key: str) -> None:
    st.markdown(f"#### {t('dog.generalist_header')}")
    st.caption(t("dog.generalist_sub"))
    st.metric(t("dog.p_dog"), percent(pred.p_dog), help=t("dog.p_dog_help"))
    if pred.is_dog:
        bars([b.breed.name(lang) for b in pred.breeds], [b.p for b in pred.breeds], t("dog.breed_axis"),
             "#3b5bdb", f"{key}_general")
        st.markdown(t(f"dog.confidence.{pred.confidence}", p=f"{pred.breeds[0].p:.2f}"))
    else:
        top = pred.imagenet_top[0]
        st.warning(t("dog.no_dog", p_dog=percent(pred.p_dog), label=top.name, p=percent(top.p)))
        st.markdown(f"**{t('dog.sees')}**")
        bars([c.name for c in pred.imagenet_top], [c.p for c in pred.imagenet_top], t("dog.class_axis"),
             "#868e96", f"{key}_sees")
        st.caption(t("dog.class_names_note"))


def show_specialist(result, key: str) -> None:
    from models.dog_breeds.names import specialist_breeds

    general, special = result.generalist, result.specialist
    st.markdown(f"#### {t('dog.specialist_header')}")
    st.caption(t("dog.specialist_sub"))
    bars([b.breed.name(lang) for b in special], [b.p for b in special], t("dog.specialist_axis"), "#e8590c",
         f"{key}_special")
    if not general.is_dog:
        st.info(t("dog.specialist_no_dog"))
        return
    top_general, top_special = general.breeds[0].breed, special[0].breed
    if top_general == top_special:
        st.success(t("dog.agree", breed=top_general.name(lang)))
    else:
        st.markdown(t("dog.disagree", general=top_general.name(lang), special=top_special.name(lang)))
        if top_general not in specialist_breeds():
            st.caption(t("dog.not_in_specialist", breed=top_general.name(lang)))


def show_photo(img, digest: str, result, show_cam: bool, key: str) -> None:
    photo, general, special = st.columns([1.1, 1, 1], gap="medium")
    with photo:
        pred = result.generalist
        if show_cam:
            target = pred.breeds[0] if pred.is_dog else pred.imagenet_top[0]
            label = target.breed.name(lang) if pred.is_dog else target.name
            st.image(gradcam_image(img, digest, target.imagenet_index), caption=t("dog.gradcam_caption", label=label))
        else:
            st.image(img.image, caption=t("dog.photo_caption", name=img.name))
    with general:
        show_generalist(result.generalist, key)
    with special:
        show_specialist(result, key)


def model_card() -> None:
    latency = st.session_state.get("dog_latency")
    latency_text = (t("dog.model_card.latency_value", ms=latency[0] / latency[1], n=latency[1]) if latency
                    else t("dog.model_card.latency_unknown"))
    from models.dog_breeds import generalist, specialist

    params = (f"{generalist.PARAMETERS:,}", f"{specialist.PARAMETERS:,}")
    rows = [(t(f"dog.model_card.row_{r}"), t(f"dog.model_card.generalist_{r}"), t(f"dog.model_card.specialist_{r}"))
            for r in ("architecture", "input", "data", "classes", "licence")]
    rows.insert(1, (t("dog.model_card.row_parameters"), *params))
    rows.append((t("dog.model_card.row_latency"), latency_text, latency_text))
    header = (t("dog.model_card.column_property"), t("dog.model_card.column_generalist"),
              t("dog.model_card.column_specialist"))
    table = "\n".join(f"| {a} | {b} | {c} |" for a, b, c in [header, ("---",) * 3, *rows])
    st.markdown(table)
    st.caption(t("dog.model_card.limits"))


st.title(f"🐶 {t('dog.title')}")
st.caption(t("dog.subtitle"))
images = image_input("dog", examples=("dog", "person", "chelsea", "coffee", "eagle"), multiple=True)
show_cam = st.toggle(t("dog.gradcam_toggle"), value=True, key="dog_gradcam", help=t("dog.gradcam_help"))

if not images:
    st.info(t("dog.empty"))
else:
    try:
        with st.spinner(t("dog.loading") if "dog_results" not in st.session_state else t("dog.classifying")):
            digests = [image_digest(img) for img in images]  # once per rerun: hashing a big photo is not free
            results = classify(images, digests)
        for n, (img, digest) in enumerate(zip(images, digests)):
            st.divider()
            st.subheader(img.name)
            show_photo(img, digest, results[digest], show_cam, key=f"dog_{n}")
    except Exception as exc:  # noqa: BLE001 - keep the page alive; results so far stay in session_state
        show_failure(exc, "dog.failed")

with st.expander(t("dog.how.title")):
    for step in tl("dog.how.steps"):
        st.markdown(f"- {step}")
with st.expander(t("dog.model_card.title")):
    model_card()
