"""Hand batch 4: ways of writing board papers that a colleague brought in this session, each rule tested on the real
strings vedtak misread at first contact.

Headings numbered as a Word document numbers them (`1 Forslag til vedtak`, `2 Bakgrunn`), a recommendation column
saying `Støttes` / `Støttes ikke` under `Tilrådning`, minutes that tell in running text how the administration's
proposal was amended, an appendix list and the approval closing the minutes after their last case, a vice-chair who
`leder møtet` in the present tense, and a meeting book whose agenda names the meeting whose minutes it approves."""

from __future__ import annotations

import pytest
from linemaker import line_at as _line, lines_from, record_from as _record

from vedtak.extractors.meetings import book_meeting
from vedtak.extractors.segment import _header_label
from vedtak.lexicon import ACTING_CHAIR, FORM_LABELS, FORM_START, cell_outcome, column_meaning, match_label, normalise_label
from vedtak.nlp.vocab import ColumnMeaning, Outcome
from vedtak.schema import validate_record



@pytest.mark.parametrize(("text", "label"), [
    ("1 Forslag til vedtak", "forslag til vedtak"),
    ("2 Bakgrunn", "bakgrunn"),
    ("3.1 Vurdering", "vurdering"),
    ("2. Bakgrunn:", "bakgrunn"),
    ("1000 kr", "1000 kr"),  # an amount column's header keeps its number
    ("11 900", "11 900"),
])
def test_a_headings_own_number_is_no_part_of_its_label(text: str, label: str):
    assert normalise_label(text) == label


def test_numbered_section_headings_end_the_proposal():
    assert match_label("2 Bakgrunn", FORM_LABELS).key == "background"
    assert FORM_START.match("1 Forslag til vedtak")


@pytest.mark.parametrize(("text", "opens"), [
    ("Forslag til vedtak", True),
    ("Forslag til vedtak: Porteføljestyret godkjenner sakslisten.", True),
    ("Administrasjonens forslag til vedtak", True),
    ("Forslag til vedtak fra administrasjonen", True),
    ("Administrasjonens forslag til vedtak ble vedtatt med følgende endring: søknad 320177 flyttes fra", False),
    ("Forslag til vedtak er lagt fram i saksdokumentene.", False),
])
def test_the_form_label_is_never_running_text(text: str, opens: bool):
    assert bool(FORM_START.match(text)) is opens


@pytest.mark.parametrize(("cell", "outcome"), [
    ("Støttes", Outcome.GRANTED), ("Støttes ikke", Outcome.REJECTED), ("Reserve 1", Outcome.RESERVE),
    ("Tilrådd ikkje", Outcome.REJECTED), ("Innvilges ikke prioritert", Outcome.REJECTED),
    ("Innvilget med redusert beløp", Outcome.GRANTED),
])
def test_a_recommendation_cell_negated_after_its_verb(cell: str, outcome: Outcome):
    assert cell_outcome(cell) == outcome


def test_tilradning_heads_an_outcome_column():
    assert column_meaning("Tilrådning") == ColumnMeaning.OUTCOME
    assert column_meaning("Administrasjonens tilrådning") == ColumnMeaning.OUTCOME


@pytest.mark.parametrize(("text", "label"), [
    ("Vedlegg", True), ("Vedlegg: 1. Panelvurderinger", True), ("Vedlegg 1. Protokoll fra møte 2/20", True),
    ("Vedlegg til protokollen", False),
])
def test_an_appendix_heading_of_minutes_is_no_header_label(text: str, label: bool):
    assert _header_label(text) is label


def test_the_acting_chair_in_the_present_tense():
    assert ACTING_CHAIR.search("Nestleder Randi Grøtterud leder møtet under behandlingen av sak 21/20.")
    assert not ACTING_CHAIR.search("Møteleder ønsket velkommen.")


