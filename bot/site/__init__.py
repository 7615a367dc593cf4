"""``keibot site OUT_DIR``: the state table as a static site and a dataset (states.json, states.csv)."""
