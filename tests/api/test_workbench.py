"""The auditors' workbench over the sample store (TestClient): decisions list and CSV, findings, people,
meetings, boards, applications, case-id redirects, Norwegian pages, offline /docs, no server paths."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

import pytest

from vedtak.api.read.decisions import CSV_COLUMNS
from vedtak.api.labels import FINDINGS, OUTCOMES, ROLES, STAGES, STATUSES, label, no_date
from vedtak.models import AttendanceRole, ConflictRole, Outcome, Stage

KLIMA_2024_GRANTS = {"board": "PS-KLIMA", "year": 2024, "outcome": "granted"}


def test_all_grants_of_a_board_in_a_year_count_applications_not_mentions(client):
    body = client.get("/decisions", params={**KLIMA_2024_GRANTS, "limit": 200}).json()
    assert body["total"] == 18 == len(body["items"]) == body["by_outcome"]["granted"]
    assert all(i["outcome"] == "granted" and i["meeting_date"].startswith("2024") and i["board_code"] == "PS-KLIMA"
               for i in body["items"])
    assert len({i["application_id"] for i in body["items"]}) == 18


def test_decision_csv_is_the_list(client):
    api = client.get("/decisions", params={"board": "PS-KLIMA", "year": 2024, "sort": "application", "desc": False,
                                           "limit": 200}).json()
    r = client.get("/decisions.csv", params={"board": "PS-KLIMA", "year": 2024, "sort": "application", "desc": False})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == api["total"] == 44
    assert [(x["application_id"], x["outcome"], x["case_id"]) for x in rows] == [
        (i["application_id"], i["outcome"], i["case_id"]) for i in api["items"]]
    assert [x["application_id"] for x in rows] == sorted(x["application_id"] for x in rows)


def test_one_decision_from_three_books_is_one_row_with_three_sources(client):
    # The three sample books of PS-HELSE 1/25 each carry the approved minutes of 6/24.
    items = client.get("/decisions", params={"application": "355815"}).json()["items"]
    assert len(items) == 1
    assert len(items[0]["sources"]) == 3 and len({s["sha256"] for s in items[0]["sources"]}) == 3


def test_decisions_of_a_disqualified_person(client):
    yes = client.get("/decisions", params={"person": "Ole A. Andreassen", "disqualified": True, "limit": 200}).json()
    assert yes["total"] > 0 and {i["case_id"] for i in yes["items"]} <= {"PS-HELSE 54/24", "PS-HELSE 55/24"}
    no = client.get("/decisions", params={"person": "Ole A. Andreassen", "disqualified": False, "limit": 200}).json()
    assert not {i["case_id"] for i in no["items"]} & {"PS-HELSE 54/24", "PS-HELSE 55/24"}


@pytest.mark.parametrize(("params", "message"), [
    ({"outcome": "maybe"}, "outcome must be one of"),
    ({"disqualified": True}, "disqualified needs a person"),
    ({"sort": "nonsense"}, "sort must be one of"),
    ({"from": "2025-01-01", "to": "2024-01-01"}, "is after"),
])
def test_bad_decision_filters_are_one_clear_400(client, params, message):
    r = client.get("/decisions", params=params)
    assert r.status_code == 400 and message in r.json()["error"]["message"]


def test_findings_list_has_findings_of_no_case(client, auth):
    body = client.get("/findings", params={"limit": 200}, headers=auth).json()
    codes = {(f["code"], f["case_id"]) for f in body["items"]}
    assert ("missing_case_header", None) in codes and ("count_mismatch", "PS-KLIMA 13/23") in codes
    header = next(f for f in body["items"] if f["code"] == "missing_case_header")
    assert len(header["sources"]) == 3  # one finding, three copies of the same meeting book
    only = client.get("/findings", params={"code": "count_mismatch"}).json()["items"]
    assert only and {f["code"] for f in only} == {"count_mismatch"}


@pytest.mark.parametrize("token", [False, True])
def test_application_shows_its_contradiction(client, auth, token):
    # Published minutes of PS-HELSE 6/24 (attached in the meeting books of 1/25): public for everyone.
    body = client.get("/applications/355340", headers=auth if token else {}).json()
    assert {(d["outcome"], d["rank"]) for d in body["decisions"]} == {("reserve", 1), ("rejected", None)}
    assert [f["code"] for f in body["findings"]] == ["conflicting_outcomes"]
    assert len(body["findings"][0]["sources"]) == 3
    assert body["mentions"]  # the read model's field stays


def test_acting_chair_is_of_the_same_stage(client, auth):
    # PS-KLIMA 18/24: the minutes name Lars Solberg acting chair, the (exempt) proposal Randi van den Berg.
    adopted = client.get("/people/" + quote("Ola Rønning"), headers=auth).json()
    assert next(c for c in adopted["conflicts"] if c["case_id"] == "PS-KLIMA 18/24")["acting_chair"] == ["Lars Solberg"]
    proposed = client.get("/people/" + quote("Astrid Rønning"), headers=auth).json()
    assert proposed["conflicts"][0]["acting_chair"] == ["Randi van den Berg"]
    hits = client.get("/search", params={"person": "Ola Rønning"}).json()["hits"]
    assert [h["acting_chair"] for h in hits if h["kind"] == "conflict" and h["case_id"] == "PS-KLIMA 18/24"] == [["Lars Solberg"]]


def test_meeting_cases_in_number_order(client):
    cases = [c["case_id"] for c in client.get("/meetings/PS-HAV/2/26").json()["cases"]]
    assert cases == ["PS-HAV 7/26", "PS-HAV 8/26", "PS-HAV 9/26", "PS-HAV 10/26", "PS-HAV 11/26", "PS-HAV 12/26"]


def test_board_figures(client):
    body = client.get("/boards/ps-klima").json()
    year = next(y for y in body["years"] if y["year"] == 2024)
    assert year["outcomes"]["granted"] == 18 and len(year["meetings"]) == 2
    assert any(m["inhabile"] > 0 and m["acting_chair"] >= 1 for m in body["conflicts_per_meeting"])
    assert {b["board_code"] for b in client.get("/boards").json()["items"]} >= {"PS-HELSE", "PS-KLIMA", "PS-HAV"}
    assert client.get("/boards/PS-NONE").status_code == 404


@pytest.mark.parametrize("written", ["PS-HELSE%2005/25", "ps-helse%205/25", "PS-HELSE%20sak%205/25",
                                     "Sak%20PS-HELSE%2005/25", "PSHELSE%205/25"])
@pytest.mark.parametrize("prefix", ["/cases/", "/ui/cases/"])
def test_case_id_as_printed_redirects_to_the_canonical_id(client, written, prefix):
    r = client.get(prefix + written, follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == prefix + "PS-HELSE%205/25"
    assert client.get(prefix + written).status_code == 200


def test_pages_are_norwegian_with_norwegian_dates(client):
    html = client.get("/ui/cases/" + quote("PS-HELSE 54/24", safe="/")).text
    assert "02.12.2024" in html and "2024-12-02" not in html.replace('"2024-12-02"', "")
    assert ">vedtatt<" in html and ">decided<" not in html
    missing = client.get("/ui/people/Nobody")
    assert missing.status_code == 404 and "Finnes ikke" in missing.text
    assert "Finnes ikke" in client.get("/ui/no-such-page").text


@pytest.mark.parametrize("path", [
    "/ui/people/" + quote("Ole A. Andreassen"), "/ui/people?q=andreassen", "/ui/meetings/PS-HELSE/6/24", "/ui/boards", "/ui/boards/PS-HELSE",
    "/ui/applications/355815", "/ui/decisions?board=PS-HELSE", "/ui/findings", "/ui/differences",
    "/ui/cases/" + quote("PS-HELSE 54/24", safe="/"), "/?q=avsl%C3%A5tt",
])
def test_pages_show_no_server_paths(client, path):
    from vedtak.search.testing import REPO

    r = client.get(path)
    assert r.status_code == 200
    assert str(REPO) not in r.text and "samples/pdf/" not in r.text


def test_case_page_links_people_meeting_and_applications(client):
    html = client.get("/ui/cases/" + quote("PS-HELSE 55/24", safe="/")).text
    assert 'href="/ui/people/Ole%20A.%20Andreassen"' in html
    assert 'href="/ui/meetings/PS-HELSE/6/24"' in html
    assert 'href="/ui/applications/355340"' in html


def test_board_page_draws_its_charts(client):
    html = client.get("/ui/boards/PS-KLIMA").text
    assert html.count("<svg") == 2
    assert 'data-group="2024" data-series="granted" data-value="18"' in html


def test_docs_work_offline(client):
    html = client.get("/docs").text
    assert "cdn" not in html.lower() and "/static/swagger-ui/swagger-ui-bundle.js" in html
    assert client.get("/static/swagger-ui/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("query", ["*", "^", "  ", "\"\"", "*^?"])
def test_search_without_words_is_a_clear_message(client, query):
    r = client.get("/search", params={"q": query})
    assert r.status_code == 400 and "ingen ord" in r.json()["error"]["message"]
    page = client.get("/", params={"q": query})
    if query.strip():  # a blank box on the page just shows the form again
        assert page.status_code == 400 and "ingen ord" in page.text
    else:
        assert page.status_code == 200 and 'id="hits"' not in page.text


def test_compound_found_by_its_first_part(client):
    hits = client.get("/search", params={"q": "forprosjekt", "limit": 50}).json()["hits"]
    # Seven cases say forprosjekt*: PS-KLIMA 19/24 is titled so only in its minutes, and the store's merged
    # case takes its title from the documents in content-hash order (the meeting book's title there).
    assert len(hits) == 7
    assert any("<mark>forprosjektmidler</mark>" in (h["snippet"] or "") for h in hits)
    assert any("<mark>forprosjekter</mark>" in (h["snippet"] or "") for h in hits)


def test_every_label_table_covers_its_vocabulary():
    assert set(OUTCOMES) == set(Outcome) and set(STAGES) == set(Stage)
    assert set(ROLES) == set(AttendanceRole) | set(ConflictRole)
    from vedtak.api.read.cases import case_status

    assert {case_status(d, p, t) for d, p, t in [("x", None, None), (None, "x", None), (None, None, "information"),
                                                  (None, None, None)]} == set(STATUSES)
    import re
    from pathlib import Path

    written = set()
    for folder in ("extractors", "vedtak"):
        for path in (Path(__file__).parents[2] / folder).rglob("*.py"):
            written |= set(re.findall(r'Finding\(\s*"([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert written and written <= set(FINDINGS)


def test_every_finding_code_has_a_label():
    from vedtak.nlp.vocab import FindingCode

    assert set(FINDINGS) == {str(c) for c in FindingCode}
    assert len(set(FINDINGS.values())) == len(FINDINGS)  # no two codes read alike


@pytest.mark.parametrize(("kind", "code", "word"), [
    ("outcome", "granted", "innvilget"), ("outcome", "reserve", "reserveliste"), ("stage", "adopted", "vedtatt"),
    ("role", "acting_chair", "settestyreleder"), ("role", "absent", "forfall"), ("status", "decided", "vedtatt"),
    ("finding", "conflicting_outcomes", "motstridende utfall"), ("outcome", "unknown_code", "unknown_code"),
])
def test_labels(kind, code, word):
    assert label(kind, code) == word


@pytest.mark.parametrize(("value", "shown"), [("2024-12-02", "02.12.2024"), ("2025-03-05T10:00:00", "05.03.2025"),
                                              (None, "")])
def test_norwegian_date(value, shown):
    assert no_date(value) == shown


def test_decision_list_hides_the_exempt_proposal_from_the_public_in_rows_and_totals(client, auth):
    params = {"case": "PS-HAV 11/26", "stage": "proposed", "limit": 200}
    public = client.get("/decisions", params=params).json()
    full = client.get("/decisions", params=params, headers=auth).json()
    assert public["total"] == 0 and public["items"] == [] and sum(public["by_outcome"].values()) == 0
    assert full["total"] == len(full["items"]) > 0
    csv_public = client.get("/decisions.csv", params={"case": "PS-HAV 11/26", "stage": "proposed"}).text
    assert csv_public.strip().splitlines() == [",".join(CSV_COLUMNS)]


def test_search_shows_the_contradiction_on_each_mention(client):
    hits = client.get("/search", params={"application": "355340"}).json()["hits"]
    assert hits and all(h["findings"] == ["conflicting_outcomes"] for h in hits)
    assert "motstridende utfall" in client.get("/", params={"application": "355340"}).text
    assert all(h["findings"] == [] for h in client.get("/search", params={"application": "355815"}).json()["hits"])


def test_case_gives_each_decision_once_with_its_sources(client):
    body = client.get("/cases/" + quote("PS-HELSE 54/24", safe="/")).json()
    assert len(body["applications"]) == 3 * len(body["decisions"])  # the read model's rows: one per book
    assert all(len(d["sources"]) == 3 for d in body["decisions"])
    html = client.get("/ui/cases/" + quote("PS-HELSE 54/24", safe="/")).text
    assert html.count('<tr class="decision">') == len(body["decisions"])


def test_people_page_lists_and_links(client):
    html = client.get("/ui/people", params={"q": "andreassen"}).text
    assert 'href="/ui/people/Ole%20A.%20Andreassen"' in html and 'id="total">1 personer' in html


# Minutes of a meeting drawn as a PDF and read by the real extractor: no sample names a ground.
GROUND_MINUTES = [
    ("Møteprotokoll", True),
    ("Porteføljestyret for demokrati og styring, møte 2/25", True),
    ("Dato 14.03.2025", False),
    ("Til stede Kari Nordmann (leder), Per Olsen, Lise Berg, Ola Dahl", False),
    ("", False),
    ("Sak PS-DEMOS 3/25 Spørsmål om habilitet", True),
    ("Vedtak:", True),
    ("Følgende medlemmer er inhabile:", False),
    ("– Kari Nordmann, sak 5/25 (medsøker)", False),
    ("– Lise Berg, sak 6/25 (nær relasjon til søker)", False),
    ("Siden porteføljestyreleder Kari Nordmann er inhabil i sak 5/25, er Per Olsen oppnevnt som", False),
    ("settestyreleder under behandling av sak 5/25.", False),
    ("Ingen medlemmer er inhabile for øvrige saker.", False),
    ("", False),
    ("Sak PS-DEMOS 5/25 Tildelinger", True),
    ("Vedtak:", True),
    ("Søknad 310151 innvilges.", False),
    ("", False),
    ("Sak PS-DEMOS 6/25 Avslag", True),
    ("Vedtak:", True),
    ("Søknad 310152 avslås.", False),
]


@pytest.fixture(scope="module")
def ground_client(tmp_path_factory):
    """A TestClient over a store holding only GROUND_MINUTES, extracted from its PDF and loaded as ingest does."""
    import warnings

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from vedtak.api.app import create_app
    from vedtak.extract import extract_file
    from vedtak.store.db import make_engine, upgrade
    from vedtak.store.loader import load_record

    folder = tmp_path_factory.mktemp("ground")
    pdf = folder / "demos_2-25_minutes.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4, invariant=1)
    for k, (line, bold) in enumerate(GROUND_MINUTES):
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
        c.drawString(56, A4[1] - 50 - 16 * k, line)
    c.showPage()
    c.save()
    url = f"sqlite:///{folder / 'store.db'}"
    engine = make_engine(url)
    upgrade(engine)
    load_record(engine, extract_file(pdf), source=str(pdf))
    engine.dispose()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient
    with TestClient(create_app(url, pdf_roots=[folder], pdf_cache=folder / "cache")) as c:
        yield c


@pytest.mark.parametrize(("person", "case_id", "ground", "acting_chair"), [
    ("Kari Nordmann", "PS-DEMOS 5/25", "medsøker", ["Per Olsen"]),
    ("Lise Berg", "PS-DEMOS 6/25", "nær relasjon til søker", []),
])
def test_person_page_shows_each_conflicts_ground(ground_client, person, case_id, ground, acting_chair):
    body = ground_client.get("/people/" + quote(person)).json()
    [conflict] = body["conflicts"]
    assert (conflict["case_id"], conflict["role"], conflict["ground"], conflict["stage"], conflict["acting_chair"]) == (
        case_id, "inhabile", ground, "adopted", acting_chair)
    html = ground_client.get("/ui/people/" + quote(person)).text
    assert '<th>Grunnlag</th>' in html and f'<td class="ground">{ground}</td>' in html
    assert all(f'<a class="person-link" href="/ui/people/{quote(name)}">{name}</a>' in html for name in acting_chair)
    case = ground_client.get("/cases/" + quote(case_id, safe="/")).json()
    assert [(c["person"], c["ground"]) for c in case["grouped"]["conflicts"] if c["role"] == "inhabile"] == [(person, ground)]
    assert f'<td class="ground">{ground}</td>' in ground_client.get("/ui/cases/" + quote(case_id, safe="/")).text


def test_ground_column_only_where_a_ground_is_known(client):
    # No sample names a ground: the pages show no empty Grunnlag column.
    for path in ("/ui/people/" + quote("Ole A. Andreassen"), "/ui/cases/" + quote("PS-HELSE 54/24", safe="/")):
        html = client.get(path).text
        assert "<th>Omfang</th>" in html  # the conflicts table is there
        assert "Grunnlag" not in html and 'class="ground"' not in html