MINUTES = """PROTOKOLL
fra møte i Porteføljestyret for arbeidsliv (PS-ARBEIDSLIV)
Møte nr.: 2/2021
Dato: 20. april 2021, kl. 09.00–14.30
Til stede: Tor Egil Viken (styreleder), Arild Sæle, Camilla Ottesen

Sak 11/21 Tildeling – Arbeidsliv og inkludering 2021 [U.off. § 14]
Kristoffer Lunde orienterte om søknadsbehandlingen og panelenes vurderinger.
Administrasjonens forslag til vedtak ble vedtatt med følgende endring: søknad 320177 flyttes fra
reservelisten og opp på listen over prosjekter som får midler.
Vedtak:
Søknadene 320105 og 320177 innvilges. Søknad 320181 settes på reserveliste.

Sak 12/21 Godkjenning av protokoll fra møte 1/21
Vedtak:
Protokollen er godkjent.

Sak 13/21 Eventuelt
Camilla Ottesen tok opp spørsmålet om styremøtene fortsatt skal holdes digitalt etter sommeren.

Vedlegg til protokollen
1. Presentasjon fra administrasjonen om søknadsbehandlingen
2. Oversikt over søknader med panelkarakterer

Protokollen er godkjent elektronisk av Tor Egil Viken (styreleder) og Arild Sæle (styremedlem).
"""


def test_minutes_that_tell_how_the_proposal_was_amended_and_close_with_an_appendix_list():
    record = _record(MINUTES)
    assert record["document"]["kind"] == "minutes"
    cases = {c["case_id"]: c for c in record["cases"]}
    assert cases["PS-ARBEIDSLIV 11/21"]["decision"].startswith("Søknadene 320105 og 320177 innvilges.")
    assert cases["PS-ARBEIDSLIV 12/21"]["decision"] == "Protokollen er godkjent."  # a decision, not the closing
    assert cases["PS-ARBEIDSLIV 13/21"]["title"] == "Eventuelt"
    assert cases["PS-ARBEIDSLIV 13/21"]["decision"] is None  # the appendix list is no decision of `Eventuelt`
    assert sorted((a["application_id"], a["outcome"], a["stage"]) for a in record["applications"]) == [
        ("320105", "granted", "adopted"), ("320177", "granted", "adopted"), ("320181", "reserve", "adopted")]


def test_a_book_cover_whose_agenda_names_the_meeting_whose_minutes_it_approves():
    cover = lines_from("""Innkalling til møte i Porteføljestyret for havbruk
Saksliste
PS-HAVBRUK 19/20 Habilitet
PS-HAVBRUK 20/20 Godkjent protokoll fra møte 2/20""")
    meeting = book_meeting(cover, ["Porteføljestyret for havbruk – møte 3/20"], [], "Porteføljestyret for havbruk", "PS-HAVBRUK")
    assert meeting.number == "3/20"


# --------------------------------------------------------------------------------------------- a03: a letter and a table after the form

def test_a_title_wrapped_from_the_case_number_line_keeps_its_dash_its_meeting_and_its_lower_case_end():
    from vedtak.extractors.cases import parse_header

    def title(text: str) -> str | None:
        return parse_header(lines_from(text), "PS-KVANTE").title

    assert title("Sak PS-KVANTE 3/22 Protokoll frå møte 6/21\nTil\n    Porteføljestyret for kvanteteknologi") == "Protokoll frå møte 6/21"
    assert title("Sak PS-KVANTE 4/22 Løyving til forskarprosjekt –\nKvanteteknologi 2021 [U.off. § 14]\nTil\n    Porteføljestyret") \
        == "Løyving til forskarprosjekt – Kvanteteknologi 2021 [U.off. § 14]"
    assert title("Sak PS-KVANTE 5/22 Nasjonal kvantestrategi – innspel\nfrå porteføljestyret\nTil\n    Porteføljestyret") \
        == "Nasjonal kvantestrategi – innspel frå porteføljestyret"
    # the meeting printed beside the number, with its capital, is still no part of the title
    assert parse_header(lines_from("Sak PS-NANO 07/20 VEDTAKSSAK Møte 2/20 · 28.04.2020\nTildeling – Nano 2020"), "PS-NANO").title \
        == "Tildeling – Nano 2020"


def test_the_meeting_date_of_an_invitation_letter_is_the_meetings_not_the_letters():
    from vedtak.extractors.meetings import book_date

    cover = ["Til medlemene i Porteføljestyret for kvanteteknologi", "Lysaker, 25. januar 2022", "Møteinnkalling – møte 1/22",
             "Det vert med dette kalla inn til møte i Porteføljestyret for kvanteteknologi tysdag 8. februar 2022 kl."]
    assert book_date(cover, []) == "2022-02-08"
    assert book_date(["Lysaker, 25. januar 2022"], ["PS-KVANTE Møte 1/22 – 8. februar 2022"]) == "2022-02-08"
    assert book_date(["Lysaker, 25. januar 2022"], []) == "2022-01-25"  # the only date there is


