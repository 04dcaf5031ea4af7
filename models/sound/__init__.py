"""Teachable sounds: log-mel spectrograms and a small CNN trained from the student's own clips."""
