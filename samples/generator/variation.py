"""Variation generator: board papers that vary along named axes, to measure how extraction generalises.

`python -m samples.generator.variation --seeds 1000-1199 --out DIR` writes DIR/pdf/<name>.pdf,
DIR/expected/<name>.json and DIR/manifest.json (the axis values of every document). Each seed gives
one document, the same bytes on every run (reportlab and LibreOffice output is stabilised, Chromium's
print date fixed).

The content comes from the synthetic generator (`synth.py`: meeting books and minutes with real
wording); this module then varies how the same facts are written and printed:

* producer: `reportlab`, `libreoffice` (.docx -> PDF), `chromium` (HTML printed by headless Chromium);
  font per producer; page `portrait` / `landscape` / `two_column` (reportlab);
* header box `beside` / `above` / `after` the form / drawn as a `table`; running header and footer
  `Side 3 av 12` or none;
* labels as minutes write them: `Vedtak (enstemmig):`, `Porteføljestyrets vedtak:`, `Vedtak i saka:`,
  `Administrasjonens forslag til vedtak`, `Framlegg til vedtak`, `Innstilling`, `Møtende medlemmer`,
  `Meldt forfall`, `Til stede fra` / `Forskningsrådet` broken over two lines, ...;
* case numbers `PS-KLIMA 05/25`, `PS-KLIMA 5/25`, `PS-ENERGI sak 34/2024`, `Sak 17/25` (board only in the
  running header), `PS-LIVSVIT 09/26`; boards vedtak knows and boards it has never heard of, whose printed
  code differs from one derived from the name (`PS-DEMOS`);
* applications in running text, bullets, `Søknadsnr | Prosjekttittel | Vedtak` tables, outcome lists
  (`Avslås: 310151, 310152 og 310160`), dash lists and outcome tables (`Prosjektnummer | ... | Reserve 2`);
* conflicts (habilitet) as prose, as a table `Sak | Medlem | Grunnlag`, as bullets
  (`– Kari Nordmann, sak 12/25 (medsøker)`), or declared none; attendance as lines or a `Navn | Rolle` table;
* language bokmål / nynorsk.

Seeds 9000-9999 form the held-out set: other boards, other name pools (`synth.FIRST_HELDOUT`), the
held-out phrasings of `synth.Style`. Expected records come from the content model (`expected.build`),
never from an extractor.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import synth
from .expected import LocateError, build
from .form import Form
from .model import (
    ConflictFact,
    MeetingBook,
    Mention,
    Minutes,
    OtherDoc,
    Outcome,
    Role,
    Sample,
    Table,
    Text,
)
from .synth import Board, join_og

G, R, V = Outcome.GRANTED, Outcome.REJECTED, Outcome.RESERVE
HELDOUT_FROM = 9000

# ---------------------------------------------------------------- boards

DEMOS = Board("Porteføljestyret for demokrati, styring og fornyelse", "PS-DEMOS",
              ("tillit til offentlige institusjoner", "lokaldemokrati", "digital forvaltning",
               "valgdeltakelse blant unge"), "Demokrati og styring")
INDTJEN = Board("Porteføljestyret for industri og tjenestenæringer", "PS-INDTJEN",
                ("sirkulær produksjon", "automatisering i industrien", "tjenesteinnovasjon",
                 "verdikjeder i prosessindustrien"), "Innovasjon i industri og tjenester")
LIVSVIT = Board("Porteføljestyret for livsvitenskap", "PS-LIVSVIT",
                ("cellebiologi", "genomikk", "strukturbiologi", "mikrobiomet"), "Grunnleggende livsvitenskap")
NATTEK = Board("Porteføljestyret for naturvitenskap og teknologi", "PS-NATTEK",
               ("materialfysikk", "katalyse", "matematisk modellering", "kvantekjemi"),
               "Fri prosjektstøtte i naturvitenskap og teknologi")
GLOBUT = Board("Porteføljestyret for global utvikling og internasjonale relasjoner", "PS-GLOBUT",
               ("fattigdom og ulikhet", "global helse", "fred og konflikt", "klimatilpasning i sør"),
               "Global utvikling")
ROMNORD = Board("Porteføljestyret for romvirksomhet og nordområdene", "PS-ROMNORD",
                ("satellittdata i Arktis", "romvær", "nordområdepolitikk", "jordobservasjon"),
                "Rom og nordområder")

#: (known boards, unknown boards) per set; an unknown board's code is not the one its name gives.
BOARDS = {
    "dev": ((synth.KLIMA, synth.HAV, synth.VELFERD, synth.MULTEK, LIVSVIT, synth.ENERGI), (DEMOS, INDTJEN)),
    "heldout": ((synth.HUMSAM, NATTEK, synth.LMB), (GLOBUT, ROMNORD)),
}

# ---------------------------------------------------------------- wording

PROPOSAL_LABELS = {"nb": ("Forslag til vedtak", "Administrasjonens forslag til vedtak", "Innstilling"),
                   "nn": ("Framlegg til vedtak", "Forslag til vedtak", "Administrasjonen sitt framlegg til vedtak")}
DECISION_LABELS = {"nb": ("Vedtak:", "Vedtak (enstemmig):", "Porteføljestyrets vedtak:", "Styrets vedtak:",
                          "Vedtak i saken:"),
                   "nn": ("Vedtak:", "Vedtak i saka:", "Porteføljestyret sitt vedtak:", "Vedtak (samrøystes):")}
PRESENT_LABELS = {"nb": ("Til stede", "Møtende medlemmer"), "nn": ("Til stades", "Møtande medlemmer")}
ABSENT_LABELS = {"nb": ("Forfall", "Meldt forfall"), "nn": ("Forfall", "Meldt forfall")}
OBSERVER_LABELS = {"nb": ("Observatører:", "Observatører"), "nn": ("Observatørar:", "Observatørar")}
#: staff label: on one line, or broken over two (`Til stede fra` / `Forskningsrådet`)
STAFF_LABELS = {"nb": ("Til stede fra Forskningsrådet", "Til stede fra\nForskningsrådet"),
                "nn": ("Til stades frå Forskingsrådet", "Til stades frå\nForskingsrådet")}
#: Label synonyms only the held-out set uses (seeds from 9000): wording the dev set never shows.
HELDOUT_LABELS = {
    "proposal_label": {"nb": ("Forslag til vedtak:", "Saksbehandlers forslag til vedtak"), "nn": ("Forslag til vedtak:",)},
    "decision_label": {"nb": ("Styret fattet følgende vedtak:", "Vedtak (mot én stemme):"),
                       "nn": ("Styret gjorde følgjande vedtak:",)},
    "present_label": {"nb": ("Tilstede",), "nn": ("Til stades (medlemmer)",)},
    "absent_label": {"nb": ("Fravær",), "nn": ("Fråvær",)},
}
GROUNDS = {"nb": ("Medsøker", "Prosjektleder i søknaden", "Ansatt hos søker", "Nær relasjon til søker",
                  "Styremedlem hos søker"),
           "nn": ("Medsøkjar", "Prosjektleiar i søknaden", "Tilsett hos søkjar", "Nær relasjon til søkjar")}
ID_COLUMNS = ("Søknadsnr.", "Prosjektnummer", "Søknad")

FONTS = {"reportlab": ("Helvetica", "Times-Roman"),
         "libreoffice": ("Liberation Sans", "Liberation Serif", "DejaVu Sans"),
         "chromium": ("Liberation Serif", "Liberation Sans", "DejaVu Serif", "DejaVu Sans")}
PAGES = {"reportlab": ("portrait", "portrait", "landscape", "two_column"),
         "libreoffice": ("portrait", "portrait", "landscape"), "chromium": ("portrait", "portrait", "landscape")}
#: values of every axis, in the order the manifest lists them (an axis absent from a document's entry
#: does not apply to it: no `decision_label` in a meeting book without minutes)
AXES: dict[str, tuple[str, ...]] = {
    "kind": ("book", "minutes", "book_with_minutes", "other"),
    "producer": ("reportlab", "libreoffice", "chromium"),
    "font": tuple(dict.fromkeys(f for fs in FONTS.values() for f in fs)),
    "page": ("portrait", "landscape", "two_column"),
    "header_box": ("beside", "above", "after", "table"),
    "running": ("header_footer", "none"),
    "language": ("nb", "nn"),
    "board": ("known", "unknown"),
    "case_number": ("standard", "nopad", "code_sak_fullyear", "implied", "bare"),
    "proposal_label": tuple(dict.fromkeys(PROPOSAL_LABELS["nb"] + PROPOSAL_LABELS["nn"])),
    "decision_label": tuple(dict.fromkeys(DECISION_LABELS["nb"] + DECISION_LABELS["nn"])),
    "present_label": tuple(dict.fromkeys(PRESENT_LABELS["nb"] + PRESENT_LABELS["nn"])),
    "absent_label": ("Forfall", "Meldt forfall"),
    "staff_label": ("one_line", "broken"),
    "attendance": ("lines", "table"),
    "applications": ("running", "bullets", "table", "outcome_lists", "dash_lists", "outcome_table"),
    "conflicts": ("prose", "table", "bullets", "declared_none"),
    "prose": ("short", "dense"),
}
for _axis, _pool in HELDOUT_LABELS.items():
    AXES[_axis] = tuple(dict.fromkeys(AXES[_axis] + _pool["nb"] + _pool["nn"]))
#: axis values that only the held-out set draws
HELDOUT_ONLY = {a: frozenset(v for vs in p.values() for v in vs) - {v for d in (PROPOSAL_LABELS, DECISION_LABELS,
                PRESENT_LABELS, ABSENT_LABELS) for vs in d.values() for v in vs} for a, p in HELDOUT_LABELS.items()}
SYNTH_STYLES = ("running", "bullets", "table")
#: the axes of a document of kind `other` (a board's portfolio analysis: no case, no meeting)
OTHER_AXES = ("kind", "producer", "font", "page", "running", "language", "board")


@dataclass(frozen=True)
class Variant:
    """The axis values of one document (one seed)."""

    seed: int
    set: str
    axes: dict

    @property
    def name(self) -> str:
        """File stem: `v1000_minutes_chromium`."""
        return f"v{self.seed}_{self.axes['kind']}_{self.axes['producer']}"


def choose(seed: int) -> Variant:
    """Draw the axis values of `seed` (seeds from 9000 use the held-out pools)."""
    rng = random.Random(f"vedtak-variation:{seed}")
    set_name = "heldout" if seed >= HELDOUT_FROM else "dev"
    ax: dict[str, str] = {}
    ax["kind"] = rng.choices(AXES["kind"][:3], (4, 4, 2))[0]
    ax["producer"] = rng.choice(AXES["producer"])
    ax["font"] = rng.choice(FONTS[ax["producer"]])
    ax["page"] = rng.choice(PAGES[ax["producer"]])
    ax["language"] = "nn" if rng.random() < 0.3 else "nb"
    lang = ax["language"]
    ax["board"] = "unknown" if rng.random() < 0.4 else "known"
    ax["case_number"] = rng.choice(AXES["case_number"])
    ax["running"] = "none" if rng.random() < 0.2 and ax["case_number"] != "implied" else "header_footer"
    has_book = ax["kind"] != "minutes"
    has_minutes = ax["kind"] != "book"
    def labels(axis: str, pool: dict) -> tuple[str, ...]:
        return pool[lang] + (HELDOUT_LABELS[axis][lang] if set_name == "heldout" else ())

    if has_book:
        ax["header_box"] = rng.choice(AXES["header_box"])
        ax["proposal_label"] = rng.choice(labels("proposal_label", PROPOSAL_LABELS))
    if has_minutes:
        ax["decision_label"] = rng.choice(labels("decision_label", DECISION_LABELS))
        ax["present_label"] = rng.choice(labels("present_label", PRESENT_LABELS))
        ax["absent_label"] = rng.choice(labels("absent_label", ABSENT_LABELS))
        ax["staff_label"] = rng.choice(AXES["staff_label"])
        ax["attendance"] = rng.choice(AXES["attendance"])
    ax["applications"] = rng.choice(AXES["applications"])
    ax["conflicts"] = "declared_none" if rng.random() < 0.1 else rng.choice(("prose", "table", "bullets"))
    ax["prose"] = "dense" if rng.random() < 0.3 else "short"
    if rng.random() < 0.08:  # drawn last, so the other documents' axes do not depend on it
        ax = {k: v for k, v in ax.items() if k in OTHER_AXES}
        ax["kind"] = "other"
    return Variant(seed, set_name, ax)


# ---------------------------------------------------------------- building the document

def plan_of(v: Variant, rng: random.Random) -> tuple[synth.Plan, Board]:
    """The synth plan (content knobs) of a variant."""
    ax = v.axes
    known, unknown = BOARDS[v.set]
    board = rng.choice(unknown if ax["board"] == "unknown" else known)
    year = rng.randint(2023, 2026)
    meeting = rng.randint(1, 5)
    first_case = 1 if meeting == 1 else (meeting - 1) * 10 + rng.randint(1, 3)
    style = ax["applications"] if ax["applications"] in SYNTH_STYLES else "running"
    plan = synth.Plan(
        seed=v.seed, board=board, year=year, meeting=meeting, first_case=first_case,
        heldout=v.set == "heldout", lang=ax["language"], decision_style=style, second_style=style,
        mismatch=style in ("running", "table") and rng.random() < 0.3, conflict=rng.random() < 0.3,
        cuts=rng.random() < 0.3, partial=rng.random() < 0.4, substitute=rng.random() < 0.6,
        none_conflicts=ax["conflicts"] == "declared_none",
        zero_pad=ax["case_number"] != "nopad" and (ax["case_number"] == "standard" or rng.random() < 0.5),
        attach_minutes=ax["kind"] == "book_with_minutes",
        chair_marker=" (leiar)" if ax["language"] == "nn" else " (leder)",
        date_style="words" if rng.random() < 0.3 else "dots", id_lo=rng.randint(300, 360) * 1000,
        prose=ax["prose"] == "dense", name_pool="variation_heldout" if v.set == "heldout" else "")
    return plan, board


def document(v: Variant) -> tuple[MeetingBook | Minutes | OtherDoc, Form]:
    """The content model and the form of a variant."""
    rng = random.Random(f"vedtak-variation-content:{v.seed}")
    ax = v.axes
    if ax["kind"] == "other":
        return other_document(v, rng)
    plan, board = plan_of(v, rng)
    doc = synth.minutes(plan) if ax["kind"] == "minutes" else synth.meeting_book(plan)
    doc = _transform(doc, lambda m: _minutes_variant(m, ax, rng), lambda t, stage: _rewrite_text(t, stage, ax, rng, board))
    doc = _case_numbers(doc, ax["case_number"])
    number = doc.number if isinstance(doc, MeetingBook) else doc.number_written
    rh = None
    if ax["case_number"] == "implied" or (ax["board"] == "unknown" and rng.random() < 0.5):
        rh = f"{board.name} ({board.code}) – møte {number}"
    form = Form(proposal_label=ax.get("proposal_label", "Forslag til vedtak"),
                header_box=ax.get("header_box", "beside"), page=ax["page"], font=ax["font"],
                running_header=rh, running=ax["running"] == "header_footer", attendance=ax.get("attendance", "lines"))
    return doc, form


def other_document(v: Variant, rng: random.Random) -> tuple[OtherDoc, Form]:
    """A board paper with no case: the board's portfolio analysis (`Porteføljeanalyse for hav 2024`,
    figures per year, headings, paragraphs and bullets on applications and amounts, no case number and no
    application id). Nothing may be extracted from it as a case, meeting or application."""
    ax = v.axes
    known, unknown = BOARDS[v.set]
    board = rng.choice(unknown if ax["board"] == "unknown" else known)
    year = rng.randint(2023, 2026)
    plan = synth.Plan(seed=v.seed, board=board, year=year, meeting=1, first_case=1, lang=ax["language"])
    body = synth._analysis_attachment(synth._prose(plan, board, year, 1, ax["language"]))
    rh = f"{board.name} ({board.code})" if rng.random() < 0.5 else board.name
    doc = OtherDoc(body, board=board.name, board_code=board.code, language=ax["language"], running_header=rh)
    return doc, Form(page=ax["page"], font=ax["font"], running=ax["running"] == "header_footer")


def _transform(doc, minutes_fn, text_fn):
    """Apply `minutes_fn` to every Minutes (stand-alone or attached) and `text_fn(text, stage)` to every
    decision text that states applications or conflicts."""
    if isinstance(doc, Minutes):
        cases = tuple(dataclasses.replace(c, decision=text_fn(c.decision, "adopted")) if c.decision is not None
                      else c for c in doc.cases)
        return minutes_fn(dataclasses.replace(doc, cases=cases))
    papers = []
    for p in doc.papers:
        atts = tuple(_transform(a, minutes_fn, text_fn) if isinstance(a, Minutes) else a for a in p.attachments_after)
        papers.append(dataclasses.replace(p, proposal=text_fn(p.proposal, "proposed"), attachments_after=atts))
    return dataclasses.replace(doc, papers=tuple(papers))


def _minutes_variant(m: Minutes, ax: dict, rng: random.Random) -> Minutes:
    """Attendance and decision labels of the variant."""
    lang = ax["language"]
    labels = {"present": ax["present_label"], "absent": ax["absent_label"],
              "observers": rng.choice(OBSERVER_LABELS[lang]),
              "staff": STAFF_LABELS[lang][AXES["staff_label"].index(ax["staff_label"])],
              "vedtak": ax["decision_label"]}
    if lang == "nn":
        labels["place"] = "Stad"
    return dataclasses.replace(m, attendance=dataclasses.replace(m.attendance, labels=labels))


def _rewrite_text(t: Text, stage: str, ax: dict, rng: random.Random, board: Board) -> Text:
    if t.mentions and ax["applications"] not in SYNTH_STYLES:
        t = applications_text(t, stage, ax["applications"], ax["language"], rng, board)
    if t.conflicts and ax["conflicts"] in ("table", "bullets"):
        t = conflicts_text(t, ax["conflicts"], ax["language"], rng)
    return t


def _short(case_id: str) -> str:
    """`PS-KLIMA 33/25` -> `33/25`."""
    return case_id.rsplit(" ", 1)[1]


def applications_text(t: Text, stage: str, style: str, lang: str, rng: random.Random, board: Board) -> Text:
    """The same application facts written as outcome lists (`Avslås: 310151, 310152 og 310160.`), dash
    lists (`– Avslås: ...`) or an outcome table (`Prosjektnummer | Prosjekttittel | Vedtak`, `Reserve 2`).
    Blocks that name no application (intro, discussion, budget cuts) stay where they were."""
    ids = {m.app_id for m in t.mentions}

    def names_app(b) -> bool:
        if isinstance(b, Table):
            return any(c in ids for r in b.rows for c in r)
        return "reduseres budsjettet" not in b and any(re.search(rf"(?<!\d){a}(?!\d)", b) for a in ids)

    idx = [i for i, b in enumerate(t.blocks) if names_app(b)]
    lo, hi = idx[0], idx[-1]
    groups = {G: [m for m in t.mentions if m.outcome == G], V: [m for m in t.mentions if m.outcome == V],
              R: [m for m in t.mentions if m.outcome == R]}
    nn = lang == "nn"
    new: list = []
    mentions: list[Mention] = []
    if style in ("outcome_lists", "dash_lists"):
        ranked = any(m.rank for m in groups[V])
        heads = {G: "Vert innvilga" if nn else "Innvilges",
                 V: ("Vert førte opp på reservelista i prioritert rekkjefølgje" if nn else
                     "Settes på reserveliste i prioritert rekkefølge") if ranked else
                    ("Vert førte opp på reservelista" if nn else "Settes på reserveliste"),
                 R: "Vert avslått" if nn else "Avslås"}
        for o in (G, V, R):
            if not groups[o]:
                continue
            line = f"{heads[o]}: {join_og([m.app_id for m in groups[o]])}"
            new.append(f"– {line}" if style == "dash_lists" else f"{line}.")
            mentions += [Mention(m.app_id, o, m.rank) for m in groups[o]]
    else:  # outcome_table
        words = {G: "Innvilga" if nn else "Innvilget", R: "Avslag", V: "Reserve"}
        rows = []
        for o in (G, V, R):
            for m in groups[o]:
                title = m.title or _title(rng, board)
                rows.append((m.app_id, title, f"{words[o]} {m.rank}" if o == V and m.rank else words[o]))
                mentions.append(Mention(m.app_id, o, m.rank, title))
        head = (rng.choice(ID_COLUMNS), "Prosjekttittel",
                ("Vedtak" if stage == "adopted" else rng.choice(("Innstilling", "Forslag"))))
        new.append("Vedtak for kvar søknad går fram av tabellen under." if nn else
                   "Vedtak for hver søknad følger av tabellen under.")
        new.append(Table(head, tuple(rows), widths=(1.6, 3.2, 1.4)))
    blocks = t.blocks[:lo] + tuple(new) + tuple(b for b in t.blocks[hi + 1:])
    return dataclasses.replace(t, blocks=blocks, mentions=tuple(mentions), mismatches=())


def _title(rng: random.Random, board: Board) -> str:
    t = rng.choice(board.topics)
    return rng.choice([f"Ny kunnskap om {t}", f"Data og modeller for {t}", f"Tiltak for {t}"])


def conflicts_text(t: Text, style: str, lang: str, rng: random.Random) -> Text:
    """The disqualifications of a habilitet text as a table `Sak | Medlem | Grunnlag` or as bullets
    `– Kari Nordmann, sak 12/25 (medsøker)`, each with a ground; partial scopes, the acting chair and the
    substitute stay as sentences after it, then the `Ingen medlemmer er inhabile` declaration."""
    nn = lang == "nn"
    simple = [c for c in t.conflicts if c.role == Role.INHABILE and c.scope is None]
    others = [c for c in t.conflicts if c not in simple]
    grounded = [dataclasses.replace(c, ground=rng.choice(GROUNDS[lang])) for c in simple]
    keep, decl, current = [], [], ""
    for b in t.blocks[1:]:
        if not isinstance(b, str) or b.startswith(("Følgende medlemmer", "Følgjande medlemmer")):
            continue
        if b.startswith("Sak ") and ":" in b:  # `Sak 33/25: Tildeling av midler`: the case of what follows
            current = b[4:b.index(":")]
        elif b.startswith("Ingen medlemmer"):
            decl.append(b)
        else:  # without its `Sak x:` line, the sentence names its case itself
            keep.append(_name_case(b, current))
    blocks: list = [t.blocks[0]]
    if style == "table":
        blocks.append("Følgjande medlemmer er inhabile:" if nn else "Følgende medlemmer er inhabile:")
        blocks.append(Table(("Sak", "Medlem", "Grunnlag"),
                            tuple((_short(c.in_case), c.person, c.ground) for c in grounded), widths=(1, 2.2, 2.2)))
    else:
        blocks.append("Følgjande medlemmer er inhabile og fråtrer under handsaminga:" if nn else
                      "Følgende medlemmer er inhabile og fratrer under behandlingen:")
        grounded = [dataclasses.replace(c, ground=c.ground.lower()) for c in grounded]
        blocks += [f"– {c.person}, sak {_short(c.in_case)} ({c.ground})" for c in grounded]
    blocks += keep + decl
    facts: tuple[ConflictFact, ...] = tuple(grounded) + tuple(others)
    return dataclasses.replace(t, blocks=tuple(blocks), conflicts=facts)


def _name_case(sentence: str, short: str) -> str:
    """Put the case into a habilitet sentence that relied on its `Sak 33/25:` line: `er inhabil i sak 33/25,
    er ... settestyreleder`, `oppnevnt som settemedlem i sak 33/25`, `er inhabile i sak 33/25 for søknader i
    gruppe 3`."""
    for old, new in ((" er inhabil er ", f" er inhabil i sak {short}, er "),
                     (" er inhabil, er ", f" er inhabil i sak {short}, er "),
                     ("som settemedlem.", f"som settemedlem i sak {short}."),
                     (" er inhabile for søknader i gruppe", f" er inhabile i sak {short} for søknader i gruppe")):
        if old in sentence:
            return sentence.replace(old, new)
    raise ValueError(f"habilitet sentence names no case and no rule puts one in: {sentence!r}")


_NUM = re.compile(r"^(?P<code>\S+) 0*(?P<n>\d+)/(?P<yy>\d{2})$")


def _printed(written: str, style: str) -> str | None:
    """How a case line prints the case `written` (`PS-KLIMA 05/25`) in `style`."""
    m = _NUM.match(written)
    if not m or style in ("standard", "nopad"):
        return None
    code, n, yy = m["code"], int(m["n"]), m["yy"]
    pad = written.split(" ")[1].startswith("0")
    num = f"{n:02d}/{yy}" if pad else f"{n}/{yy}"
    if style == "code_sak_fullyear":
        return f"{code} sak {n}/{2000 + int(yy)}"
    if style == "implied":
        return f"Sak {num}"
    return f"{code} {n:02d}/{yy}"  # bare


def _case_numbers(doc, style: str):
    """Print every case line in `style` (the canonical ids do not change)."""
    if isinstance(doc, Minutes):
        return dataclasses.replace(doc, cases=tuple(
            dataclasses.replace(c, printed=_printed(c.written_id, style)) for c in doc.cases))
    papers = []
    for p in doc.papers:
        h = p.header
        if h is not None:
            h = dataclasses.replace(h, printed=_printed(h.written_id, style))
        atts = tuple(_case_numbers(a, style) if isinstance(a, Minutes) else a for a in p.attachments_after)
        papers.append(dataclasses.replace(p, header=h, attachments_after=atts))
    return dataclasses.replace(doc, papers=tuple(papers))


# ---------------------------------------------------------------- writing a set

def _renderer(ax: dict) -> str:
    return {"reportlab": "reportlab", "libreoffice": "docx", "chromium": "html"}[ax["producer"]]


def generate(seeds: list[int], out: Path, quiet: bool = False) -> list[dict]:
    """Write the documents of `seeds` under `out` (pdf/, expected/, manifest.json); returns the manifest
    entries. LibreOffice and Chromium each run once for the whole batch."""
    from . import chromium, render_docx, render_html, render_rl
    from .cli import soffice_convert, stabilise_pdf, validator
    from .form import running_header

    t0 = time.perf_counter()
    (out / "pdf").mkdir(parents=True, exist_ok=True)
    (out / "expected").mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory(prefix="vedtak-variation-") as tmp:
        tmpd = Path(tmp)
        docx_jobs, html_jobs = [], []
        for seed in seeds:
            v = choose(seed)
            doc, form = document(v)
            pdf = out / "pdf" / f"{v.name}.pdf"
            r = _renderer(v.axes)
            layout = _layout(v.axes, r)
            if r == "reportlab":
                render_rl.render(doc, str(pdf), layout, hyphenate=v.seed % 3 == 0, form=form)
            elif r == "docx":
                dx = tmpd / f"{v.name}.docx"
                render_docx.render(doc, str(dx), layout, form=form)
                docx_jobs.append((v, dx))
            else:
                hp = tmpd / f"{v.name}.html"
                render_html.render(doc, str(hp), form)
                html_jobs.append(chromium.PrintJob(hp, pdf, landscape=form.page == "landscape",
                                                   running_header=running_header(doc, form), footer=form.running,
                                                   font=form.font or "Liberation Serif"))
            made.append((v, doc, pdf))
        if docx_jobs:
            conv = tmpd / "pdf"
            conv.mkdir()
            soffice_convert([d for _, d in docx_jobs], conv)
            for v, dx in docx_jobs:
                target = out / "pdf" / f"{v.name}.pdf"
                shutil.move(str(conv / f"{v.name}.pdf"), str(target))
                stabilise_pdf(target, v.name)
        chromium.print_all(html_jobs)
    schema = validator()
    entries = []
    failed: list[str] = []
    for v, doc, pdf in made:
        try:
            rec = build(Sample(v.name, doc, _renderer(v.axes), layout=v.axes.get("header_box", "beside")), str(pdf),
                        f"pdf/{v.name}.pdf")
        except LocateError as e:  # collect them all: one run shows every document the builder cannot place
            failed.append(str(e))
            continue
        for c in rec["conflicts"]:
            c.setdefault("ground", None)
        core = json.loads(json.dumps(rec))
        for c in core["conflicts"]:
            c.pop("ground", None)  # not in record-v1.json yet: the rest of the record is checked
        errors = sorted(schema.iter_errors(core), key=lambda e: list(e.path))
        if errors:
            raise RuntimeError(f"{v.name}: expected record violates record-v1.json: "
                               + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))
        (out / "expected" / f"{v.name}.json").write_text(json.dumps(rec, ensure_ascii=False, indent=1) + "\n",
                                                          encoding="utf-8")
        entries.append({"name": v.name, "seed": v.seed, "set": v.set, "axes": v.axes,
                        "board_code": rec["document"]["board_code"], "pages": rec["document"]["pages"]})
        if not quiet:
            print(f"{v.name:36} {rec['document']['pages']:3}p {len(rec['cases']):2} cases "
                  f"{len(rec['applications']):3} apps {len(rec['conflicts']):2} conflicts", file=sys.stderr)
    if failed:
        raise RuntimeError(f"{len(failed)} expected record(s) could not be built:\n" + "\n".join(failed))
    manifest = {"generator": "samples.generator.variation", "seeds": [seeds[0], seeds[-1]] if seeds else [],
                "axes": {k: list(vs) for k, vs in AXES.items()}, "documents": entries}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not quiet:
        print(f"{len(entries)} documents in {time.perf_counter() - t0:.1f} s -> {out}", file=sys.stderr)
    return entries


def _layout(ax: dict, renderer: str) -> str:
    """The renderer's layout name for the header-box axis (docx: `above` is its label | value grid)."""
    box = ax.get("header_box", "beside")
    if renderer == "docx":
        return {"beside": "beside", "above": "box_above", "table": "above", "after": "after"}[box]
    return box


def parse_seeds(spec: str) -> list[int]:
    """`1000-1199` or `1000,1003,1010-1012` -> the list of seeds."""
    seeds: list[int] = []
    for part in spec.split(","):
        m = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if not m:
            raise argparse.ArgumentTypeError(f"not a seed range: {part!r} (expected e.g. 1000-1199)")
        lo, hi = int(m[1]), int(m[2] or m[1])
        if hi < lo:
            raise argparse.ArgumentTypeError(f"empty seed range: {part!r}")
        seeds += range(lo, hi + 1)
    return seeds


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and write the set."""
    ap = argparse.ArgumentParser(prog="python -m samples.generator.variation",
                                 description="Write board papers that vary along named axes, with expected records.")
    ap.add_argument("--seeds", required=True, type=parse_seeds, help="e.g. 1000-1199 (dev) or 9000-9099 (held out)")
    ap.add_argument("--out", required=True, type=Path, help="output folder (pdf/, expected/, manifest.json)")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    generate(args.seeds, args.out, args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