BOOK = """Sak PS-KVANTE 4/22 Løyving til forskarprosjekt – Kvanteteknologi 2021 [U.off. § 14]
Til
    Porteføljestyret for kvanteteknologi
Sakstype
    Vedtakssak

L|Framlegg til vedtak
    1. Porteføljestyret løyver inntil 60 mill. kroner til dei to søknadene som er tilrådde til løyving i tabell 1.
    2. Søknadene som er tilrådde som reserve, vert sette på reserveliste i den rekkjefølgja tabellen viser.
    3. Dei andre søknadene i tabell 1 vert avslått.

L|Bakgrunn
    Utlysinga hadde frist 15. september 2021.

Tabell 1 Søknader med karakter 4 eller betre
Søknadsnr.   Prosjektleiar   Tilråding
"""


def test_a_proposal_that_points_to_a_table_printed_after_the_form():
    """`... tilrådde til løyving i tabell 1`: the table stands after `Bakgrunn`, outside the proposal."""
    from vedtak.extractors.tables import referred_tables
    from vedtak.blocks import Table
    from vedtak.nlp.vocab import ColumnMeaning as C

    caption = lines_from("Tabell 1 Søknader med karakter 4 eller betre")[0]
    header = lines_from("Søknadsnr.")[0]
    header = type(header)(header.text, 1, header.x0, caption.bottom + 4, header.x1, caption.bottom + 14, 0, "free", False, 4.0,
                          False, 10.0)
    rows = (("327702", "Ingrid Fossum", "Løyving"), ("327760", "Leah Grünewald", "Reserve 1"), ("327794", "Mari Tjønneland", "Avslag"))
    table = Table(("Søknadsnr.", "Prosjektleiar", "Tilråding"), (C.APPLICATION_ID, C.PERSON, C.OUTCOME), rows,
                  tuple(() for _ in rows), (header,))
    lines = [caption, header]
    assert referred_tables("... dei to søknadene som er tilrådde til løyving i tabell 1.", [table], lines) == [table]
    assert referred_tables("Søknadene innvilges eller avslås som vist i tabellen.", [table], lines) == [table]
    assert referred_tables("... dei søknadene som står i tabell 2.", [table], lines) == []
    assert referred_tables("Porteføljestyret godkjenner sakslista.", [table], lines) == []


# --------------------------------------------------------------------------------------------- a04: nynorsk minutes in prose

MINUTES_NN = """PROTOKOLL FRÅ MØTE I PORTEFØLJESTYRET FOR ALDRING (PS-ALDRING)
Møte 4/19 vart halde tysdag 26. november 2019 kl. 10.00–15.30 på Lysaker.
Frå styret møtte: Bjørg Tveit Selvik (leiar), Oddvar Hjelmeland, Ingrid Salvesen og Tarjei Vågen.
Forfall: Per Gunnar Strand.
Frå administrasjonen: Sigbjørn Aarflot og Lene Fossheim (referent).

Sak 30/19 Habilitet
Ingrid Salvesen er inhabil i sak 32/19 fordi ho er prosjektleiar for ein av søknadene, og
gjekk ut av møtet under handsaminga av saka. Tarjei Vågen melde at han er medsøkjar
på ein søknad i same sak, og fråtrådde då styret handsama søknadene i gruppe B.
Styret gjorde slikt samrøystes vedtak:
Styret tek vurderingane av habilitet til vitande.

Sak 32/19 Tildeling – Gode liv i eldre år [U.off. § 14]
Vedtak:
1. Følgjande søknader vert innvilga: 300815, 300866 og 300871.
2. Søknad 300888 og søknad 300893 vert sette på reservelista som nr. 1 og nr. 2.
Vedtaket vart gjort mot éi røyst. Kristin Nyhus røysta for at søknad 300893 skulle
innvilgast i staden for 300866.

Sak 34/19 Eventuelt
Oddvar Hjelmeland orienterte kort om arbeidet med ein nasjonal strategi.

Merknad til protokollen
Kristin Nyhus bad om at røysteresultatet i sak 32/19 vert ført i protokollen.
"""


