"""Stock forecasting, evaluated honestly: an LSTM on log-returns next to naive, drift and ARIMA.

Data (`bundled`, `live`, `csv_input`) → `PriceSeries`; `backtest.run_backtest` fits every model once
per origin block and scores it out of sample (`metrics`), with calibrated bands (`bands`).
Nothing here imports Streamlit; TensorFlow is imported only when the LSTM is built.
"""
