"""`match_label` remembers its answers per vocabulary: the answers must stay those of the rules."""

from __future__ import annotations

import pytest

from vedtak.lexicon import ATTENDANCE_LABELS, FORM_LABELS, HEADER_LABELS, match_label, rule


@pytest.mark.parametrize(("text", "vocabulary", "in_label_column", "key"), [
    ("Innstilling", FORM_LABELS, True, "proposal"),
    ("Innstilling", FORM_LABELS, False, None),  # only in the label column
    ("Innstilling", FORM_LABELS, True, "proposal"),
    ("Administrasjonens forslag til vedtak:", FORM_LABELS, False, "proposal"),
    ("Vedlegg", HEADER_LABELS, True, "attachments"),
    ("Vedlegg", ATTENDANCE_LABELS, True, None),  # the same text, another vocabulary
    ("Til stede fra Forskningsrådet", ATTENDANCE_LABELS, True, "staff"),
    ("Porteføljestyret godkjenner forslaget.", FORM_LABELS, True, None),
])
def test_answers_asked_twice_are_the_rules(text, vocabulary, in_label_column, key) -> None:
    for _ in range(2):
        found = match_label(text, vocabulary, in_label_column)
        assert (found.key if found else None) == key


def test_a_list_vocabulary_is_asked_afresh() -> None:
    """A list can change between calls: its answers are not remembered."""
    vocabulary = [rule("x", r"egen etikett")]
    assert match_label("Egen etikett", vocabulary).key == "x"
    vocabulary[0] = rule("y", r"egen etikett")
    assert match_label("Egen etikett", vocabulary).key == "y"
