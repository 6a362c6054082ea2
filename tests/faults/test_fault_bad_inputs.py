"""A folder of bad inputs beside good board papers, through `vedtak ingest` as a user runs it.

Each bad file gets one clear line naming it (and is quarantined with that reason) or is handled
(loaded, with a finding where content could not be read); every good file beside it still loads.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from faults_support import (
    ROOT,
    damaged_pdf,
    encrypted_pdf,
    image_only_pdf,
    ingest,
    long_pdf,
    malformed_font_pdf,
    stats_json,
    zero_page_pdf,
)

LO_MINUTES = ROOT / "samples" / "pdf" / "multek_5-25_minutes_lo.pdf"  # embeds TrueType font programs
RL_MINUTES = ROOT / "samples" / "pdf" / "klima_2-23_minutes_rl.pdf"

# file name -> (status in the summary, words the failure reason must contain (any of), kind if loaded)
EXPECTED = {
    "avkuttet.pdf": ("failed", ("damaged PDF",), None),                       # truncated to a third
    "kryptert.pdf": ("failed", ("encrypted PDF",), None),                     # needs a password
    # /Count 0 (PDFium refuses it; its stale global error once called it "encrypted": never again)
    "null-sider.pdf": ("failed", ("no pages",), None),
    "ikke-en-pdf.pdf": ("failed", ("not a PDF",), None),                      # HTML under a .pdf name
    "tom.pdf": ("failed", ("empty file",), None),                             # 0 bytes
    "skannet.pdf": ("new", (), "other"),                                      # image only: finding no_text_layer
    "vedlegg-2000-sider.pdf": ("new", (), "other"),                           # 2,000 tiny pages
    "skadet-midtparti.pdf": ("new", (), "minutes"),                           # middle overwritten; PDFium repairs
    "skadet-font.pdf": ("new", (), "minutes"),                                # font programs are noise
}


def make_bad_folder(folder: Path, good: list[Path]) -> dict[str, Path]:
    """The bad-input corpus, plus good papers (one of them twice, under two names)."""
    folder.mkdir(parents=True)
    lo = LO_MINUTES.read_bytes()
    (folder / "avkuttet.pdf").write_bytes(lo[: len(lo) // 3])
    encrypted_pdf(folder / "kryptert.pdf")
    (folder / "null-sider.pdf").write_bytes(zero_page_pdf())
    (folder / "ikke-en-pdf.pdf").write_text("<html><body>Siden finnes ikke</body></html>\n", encoding="utf-8")
    (folder / "tom.pdf").write_bytes(b"")
    image_only_pdf(folder / "skannet.pdf")
    long_pdf(folder / "vedlegg-2000-sider.pdf", 2000)
    (folder / "skadet-midtparti.pdf").write_bytes(damaged_pdf(RL_MINUTES.read_bytes()))
    (folder / "skadet-font.pdf").write_bytes(malformed_font_pdf(lo))
    goods = {}
    for path in good:
        goods[path.name] = folder / path.name
        shutil.copyfile(path, goods[path.name])
    shutil.copyfile(good[0], folder / "kopi-av-samme-fil.pdf")  # same bytes, second name
    return goods


@pytest.mark.slow
def test_bad_inputs_beside_good_files(corpus, tmp_path):
    good = corpus[:3]
    folder = tmp_path / "innboks"
    goods = make_bad_folder(folder, good)
    db_path = tmp_path / "store.db"
    db = f"sqlite:///{db_path}"

    code, summary, err = ingest([folder], db, cwd=tmp_path)

    assert code == 1, f"a failed file must give exit code 1; stderr: {err[-1500:]}"
    assert summary is not None, err[-2000:]
    items = {Path(i["source"]).name: i for i in summary["items"]}
    failures = {Path(f["source"]).name: f["reason"] for f in summary["failures"]}
    for name, (status, words, _kind) in EXPECTED.items():
        assert items[name]["status"] == status, (name, items[name], failures.get(name))
        if status == "failed":
            reason = failures[name]
            assert reason.startswith(str(folder / name) + ": "), reason
            assert "\n" not in reason and any(w in reason for w in words), reason
            assert name == "kryptert.pdf" or "encrypted" not in reason, reason
            # Rich wraps stderr at 80 columns when it is not a terminal: compare without whitespace.
            assert "".join(f"failed {reason}".split()) in "".join(err.split()), f"{name}: not reported on stderr"
    assert set(failures) == {n for n, e in EXPECTED.items() if e[0] == "failed"}

    # the good files all load; the same bytes under a second name are one document (extracted
    # once), held by two sources
    assert {n: items[n]["status"] for n in goods} == dict.fromkeys(goods, "new")
    assert items["kopi-av-samme-fil.pdf"]["status"] == "new"
    assert items["kopi-av-samme-fil.pdf"]["sha256"] == items[good[0].name]["sha256"]

    with sqlite3.connect(db_path, timeout=10) as conn:
        quarantined = dict(conn.execute("SELECT source, reason FROM quarantined_files").fetchall())
        docs = dict(conn.execute("SELECT source, kind FROM documents").fetchall())
        pages = dict(conn.execute("SELECT source, pages FROM documents").fetchall())
        findings = {r[0] for r in conn.execute(
            "SELECT d.source FROM findings f JOIN documents d ON d.id = f.document_id WHERE f.code = 'no_text_layer'")}
    assert {Path(s).name: r for s, r in quarantined.items()} == failures
    loaded = {Path(s).name: k for s, k in docs.items()}
    assert loaded == {**{n: e[2] for n, e in EXPECTED.items() if e[0] == "new"},
                      **{n: loaded.get(n) for n in goods}}
    assert all(loaded[n] in ("case_papers", "minutes") for n in goods)
    assert pages[str(folder / "vedlegg-2000-sider.pdf")] == 2000
    assert findings == {str(folder / "skannet.pdf")}

    stats = stats_json(db)
    assert stats["documents"] == len(goods) + sum(1 for e in EXPECTED.values() if e[0] == "new")
    assert stats["quarantined_files"] == len(failures)


def test_font_programs_of_noise_still_read_like_the_intact_file(tmp_path):
    """A LibreOffice PDF whose embedded TrueType programs are noise reads as the intact one
    (text comes from the ToUnicode maps, not the glyph programs)."""
    from vedtak.extract import extract_file

    bad = tmp_path / "skadet-font.pdf"
    bad.write_bytes(malformed_font_pdf(LO_MINUTES.read_bytes()))
    record, intact = extract_file(bad, source="x.pdf"), extract_file(LO_MINUTES, source="x.pdf")
    assert [c["case_id"] for c in record["cases"]] == [c["case_id"] for c in intact["cases"]]
    facts = lambda r: [(a["case_id"], a["application_id"], a["outcome"], a["stage"], a["title"], a["provenance"]["page"])
                       for a in r["applications"]]  # noqa: E731  (boxes move: glyph heights come from the font)
    assert facts(record) == facts(intact) and facts(record)


def test_damaged_font_resources_are_not_a_silent_empty_document(tmp_path):
    """Noise over the middle of a LibreOffice minutes (font dictionaries broken; poppler says
    `Unknown font tag 'F2'`): the record must say it could not read the text, not look empty."""
    from vedtak.errors import InputError
    from vedtak.extract import extract_file

    bad = tmp_path / "skadet-lo.pdf"
    bad.write_bytes(damaged_pdf(LO_MINUTES.read_bytes()))
    try:
        record = extract_file(bad)
    except InputError as exc:  # one clear error is acceptable too
        assert str(bad) in str(exc)
        return
    assert record["document"]["kind"] == "minutes" or record["findings"], record["document"]


def test_zero_page_reason_is_its_own(tmp_path):
    """An empty page tree after an encrypted file: the reason must be about this file."""
    from vedtak.errors import InputError
    from vedtak.extract import extract_file

    encrypted_pdf(tmp_path / "kryptert.pdf")
    (tmp_path / "null-sider.pdf").write_bytes(zero_page_pdf())
    with pytest.raises(InputError):
        extract_file(tmp_path / "kryptert.pdf")
    with pytest.raises(InputError) as info:
        extract_file(tmp_path / "null-sider.pdf")
    assert "encrypted" not in info.value.problem and "no pages" in info.value.problem, info.value.problem
