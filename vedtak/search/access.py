"""The exempt-content rule (offentleglova): who may see the texts of an exempt case paper.

A case whose title or header carries `[U.off. § 14]` (any §: `U.off. § 13`) is exempt from
public access. Without a valid token one sees that the case exists, its id, title and status,
and the adopted decision from the published minutes (`Vedtak:`); one does NOT see the texts of
its case paper: `Forslag til vedtak`, attachments, case officers, and the facts read from that
paper (proposed application outcomes, proposed conflicts, budget cuts and findings from it),
nor the PDF of a meeting book that contains it. A valid token shows everything.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

TOKEN_ENV = "VEDTAK_API_TOKEN"
TOKEN_FILE_ENV = "VEDTAK_API_TOKEN_FILE"
REDACTED = "Unntatt offentlighet"  # shown where an exempt text is withheld


class Access(StrEnum):
    """`public`: anyone; `full`: holder of the configured token (sees exempt case papers)."""

    PUBLIC = "public"
    FULL = "full"


@dataclass(frozen=True)
class Visibility:
    """What the caller may see of one case."""

    exempt: bool
    full: bool

    @property
    def case_paper(self) -> bool:
        """May the caller see the texts of the case paper (proposal, attachments, proposed facts)?"""
        return self.full or not self.exempt


def visibility(exempt: str | None, access: Access) -> Visibility:
    """Visibility of a case with this `exempt` value (`U.off. § 14` or None) for this caller."""
    return Visibility(exempt=bool(exempt), full=access is Access.FULL)


def configured_token(explicit: str | None = None) -> str | None:
    """The API token: the argument, else `$VEDTAK_API_TOKEN`, else the first line of the file named by
    `$VEDTAK_API_TOKEN_FILE`, else `$VEDTAK_HOME/api_token` (VEDTAK_HOME defaults to ./var). None: no token
    configured, so exempt texts are shown to nobody.
    """
    if explicit:
        return explicit
    if os.environ.get(TOKEN_ENV):
        return os.environ[TOKEN_ENV].strip() or None
    candidates = []
    if os.environ.get(TOKEN_FILE_ENV):
        candidates.append(Path(os.environ[TOKEN_FILE_ENV]))
    candidates.append(Path(os.environ.get("VEDTAK_HOME") or "var") / "api_token")
    for path in candidates:
        try:
            line = path.read_text(encoding="utf-8").strip().splitlines()
        except OSError:
            continue
        if line and line[0].strip():
            return line[0].strip()
    return None


def token_matches(offered: str | None, expected: str | None) -> bool:
    """Constant-time comparison of an offered token with the configured one (False if either is missing)."""
    if not offered or not expected:
        return False
    return hmac.compare_digest(offered.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))
