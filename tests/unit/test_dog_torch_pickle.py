"""The torch-free checkpoint reader: reads the real file, refuses code and junk."""
import pickle

import numpy as np
import pytest

from models.backbones.efficientnet_lite import weights_path
from models.backbones.torch_pickle import LEGACY_MAGIC, TorchPickleError, load_state_dict
from models.dog_breeds.generalist import PARAMETERS


def test_reads_efficientnet_lite0_state_dict():
    state = load_state_dict(weights_path())
    assert state["_conv_stem.weight"].shape == (32, 3, 3, 3)
    assert state["_blocks.15._project_conv.weight"].shape == (320, 1152, 1, 1)
    assert state["_fc.weight"].shape == (1000, 1280) and state["_fc.weight"].dtype == np.float32
    params = sum(v.size for k, v in state.items() if not k.endswith("num_batches_tracked")
                 and "running_" not in k)
    assert params == PARAMETERS  # 4.65 M trained weights (the model card's figure)
    assert np.all(state["_bn0.running_var"] >= 0)  # variances (dead channels are exactly 0)


def _legacy_file(tmp_path, payload_bytes: bytes):
    path = tmp_path / "evil.pth"
    with open(path, "wb") as fh:
        for obj in (LEGACY_MAGIC, 1001, {"little_endian": True}):
            pickle.dump(obj, fh, protocol=2)
        fh.write(payload_bytes)
    return path


class _Exploit:
    def __reduce__(self):
        import os

        return (os.system, ("echo pwned",))


def test_refuses_globals_that_could_run_code(tmp_path):
    path = _legacy_file(tmp_path, pickle.dumps(_Exploit(), protocol=2))
    with pytest.raises(TorchPickleError, match="refusing to load global"):
        load_state_dict(path)


def test_refuses_files_that_are_not_checkpoints(tmp_path):
    junk = tmp_path / "junk.pth"
    junk.write_bytes(b"PK\x03\x04 not a legacy pickle")
    with pytest.raises(TorchPickleError):
        load_state_dict(junk)


def test_truncated_storage_is_reported(tmp_path):
    data = weights_path().read_bytes()
    cut = tmp_path / "cut.pth"
    cut.write_bytes(data[: len(data) - 1000])
    with pytest.raises(TorchPickleError, match="truncated"):
        load_state_dict(cut)
