"""Two processes loading overlapping documents at the same time never duplicate a row."""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store_support import load_fixture
from vedtak.models import Application, Case, Document, DocumentVersion, Meeting, Person
from vedtak.store.db import make_engine, upgrade

WORKER = r"""
import json, sys, time
from vedtak.store.db import make_engine
from vedtak.store.loader import load_record
url, path, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
records = json.load(open(path, encoding="utf-8"))
engine = make_engine(url)
while time.time() < start:
    time.sleep(0.005)
print(json.dumps([load_record(engine, r).status.value for r in records]))
"""


def _variants(n: int) -> list[dict]:
    """n book/minutes pairs for meetings 1/24..n/24 sharing people, cases 51/24.. and applications."""
    book, minutes = load_fixture("book_6_24.json"), load_fixture("minutes_6_24.json")
    out = []
    for i in range(n):
        for base in (book, minutes):
            rec = copy.deepcopy(base)
            rec["document"]["sha256"] = hashlib.sha256(f"{base['document']['sha256']}-{i}".encode()).hexdigest()
            rec["document"]["source"] = f"{rec['document']['source']}?v={i}"
            for meeting in rec["meetings"]:
                meeting["number"] = f"{i % 3 + 1}/24"
            out.append(rec)
    return out


def test_two_processes_load_the_same_documents(db_url, tmp_path):
    engine = make_engine(db_url)
    upgrade(engine)
    records = _variants(6)
    forward, backward = tmp_path / "a.json", tmp_path / "b.json"
    forward.write_text(json.dumps(records), encoding="utf-8")
    backward.write_text(json.dumps(records[::-1]), encoding="utf-8")
    start = time.time() + 2.0
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, db_url, str(p), str(start)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for p in (forward, backward)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    # every document loaded exactly once across the two processes
    assert sorted(results[0] + results[1]) == ["new"] * 12 + ["unchanged"] * 12
    with Session(engine) as s:
        count = lambda model: s.scalar(select(func.count()).select_from(model))  # noqa: E731
        assert count(Document) == 12 and count(DocumentVersion) == 12
        assert count(Person) == 7
        assert count(Meeting) == 4  # 1/24..3/24 from the meeting records, 6/24 named by the cases
        assert count(Case) == 3
        assert count(Application) == 6
        c54 = s.scalars(select(Case).where(Case.case_id == "PS-HELSE 54/24")).one()
        assert c54.proposed_decision and c54.decision and c54.decision_differs is True
    engine.dispose()