def test_nynorsk_minutes_in_prose_with_a_vote_note_ranks_in_order_and_a_remark_to_the_minutes():
    record = _record(MINUTES_NN)
    (meeting,) = record["meetings"]
    assert meeting["chair"] == "Bjørg Tveit Selvik"
    assert meeting["present"] == ["Bjørg Tveit Selvik", "Oddvar Hjelmeland", "Ingrid Salvesen", "Tarjei Vågen"]
    assert sorted((c["person"], c["case_id"]) for c in record["conflicts"]) == [
        ("Ingrid Salvesen", "PS-ALDRING 32/19"), ("Tarjei Vågen", "PS-ALDRING 32/19")]
    assert sorted((a["application_id"], a["outcome"], a["rank"]) for a in record["applications"]) == [
        ("300815", "granted", None), ("300866", "granted", None), ("300871", "granted", None),
        ("300888", "reserve", 1), ("300893", "reserve", 2)]
    assert not [f for f in record["findings"] if f["code"] == "conflicting_outcomes"]
    eventuelt = next(c for c in record["cases"] if c["case_id"] == "PS-ALDRING 34/19")
    assert eventuelt["references"] == []  # the remark to the minutes after the last case is no part of it


# --------------------------------------------------------------------------------------------- c01: an agenda, a memo header, lists

BOOK_NN = """Saksdokument
Porteføljestyret for naturmangfald (PS-NATUR)
Møte 3/22, tysdag 14. juni 2022 kl. 09.30–15.30
Saker til handsaming
Sak PS-NATUR 14/22
    Habilitet
    Vedtakssak
Sak PS-NATUR 16/22
    Tildeling – Naturmangfald 2022 [U.off. § 14]
    Vedtakssak
Sak PS-NATUR 18/22
    Porteføljeanalyse 2022
    Diskusjonssak
\f
Til:
Frå:
Saksnr.: PS-NATUR 14/22
Sakstype:
    Porteføljestyret for naturmangfald
    Administrasjonen
    Vedtakssak

Sak 14/22 – Habilitet
1. Framlegg til vedtak

Porteføljestyret finn at Hege Marit Strand er inhabil i sak 16/22, og at Jon Are Tveito er inhabil ved
handsaminga av søknad 334590 i same sak.

2. Bakgrunn

Hege Marit Strand er tilsett ved NINA, som er søkjar på to av søknadene.
\f
Til:
Frå:
Saksnr.: PS-NATUR 16/22
Sakstype:
    Porteføljestyret for naturmangfald
    Administrasjonen
    Vedtakssak

Sak 16/22 – Tildeling – Naturmangfald 2022 [U.off. § 14]
1. Framlegg til vedtak

Porteføljestyret løyver midlar til desse prosjekta:
    334512 – Pollinatorar i eit kulturlandskap i endring (NINA)
    334526 – Villreinen og vegane – fragmentering av fjellområde (NINA)
Desse søknadene vert sette på reserveliste, i prioritert rekkjefølgje:
    1. 334560
    2. 334577
Dei andre søknadene vert avslått. Dette gjeld søknadene 334581 og 334590.

2. Bakgrunn

Ni søknader fekk karakter 6 eller betre.
"""


def test_an_agenda_table_a_memo_header_and_a_list_of_ids_with_titles():
    """c01 (Chromium, nynorsk): the agenda's rows (`Sak | Tittel | Type`, the type in words) are no case papers; a memo's
    labels `Til:` / `Frå:` stand above `Saksnr.:`; the heading repeats the number (`Sak 14/22 – Habilitet`); the
    granted ids are a list with no marker; a second disqualified member in the same sentence."""
    record = _record(BOOK_NN)
    cases = {c["case_id"]: c for c in record["cases"]}
    assert sorted(cases) == ["PS-NATUR 14/22", "PS-NATUR 16/22"]  # 18/22 only on the agenda
    assert cases["PS-NATUR 14/22"]["title"] == "Habilitet"
    assert cases["PS-NATUR 14/22"]["case_type"] == "decision"
    assert cases["PS-NATUR 16/22"]["title"] == "Tildeling – Naturmangfald 2022 [U.off. § 14]"
    assert sorted((a["application_id"], a["outcome"], a["rank"]) for a in record["applications"]) == [
        ("334512", "granted", None), ("334526", "granted", None), ("334560", "reserve", 1), ("334577", "reserve", 2),
        ("334581", "rejected", None), ("334590", "rejected", None)]
    assert sorted((c["person"], c["case_id"], c["scope"]) for c in record["conflicts"]) == [
        ("Hege Marit Strand", "PS-NATUR 16/22", None), ("Jon Are Tveito", "PS-NATUR 16/22", "søknad 334590")]
    assert not [f for f in record["findings"] if f["code"] in ("unassigned_application_ids", "case_paper_without_proposal")]


