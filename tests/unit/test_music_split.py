"""The music split: melodies in exactly one of train / validation / test, and windows compared in any key."""
import json

import numpy as np

from models.music.corpus import drop_seen, load_corpus, transposition_key
from models.music.encoding import NO_EVENT, NOTE_OFF, transpose_classes
from models.music.evaluate import EVALUATION


def test_split_is_disjoint_complete_and_keeps_the_old_training_set():
    corpus = load_corpus()
    train, val, test = corpus.split(0)
    assert set(train).isdisjoint(val) and set(train).isdisjoint(test) and set(val).isdisjoint(test)
    assert sorted(train + val + test) == list(range(len(corpus.melodies)))
    order = np.random.default_rng(0).permutation(len(corpus.melodies))
    assert sorted(order[len(val) + len(test):].tolist()) == train  # the committed weights' training melodies
    assert corpus.split(0) == (train, val, test) and corpus.split(1)[2] != test


def test_transposed_windows_share_a_key_and_others_do_not():
    w = np.array([20, NO_EVENT, 22, NOTE_OFF, 24, NO_EVENT, NO_EVENT, 20], dtype=np.uint8)
    up = transpose_classes(w, 3)
    assert transposition_key(w) == transposition_key(up) == transposition_key(transpose_classes(w, -5))
    other = w.copy()
    other[2] = 23
    assert transposition_key(other) != transposition_key(w)
    rests = np.full(8, NO_EVENT, dtype=np.uint8)
    kept, dropped = drop_seen([up, other, rests], {transposition_key(w)})
    assert dropped == 1 and [k.tolist() for k in kept] == [other.tolist(), rests.tolist()]


def test_committed_evaluation_matches_this_split_and_overlaps_nothing():
    evaluation = json.loads(EVALUATION.read_text())
    train, val, test = load_corpus().split(evaluation["split"]["seed"])
    assert (evaluation["split"]["train_melodies"], evaluation["split"]["validation_melodies"],
            evaluation["split"]["test_melodies"]) == (len(train), len(val), len(test))
    assert evaluation["overlap_with_training"] == 0
    assert evaluation["vae_test_windows"] + evaluation["vae_test_windows_dropped_as_seen"] == \
        evaluation["vae_test_windows_before_dedup"]
