"""Alembic migrations of the vedtak store (run with `vedtak db upgrade`; no alembic.ini needed)."""