# --------------------------------------------------------------------------------------------- c02: case cards, roles before names

def test_a_case_card_whose_shaded_heading_sits_in_the_cell_of_its_account(tmp_path):
    """c02 (Chromium): each case a bordered card; its heading a shaded box drawn inside the top of the cell that holds
    the account (`PS-BYGG 02/20 Protokoll fra møte 6/19` over `Protokollen ble sendt ut med innkallingen.`). The heading
    reads first, then the account, then the decision."""
    from pagedraw import H, draw
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from vedtak.extract import extract_file

    path = tmp_path / "cards.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    draw(c, 63, 60, "Møteprotokoll", True)
    draw(c, 63, 80, "Porteføljestyret for bygg, anlegg og eiendom · PS-BYGG · møte 1/20")
    draw(c, 63, 100, "Til stede: styreleder Marte Kvåle, nestleder Øystein Brenden og styremedlemmene Liv Hilde")
    draw(c, 63, 113, "Aasen, Arne Fjørtoft og Ranveig Sunde.")
    for k, (heading, account, decision) in enumerate([
            ("PS-BYGG 01/20  Godkjenning av innkalling og saksliste", "Det ble ikke meldt saker til eventuelt.",
             "Innkalling og saksliste godkjennes."),
            ("PS-BYGG 02/20  Protokoll fra møte 6/19", "Protokollen ble sendt ut med innkallingen.",
             "Protokollen fra møte 6/19 godkjennes.")]):
        top = 150 + 150 * k
        c.setStrokeColorRGB(0, 0, 0)
        c.rect(63, H - (top + 63), 471, 63, stroke=1, fill=0)  # the cell: heading box and account
        c.rect(63, H - (top + 100), 471, 37, stroke=1, fill=0)  # the decision cell
        c.setFillColorRGB(0.85, 0.85, 0.85)
        c.rect(64, H - (top + 25), 468, 24, stroke=0, fill=1)  # the shaded heading inside the cell's top
        c.setFillColorRGB(0, 0, 0)
        draw(c, 72, top + 16, heading, True)
        draw(c, 72, top + 48, account)
        draw(c, 72, top + 78, "Vedtak i saken:", True)
        draw(c, 72, top + 92, decision)
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    cases = {x["case_id"]: x for x in record["cases"]}
    assert cases["PS-BYGG 2/20"]["title"] == "Protokoll fra møte 6/19"
    assert cases["PS-BYGG 2/20"]["decision"] == "Protokollen fra møte 6/19 godkjennes."
    assert cases["PS-BYGG 1/20"]["decision"] == "Innkalling og saksliste godkjennes."
    (meeting,) = record["meetings"]
    assert meeting["chair"] == "Marte Kvåle"
    assert meeting["present"] == ["Marte Kvåle", "Øystein Brenden", "Liv Hilde Aasen", "Arne Fjørtoft", "Ranveig Sunde"]


@pytest.mark.parametrize(("text", "name"), [
    ("styremedlemmene Liv Hilde Aasen", "Liv Hilde Aasen"), ("Vararepresentant Silje Kro Haugen", "Silje Kro Haugen"),
    ("medlemmene Kari Nordmann", "Kari Nordmann"), ("nestleder Øystein Brenden", "Øystein Brenden"),
])
def test_a_role_before_a_name_in_any_of_its_forms(text: str, name: str):
    from vedtak.nlp.names import clean_person_name

    assert clean_person_name(text) == name


