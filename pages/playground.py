"""Playground: TensorFlow Playground rebuilt in Keras, trained live; then what memory buys (Dense vs LSTM)."""
import streamlit as st

from models.neurons import datasets as D
from models.neurons import figures, sequence
from models.neurons import playground as PG
from ui.errors import show_failure
from ui.i18n import catalog, t
from ui.jobs import JobCancelled, cancelled_note, run_job
from ui.page import setup_page
from ui.plots import chart, table

lang = setup_page("playground")
ss = st.session_state
TICK_S, TRAIN_S = 0.2, 0.06  # redraw five times a second; each redraw trains about 60 ms (a short job)


def words(prefix: str) -> dict:
    return {k.removeprefix(prefix + "."): v for k, v in catalog(lang, "playground").items() if k.startswith(prefix + ".")}


def apply_preset() -> None:
    s = PG.PRESETS[ss.get("pg_preset", "playground")]
    ss.update(pg_dataset=s.dataset, pg_noise=round(s.noise * 100), pg_ratio=round(s.train_ratio * 100),
              pg_features=list(s.features), pg_layers=len(s.layers), pg_act=s.activation, pg_opt=s.optimizer,
              pg_lr=s.learning_rate, pg_reg=s.regularization, pg_reg_rate=s.reg_rate, pg_batch=s.batch_size,
              pg_playing=False, **{f"pg_n{i}": n for i, n in enumerate(s.layers)})


def choice(label: str, options, key: str, names: str) -> None:
    st.segmented_control(t(label), options, key=key, required=True, format_func=lambda o: t(f"{names}.{o}", lang))


def controls() -> PG.Settings:
    data, net, train = st.columns(3)
    with data:
        st.subheader(t("playground.data.header"))
        choice("playground.data.dataset", D.DATASETS, "pg_dataset", "playground.datasets")
        st.slider(t("playground.data.noise"), 0, 50, key="pg_noise", step=5)
        st.slider(t("playground.data.ratio"), 10, 90, key="pg_ratio", step=10, help=t("playground.data.ratio_help"))
        st.button(t("playground.data.regenerate"), key="pg_regen", on_click=lambda: ss.update(pg_data_seed=ss.get("pg_data_seed", 0) + 1))
    with net:
        st.subheader(t("playground.net.header"))
        n_layers = st.slider(t("playground.net.layers"), 0, PG.MAX_LAYERS, key="pg_layers")
        cols = st.columns(3)
        for i in range(n_layers):
            ss.setdefault(f"pg_n{i}", 4)
            cols[i % 3].select_slider(t("playground.net.neurons", i=i + 1), range(1, PG.MAX_NEURONS + 1), key=f"pg_n{i}")
        choice("playground.net.activation", PG.ACTIVATIONS, "pg_act", "playground.acts")
    with train:
        st.subheader(t("playground.train.header"))
        choice("playground.train.optimizer", PG.OPTIMIZERS, "pg_opt", "playground.opts")
        st.select_slider(t("playground.train.lr"), PG.LEARNING_RATES, key="pg_lr")
        choice("playground.train.reg", PG.REGULARIZERS, "pg_reg", "playground.regs")
        st.select_slider(t("playground.train.reg_rate"), PG.REG_RATES, key="pg_reg_rate")
        st.select_slider(t("playground.train.batch"), PG.BATCH_SIZES, key="pg_batch")
    st.pills(t("playground.features.label"), D.FEATURES, selection_mode="multi", key="pg_features",
             format_func=D.FEATURE_LABELS.get, help=t("playground.features.help"))
    features = tuple(f for f in D.FEATURES if f in (ss.pg_features or []))
    if not features:
        st.warning(t("playground.no_features"))
    return PG.Settings(ss.pg_dataset, ss.pg_noise / 100, ss.pg_ratio / 100, features or ("x1", "x2"),
                       tuple(ss[f"pg_n{i}"] for i in range(n_layers)), ss.pg_act, ss.pg_opt, ss.pg_lr, ss.pg_reg,
                       ss.pg_reg_rate, ss.pg_batch, data_seed=ss.get("pg_data_seed", 0), seed=ss.get("pg_seed", 0))


def buttons() -> None:
    play, one, again = st.columns(3)
    playing = ss.get("pg_playing", False)  # Play/Pause sets what its label says: a click replayed in a merged rerun is harmless
    play.button(t("playground.controls.pause" if playing else "playground.controls.play"), key="pg_play",
                type="primary", on_click=ss.update, kwargs={"pg_playing": not playing}, width="stretch")
    one.button(t("playground.controls.step"), key="pg_step_button", width="stretch",
               on_click=lambda: ss.update(pg_playing=False, pg_step=True))
    again.button(t("playground.controls.reset"), key="pg_reset", width="stretch",
                 on_click=lambda: ss.update(pg_playing=False, pg_seed=ss.get("pg_seed", 0) + 1))


