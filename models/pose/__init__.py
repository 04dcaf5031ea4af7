"""Pose: MediaPipe BlazePose (detector + 33-point landmark model) run with the TensorFlow Lite interpreter."""
