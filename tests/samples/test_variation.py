"""The variation generator: deterministic per seed, expected records valid and true to their PDFs, every
axis value drawn over a small seed range, the rewritten texts keep their facts, held-out pools apart."""

from __future__ import annotations

import json
import random
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from samples.generator import synth, variation
from samples.generator.cli import validator
from samples.generator.model import ConflictFact, Mention, Outcome, Role, Table, Text, canonical_case
from samples.generator.variation import (
    AXES,
    BOARDS,
    applications_text,
    choose,
    conflicts_text,
    document,
    parse_seeds,
)

G, R, V = Outcome.GRANTED, Outcome.REJECTED, Outcome.RESERVE


def _one_per_producer(seeds) -> list[int]:
    """The first seed of each producer (so a test renders reportlab, LibreOffice and Chromium once each)."""
    first: dict[str, int] = {}
    for s in seeds:
        first.setdefault(choose(s).axes["producer"], s)
    return sorted(first.values())


SEEDS = _one_per_producer(range(1000, 1100))


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("variation")
    return out, variation.generate(SEEDS, out, quiet=True)


def _pages(pdf: Path) -> list[str]:
    txt = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout.split("\f")
    return [" ".join(p.split()) for p in txt]


def test_three_producers_in_the_fixture():
    assert {choose(s).axes["producer"] for s in SEEDS} == set(AXES["producer"])


def test_generation_is_deterministic(written, tmp_path):
    """The same seeds written again give the same PDF bytes and the same expected records."""
    out, _ = written
    variation.generate(SEEDS, tmp_path, quiet=True)
    for sub in ("pdf", "expected"):
        names = sorted(p.name for p in (out / sub).iterdir())
        assert names == sorted(p.name for p in (tmp_path / sub).iterdir())
        for n in names:
            assert (out / sub / n).read_bytes() == (tmp_path / sub / n).read_bytes(), f"{sub}/{n} differs"
    assert (out / "manifest.json").read_text() == (tmp_path / "manifest.json").read_text()


def test_expected_records_follow_the_schema(written):
    """record-v1.json holds every expected record but the conflicts' `ground` (not in the schema yet),
    which every conflict carries (null where the text states none)."""
    out, entries = written
    v = validator()
    for e in entries:
        rec = json.loads((out / "expected" / f"{e['name']}.json").read_text(encoding="utf-8"))
        assert all("ground" in c for c in rec["conflicts"])
        if e["axes"]["conflicts"] in ("table", "bullets"):
            assert any(c["ground"] for c in rec["conflicts"]), e["name"]
        for c in rec["conflicts"]:
            c.pop("ground")
        errors = [f"{list(x.path)}: {x.message}" for x in v.iter_errors(rec)]
        assert not errors, f"{e['name']}: {errors[:3]}"


def test_expected_pages_hold_their_cases(written):
    """Each case's case line (as the manifest's case-number style prints it) is on the recorded page,
    and every application id on its mention's page."""
    out, entries = written
    for e in entries:
        rec = json.loads((out / "expected" / f"{e['name']}.json").read_text(encoding="utf-8"))
        pages = _pages(out / "pdf" / f"{e['name']}.pdf")
        assert rec["document"]["pages"] == len([p for p in pages if p]) or rec["document"]["pages"] == len(pages) - 1
        for a in rec["applications"]:
            assert a["application_id"] in pages[a["provenance"]["page"] - 1], (e["name"], a)
        for c in rec["cases"]:
            number = c["case_id"].split(" ")[1].split("/")[0]
            page = c["provenance"]["page"]
            # a paper whose header box comes after its form starts (and is dated) where its form starts
            where = " ".join(pages[page - 1:]) if e["axes"].get("header_box") == "after" else pages[page - 1]
            assert number in where, (e["name"], c["case_id"])


def test_manifest_lists_axes(written):
    out, entries = written
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [d["name"] for d in m["documents"]] == [e["name"] for e in entries]
    for d in m["documents"]:
        for axis, value in d["axes"].items():
            assert value in AXES[axis], (d["name"], axis, value)


def _drawn(seeds) -> dict[str, Counter]:
    seen: dict[str, Counter] = {a: Counter() for a in AXES}
    for s in seeds:
        for axis, value in choose(s).axes.items():
            seen[axis][value] += 1
    return seen


