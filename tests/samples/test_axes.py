"""The per-field, per-axis scorer (`vedtak.eval.axes`) on hand-made records: its counts and F by hand."""

from __future__ import annotations

import json

import pytest

from vedtak.eval import axes
from vedtak.eval.compare import FIELDS, Score, fields, match

EXPECTED = {
    "document": {"kind": "minutes"},
    "meetings": [{"number": "3/25", "date": "2025-05-06", "chair": "Kari Haugen",
                  "present": ["Kari Haugen", "Ola Berg", "Åse Dahl"], "absent": ["Liv Vik"],
                  "observers": ["Jan de Vries"]}],
    "cases": [
        {"case_id": "PS-DEMOS 1/25", "title": "Godkjenning av sakslisten", "decision": "Godkjent.",
         "proposed_decision": None},
        {"case_id": "PS-DEMOS 2/25", "title": "Tildeling av midler [U.off. § 14]",
         "decision": "Avslås: 310151 og 310152.", "proposed_decision": None},
    ],
    "applications": [
        {"application_id": "310151", "case_id": "PS-DEMOS 2/25", "outcome": "rejected", "stage": "adopted",
         "rank": None, "title": None},
        {"application_id": "310152", "case_id": "PS-DEMOS 2/25", "outcome": "rejected", "stage": "adopted",
         "rank": None, "title": None},
    ],
    "conflicts": [{"case_id": "PS-DEMOS 2/25", "person": "Ola Berg", "role": "inhabile", "scope": None,
                   "ground": "Medsøker"}],
    "findings": [],
}

ACTUAL = {
    "document": {"kind": "other"},  # e.g. `Sak 17/25` with the board only in the running header
    "meetings": [{"number": "3/25", "date": "2025-05-06", "chair": "Kari Haugen",
                  # staff counted as a member, the absent member missing
                  "present": ["Kari Haugen", "Ola Berg", "Åse Dahl", "Geir Holm"], "absent": [],
                  "observers": ["Jan  de Vries"]}],
    "cases": [
        {"case_id": "PS-DEMOS 1/25", "title": "Godkjenning av sakslisten", "decision": "Godkjent.",
         "proposed_decision": None},
        {"case_id": "PS-DEMOS 2/25", "title": "Tildeling av midler", "decision": None, "proposed_decision": None},
        {"case_id": "PS-DEMOS 9/25", "title": None, "decision": None, "proposed_decision": None},
    ],
    "applications": [
        {"application_id": "310151", "case_id": "PS-DEMOS 2/25", "outcome": "rejected", "stage": "adopted",
         "rank": None, "title": None},
        {"application_id": "310152", "case_id": "PS-DEMOS 2/25", "outcome": "granted", "stage": "adopted",
         "rank": None, "title": None},
    ],
    "conflicts": [{"case_id": "PS-DEMOS 2/25", "person": "Ola Berg", "role": "inhabile", "scope": None,
                   "ground": "medsøker"}],
    "findings": [{"code": "case_without_decision", "case_id": "PS-DEMOS 2/25", "application_id": None}],
}


def _counts(s: Score) -> tuple[int, int, int]:
    return s.tp, s.fp, s.fn


@pytest.mark.parametrize("name,counts", [
    ("kind", (0, 1, 1)),
    ("cases", (2, 1, 0)),
    ("titles", (1, 1, 1)),
    ("adopted_decisions", (1, 0, 1)),
    ("proposed_decisions", (0, 0, 0)),
    ("applications", (1, 1, 1)),
    ("conflicts", (1, 0, 0)),
    ("conflict_grounds", (1, 0, 0)),  # `medsøker` and `Medsøker` are the same ground
    ("meetings", (1, 0, 0)),
    ("present", (3, 1, 0)),
    ("absent", (0, 0, 1)),
    ("observers", (1, 0, 0)),  # whitespace inside a name does not matter
    ("findings", (0, 0, 0)),  # a self-check the generator does not model is not an error
])
def test_field_counts(name, counts):
    s, _, _ = fields(ACTUAL, EXPECTED)[name]
    assert _counts(s) == counts


def test_field_f_by_hand():
    got = fields(ACTUAL, EXPECTED)
    assert got["cases"][0].f1 == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))  # P 2/3, R 1 -> 0.8
    assert got["present"][0].f1 == pytest.approx(2 * 0.75 * 1 / 1.75)
    assert got["absent"][0].f1 == 0.0
    assert got["proposed_decisions"][0].f1 == 1.0  # nothing expected, nothing found


def test_match_is_a_multiset_comparison():
    s, missing, extra = match([("a",), ("a",), ("b",)], [("a",), ("c",)])
    assert _counts(s) == (1, 2, 1) and missing == [("c",)] and extra == [("a",), ("b",)]


