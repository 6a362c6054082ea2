"""The list of samples: seed-derived, synthetic (samples/pdf) and held-out (samples/unseen)."""

from __future__ import annotations

from .model import Sample
from .seed_helse import seed_book
from .seed_other import other_doc
from .synth import ENERGI, HAV, HUMSAM, KLIMA, LMB, MULTEK, VELFERD, Plan, meeting_book, minutes


def _main() -> list[Sample]:
    return [
        Sample("helse_1-25_seed_rl_beside", seed_book(), "reportlab", "beside",
               "Seed 002 meeting book 1/25 (PS-HELSE), reportlab, bordered header box beside the form",
               ("seed truth", "side box interleaving", "running header", "Side N av M", "line-end hyphen",
                "attached minutes 6/24", "missing_case_header", "conflicting_outcomes", "budget cuts"), hyphenate=True),
        Sample("helse_1-25_seed_lo_above", seed_book(), "docx", "above",
               "Seed 002 meeting book 1/25, LibreOffice, form as ruled table, header table above",
               ("seed truth", "LibreOffice tables", "header above")),
        Sample("helse_1-25_seed_lo_beside", seed_book(), "docx", "beside",
               "Seed 002 meeting book 1/25, LibreOffice, header box table nested beside the form table",
               ("seed truth", "LibreOffice nested tables", "side box")),
        Sample("seed_000_eu4health_news", other_doc("000"), "reportlab", "",
               "Seed 000: news page about EU4Health (tables of calls, amounts in mill. euro)", ("kind other",)),
        Sample("seed_001_eu4health_news", other_doc("001"), "docx", "",
               "Seed 001: news page about EU4Health, LibreOffice", ("kind other",)),
        Sample("seed_003_investeringsplan", other_doc("003", "Porteføljestyret for helse", "PS-HELSE"), "reportlab",
               "", "Seed 003: investeringsplan for helse, a board document without cases", ("kind other",)),
        Sample("klima_3-24_book_rl_above",
               meeting_book(Plan(seed=1101, board=KLIMA, year=2024, meeting=3, first_case=14, decision_style="running",
                                 cuts=True, partial=True, attach_minutes=True, id_lo=330000)),
               "reportlab", "above",
               "PS-KLIMA meeting book 3/24, header box above, previous minutes 2/24 attached inside",
               ("header above", "attached minutes", "proposed conflicts", "partial scope", "budget cuts",
                "running-text ids", "ranked reserve", "references sak/PS/30-23", "U.off. § 14"), hyphenate=True),
        Sample("velferd_4-23_minutes_rl",
               minutes(Plan(seed=1202, board=VELFERD, year=2023, meeting=4, first_case=27, decision_style="bullets",
                            conflict=True, partial=True, id_lo=334000)),
               "reportlab", "narrow",
               "PS-VELFERD stand-alone minutes 4/23, bullet-list decisions, narrow text column",
               ("minutes", "attendance", "settemedlem", "bullet ids", "conflicting_outcomes", "partial scope",
                "acting chair", "substitute", "Eventuelt without Vedtak"), hyphenate=True),
        Sample("hav_2-26_book_lo_beside",
               meeting_book(Plan(seed=1303, board=HAV, year=2026, meeting=2, first_case=7, decision_style="table",
                                 none_conflicts=True, zero_pad=False, id_lo=338000)),
               "docx", "beside",
               "PS-HAV meeting book 2/26, LibreOffice, header box beside, application table in the proposal",
               ("application table", "Ingen medlemmer er inhabile (all_cases)", "LibreOffice", "VEDTAKSSAK")),
        Sample("multek_5-25_minutes_lo",
               minutes(Plan(seed=1404, board=MULTEK, year=2025, meeting=5, first_case=33, decision_style="table",
                            conflict=True, cuts=True, mismatch=True, id_lo=342000)),
               "docx", "",
               "PS-MULTEK stand-alone minutes 5/25, LibreOffice, application table, count mismatch",
               ("minutes", "application table", "count_mismatch", "conflicting_outcomes", "budget cuts")),
        Sample("multek_2-24_book_rl_plain",
               meeting_book(Plan(seed=1606, board=MULTEK, year=2024, meeting=2, first_case=5, decision_style="table",
                                 cuts=True, partial=True, id_lo=341000)),
               "reportlab", "beside_plain",
               "PS-MULTEK meeting book 2/24, header column beside the form with no border and no background",
               ("side column without a box", "reportlab application table", "budget cuts", "partial scope"), hyphenate=True),
        Sample("hav_6-24_minutes_nn_rl",
               minutes(Plan(seed=1505, board=HAV, year=2024, meeting=6, first_case=41, decision_style="running",
                            lang="nn", chair_marker=" (leiar)", partial=False, id_lo=346000)),
               "reportlab", "",
               "PS-HAV minutes 6/24 in nynorsk (Til stades, vert innvilga, vert avslått, leiar)",
               ("nynorsk", "minutes", "running-text ids", "number words")),
        Sample("velferd_1-25_book_rl_shaded",
               meeting_book(Plan(seed=1606, board=VELFERD, year=2025, meeting=1, first_case=1, decision_style="bullets",
                                 mismatch=False, conflict=True, id_lo=348000)),
               "reportlab", "beside_shaded",
               "PS-VELFERD meeting book 1/25, shaded side box without border, bullet decisions",
               ("shaded side box", "bullet ids", "conflicting_outcomes (proposed)", "zero-padded ids")),
        Sample("klima_2-23_minutes_rl",
               minutes(Plan(seed=1707, board=KLIMA, year=2023, meeting=2, first_case=9, decision_style="running",
                            mismatch=True, cuts=True, date_style="words", id_lo=350000)),
               "reportlab", "narrow",
               "PS-KLIMA minutes 2/23, running-text decisions with a stated count that does not match, narrow column",
               ("count_mismatch", "budget cuts", "date in words", "references PSKLIMA 9/23 style"), hyphenate=True),
    ]


