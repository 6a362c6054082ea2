"""The read side of vedtak: a FastAPI app (JSON API + server-rendered pages for auditors) and exports.

`api.app:create_app(db_url, token=None)` builds the app; `vedtak serve` runs it with uvicorn.
Nothing here writes to the store (the derived search index is the one table it maintains).
"""