def test_vedtak_heading_a_table_column_is_no_decision_label():
    """`Søknad | Bedrift | Omsøkt (kr) | Vedtak` above the rows, then `Vedtak i saken:` and the decision."""
    from vedtak.document import Line
    from vedtak.extractors.cases import parse_minutes_blocks

    def at(text: str, x0: float, top: float) -> Line:
        return _line(text, top, x0)

    lines = [at("Sak PS-BYGG 04/20 Tildeling – Innovasjonsprosjekter", 72, 60),
             at("Søknad", 76, 100), at("Bedrift", 130, 100), at("Omsøkt (kr)", 276, 100), at("Vedtak", 358, 100),
             at("309811", 76, 116), at("Veidekke Entreprenør AS", 130, 116), at("11 500 000", 276, 116), at("Innvilget", 358, 116),
             at("Vedtak i saken:", 72, 150), at("Porteføljestyret vedtar tildeling i samsvar med tabellen ovenfor.", 72, 164)]
    _, (block,) = parse_minutes_blocks(lines, "PS-BYGG")
    assert block.decision == "Porteføljestyret vedtar tildeling i samsvar med tabellen ovenfor."


# --------------------------------------------------------------------------------------------- c03: a header as two rows

def test_a_header_box_as_a_row_of_labels_over_a_row_of_values():
    from vedtak.document import Line
    from vedtak.extractors.segment import join_label_rows

    def at(text: str, x0: float, top: float) -> Line:
        return _line(text, top, x0, 2, region=1, kind="box")

    lines = [at("Saksnummer", 67, 53), at("Møtedato", 197, 53), at("Saksbehandler", 300, 53), at("Sakstype", 420, 53),
             at("PS-KRAFT 27/21", 67, 69), at("19.10.2021", 197, 69), at("Mona Lise Tangen", 300, 69), at("Beslutningssak", 420, 69),
             at("Godkjenning av innkalling og saksliste", 63, 98)]
    assert [l.text for l in join_label_rows(lines)] == [
        "Sak PS-KRAFT 27/21", "Møtedato: 19.10.2021", "Saksbehandler: Mona Lise Tangen", "Sakstype: Beslutningssak",
        "Godkjenning av innkalling og saksliste"]
    # a table whose header holds no case label is left as it is
    table = [at("Søknad", 67, 53), at("Bedrift", 197, 53), at("Vedtak", 300, 53), at("309811", 67, 69), at("Veidekke", 197, 69),
             at("Innvilget", 300, 69)]
    assert join_label_rows(table) == table


# --------------------------------------------------------------------------------------------- r02: reportlab minutes, margin headings

MINUTES_R02 = """Forskningsrådet · Porteføljestyret for samferdsel og mobilitet (PS-SAMFERDSEL)
Protokoll – møte 5/22
L|Dato og tid
    Torsdag 27. oktober 2022 kl. 10.00–15.00
L|Møtende medlemmer
    Sverre Kolstad (møteleder), Nina Espeland, Geir Åsmund Holte
L|Meldt forfall
    Kari Nymoen Bø
L|Observatør fra
L|Samferdselsdepartementet
    Trond Vaage
L|Dessuten møtte fra
L|Forskningsrådet
    Eva Rønning Dahl (avdelingsdirektør), Ståle Mikkelsen (sekretær)

Sak 42/22 Tildeling – Trafikksikkerhet og klimavennlig mobilitet 2022 [U.off. § 14]
Geir Åsmund Holte fremmet forslag om å bytte om søknad 339127 og søknad 339109. Holtes forslag falt
med 2 mot 5 stemmer.
Vedtak etter votering:
Søknadene 339102 og 339109 innvilges. Søknad 339135 settes på reserveliste.
"""


def test_minutes_titled_protokoll_dash_mote_with_labels_that_name_a_body_and_a_vote_label():
    record = _record(MINUTES_R02)
    assert record["document"]["kind"] == "minutes"
    (meeting,) = record["meetings"]
    assert meeting["number"] == "5/22"
    assert meeting["observers"] == ["Trond Vaage"]
    assert meeting["staff"] == ["Eva Rønning Dahl", "Ståle Mikkelsen"]
    (case,) = record["cases"]
    assert case["decision"].startswith("Søknadene 339102 og 339109 innvilges.")


