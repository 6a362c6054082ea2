"""Count what a public visitor learns about exempt case papers (issue 12), on the samples store.

    .venv/bin/python bench/access_leaks.py [--crawl]

Builds a SQLite store from samples/pdf (plus the synthetic minutes of PS-HAV 2/26 and the synthetic book of
tests/api/access_records.py, whose exempt paper alone names 371001 and a person), asks the app as a
public visitor (no token) and prints one line per leak the issue lists, with the figure. The exempt-only
facts come from the records (tests/api/access_oracle.py), not from the access rule being measured.
`--crawl` also crawls every API route and web link (tests/api/access_crawl.py) and counts responses
carrying an exempt-only string and exempt-only ids answering unlike made-up ones.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from pathlib import Path
from urllib.parse import quote, unquote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "api"))

from access_crawl import MADE_UP, crawl_api, crawl_web, fetch, normalised, store_values  # noqa: E402
from access_oracle import found_in, secrets_of  # noqa: E402
from access_records import exempt_book  # noqa: E402

TOKEN = "bench-token"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crawl", action="store_true", help="also crawl every route and link")
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient

    from vedtak.api.app import create_app
    from vedtak.search.testing import build_store, hav_minutes, sample_records
    from vedtak.store.db import make_engine

    tmp = Path(tempfile.mkdtemp(prefix="access-leaks-"))
    url = f"sqlite:///{tmp / 'store.db'}"
    extra = (hav_minutes(), exempt_book())
    build_store(url, extra=extra)
    secrets = secrets_of([r for _, r in (*sample_records(), *extra)])
    engine = make_engine(url)
    values = store_values(engine)
    app = create_app(url, token=TOKEN, pdf_roots=[REPO])
    public: dict[str, str] = {}
    figures: list[tuple[str, int, int]] = []  # (what, leaks, out of)
    with TestClient(app) as client:
        listed = set()
        offset = 0
        while offset is not None:
            page = client.get(f"/applications?limit=200&offset={offset}").json()
            listed |= {i["application_id"] for i in page["items"]}
            offset = page["next_offset"]
        figures.append(("exempt-only application ids listed by GET /applications",
                        len(listed & secrets.application_ids), len(secrets.application_ids)))
        made_up = client.get(f"/applications/{MADE_UP['application_id']}").status_code
        answered = sum(client.get(f"/applications/{a}").status_code != made_up for a in secrets.application_ids)
        figures.append((f"exempt-only application ids answering unlike a made-up id ({made_up})",
                        answered, len(secrets.application_ids)))
        events, since = [], ""
        while True:
            page = client.get("/changes?limit=200" + (f"&since={quote(since)}" if since else "")).json()
            events += page["items"]
            since = page["next_cursor"]
            if not page["has_more"]:
                break
        named = {e["id"] for e in events if e["type"] == "application"} & secrets.application_ids
        figures.append(("exempt-only application ids named in GET /changes (no token)", len(named),
                        len(secrets.application_ids)))
        refs = set()
        for case_id in sorted(secrets.exempt_paper_cases):
            body = client.get("/cases/" + quote(case_id, safe="/"))
            if body.status_code == 200:
                refs |= set(body.json().get("references") or []) & secrets.references
        figures.append(("exempt-only references shown by GET /cases/{exempt case}", len(refs), len(secrets.references)))
        people_found = sum(client.get("/people/" + quote(p, safe="")).status_code == 200 for p in secrets.people)
        figures.append(("people named only in exempt papers answering 200 on GET /people/{name}", people_found,
                        len(secrets.people)))
        hidden = 0
        for _sha, case_id, code in secrets.public_book_findings:
            shown = client.get("/cases/" + quote(case_id, safe="/")).json().get("findings") or []
            hidden += not any(f["code"] == code for f in shown)
        figures.append(("published-minutes findings in meeting books hidden from the public (over-redaction)",
                        hidden, len(secrets.public_book_findings)))
        from vedtak.access import exempt_pages
        from vedtak.models import Document
        from sqlalchemy import select

        with engine.connect() as conn:
            books = [sha for sha, doc_id in conn.execute(select(Document.sha256, Document.id))
                     if exempt_pages(conn, doc_id)]
        token = {"Authorization": f"Bearer {TOKEN}"}
        books = [sha for sha in books if client.get(f"/documents/{sha}/pdf", headers=token).status_code == 200]
        refused = sum(client.get(f"/documents/{sha}/pdf").status_code != 200 for sha in books)
        figures.append(("meeting books with exempt papers (file present) whose PDF the public cannot open", refused,
                        len(books)))
        if args.crawl:
            pages = crawl_api(client, public, values, secrets) + crawl_web(client, public, values, secrets)
            leaking = [p for p in pages if any(found_in(p.text, s, unquote(p.url)) for s in secrets.all_strings())]
            figures.append(("crawled responses (no token) carrying an exempt-only string", len(leaking), len(pages)))
            differ = 0
            for a in secrets.application_ids:
                mine = fetch(client, f"/applications/{a}", public)
                other = fetch(client, f"/applications/{MADE_UP['application_id']}", public)
                differ += normalised(mine, a) != normalised(other, MADE_UP["application_id"])
            for p in secrets.people:
                mine = fetch(client, "/people/" + quote(p, safe=""), public)
                other = fetch(client, "/people/" + quote(MADE_UP["name"], safe=""), public)
                differ += normalised(mine, p) != normalised(other, MADE_UP["name"])
            figures.append(("exempt-only ids/names answering unlike made-up ones (by id)", differ,
                            len(secrets.application_ids) + len(secrets.people)))
    engine.dispose()
    print(f"exempt-only facts in the records: {len(secrets.application_ids)} application ids, {len(secrets.people)} "
          f"people, {len(secrets.references)} references, {len(secrets.texts)} texts")
    for what, leaks, total in figures:
        print(f"{leaks:5d} / {total:<5d} {what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