def _unseen() -> list[Sample]:
    return [
        Sample("energi_2-24_book_rl_beside",
               meeting_book(Plan(seed=9101, board=ENERGI, year=2024, meeting=2, first_case=6, heldout=True,
                                 decision_style="running", mismatch=True, attach_minutes=True, partial=True,
                                 id_lo=360000)),
               "reportlab", "beside", "PS-ENERGI meeting book 2/24 with minutes 1/24 attached", hyphenate=True),
        Sample("humsam_5-23_minutes_lo",
               minutes(Plan(seed=9202, board=HUMSAM, year=2023, meeting=5, first_case=38, heldout=True,
                            decision_style="table", chair_marker=" (styreleder)",
                            staff_label="Til stede fra administrasjonen", conflict=True, id_lo=364000)),
               "docx", "", "PS-HUMSAM minutes 5/23, LibreOffice, table, (styreleder), staff from administrasjonen"),
        Sample("lmb_3-26_minutes_nn_rl",
               minutes(Plan(seed=9303, board=LMB, year=2026, meeting=3, first_case=12, heldout=True, lang="nn",
                            chair_marker=" (leiar)", decision_style="bullets", partial=True, id_lo=368000)),
               "reportlab", "narrow", "PS-LMB minutes 3/26 in nynorsk", hyphenate=True),
        Sample("klima_4-25_book_lo_above",
               meeting_book(Plan(seed=9404, board=KLIMA, year=2025, meeting=4, first_case=21, heldout=True,
                                 decision_style="bullets", conflict=True, cuts=True, id_lo=372000)),
               "docx", "above", "PS-KLIMA meeting book 4/25, LibreOffice, header above"),
        Sample("energi_1-26_minutes_rl",
               minutes(Plan(seed=9505, board=ENERGI, year=2026, meeting=1, first_case=1, heldout=True,
                            implied_board_in_minutes=True, date_style="words", exempt_para="13", cuts=True,
                            decision_style="running", id_lo=376000)),
               "reportlab", "", "PS-ENERGI minutes 1/26, case blocks without board code, U.off. § 13"),
        Sample("humsam_6-23_book_rl_shaded",
               meeting_book(Plan(seed=9606, board=HUMSAM, year=2023, meeting=6, first_case=44, heldout=True,
                                 decision_style="table", none_conflicts=True, zero_pad=False, id_lo=380000)),
               "reportlab", "beside_shaded", "PS-HUMSAM meeting book 6/23, shaded side box, application table"),
    ]


def catalog() -> list[tuple[str, Sample]]:
    """Every sample with its set (`main` -> samples/pdf, `unseen` -> samples/unseen/pdf)."""
    return [("main", s) for s in _main()] + [("unseen", s) for s in _unseen()]
