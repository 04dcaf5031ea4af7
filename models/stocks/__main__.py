"""CLI: `python -m models.stocks backtest (--ticker T | --csv FILE) [--horizons 1,5,20] [--seed S] --json`.

--ticker reads the bundled series when the package ships it (GOOG, AMZN, AAPL, IBM, MSFT, NVDA, NFLX),
else tries yfinance (`--live` forces yfinance first, falling back as the page does).
"""
from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from models.common.cli import UserError, print_json, run_cli


def _horizons(text: str) -> tuple[int, ...]:
    try:
        values = tuple(sorted({int(x) for x in text.split(",") if x.strip()}))
    except ValueError:
        raise argparse.ArgumentTypeError("horizons must be integers like 1,5,20") from None
    if not values or min(values) < 1 or max(values) > 60:
        raise argparse.ArgumentTypeError("horizons must lie between 1 and 60 days")
    return values


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m models.stocks")
    sub = parser.add_subparsers(dest="command", required=True)
    bt = sub.add_parser("backtest", help="rolling-origin backtest of naive, drift, ARIMA and the LSTM")
    src = bt.add_mutually_exclusive_group(required=True)
    src.add_argument("--ticker", help="GOOG, AMZN, AAPL, IBM, MSFT, NVDA, NFLX offline; others via yfinance")
    src.add_argument("--csv", type=Path, help="CSV with a date and a close column (or OHLCV)")
    bt.add_argument("--live", action="store_true", help="try yfinance first even for bundled tickers")
    bt.add_argument("--horizons", type=_horizons, default=(1, 5, 20))
    bt.add_argument("--seed", type=int, default=0)
    bt.add_argument("--epochs", type=int, default=None, help="LSTM epochs for the first fit")
    bt.add_argument("--json", action="store_true", help="print the result as one JSON object")
    return parser


def _load(args):
    from models.stocks import bundled, live
    from models.stocks.csv_input import CsvError, parse_price_csv

    if args.csv is not None:
        if not args.csv.is_file():
            raise UserError(f"no such file: {args.csv}")
        try:
            return parse_price_csv(args.csv.read_bytes(), args.csv.name)
        except CsvError as exc:
            details = ", ".join(f"{k}={v}" for k, v in exc.details.items())
            raise UserError(f"bad CSV ({exc.code})" + (f": {details}" if details else "")) from None
    ticker = args.ticker.strip().upper()
    if ticker in bundled.TICKERS and not args.live:
        return bundled.load_bundled(ticker)
    try:
        return live.load_live(ticker)
    except live.LiveDataError as exc:
        raise UserError(f"no data for {ticker} ({exc.code}: {exc.details.get('reason', '')}); "
                        f"offline tickers: {', '.join(bundled.TICKERS)}") from None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from models.stocks.backtest import BacktestConfig, TooShortError, run_backtest, summary

    series = _load(args)
    config = BacktestConfig(horizons=args.horizons)
    lstm = replace(config.lstm, seed=args.seed, **({"epochs": args.epochs} if args.epochs else {}))
    try:
        result = run_backtest(series, replace(config, lstm=lstm))
    except TooShortError as exc:
        raise UserError(str(exc)) from None
    out = summary(result)
    if args.json:
        print_json(out)
    else:
        for h, models in out["horizons"].items():
            line = "  ".join(f"{m} {v['rel_mae']:.3f}" for m, v in models.items())
            print(f"h={h:>2}  rel MAE vs naive: {line}")
        print(f"up-day rate {out['up_rate']:.3f}; LSTM band coverage 80 % → {out['coverage']['80']:.3f}, "
              f"95 % → {out['coverage']['95']:.3f}")
    return 0


if __name__ == "__main__":
    run_cli(main)
