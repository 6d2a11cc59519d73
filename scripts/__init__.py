"""Helper scripts for developers and CI, run directly (e.g. `scripts/with_postgres.py`); a package for the tests."""
