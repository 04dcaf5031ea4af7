"""Music studio: Magenta-style melody models trained here on the music21 corpus.

Magenta itself cannot be installed on Python 3.11, so this package keeps Magenta's split
(encoding / model / training / generation) and uses Magenta's own data library `note-seq`.
Importing it is cheap: TensorFlow is imported only where a model is built or run.
"""
