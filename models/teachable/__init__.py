"""Teach your own classifier (Teachable Machine style) by transfer learning.

A frozen EfficientNet-Lite0 turns each photo into a 1280-number feature vector once; only a small
softmax head is trained on those vectors (cross-entropy, Adam, 80/20 stratified split), which is
why a class can teach the computer new categories in seconds on a CPU.

Modules, in the order data flows: `dataset` (classes, checks, split) → `augment` (flip/crop/
brightness copies) → `features` (backbone + per-image cache) → `training` (head, live callback,
overfitting signal) → `evaluation` (confusion matrix) → `export` (one standalone .keras file with
its labels inside) ; `__main__` is the CLI.
"""
