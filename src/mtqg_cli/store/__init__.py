"""The history of runs: one interface, its SQLite and SQLAlchemy engines."""
