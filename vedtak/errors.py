"""Errors that name the file and what was wrong with it."""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be read as a board paper: not a PDF, encrypted, damaged, empty.

    `str(err)` is one line naming the file and the problem, fit for stderr and for the
    quarantine table.
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
