"""`python -m models.stocks backtest ... --json`: the documented JSON shape, and one-line errors."""
import json
import subprocess
import sys

import numpy as np
import pandas as pd

from tests.conftest import ROOT

METRICS = {"mae", "rmse", "mape", "rel_mae", "dir_acc", "dm_p"}


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "models.stocks", "backtest", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_cli_json_shape_on_a_csv(tmp_path):
    n = 600
    close = 50 * np.exp(np.cumsum(np.random.default_rng(3).normal(0, 0.01, n)))
    path = tmp_path / "walk.csv"
    pd.DataFrame({"Date": pd.bdate_range("2010-01-01", periods=n).date, "Close": close}).to_csv(path, index=False)
    proc = _cli("--csv", str(path), "--horizons", "1,5", "--seed", "2", "--epochs", "2", "--json")
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert out["ticker"] == "walk" and out["n"] == n and out["source"].startswith("CSV")
    assert set(out["horizons"]) == {"1", "5"}
    for models in out["horizons"].values():
        assert set(models) == {"naive", "drift", "arima", "lstm"}
        assert all(set(m) == METRICS for m in models.values())
        assert models["naive"]["rel_mae"] == 1.0 and models["naive"]["dm_p"] is None
    assert 0 < out["up_rate"] < 1
    assert set(out["coverage"]) == {"80", "95"} and 0.5 < out["coverage"]["95"] <= 1


def test_cli_bad_csv_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Date,Close\n2020-01-01,abc\n")
    proc = _cli("--csv", str(path), "--json")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and proc.stderr.startswith("error: bad CSV (non_numeric)")
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    missing = _cli("--csv", str(tmp_path / "nope.csv"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