def test_every_axis_value_is_drawn():
    """Over the 200 dev seeds every value of every axis occurs but the held-out-only labels, which never
    do; the held-out seeds draw those too (choice only, nothing rendered)."""
    seen = _drawn(range(1000, 1200))
    only = variation.HELDOUT_ONLY
    missing = {a: sorted(set(vs) - set(seen[a]) - only.get(a, set())) for a, vs in AXES.items()}
    assert not any(missing.values()), missing
    assert not any(set(seen[a]) & only[a] for a in only)
    held = _drawn(range(9000, 9300))
    assert all(only[a] <= set(held[a]) for a in only), {a: only[a] - set(held[a]) for a in only}


def test_choice_is_a_function_of_the_seed():
    assert choose(1042) == choose(1042)
    assert len({json.dumps(choose(s).axes, sort_keys=True) for s in range(1000, 1050)}) > 40


def test_heldout_uses_its_own_boards_and_names():
    """Seeds from 9000 draw boards and person names from pools the dev seeds never use."""
    dev_codes = {b.code for bs in BOARDS["dev"] for b in bs}
    held_codes = {b.code for bs in BOARDS["heldout"] for b in bs}
    assert not dev_codes & held_codes
    dev_pool = set(synth.FIRST) | set(synth.FIRST_UNSEEN)
    for seed in (9000, 9001, 9002):
        v = choose(seed)
        assert v.set == "heldout"
        doc, _ = document(v)
        assert doc.board_code in held_codes
        people = _people(doc)
        assert people and all(p.split(" ")[0] in synth.FIRST_HELDOUT or p.split(" ")[0] + " " + p.split(" ")[1]
                              in synth.FIRST_HELDOUT for p in people), people
        assert not {p.split(" ")[0] for p in people} & dev_pool


def _people(doc) -> set[str]:
    from samples.generator.model import MeetingBook

    if isinstance(doc, MeetingBook):
        return {cf.person for p in doc.papers for cf in p.proposal.conflicts}
    return {n for n, _ in doc.attendance.present} | set(doc.attendance.absent)


@pytest.mark.parametrize("spec,seeds", [
    ("1000-1002", [1000, 1001, 1002]),
    ("9000", [9000]),
    ("1000,1005-1006", [1000, 1005, 1006]),
])
def test_parse_seeds(spec, seeds):
    assert parse_seeds(spec) == seeds


@pytest.mark.parametrize("spec", ["1000-999", "abc", "10-"])
def test_parse_seeds_rejects(spec):
    import argparse

    with pytest.raises(argparse.ArgumentTypeError):
        parse_seeds(spec)


@pytest.mark.parametrize("written_id,style,printed", [
    ("PS-ENERGI 34/24", "code_sak_fullyear", "PS-ENERGI sak 34/2024"),
    ("PS-KLIMA 17/25", "implied", "Sak 17/25"),
    ("PS-KLIMA 07/25", "implied", "Sak 07/25"),
    ("PS-LIVSVIT 9/26", "bare", "PS-LIVSVIT 09/26"),
    ("PS-HAV 5/24", "standard", None),
    ("PS-HAV 05/24", "nopad", None),
])
def test_case_lines_as_printed(written_id, style, printed):
    assert variation._printed(written_id, style) == printed


@pytest.mark.parametrize("written,canonical", [
    ("PS-ENERGI sak 34/2024", "PS-ENERGI 34/24"),
    ("Sak 17/25", "PS-DEMOS 17/25"),
    ("PS-LIVSVIT 09/26", "PS-LIVSVIT 9/26"),
    ("PS-KLIMA 30-23", "PS-KLIMA 30/23"),
])
def test_canonical_case_reads_printed_forms(written, canonical):
    code = canonical.split(" ")[0]
    assert canonical_case(written, code) == canonical


def _alloc_text() -> Text:
    mentions = (Mention("310151", R), Mention("310152", R), Mention("320001", G), Mention("320002", G),
                Mention("330001", V, 1), Mention("330002", V, 2), Mention("320002", R))
    blocks = ("Porteføljestyret vedtar følgende:",
              "To søknader avslås en bloc. Dette gjelder søknadene 310151 og 310152.",
              "To søknader innvilges. Dette gjelder søknadene 320001 og 320002.",
              "Søknadene 330001 og 330002 settes på en rangert reserveliste.",
              "Resterende søknader avslås pga. ikke tilgjengelige midler: 320002.",
              "For å være innenfor rammen reduseres budsjettet for søknad 320001 med 2,5 mill. kroner.")
    return Text(blocks, mentions)


def _facts(t: Text) -> Counter:
    return Counter((m.app_id, m.outcome, m.rank) for m in t.mentions)


