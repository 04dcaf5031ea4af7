"""Inference in onnxruntime on the CPU: for the ONNX graphs packages ship, and for our Keras networks.

Algorithm
---------
A network that only runs forward (no gradients, no training) is exported once per process to an ONNX
graph with `tf2onnx` (the TensorFlow → ONNX converter of the ONNX project) from a `tf.function` of the
Keras model, or of a loop over its layers (the melody sampler), and onnxruntime runs that graph. The
weights stay the ones the Keras model was loaded with (from their package or our artifacts), so nothing
converted is kept on disk; the same function run by TensorFlow stays the reference the unit tests hold
the graph to.

Settings
--------
Each session gets its own intra-op pool of `threads` (default: the cores). Its threads do not spin-wait
for the next piece of work (`session.intra_op.allow_spinning = 0`): spinning shortened nothing here and
cost CPU that other students' jobs needed (one photo through both networks: 29–48 ms of CPU spinning,
17–26 ms not).

Why: a classroom wave runs out of CPU, not time, and on this 2-core CPU onnxruntime needs less of it
than TensorFlow's traced call (in-process, same runs): the dog page's two networks, one photo 17–26 ms
of CPU instead of 30–36 ms, four photos 64–68 ms instead of 94–98 ms; an 8-bar melody's sampling loop
11 ms instead of 25 ms.
"""
from __future__ import annotations

import os
from pathlib import Path

OPSET = 17
ENGINES = ("onnxruntime", "tensorflow")


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def session(model: str | Path | bytes, threads: int | None = None):
    """An onnxruntime CPU session on an ONNX file or serialised graph; `threads` for its intra-op pool
    (None: onnxruntime's default)."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if threads:
        opts.intra_op_num_threads = threads
    return ort.InferenceSession(model if isinstance(model, bytes) else str(model), opts,
                                providers=["CPUExecutionProvider"])


def function_to_onnx(fn, input_signature: list) -> bytes:
    """A function of TensorFlow ops (a Keras model's call, a `tf.while_loop`...) as a serialised ONNX
    graph; its inputs are named by the `tf.TensorSpec`s' names, its outputs in the function's order."""
    import tensorflow as tf
    import tf2onnx

    graph, _ = tf2onnx.convert.from_function(tf.function(fn), input_signature=input_signature, opset=OPSET)
    return graph.SerializeToString()


def compiled(fn, input_signature: list, engine: str = "onnxruntime", threads: int | None = None):
    """`fn` as `run(**inputs) -> [outputs...]` (numpy): in onnxruntime (the graph from
    `function_to_onnx`, `threads` intra-op threads, default one per core) or in TensorFlow (a
    `tf.function` traced once: the reference the unit tests hold the graph to)."""
    if engine == "onnxruntime":
        graph = session(function_to_onnx(fn, input_signature), threads or cores())
        return lambda **inputs: graph.run(None, inputs)
    if engine == "tensorflow":
        import tensorflow as tf

        traced = tf.function(fn, input_signature=input_signature)
        names = [spec.name for spec in input_signature]

        def run(**inputs):
            out = traced(*[inputs[name] for name in names])
            return [t.numpy() for t in (out if isinstance(out, (list, tuple)) else [out])]

        return run
    raise ValueError(f"unknown engine {engine!r}; one of {ENGINES}")


def forward_pass(model, input_shape: tuple[int, ...], engine: str = "onnxruntime"):
    """`model`'s inference-mode forward pass for any batch size as `run(batch) -> [outputs...]` (numpy),
    one intra-op thread per core in onnxruntime (`compiled`)."""
    import tensorflow as tf

    spec = [tf.TensorSpec([None, *input_shape], tf.float32, name="image")]
    run = compiled(lambda x: model(x, training=False), spec, engine)
    return lambda batch: run(image=batch)