def test_an_assessment_table_whose_conclusion_clears_a_member():
    from vedtak.blocks import Table
    from vedtak.extractors.tables import conflicts_from_table
    from vedtak.nlp.vocab import ColumnMeaning as C

    rows = (("Nina Espeland", "42/22", "Ansatt hos SINTEF AS, som er søker", "Inhabil"),
            ("Geir Åsmund Holte", "42/22", "Var veileder for en av prosjektlederne, avsluttet 2015", "Habil"))
    table = Table(("Medlem", "Sak", "Forhold", "Konklusjon"), (C.PERSON, C.CASE, C.GROUND, C.OUTCOME), rows,
                  tuple(() for _ in rows), ())
    found = conflicts_from_table(table, recorded_in="PS-SAMFERDSEL 40/22", meeting="5/22", stage="adopted",
                                 default_board="PS-SAMFERDSEL")
    assert [(c.person, c.case_id, c.ground) for c in found] == [("Nina Espeland", "PS-SAMFERDSEL 42/22", "Ansatt hos SINTEF AS, som er søker")]


# --------------------------------------------------------------------------------------------- r01: the number's own cell; c05: a written procedure

def test_a_header_whose_left_cell_holds_number_title_and_type_beside_a_cell_of_labels():
    """r01 (reportlab): `Sak PS-GEOFAG 07/19` / `Godkjenning av innkalling og` / `dagsorden` / `BESLUTNINGSSAK` in one
    cell, `Til | Porteføljestyret for geofag` ... in the cell beside it, rows of both at the same heights."""
    from vedtak.document import Line
    from vedtak.extractors.cases import parse_header

    def at(text: str, x0: float, top: float, region: int, label: bool) -> Line:
        return _line(text, top, x0, 2, region=region, kind="cell", label=label)

    lines = [at("Sak PS-GEOFAG 07/19", 63, 69, 1, True), at("Godkjenning av innkalling og", 63, 95, 1, True),
             at("dagsorden", 63, 108, 1, True), at("BESLUTNINGSSAK", 63, 123, 1, True),
             at("Til", 250, 69, 2, False), at("Porteføljestyret for geofag", 341, 69, 2, False), at("Fra", 250, 82, 2, False),
             at("Administrasjonen", 341, 82, 2, False), at("Kjersti Gullbrå", 341, 94, 2, False), at("Ansvarlig", 250, 95, 2, False),
             at("direktør", 250, 106, 2, False), at("Trine Ødegård", 341, 118, 2, False), at("Saksbehandler", 250, 119, 2, False)]
    header = parse_header(lines, "PS-GEOFAG")
    assert header.title == "Godkjenning av innkalling og dagsorden"
    assert header.case_type == "decision"
    assert header.to == "Porteføljestyret for geofag"


MINUTES_C05 = """Protokoll fra skriftlig behandling
Porteføljestyret for mat og matsikkerhet (PS-MATVARE) · møte 2/2020

På grunn av smitteverntiltakene ble møtet erstattet av skriftlig behandling per e-post. Sakene ble
sendt ut 14. april 2020 med svarfrist torsdag 23. april 2020 kl. 12.00. Møtedato settes til svarfristen.

L|Deltok i behandlingen
    Astrid Rønningen (leder), Fredrik Wang Hoel, Kamilla Storaas
L|Deltok ikke
    Henrik Tollefsen
L|Sekretariat
    Vibeke Rustad, Oddbjørn Grønli

PS-MATVARE 12/20 Tildeling – Trygg mat og fôr 2020 [U.off. § 14]

Vedtak (med 3 mot 1 stemme):
Tildeles støtte: 310412, 310425 og 310437.

PS-MATVARE 14/20 Orientering: Status for prosjekter rammet av koronatiltak

Administrasjonen har sendt en skriftlig orientering. Den tas inn i protokollen uten vedtak.

Protokollen er satt opp av sekretariatet 24. april 2020 og godkjent av leder Astrid Rønningen.
Vedlegg: Svar fra medlemmene
"""