def live(settings: PG.Settings) -> None:
    """One redraw: a short job trains ~60 ms (or one epoch, or nothing), then the pictures are drawn."""
    run, playing = ss.setdefault("pg_live", PG.LiveRun()), ss.get("pg_playing", False)
    try:  # inside its own container, so a "queued" line never shifts the pictures below (no flicker)
        with st.container():
            trainer, snap = run_job(run.step, settings, TRAIN_S if playing else 0.0, int(ss.pop("pg_step", False)),
                                    kind="playground")
    except JobCancelled:
        return cancelled_note()
    except Exception as exc:  # noqa: BLE001 - keep the page alive
        ss.pg_playing = False
        return show_failure(exc, "playground.failed")
    if playing and trainer.done:
        ss.pg_playing = False
        st.rerun()
    (left, right), fig_words, over = st.columns(2), words("fig"), PG.overfitting(trainer.history)
    chart(left, figures.surface_figure(snap.surface, trainer.data, fig_words), key="pg_surface")
    right.image(figures.data_uri(figures.network_picture(snap.neurons, snap.weights,
                                                         [D.FEATURE_LABELS[f] for f in settings.features])))
    right.caption(t("playground.live.network"))
    chart(right, figures.loss_figure(trainer.history, fig_words, over), key="pg_loss")
    st.markdown(t("playground.live.status", **trainer.history[-1]))
    if over:
        st.warning(t("playground.live.overfit", best_epoch=over["best_epoch"], best=over["best_test_loss"],
                     now=over["test_loss"]))
    if trainer.done or trainer.epoch == 0:
        st.caption(t(f"playground.live.{'done' if trainer.done else 'idle'}", epochs=PG.MAX_EPOCHS,
                     seconds=round(PG.MAX_TRAIN_S)))


def memory() -> None:
    st.header(t("playground.memory.header"))
    st.markdown(t("playground.memory.explain", window=sequence.WINDOW))
    if st.button(t("playground.memory.button"), type="primary", key="pg_seq_run"):
        try:
            ss.pg_seq = run_job(sequence.train, size="long", kind="playground", progress=True,
                                progress_text=lambda p: t("playground.memory.progress", done=int(p.done),
                                                          total=int(p.total)),
                                preview=lambda h: chart(figures.sequence_history_figure(h, 5, words("seq_fig"))))
        except JobCancelled:
            cancelled_note()
        except Exception as exc:  # noqa: BLE001 - keep the page alive
            show_failure(exc, "playground.failed")
    if (result := ss.get("pg_seq")) is None:
        return
    chart(figures.sequence_history_figure(result.history, 5, words("seq_fig")), key="pg_seq_history")
    st.markdown(t("playground.memory.result", dense=result.accuracy("dense", True), lstm=result.accuracy("lstm", True)))
    table(figures.sequence_frame(result, words("seq_table")), hide_index=True, key="pg_seq_table")
    st.caption(t("playground.memory.table"))
    st.subheader(t("playground.memory.gates_header"))
    pick = st.segmented_control(t("playground.memory.pick"), range(len(result.seen)), default=3, required=True,
                                format_func=lambda k: " → ".join(str(int(n)) for n in result.seen[k]), key="pg_seq_pick")
    gates = sequence.gates(result.lstm_weights, result.seen[pick])
    chart(figures.gates_figure(gates, result.seen[pick], words("gates")), key="pg_gates")
    st.caption(t("playground.memory.gates_explain"))


if "pg_dataset" not in ss:
    apply_preset()
st.title(f"🛝 {t('playground.title')}")
st.markdown(t("playground.intro"))
with st.expander(t("playground.lecture.heading")):
    st.markdown(t("playground.lecture.body"))
st.selectbox(t("playground.preset.label"), list(PG.PRESETS), key="pg_preset", on_change=apply_preset,
             format_func=lambda p: t(f"playground.presets.{p}", lang), help=t("playground.preset.help"))
buttons()  # as in TensorFlow Playground, the play button sits above the settings (first screen on a phone)
settings = controls()
st.fragment(live, run_every=TICK_S if ss.get("pg_playing") else None)(settings)
with st.expander(t("playground.code.header")):
    running = ss["pg_live"].trainer if "pg_live" in ss else None
    st.code(PG.keras_code(settings, running.epoch if running and running.epoch else 300), language="python")
    st.caption(t("playground.code.note"))
memory()