def test_tally_sums_fields_and_documents():
    docs = [{"name": "x", "axes": {"producer": "chromium", "language": "nb"}},
            {"name": "y", "axes": {"producer": "reportlab", "language": "nb"}}]
    res = axes.score_docs(docs, {"x": ACTUAL, "y": EXPECTED}, {"x": EXPECTED, "y": EXPECTED})
    per_x = fields(ACTUAL, EXPECTED)
    tp = sum(s.tp for s, _, _ in per_x.values())
    fp = sum(s.fp for s, _, _ in per_x.values())
    fn = sum(s.fn for s, _, _ in per_x.values())
    n_items = sum(len(items(EXPECTED)) for items in FIELDS.values())
    assert (tp, fp, fn) == (12, 5, 5)
    total = res["overall"].overall()
    assert _counts(total) == (tp + n_items, fp, fn)  # y is perfect
    assert res["overall"].docs == 2
    assert res["axes"]["producer"]["reportlab"].overall().f1 == 1.0
    assert res["axes"]["producer"]["chromium"].overall().f1 == pytest.approx(2 * tp / (2 * tp + fp + fn))
    assert res["axes"]["language"]["nb"].docs == 2


def test_missing_actual_counts_as_empty():
    docs = [{"name": "x", "axes": {"kind": "minutes"}}]
    res = axes.score_docs(docs, {}, {"x": EXPECTED})
    o = res["overall"].overall()
    assert o.tp == 0 and o.fp == 0 and o.fn == sum(len(items(EXPECTED)) for items in FIELDS.values())


def test_macro_is_the_mean_over_fields_with_items():
    t = axes.Tally()
    t.add({k: s for k, (s, _, _) in fields(ACTUAL, EXPECTED).items()})
    used = [s.f1 for s, _, _ in fields(ACTUAL, EXPECTED).values() if s.tp + s.fp + s.fn]
    assert t.macro() == pytest.approx(sum(used) / len(used))


def test_cli_reads_saved_records_and_prints_json(tmp_path, capsys):
    (tmp_path / "pdf").mkdir()
    (tmp_path / "expected").mkdir()
    (tmp_path / "pdf" / "x.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "expected" / "x.json").write_text(json.dumps(EXPECTED), encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps({"documents": [{"name": "x", "axes": {"producer": "chromium"}}]}))
    act = tmp_path / "actual"
    act.mkdir()
    (act / "x.json").write_text(json.dumps(ACTUAL), encoding="utf-8")
    assert axes.main([str(tmp_path), "--actual", str(act), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["overall"]["fields"]["cases"] == {"f": 0.8, "precision": 0.6667, "recall": 1.0, "tp": 2, "fp": 1, "fn": 0}
    assert out["axes"]["producer"]["chromium"]["docs"] == 1
    assert axes.main([str(tmp_path), "--actual", str(act)]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[2].startswith("ALL") and "producer=chromium" in text


def test_cli_names_a_folder_that_is_not_a_set(tmp_path, capsys):
    assert axes.main([str(tmp_path)]) == 2
    assert "no manifest.json" in capsys.readouterr().err


def test_cli_shows_one_document_and_lists_documents(tmp_path, capsys):
    (tmp_path / "pdf").mkdir()
    (tmp_path / "expected").mkdir()
    act = tmp_path / "actual"
    act.mkdir()
    docs = []
    for name, rec in (("x", ACTUAL), ("y", EXPECTED)):
        (tmp_path / "pdf" / f"{name}.pdf").write_bytes(b"%PDF-1.4\n")
        (tmp_path / "expected" / f"{name}.json").write_text(json.dumps(EXPECTED), encoding="utf-8")
        (act / f"{name}.json").write_text(json.dumps(rec), encoding="utf-8")
        docs.append({"name": name, "axes": {}})
    (tmp_path / "manifest.json").write_text(json.dumps({"documents": docs}))
    assert axes.main([str(tmp_path), "--actual", str(act), "--show", "x"]) == 0
    out = capsys.readouterr().out
    assert "== absent: F=0.00 (tp 0, fp 0, fn 1)" in out and "MISSING ('3/25', 'Liv Vik')" in out
    assert "EXTRA   ('3/25', 'Geir Holm')" in out
    assert axes.main([str(tmp_path), "--actual", str(act), "--show", "y"]) == 0
    assert "every field right" in capsys.readouterr().out
    assert axes.main([str(tmp_path), "--actual", str(act), "--docs"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[1] == "x" and lines[1].split()[:2] == ["1.000", "y"]
    assert axes.main([str(tmp_path), "--actual", str(act), "--show", "z"]) == 2