def test_minutes_of_a_written_procedure():
    """c05: `Deltok i behandlingen` / `Deltok ikke`, the meeting's date the deadline named with its weekday, and the
    members' answers after the closing line (a `Vedlegg:` label there opens no case paper)."""
    record = _record(MINUTES_C05)
    assert record["document"]["kind"] == "minutes"
    (meeting,) = record["meetings"]
    assert (meeting["number"], meeting["date"], meeting["chair"]) == ("2/20", "2020-04-23", "Astrid Rønningen")
    assert meeting["absent"] == ["Henrik Tollefsen"]
    cases = {c["case_id"]: c for c in record["cases"]}
    assert cases["PS-MATVARE 14/20"]["title"] == "Orientering: Status for prosjekter rammet av koronatiltak"
    assert not record["findings"]


def test_a_table_whose_header_row_names_cases_opens_no_case():
    from vedtak.document import Line
    from vedtak.extractors.segment import in_row_of_cases, kind_of_header

    def at(text: str, x0: float) -> Line:
        return _line(text, 101, x0, 2)

    row = [at("Medlem", 78), at("Sak 10/20", 170), at("Sak 11/20", 224), at("Sak 12/20", 277)]
    assert in_row_of_cases(row, 1) and kind_of_header(row, 1) == "mention"


def test_desse_motte_and_ikkje_mott():
    """c04 (nynorsk): `Desse møtte:` over a `Namn | Funksjon` table, `Ikkje møtt: Solfrid Hauge (forfall) – Bård
    Kvalheim møtte for henne.`"""
    from vedtak.lexicon import ATTENDANCE_LABELS

    assert match_label("Desse møtte:", ATTENDANCE_LABELS).key == "present"
    assert match_label("Disse møtte", ATTENDANCE_LABELS).key == "present"
    assert match_label("Ikkje møtt:", ATTENDANCE_LABELS).key == "absent"
    assert match_label("Ikke møtt", ATTENDANCE_LABELS).key == "absent"


def test_orienteringssaker_as_a_heading_is_a_title():
    from vedtak.extractors.cases import heading_title

    assert heading_title(lines_from("Orienteringssaker")) == "Orienteringssaker"
    assert heading_title(lines_from("ORIENTERINGSSAK")) is None  # the case type, printed as types are


# --------------------------------------------------------------------------------------------- misses made visible

def test_a_case_whose_title_cannot_be_read_says_so():
    record = _record("""Sak PS-GEOFAG 7/19
Til: Porteføljestyret for geofag
Saksbehandler: Trine Ødegård

L|Forslag til vedtak
    Porteføljestyret godkjenner innkalling og dagsorden.
""")
    (case,) = record["cases"]
    assert case["title"] is None
    (finding,) = [f for f in record["findings"] if f["code"] == "case_without_title"]
    assert finding["case_id"] == "PS-GEOFAG 7/19" and finding["provenance"]["page"] == 1


def test_a_table_of_applications_no_decision_was_read_with_says_so(tmp_path):
    """a03 before `i tabell 1` was read: the table stands after `Bakgrunn`, and a proposal that names no table leaves its
    rows' outcomes out of the record — a finding names the case and the table."""
    from pagedraw import draw
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from vedtak.extract import extract_file

    path = tmp_path / "table_after.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    draw(c, 56, 60, "Sak PS-KVANTE 4/22 Løyving til forskarprosjekt [U.off. § 14]", True)
    draw(c, 56, 76, "Til: Porteføljestyret for kvanteteknologi")
    draw(c, 56, 100, "Forslag til vedtak", True)
    draw(c, 56, 116, "Porteføljestyret løyver inntil 60 mill. kroner til forskarprosjekt.")
    draw(c, 56, 140, "Bakgrunn", True)
    draw(c, 56, 156, "Utlysinga hadde frist 15. september 2021.")
    for k, row in enumerate([("Søknadsnr.", "Prosjektleiar", "Tilråding"), ("327702", "Ingrid Fossum", "Løyving"),
                             ("327794", "Mari Tjønneland", "Avslag")]):
        for x, text in zip((56, 140, 360), row):
            draw(c, x, 190 + 16 * k, text, bold=k == 0)
    c.showPage()
    c.save()
    record = extract_file(path)
    validate_record(record)
    assert record["applications"] == []
    (finding,) = [f for f in record["findings"] if f["code"] == "application_table_unread"]
    assert finding["case_id"] == "PS-KVANTE 4/22"
    assert "Søknadsnr. | Prosjektleiar | Tilråding" in finding["message"]