@pytest.mark.parametrize("style", ["outcome_lists", "dash_lists", "outcome_table"])
def test_applications_rewritten_keep_their_facts(style):
    t = _alloc_text()
    board = BOARDS["dev"][0][0]
    new = applications_text(t, "adopted", style, "nb", random.Random(1), board)
    assert _facts(new) == _facts(t)
    assert new.blocks[0] == t.blocks[0] and new.blocks[-1] == t.blocks[-1]  # intro and budget cut stay
    text = "\n".join(b if isinstance(b, str) else b.as_text() for b in new.blocks)
    for m in new.mentions:  # every id printed, in mention order
        assert m.app_id in text
    if style == "outcome_lists":
        assert "Avslås: 310151, 310152 og 320002." in new.blocks
        assert "Settes på reserveliste i prioritert rekkefølge: 330001 og 330002." in new.blocks
    elif style == "dash_lists":
        assert "– Innvilges: 320001 og 320002" in new.blocks
    else:
        table = next(b for b in new.blocks if isinstance(b, Table))
        assert table.header[0] in variation.ID_COLUMNS
        assert ("330002" in table.rows[3] and table.rows[3][2] == "Reserve 2")
        assert all(m.title for m in new.mentions)


def test_applications_rewritten_in_nynorsk():
    new = applications_text(_alloc_text(), "proposed", "outcome_lists", "nn", random.Random(1),
                            BOARDS["dev"][0][0])
    assert "Vert avslått: 310151, 310152 og 320002." in new.blocks


def _hab_text() -> Text:
    blocks = ("Forskningsrådets administrasjon har foretatt en habilitetsvurdering i forkant av møtet.",
              "Sak 33/25: Tildeling av midler [U.off. § 14]",
              "Følgende medlemmer er inhabile og fratrer møtet når søknadene diskuteres i porteføljestyret: "
              "Kari Haugen og Ola Berg.",
              "Liv Vik er inhabile for søknader i gruppe 3, og fratrer møtet fram til behandling av søknader i gruppe 4.",
              "Siden porteføljestyreleder Kari Haugen er inhabil er Geir Holm oppnevnt som settestyreleder under "
              "behandling av saken.",
              "Sak 34/25: Tildeling av midler [U.off. § 14]",
              "Følgende medlemmer er inhabile og fratrer møtet når søknadene diskuteres i porteføljestyret: "
              "Ola Berg og Åse Dahl.",
              "For at porteføljestyret skal være beslutningsdyktig er professor Nils Lunde ved NTNU oppnevnt som "
              "settemedlem.",
              "Ingen medlemmer er inhabile for øvrige saker.")
    c1, c2 = "PS-KLIMA 33/25", "PS-KLIMA 34/25"
    facts = (ConflictFact(c1, "Kari Haugen", Role.INHABILE), ConflictFact(c1, "Ola Berg", Role.INHABILE),
             ConflictFact(c1, "Liv Vik", Role.INHABILE, scope="gruppe 3"), ConflictFact(c1, "Geir Holm", Role.ACTING_CHAIR),
             ConflictFact(c2, "Ola Berg", Role.INHABILE), ConflictFact(c2, "Åse Dahl", Role.INHABILE),
             ConflictFact(c2, "Nils Lunde", Role.SUBSTITUTE, affiliation="NTNU"))
    return Text(blocks, conflicts=facts)


@pytest.mark.parametrize("style", ["table", "bullets"])
def test_conflicts_rewritten_keep_their_facts_and_name_their_cases(style):
    t = _hab_text()
    new = conflicts_text(t, style, "nb", random.Random(3))
    key = lambda c: (c.in_case, c.person, c.role, c.scope)  # noqa: E731
    assert Counter(map(key, new.conflicts)) == Counter(map(key, t.conflicts))
    grounded = [c for c in new.conflicts if c.ground]
    assert len(grounded) == 4 and all(c.role == Role.INHABILE and c.scope is None for c in grounded)
    text = "\n".join(b if isinstance(b, str) else b.as_text() for b in new.blocks)
    assert "Siden porteføljestyreleder Kari Haugen er inhabil i sak 33/25, er Geir Holm oppnevnt" in text
    assert "oppnevnt som settemedlem i sak 34/25." in text
    assert "Liv Vik er inhabile i sak 33/25 for søknader i gruppe 3" in text
    assert new.blocks[-1] == "Ingen medlemmer er inhabile for øvrige saker."
    if style == "table":
        table = next(b for b in new.blocks if isinstance(b, Table))
        assert table.header == ("Sak", "Medlem", "Grunnlag")
        assert table.rows[0][:2] == ("33/25", "Kari Haugen") and table.rows[0][2] == grounded[0].ground
    else:
        assert f"– Åse Dahl, sak 34/25 ({grounded[3].ground})" in new.blocks
        assert grounded[3].ground == grounded[3].ground.lower()
