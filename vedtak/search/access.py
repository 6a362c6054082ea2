"""Moved: the access rule lives in `vedtak.access` (one place). Kept so older imports keep working."""

from vedtak.access import REDACTED, TOKEN_ENV, TOKEN_FILE_ENV, Access, configured_token, token_matches

__all__ = ["REDACTED", "TOKEN_ENV", "TOKEN_FILE_ENV", "Access", "configured_token", "token_matches"]
