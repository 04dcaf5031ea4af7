"""Inference in onnxruntime on the CPU: for the ONNX graphs packages ship, and for our Keras networks.

Algorithm
---------
A network that only runs forward (no gradients, no training) is exported once per process to an ONNX
graph with `tf2onnx` (the TensorFlow → ONNX converter of the ONNX project) from a `tf.function` of the
Keras model, and onnxruntime runs that graph. The weights stay the ones the Keras model was loaded with
(from their package), so nothing downloaded or converted is kept on disk; the Keras model stays the
reference a unit test holds the graph to.

Why: on this 2-core CPU onnxruntime computes the dog page's two networks with about a third less CPU
than TensorFlow's traced call (one photo through both: 17–26 ms of CPU instead of 30–36 ms; four photos:
64–68 ms instead of 94–98 ms, in-process, same run), and a classroom wave runs out of CPU, not time.

Settings
--------
Each session gets its own intra-op pool of `threads` (the cores). Its threads do not spin-wait for the
next piece of work (`session.intra_op.allow_spinning = 0`): spinning shortened nothing here and cost
CPU that other students' jobs needed (one photo through both networks: 29–48 ms of CPU spinning,
17–26 ms not).
"""
from __future__ import annotations

import os
from pathlib import Path

OPSET = 17


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


def keras_to_onnx(model, input_shape: tuple[int, ...]) -> bytes:
    """`model` (inference mode) as a serialised ONNX graph with one input "image" of shape
    (batch, *input_shape); its outputs in the model's order."""
    import tensorflow as tf
    import tf2onnx

    spec = (tf.TensorSpec([None, *input_shape], tf.float32, name="image"),)
    forward = tf.function(lambda x: model(x, training=False))
    graph, _ = tf2onnx.convert.from_function(forward, input_signature=spec, opset=OPSET)
    return graph.SerializeToString()


ENGINES = ("onnxruntime", "tensorflow")


def forward_pass(model, input_shape: tuple[int, ...], engine: str = "onnxruntime"):
    """`model`'s inference-mode forward pass for any batch size as `run(batch) -> [outputs...]` (numpy):
    in onnxruntime (the graph from `keras_to_onnx`, one intra-op thread per core) or in TensorFlow
    (a `tf.function` traced once: the reference)."""
    if engine == "onnxruntime":
        graph = session(keras_to_onnx(model, input_shape), cores())
        return lambda batch: graph.run(None, {"image": batch})
    if engine == "tensorflow":
        import tensorflow as tf

        spec = tf.TensorSpec([None, *input_shape], tf.float32)
        traced = tf.function(lambda x: model(x, training=False), input_signature=[spec])

        def run(batch):
            out = traced(batch)
            return [t.numpy() for t in (out if isinstance(out, (list, tuple)) else [out])]

        return run
    raise ValueError(f"unknown engine {engine!r}; one of {ENGINES}")
