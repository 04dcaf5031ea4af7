"""A neuron and the XOR problem: one neuron by hand, the perceptron learning rule, a 2-2-1 Keras net."""
import streamlit as st

from models.neurons import figures
from models.neurons import perceptron as P
from ui.errors import show_failure
from ui.i18n import catalog, t
from ui.jobs import JobCancelled, cancelled_note, run_job
from ui.page import setup_page
from ui.plots import chart, table as show_table

lang = setup_page("neuron")
ss = st.session_state
GATE_NAMES = {g: g.upper() for g in P.GATES}


def words(prefix: str) -> dict:
    """Every string under `neuron.<prefix>.`, for a figure or a table."""
    return {k.removeprefix(prefix + "."): v for k, v in catalog(lang, "neuron").items() if k.startswith(prefix + ".")}


def xor_job(seed: int, progress):
    from models.neurons import xor_net

    return xor_net.train(seed, progress=progress)


def one_neuron() -> None:
    st.header(t("neuron.one.header"))
    left, right = st.columns([1, 2])
    with left:
        w1 = st.slider(t("neuron.one.w1"), -2.0, 2.0, 0.5, 0.1, key="neuron_w1")
        w2 = st.slider(t("neuron.one.w2"), -2.0, 2.0, 0.5, 0.1, key="neuron_w2")
        b = st.slider(t("neuron.one.bias"), -2.0, 2.0, -0.7, 0.1, key="neuron_b", help=t("neuron.one.bias_help"))
        act = st.segmented_control(t("neuron.one.activation"), P.ACTIVATIONS, default="step", required=True,
                                   format_func=lambda a: t(f"neuron.act.{a}", lang), key="neuron_act")
        gate = st.segmented_control(t("neuron.one.gate"), P.GATES, default="and", required=True,
                                    format_func=GATE_NAMES.get, key="neuron_gate")
        st.caption(t("neuron.one.threshold", theta=-b))
    chart(right, figures.neuron_figure(w1, w2, b, act, gate, words("fig")), key="neuron_fig")
    table = P.truth_table(w1, w2, b, act)
    show_table(figures.truth_frame(table, words("table_words")), hide_index=True, key="neuron_table")
    st.caption(t("neuron.one.table"))
    if table["computes"]:
        st.success(t("neuron.one.computes", gates=", ".join(GATE_NAMES[g] for g in table["computes"])))
    else:
        st.info(t("neuron.one.computes_none"))


def learn_it() -> None:
    st.header(t("neuron.learn.header"))
    st.markdown(t("neuron.learn.explain"))
    c1, c2, c3 = st.columns([2, 2, 1])
    gate = c1.segmented_control(t("neuron.learn.gate"), P.GATES, default="and", required=True,
                                format_func=GATE_NAMES.get, key="neuron_learn_gate")
    lr = c2.select_slider(t("neuron.learn.lr"), (0.01, 0.05, 0.1, 0.2, 0.5, 1.0), value=P.LEARNING_RATE,
                          key="neuron_learn_lr")
    seed = c3.number_input(t("neuron.learn.seed"), 0, 999, 0, key="neuron_learn_seed")
    run = P.learn(gate, int(seed), lr)
    fig_words = words("fig")
    chart(figures.learning_figure(run.weights, run.errors, gate, fig_words), key="neuron_learn_fig")
    chart(figures.errors_figure(run.errors, fig_words), key="neuron_errors_fig")
    if run.converged:
        w1, w2, b = run.weights[-1]
        st.success(t("neuron.learn.converged", gate=GATE_NAMES[gate], epochs=run.epochs, w1=w1, w2=w2, b=b))
    else:
        st.warning(t("neuron.learn.never", epochs=run.epochs, best=max(run.accuracy)))
        st.markdown(t("neuron.learn.why", years=P.UNBLOCKED_BY - P.BLOCKED_SINCE))


def xor_network() -> None:
    st.header(t("neuron.xor.header"))
    st.markdown(t("neuron.xor.explain"))
    if st.button(t("neuron.xor.button"), type="primary", key="neuron_xor_run"):
        ss["neuron_xor_seed"] = ss.get("neuron_xor_seed", -1) + 1
        try:
            ss["neuron_xor"] = run_job(xor_job, ss["neuron_xor_seed"], size="long", kind="neuron", progress=True,
                                       progress_text=lambda p: t("neuron.xor.progress", done=int(p.done),
                                                                 total=int(p.total)))
        except JobCancelled:
            cancelled_note()
        except Exception as exc:  # noqa: BLE001 - keep the page alive
            show_failure(exc, "neuron.failed")
    net = ss.get("neuron_xor")
    if net is None:
        return
    if net.accuracy == 1.0:
        st.success(t("neuron.xor.done", tries=net.tries))
    else:
        st.warning(t("neuron.xor.failed_all", tries=net.tries))
    chart(figures.xor_figure(net, words("fig")), key="neuron_xor_fig")
    st.markdown(t("neuron.xor.how"))
    show_table(figures.hidden_frame(net, words("xor_words")), hide_index=True, key="neuron_xor_table")
    st.caption(t("neuron.xor.table"))
    with st.expander(t("neuron.xor.code")):
        from models.neurons.xor_net import KERAS_CODE

        st.code(KERAS_CODE, language="python")


st.title(f"🧠 {t('neuron.title')}")
st.markdown(t("neuron.intro"))
with st.expander(t("neuron.lecture.heading")):
    st.markdown(t("neuron.lecture.body"))
one_neuron()
learn_it()
xor_network()
