"""OCR for pages without a usable text layer: Tesseract's words, with their boxes, as a `RawPage`.

A page is read by OCR when its text layer gives no words at all (a scan), or when its fonts map
too many glyphs to no letters (`text_lost`, the case `vedtak.extract` reports as
`unreadable_text`). The page is rendered with PDFium at `OCR_DPI`, then:

1. **orientation**: a page whose first reading is poor is shown to Tesseract's OSD
   (`tesseract-ocr-osd`); a page lying sideways or upside down (90/180/270°) is turned upright;
2. **deskew**: the small turn of a page laid on the glass by hand (under a few degrees) is
   measured from the top edges of the ink (the angle whose horizontal projection is sharpest)
   and undone;
3. **words**: Tesseract (`-l nor`) reads the upright image; its TSV gives every word with a box and
   a confidence. Every word of a Tesseract line gets the box a text layer's font would give it,
   from the line's baseline and font size (`font_boxes`), so the layout groups rows and reads gaps
   as it does for the other backends; its weight comes from its strokes (`bold_words`). Known
   misreadings are mended by rule (`mend_text`: `[U.off. 8 14]` -> `§`; bullets read as `*`, `«`
   or dropped -> `•`) and by the image: a word read with low confidence is read again alone, cut
   to its line (`reread_doubtful`: a speck joined to it); specks read as `å`, `-`, `"` are told by
   their size (`is_speck`), and as `)` or `!` after a word by the glyph's height (`trailing_speck`);
   a slash read as `1` by its lean (`mend_number`: `71/26` -> `7/26`); a capital within a sentence
   by its height (`small_initial`: `for Språk` -> `for språk`); the dash of a number range by its
   length (`range_dash`: `2018-2022` -> `2018–2022`); a word no dictionary knows by Tesseract's known
   confusions (`lexicon_mend`: `intemasjonale` -> `internasjonale`). A line of one word gets its
   font size from its own letters (`one_word_metrics`: a title's second line stays a title);
4. **graphics**: ruling lines (long thin runs of ink; an upright one may be as short as a table row
   when it ends on a horizontal one) and shaded boxes (grey background, as
   `0.88` grey / `E0E0E0` in the samples) become the same `Edge`s and `Rect`s a text layer's path
   objects give, so table cells and header boxes are read as units, as before.

Everything is in points with `top` from the top of the upright page, like the other backends.
Tesseract's readings are cached under `$VEDTAK_CACHE_DIR/ocr/`, keyed by the sha256 of the image
it read (the rendered, deskewed page), the call and Tesseract's version, so a re-run does not OCR
again (it only renders and deskews, ~0.3 s a page).

Tesseract runs as one `tesseract` process per call with `OMP_THREAD_LIMIT=1`: each ingest worker
process OCRs its own pages on its own core, so `--workers N` (and Dask) scale OCR.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vedtak.document import Document, PageOcr, Word
from vedtak.pdf.layout import MIN_BOX_HEIGHT, MIN_BOX_WIDTH
from vedtak.pdf.raw import Edge, RawPage, Rect
from vedtak.nlp.vocab import FindingCode
from vedtak.records import Finding, OcrPage, Provenance

OCR_VERSION = "1"  # part of the cache key: bump when what is asked of Tesseract changes
OCR_DPI = 300  # Tesseract reads body text best at about 300 dpi; 150-dpi scans are rendered up to it
LANGUAGE = "nor"
LOW_CONFIDENCE = 0.80  # a page whose mean word confidence is below this gets an `ocr_low_confidence` finding
RETRY_CONFIDENCE = 0.70  # a first reading below this is checked for orientation (OSD) and read again
BLANK_INK = 0.0005  # a page with less ink than this share of its pixels is blank: not shown to Tesseract
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-nor tesseract-ocr-osd"
TIMEOUT_S = 300
MAX_SKEW = 3.0  # degrees searched for the deskew
RULE_MIN_PT = 36.0  # a ruling line is at least this long (half an inch; see CELL_RULE_MIN_PT) ...
RULE_MAX_PT = 3.0  # ... and at most this thick
SHADE = (190, 245)  # grey levels of a shaded box's background (0.88 grey = 224; white paper 255)
BOLD_STROKE = 1.2  # a word whose strokes are this many times the page's median thickness is bold (1.3-1.5 seen; regular 0.85-1.1)
ASCENDER = 0.72  # height of capitals and ascenders (`Sak`, `Vedtak`) above the baseline, in font sizes
FONT_BOX = (0.92, 0.23)  # a text layer's word box: font ascent above and descent below the baseline, in font sizes
BIGGER = 1.25  # a line whose letters are this much taller than the page's usual is set in a bigger font


class OcrError(Exception):
    """Tesseract could not read a page (not installed, no Norwegian, or it failed)."""


@dataclass(frozen=True, slots=True)
class OcrReading:
    """What OCR read on one page: the page's words and graphics (upright, in points) and how."""

    width: float
    height: float
    words: tuple[Word, ...]
    rects: tuple[Rect, ...]
    edges: tuple[Edge, ...]
    confidence: float  # mean word confidence, 0..1
    rotation: int  # degrees the page image was turned clockwise to stand upright
    skew: float  # degrees of the small turn undone

    def raw_page(self, number: int) -> RawPage:
        """The `RawPage` the layout reads."""
        chars = sum(len(w.text) for w in self.words)
        return RawPage(number, self.width, self.height, self.words, self.rects, self.edges, chars, 0)

    def info(self) -> PageOcr:
        """The page's OCR provenance."""
        return PageOcr(round(self.confidence, 3), self.rotation, round(self.skew, 2))


# --------------------------------------------------------------------------- Tesseract


@functools.cache
def tesseract_problem() -> str | None:
    """None when Tesseract can read Norwegian here; else what is missing and how to install it."""
    exe = shutil.which("tesseract")
    if not exe:
        return f"Tesseract is not installed ({INSTALL_HINT})"
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Tesseract does not run ({exc}); reinstall it ({INSTALL_HINT})"
    langs = set((out.stdout + out.stderr).split())
    missing = [pkg for lang, pkg in ((LANGUAGE, "tesseract-ocr-nor"), ("osd", "tesseract-ocr-osd")) if lang not in langs]
    if missing:
        return f"Tesseract lacks {', '.join(missing)} ({INSTALL_HINT})"
    return None


@functools.cache
def tesseract_version() -> str:
    """`tesseract --version`'s first line (part of the cache key)."""
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=60)
    return (out.stdout or out.stderr).splitlines()[0].strip()


def _pgm(grey: np.ndarray) -> bytes:
    h, w = grey.shape
    return b"P5\n%d %d\n255\n" % (w, h) + np.ascontiguousarray(grey, dtype=np.uint8).tobytes()


def _tesseract(grey: np.ndarray, dpi: int, *args: str) -> str:
    """Tesseract's stdout for a grey image, from the cache when this image was read so before."""
    image = _pgm(grey)
    path = cache_path(image, dpi, args)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        pass
    out = _run_tesseract(image, dpi, args)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8") as tmp:
            tmp.write(out)
        os.replace(tmp.name, path)
    except OSError:  # an unwritable cache only costs the OCR again next time
        pass
    return out


RUNS = [0]  # Tesseract processes this process has started (the cache's effect, seen by the bench and tests)


def tesseract_runs() -> int:
    """How many Tesseract processes this process has run so far."""
    return RUNS[0]


def _run_tesseract(image: bytes, dpi: int, args: Sequence[str]) -> str:
    """Run Tesseract on one image (PGM on stdin) on one thread; its stdout."""
    RUNS[0] += 1
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    cmd = ["tesseract", "stdin", "stdout", "--dpi", str(dpi), *args]
    try:
        out = subprocess.run(cmd, input=image, capture_output=True, timeout=TIMEOUT_S, env=env)
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrError(f"Tesseract failed to run ({exc})") from exc
    if out.returncode != 0:
        raise OcrError(f"Tesseract failed ({out.returncode}): {out.stderr.decode('utf-8', 'replace').strip()[:200]}")
    return out.stdout.decode("utf-8", "replace")


def cache_path(image: bytes, dpi: int, args: Sequence[str]) -> Path:
    """Where Tesseract's reading of this image is kept: keyed by the image's sha256, the call and
    Tesseract's version, under `$VEDTAK_CACHE_DIR/ocr/`."""
    from vedtak.nlp.lemmas import cache_dir

    digest = hashlib.sha256(f"{OCR_VERSION}|{tesseract_version()}|{dpi}|{' '.join(args)}|".encode())
    digest.update(image)
    key = digest.hexdigest()
    return cache_dir() / "ocr" / key[:2] / f"{key}.txt"


OSD_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)


def osd_rotation(grey: np.ndarray, dpi: int) -> int:
    """Degrees to turn the image clockwise so its text stands upright (Tesseract's OSD), 0 if unsure."""
    try:
        out = _tesseract(grey, dpi, "--psm", "0", "-l", "osd")
    except OcrError:  # too little text to tell: leave the page as it is
        return 0
    m = OSD_ROTATE.search(out)
    return int(m.group(1)) % 360 if m else 0


@dataclass(frozen=True, slots=True)
class _TsvWord:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    conf: float
    line: tuple[int, int, int]


def parse_tsv(tsv: str) -> tuple[list[_TsvWord], dict[tuple[int, int, int], tuple[int, int]]]:
    """Words (level 5) and the vertical extent of each line (level 4) of Tesseract's TSV output."""
    words: list[_TsvWord] = []
    lines: dict[tuple[int, int, int], tuple[int, int]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        level = cols[0]
        key = (int(cols[2]), int(cols[3]), int(cols[4]))
        left, top, width, height = (int(c) for c in cols[6:10])
        if level == "4":
            lines[key] = (top, top + height)
        elif level == "5":
            text = cols[11].strip()
            conf = float(cols[10])
            if text and conf >= 0:
                words.append(_TsvWord(text, left, top, left + width, top + height, conf, key))
    return words, lines


RULE_READS = frozenset({"|", "||", "l|", "|l", "I|", "|I"})  # a table's vertical rule read as a word
NOISE = re.compile(r"^[^\wÆØÅæøå§%•–-]+$")  # specks read as `.`, `'`, `~`: no letter, digit, sign or dash


DASHES = frozenset({"-", "–", "—", "―"})
SPECK_LETTER = 0.4  # a letter or digit is at least this share of the page's usual word height (`a`, `1`: ~0.6)
SPECK_SIGN = 0.33  # a sign within a line (`/`, `&`, `+`, `«`) is at least this high or wide
DASH_ASPECT = 1.5  # a dash is a horizontal stroke: at least this many times as wide as high ...
DASH_MIN = 0.25  # ... and at least this share of the usual word height long (`-` ~0.35, `–` ~0.6)


def is_speck(text: str, width: int, height: int, median_h: float) -> bool:
    """Whether a word Tesseract read is a speck of dust on the glass, told by its size against the
    page's usual word height `median_h` (pixels), whatever its confidence:

    - a letter or digit far smaller than any letter (`å`, `Å` read from a 6- or 9-pixel speck where a
      real `å` is 35 high and an `a` 18; `for søknadsbehandlingen: å 1. Søknader`, `Helga Sundby Å Medlem`);
    - a dash that is not a horizontal stroke (`møte 4/24 -`, `fra - Danmark`: a square speck, where
      a real `-` is 11 by 5 pixels and `–` 18 by 3);
    - signs alone that are small both ways (`"`, `*|`, `|` a few pixels across: `oppnevnt som " settemedlem`).
    A blank `median_h` (no words) keeps everything."""
    if median_h <= 0:
        return False
    if any(c.isalnum() for c in text):
        return height < SPECK_LETTER * median_h
    if text in DASHES:
        return width < DASH_ASPECT * height or width < DASH_MIN * median_h
    return bool(NOISE.match(text)) and max(width, height) < SPECK_SIGN * median_h


def _keep(w: _TsvWord, median_h: float) -> bool:
    """Drop what dust and specks on the glass make Tesseract read: low-confidence punctuation, and
    words too small to be what they were read as (`is_speck`)."""
    if w.text in RULE_READS or (NOISE.match(w.text) and w.conf < 60):
        return False
    return not is_speck(w.text, w.right - w.left, w.bottom - w.top, median_h)


# --------------------------------------------------------------------------- mending what Tesseract misreads

SECTION_AFTER = re.compile(r"^\[?U\.off\.?$")
SECTION_READS = frozenset({"8", "$", "S", "5", "§§", "&", "g"})  # `[U.off. 8 14]`, `[U.off. $ 14]`: `§` misread
GLUED_SPECK = re.compile(r"^[—―'‘’.,·]+(?=[A-ZÆØÅ])")  # `—Porteføljestyret`: a speck glued to a capital
STRAY_DASH = re.compile(r"\w[.,;:][-–]$")
SECTION_GLUED = re.compile(r"^[58$S]([1-9]\d?\]?)$")  # `[U.off. 514]`: `§ 14` read as one number
SECTION_LOST = re.compile(r"^[1-9]\d?\]?$")  # `[U.off. 14]`: the section sign not read at all
RULE_GLUED = re.compile(r"^[|¦][.,'·]*(?=\w)")  # `|.Unni Tangen`, `|Data og modeller`: a table's rule glued to a cell's first word
DOUBLE_STOP = re.compile(r"(?<=\w)\.\.$")  # `til orientering..`: a speck after the full stop
MEETING_SLASH = re.compile(r"^(\d)[1l]?(\d{2})$")  # `møte 4122`, `møte 126`: the slash of `4/22` read as `1` or lost
TIME = re.compile(r"^\d{1,2}[:.]\d{2}")
DASH_READS = frozenset({"—", "―", "-—", "—-"})  # the en dash Norwegian sets (`Tromsø – Norges`) read as an em dash
BULLET_READS = frozenset({"*", "«", "»", "°", "¢", "©", "e", "o", "+", "®", "«*", "*«", "¢«", "«e", "»*", "•"})
DOT_READS = frozenset({".", "·", "-", "—", "–", "'"})  # a bullet read as a dot or a dash: told apart by its size
BULLET_LEADS = ("«", "»", "*", "°", "¢", "©", "®")  # a bullet read as a sign and glued to the word after it


def mend_text(prev: str, text: str, nxt: str) -> str:
    """A word as the board papers print it, where Tesseract's Norwegian model misreads it in a known way:

    - `[U.off. 8 14]`, `[U.off. $ 14]` -> `[U.off. § 14]` (the section sign after `U.off.`);
    - `[U.off. 514]` -> `[U.off. § 14]` (the section sign and its number read as one number);
    - `[U.off. 14]` -> `[U.off. § 14]` (the section sign lost: `U.off.` always cites a section);
    - `møte 4122` -> `møte 4/22`, `møte 126` -> `møte 1/26` (a meeting number's slash read as `1` or lost);
    - `KI. 09:00`, `K1. 09:00` -> `Kl. 09:00` (`Kl.`, klokken, before a time);
    - `Tromsø — Norges` -> `Tromsø – Norges` (an en dash read as an em dash);
    - `en bloc.-` -> `en bloc.` (a speck after a sentence's end read as a hyphen);
    - `—Porteføljestyret` -> `Porteføljestyret` (a speck glued before a capital);
    - `|.Unni`, `|Data` -> `Unni`, `Data` (a table cell's rule glued before its first word);
    - `orientering..` -> `orientering.` (a speck after the full stop; an ellipsis `...` stays).

    `prev` is the word before in the same paragraph, on the line above for a line's first word
    (`fra møte` / `2125`); `nxt` the word after on the same line.
    """
    if text in SECTION_READS and SECTION_AFTER.match(prev):
        return "§"
    glued = SECTION_GLUED.match(text)
    if glued and SECTION_AFTER.match(prev):
        return "§ " + glued.group(1)
    if SECTION_LOST.match(text) and SECTION_AFTER.match(prev):
        return "§ " + text
    meeting = MEETING_SLASH.match(text)
    if meeting and prev.lower() == "møte":
        return f"{meeting.group(1)}/{meeting.group(2)}"
    if text in ("KI.", "K1.") and TIME.match(nxt):
        return "Kl."
    if text in DASH_READS:
        return "–"
    if STRAY_DASH.search(text):
        return text[:-1]
    glued = GLUED_SPECK.match(text) or RULE_GLUED.match(text)
    if glued:
        return text[glued.end():]
    if DOUBLE_STOP.search(text):
        return text[:-1]
    return text


SPECK_READS = frozenset({"*", "°", "¢", "©", "®", "»", "«", "~", "`", ".", ",", ":", ";", "'", "‘", "’", "·"})  # a speck within a line


EN_DASH_MIN = 0.42  # a dash at least this share of the page's usual word height long is an en dash (`-` ~0.31, `–` ~0.51)


def dash_by_width(text: str, width: int, median_h: float) -> str:
    """A dash standing alone, told by its length: Tesseract reads the en dash that opens a list item
    (`– Innvilges: 340282, ...`) or stands between words as a hyphen; a hyphen is about a third of the
    usual word height long (11 pixels of 35 at 300 dpi), an en dash half of it (18 of 35)."""
    if text == "-" and median_h > 0 and width >= EN_DASH_MIN * median_h:
        return "–"
    return text


RANGE = re.compile(r"^(\d{1,4})[-–—](\d{1,4})?([.,:;)]?)$")  # `2018-2022`, `1-7.`, `2016-` at a line's end, `30-22`
EM_DASH_MIN = 0.8  # ... and an em dash (`—`) about a whole word height


def range_dash(text: str, ink: np.ndarray, median_h: float) -> str:
    """The dash between two numbers (`2018–2022`, `skalaen 1–7.`, `2016–` at a line's end) told by
    its length in the word's image, as `dash_by_width` tells a dash standing alone: Tesseract reads
    the en dash of a range as a hyphen (`2018-2022`, `1-7.`) or an em dash (`2024—2026.`); a hyphen
    is a third of the usual word height long (10 pixels of 32 at 300 dpi: `PS-NATTEK 30-22`), an en
    dash half of it (17 of 33). The dash is the one flat blob of ink in the word; anything else
    (no flat blob, two of them, a blank `median_h`) leaves the word as it was."""
    m = RANGE.match(text)
    if not m or median_h <= 0:
        return text
    flat = [xs for ys, xs in _glyphs(ink, 0.0)
            if ys.max() - ys.min() + 1 < 0.25 * median_h and xs.max() - xs.min() + 1 >= DASH_ASPECT * (ys.max() - ys.min() + 1)]
    if len(flat) != 1:
        return text
    width = int(flat[0].max() - flat[0].min()) + 1
    dash = "-" if width < EN_DASH_MIN * median_h else "–" if width < EM_DASH_MIN * median_h else "—"
    return f"{m.group(1)}{dash}{m.group(2) or ''}{m.group(3)}"


TRAILING_SIGNS = (")", "!")  # signs as tall as a letter that a speck after a word is read as
TRAILING_MIN = 0.5  # a real `)` or `!` is at least this share of the usual word height (`)` ~1.0, `!` ~0.85)


def trailing_speck(text: str, ink: np.ndarray, median_h: float) -> str:
    """A word without the `)` or `!` Tesseract read from a speck of dust after it (`Eivind
    Rustad-Flatebø)` in an attendance list, `gjennomsnitts!`), told by the height of the word's
    last glyph: a bracket spans the whole line and an exclamation mark stands as high as a capital;
    a speck is a few pixels. A glyph that touches the letter before it leaves the word as it was."""
    if len(text) < 2 or not text.endswith(TRAILING_SIGNS) or not text[-2].isalpha() or median_h <= 0:
        return text
    glyphs = _glyphs(ink, 0.0)
    if len(glyphs) < 2:
        return text
    right = max(int(xs.min()) for _, xs in glyphs)  # the last glyph, with whatever shares its columns (the dot of `!`)
    last = [ys for ys, xs in glyphs if xs.max() >= right]
    if len(last) == len(glyphs):
        return text
    height = max(int(ys.max()) for ys in last) - min(int(ys.min()) for ys in last) + 1
    return text[:-1] if height < TRAILING_MIN * median_h else text


CONFUSIONS = (("m", "rn"), ("rn", "m"), ("ni", "m"), ("é", "e"), ("è", "e"), ("ö", "ø"), ("ö", "o"),
              ("ä", "æ"), ("ü", "u"), ("Å", "A"))
"""What Tesseract's Norwegian model reads for what is printed: `rn` as `m` and `m` as `rn` or `ni`, and
letters Norwegian does not use (`é`, `ö`) or an `Å` for an `A` from a speck above it."""
WORD_PART = re.compile(r"^([A-Za-zÆØÅæøåéèöäü]+)([.,:;]?)$")
LEXICON_MIN = 5  # letters: a shorter word has too many neighbours in the dictionary


def known_word(word: str) -> bool:
    """Whether a word form is in vedtak's dictionaries (simplemma's bokmål and nynorsk)."""
    from vedtak.nlp.lemmas import is_word_form

    return is_word_form(word)


def lexicon_mend(text: str, known=known_word) -> str:
    """A word that is no Norwegian word form, put right when exactly one of Tesseract's known
    confusions (`CONFUSIONS`) makes it one: `intemasjonale` -> `internasjonale`, `orientéring.` ->
    `orientering.`, `medlémmer` -> `medlemmer`, `deniokrati` -> `demokrati`, `Årktis` -> `Arktis`.
    A word the dictionary knows, a short one (`LEXICON_MIN`), one with digits or a hyphen, and one
    with no single confusion or more than one that make a word (a name, a compound the dictionary
    lacks: `porteføljeplanen`) stay as read."""
    m = WORD_PART.match(text)
    if not m or len(m.group(1)) < LEXICON_MIN or known(m.group(1)):
        return text
    word, tail = m.groups()
    found = set()
    for read, printed in CONFUSIONS:
        start = word.find(read)
        while start >= 0:
            candidate = word[:start] + printed + word[start + len(read):]
            if known(candidate):
                found.add(candidate)
            start = word.find(read, start + 1)
    return found.pop() + tail if len(found) == 1 else text


def _mend_words(words: list[_TsvWord]) -> list[_TsvWord]:
    texts = [w.text for w in words]
    out = []
    for i, w in enumerate(words):
        first = not i or words[i - 1].line != w.line
        if not first and w.text in SPECK_READS and w.conf < 95:
            continue  # `omstilling *`, `til . orientering`: dust on the glass (a bullet is the first word of its line)
        prev = texts[i - 1] if i and words[i - 1].line[:2] == w.line[:2] else ""  # in its paragraph
        nxt = texts[i + 1] if i + 1 < len(words) and words[i + 1].line == w.line else ""
        text = mend_text(prev, w.text, nxt)
        out.append(w if text == w.text else _TsvWord(text, w.left, w.top, w.right, w.bottom, w.conf, w.line))
    return out


def _bullets(words: list[_TsvWord], lines: dict[tuple[int, int, int], tuple[int, int]], ink: np.ndarray) -> list[_TsvWord]:
    """The bullets (`•`) of list items, which Tesseract reads as `*`, `«`, `e` or `.`, glues to the
    next word (`«347181`) or drops as a speck: the first word of a line that is such a reading
    becomes `•`, and a round blob of ink just left of a line's first word becomes a `•` word of its own.
    Sizes are measured against the page's usual line height (one line's box can take in a speck)."""
    firsts: dict[tuple[int, int, int], int] = {}
    for i, w in enumerate(words):
        firsts.setdefault(w.line, i)
    heights = [b - t for t, b in lines.values() if b > t]
    lh = int(np.median(heights)) if heights else 1
    out: list[_TsvWord | None] = list(words)
    added: list[_TsvWord] = []
    for key, i in firsts.items():
        w = words[i]
        top, bottom = lines.get(key, (w.top, w.bottom))
        bw, bh = w.right - w.left, w.bottom - w.top
        if i + 1 < len(words) and words[i + 1].line == key and (
                (w.text in BULLET_READS and 0.2 * lh <= min(bw, bh) and bw <= 0.8 * lh)
                or (w.text in DOT_READS and 0.2 * lh <= min(bw, bh) and max(bw, bh) <= 0.6 * lh)):
            out[i] = _TsvWord("•", w.left, w.top, w.right, w.bottom, max(w.conf, 50.0), w.line)
            continue
        if len(w.text) > 1 and w.text.startswith(BULLET_LEADS) and (w.text[1].isalnum() or w.text[1] == "«"):
            rest = w.text.lstrip("".join(BULLET_LEADS))
            if rest and rest[0].isalnum():
                cut = w.left + int(0.45 * lh)
                out[i] = _TsvWord(rest, cut + int(0.3 * lh), w.top, w.right, w.bottom, w.conf, w.line)
                added.append(_TsvWord("•", w.left, w.top, cut, w.bottom, w.conf, w.line))
                continue
        if NOISE.match(w.text) and w.text not in ("-", "–"):  # `. Sak PS-ENERGI 11/24`: a speck opens no line
            out[i] = None
            if i + 1 >= len(words) or words[i + 1].line != key:
                continue
            w = words[i + 1]  # `; Statsbudsjettet`: a bullet read as a sign is still a dot left of the next word
        blob = _blob_left_of(ink, top, bottom, w.left, lh)
        if blob is not None:
            added.append(_TsvWord("•", blob[0], blob[1], blob[2], blob[3], 100.0, w.line))
    return [w for w in out if w is not None] + added


def _blob_left_of(ink: np.ndarray, top: int, bottom: int, left: int, lh: int) -> tuple[int, int, int, int] | None:
    """A bullet's box (left, top, right, bottom) when the ink nearest left of `left` on the line is a
    round filled dot about a third of a line (`lh` pixels) high, in the middle of the line, with
    nothing further left (within two lines' height)."""
    x0 = max(0, left - 2 * lh)
    strip = ink[top:bottom, x0:max(x0, left - 1)]
    if strip.size == 0:
        return None
    cols = np.flatnonzero(strip.any(axis=0))
    if not len(cols):
        return None
    # the run of inked columns nearest the word
    end = int(cols[-1])
    start = end
    while start - 1 >= 0 and strip[:, start - 1].any():
        start -= 1
    if strip[:, :max(start - 1, 0)].any():  # more ink further left: not the first thing on the line
        return None
    blob = strip[:, start:end + 1]
    rows = np.flatnonzero(blob.any(axis=1))
    # a speck above or below the bullet in the same columns is not part of it: the run of inked rows
    # nearest the middle of the line is the dot
    runs = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    rows = min(runs, key=lambda r: abs((r[0] + r[-1]) / 2 - (bottom - top) / 2))
    cols = np.flatnonzero(blob[rows[0]:rows[-1] + 1].any(axis=0))
    start, end = start + int(cols[0]), start + int(cols[-1])
    blob = strip[:, start:end + 1]
    bw, bh = end + 1 - start, int(rows[-1]) + 1 - int(rows[0])
    if not (0.15 * lh <= bw <= 0.6 * lh and 0.15 * lh <= bh <= 0.6 * lh and 0.6 <= bw / bh <= 1.6):
        return None
    fill = blob[rows[0]:rows[-1] + 1].mean()
    if not 0.55 <= fill <= 0.9:  # a disc fills ~0.79 of its box; a speck of dust is a solid square
        return None
    middle = top + (rows[0] + rows[-1]) / 2
    if abs(middle - (top + bottom) / 2) > 0.25 * (bottom - top):  # a bullet sits mid-line
        return None
    gap = left - (x0 + end + 1)
    if gap < 0.15 * lh:
        return None
    return (x0 + start, top + int(rows[0]), x0 + end + 1, top + int(rows[-1]) + 1)


NUMBER_READ = re.compile(r"^(\d[\d/]*1[\d/]*|[\d/]*1[\d/]*\d|\d{3})([.,:;)]?)$")  # `71/26`, `4122`, `231/25`, `526`
NUMBER_CONF = 90.0  # numbers read with less confidence than this are checked glyph by glyph
SLASH_SLANT = -0.15  # a `/` leans right: its ink moves this many pixels left or more per pixel down (-0.19 to -0.37 seen)
UPRIGHT = (-0.1, 0.15)  # a `1` stands upright, its flag pulling its top a little left (-0.05 to 0.11 seen)


def _glyphs(ink: np.ndarray, least: float = 0.4) -> list[tuple[np.ndarray, np.ndarray]]:
    """The glyphs of a word's image, left to right: its 8-connected blobs of ink (rows, columns),
    leaving out blobs under `least` of the tallest one's height (grain, a speck, a dot)."""
    blobs = [(ys, xs) for ys, xs in _blobs(ink, diagonal=True)]
    if not blobs:
        return []
    tallest = max(int(ys.max() - ys.min()) + 1 for ys, _ in blobs)
    blobs = [(ys, xs) for ys, xs in blobs if ys.max() - ys.min() + 1 >= least * tallest]
    return sorted(blobs, key=lambda b: int(b[1].min()))


def _blobs(mask: np.ndarray, diagonal: bool) -> list[tuple[np.ndarray, np.ndarray]]:
    """The connected blobs of a boolean image as (rows, columns) of their cells, in the order their first cell
    comes in a row-by-row scan: 8-connected with `diagonal`, else 4-connected."""
    steps = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if (dy or dx) and (diagonal or not (dy and dx))]
    seen = np.zeros_like(mask, dtype=bool)
    h, w = mask.shape
    out = []
    for r, c in zip(*np.nonzero(mask)):
        if seen[r, c]:
            continue
        seen[r, c] = True
        stack, pix = [(int(r), int(c))], []
        while stack:
            y, x = stack.pop()
            pix.append((y, x))
            for dy, dx in steps:
                yy, xx = y + dy, x + dx
                if 0 <= yy < h and 0 <= xx < w and mask[yy, xx] and not seen[yy, xx]:
                    seen[yy, xx] = True
                    stack.append((yy, xx))
        ys, xs = np.array(pix).T
        out.append((ys, xs))
    return out


def _lean(ys: np.ndarray, xs: np.ndarray) -> float | None:
    """How far a glyph's ink moves right per pixel down (least squares), None for too little ink."""
    if len(ys) < 8 or ys.max() - ys.min() < 4:
        return None
    y = ys - ys.mean()
    return float((y * (xs - xs.mean())).sum() / (y * y).sum())


def mend_number(text: str, ink: np.ndarray) -> str:
    """A number whose slash Tesseract read as `1`, or as `1/`, put right by the shape of its glyphs.

    In bold case and meeting numbers the slash is read as a `1` (`møte 4122` for `4/22`, `7126`) or
    split into `1/` (`Sak 71/26` for `7/26`, `PS-ENERGI 231/25` for `23/25`). A `/` leans, a `1`
    stands upright: when the word's image has one glyph per character, a `1` whose glyph leans is
    a `/`; when it has one glyph fewer, a `1` beside a `/` that leans is not there; with one glyph
    more, the glyph that leans is a lost `/` (`møte 126` for `1/26`). Anything else
    (glyphs touching, one glyph far wider than the rest, more than one slash) leaves the word as it was."""
    m = NUMBER_READ.match(text)
    if not m:
        return text
    core, tail = m.groups()
    glyphs = _glyphs(ink)
    widths = [int(xs.max() - xs.min()) + 1 for _, xs in glyphs]
    if not widths or max(widths) > 1.5 * float(np.median(widths)):  # two glyphs touching (`11`) would count as one
        return text
    leans = [_lean(ys, xs) for ys, xs in glyphs]

    def fits(candidate: str, leans: list[float | None]) -> bool:
        if len(candidate) != len(leans) or candidate.count("/") != 1 or candidate.index("/") in (0, len(candidate) - 1):
            return False
        for ch, lean in zip(candidate, leans):
            if ch == "/" and (lean is None or lean > SLASH_SLANT):
                return False
            if ch == "1" and (lean is None or not UPRIGHT[0] <= lean <= UPRIGHT[1]):
                return False
        return True

    candidates = [core[:i] + "/" + core[i + 1:] for i, ch in enumerate(core) if ch == "1" and "/" not in core]
    candidates += [core[:i] + "/" + core[i:] for i in range(1, len(core)) if "/" not in core]  # `126`: the slash lost
    candidates += [core[:i] + core[i + 1:] for i, ch in enumerate(core) if ch == "1" and "/" in core[i - 1:i] + core[i + 1:i + 2]]
    found = {c for lean_set in ([leans, leans[:-1]] if tail else [leans]) for c in candidates if fits(c, lean_set)}
    return found.pop() + tail if len(found) == 1 else text


SAME_SHAPE = "COSVWXZ"  # capitals drawn as their small letters, only bigger
SENTENCE_END = (".", ":", "!", "?", ";")
X_HEIGHT = frozenset("acemnorsuvwxzæøå")  # small letters with neither ascender nor descender (a ring or slash aside)
SMALL_INITIAL = 1.15  # a capital stands 1.2-1.5 times as high as the word's small letters (Helvetica 1.38, Times 1.47); a small letter ~1.0-1.1


def small_initial(text: str, prev: str, ink: np.ndarray) -> str:
    """A word within a sentence whose first letter Tesseract read as a capital it cannot tell by shape
    (`til Orientering.`, `Tiltak for Språk og identitet`: `o`/`O`, `s`/`S` differ only in size),
    in small letters when that letter is no taller than the word's small letters: the glyph that
    opens the word measured against the lowest of its other glyphs (`r`, `e`, `n`; a dot or ring
    is no glyph, an ascender is taller). A word opening a sentence or a line, a name's
    capital (as high as an ascender) and anything not clearly measured stay as they were. `prev` is
    the word before it in its paragraph, on the line above for the first word of a line."""
    if (len(text) < 3 or text[0] not in SAME_SHAPE or not text[1:].rstrip(".,:;").isalpha()
            or not text[1:].rstrip(".,:;").islower() or not prev or prev.endswith(SENTENCE_END)):
        return text
    if sum(c in X_HEIGHT for c in text[1:]) < 2:  # `Ola`, `Vik`: too few small letters to measure against
        return text
    glyphs = _glyphs(ink)
    if len(glyphs) < 3:
        return text
    heights = [int(ys.max() - ys.min()) + 1 for ys, _ in glyphs]
    if max(heights[1:]) < 0.5 * max(heights):
        return text
    small, tall = min(h for h in heights[1:] if h >= 0.5 * max(heights)), max(heights[1:])
    # as high as the small letters, and nearer them than the ascenders (`Vedtak` in a bold table head: 24 px, e 20, d 26)
    return text[0].lower() + text[1:] if heights[0] <= SMALL_INITIAL * small and heights[0] - small < tall - heights[0] else text


# --------------------------------------------------------------------------- image preparation


def estimate_skew(ink: np.ndarray) -> float:
    """Degrees (counter-clockwise) the page's rows of ink are turned, within `MAX_SKEW`.

    The sharpest horizontal projection of the ink's top edges, sheared by each candidate angle
    (a turn under a few degrees is a shear to within a pixel or two): coarse 0.1° steps, then 0.01°.
    """
    ys, xs = np.nonzero(ink[1:] & ~ink[:-1])  # the top edges of the ink: thin rows, a sharp peak
    if len(ys) < 100:
        return 0.0
    if len(ys) > 200_000:
        pick = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64) - xs.mean()
    n_bins = int(ink.shape[0]) + 2 * int(np.ceil(abs(xs).max() * np.tan(np.radians(MAX_SKEW)))) + 4
    offset = (n_bins - ink.shape[0]) / 2

    def sharpness(deg: float) -> float:
        rows = np.round(ys + xs * np.tan(np.radians(deg)) + offset).astype(np.int64)
        h = np.bincount(rows, minlength=n_bins).astype(np.float64)
        return float((h * h).sum())

    def sharpest(angles: np.ndarray) -> float:
        scores = np.array([sharpness(a) for a in angles])
        return float(angles[scores >= scores.max() * (1 - 1e-9)].mean())  # the middle of a plateau of equals

    best = sharpest(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.1))
    best = sharpest(np.arange(best - 0.1, best + 0.1 + 1e-9, 0.01))
    # Rows y + x·tan(a) constant: the ink rises to the right by a, i.e. the page is turned a counter-clockwise.
    return round(best, 2)


def _rotate(grey: np.ndarray, degrees_ccw: float) -> np.ndarray:
    from PIL import Image

    img = Image.fromarray(grey, "L").rotate(degrees_ccw, resample=Image.BICUBIC, expand=False, fillcolor=255)
    return np.asarray(img)


def _turn(grey: np.ndarray, clockwise: int) -> np.ndarray:
    """The image turned by a multiple of 90° clockwise."""
    return np.rot90(grey, k=-(clockwise // 90) % 4).copy()


def _ink(grey: np.ndarray, level: int = 140) -> np.ndarray:
    return grey < level


def _long_runs(mask: np.ndarray, length: int) -> np.ndarray:
    """Pixels of `mask` lying on a run of at least `length` set pixels along axis 1."""
    h, w = mask.shape
    if w < length:
        return np.zeros_like(mask)
    c = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(mask, axis=1, dtype=np.int32, out=c[:, 1:])
    full = (c[:, length:] - c[:, :-length]) == length  # windows [i, i+length) all set: shape (h, w-length+1)
    f = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(np.pad(full, ((0, 0), (0, length - 1))), axis=1, dtype=np.int32, out=f[:, 1:])
    lo = np.maximum(np.arange(w) - length + 1, 0)
    return (f[:, 1:] - f[:, lo]) > 0


def _segments(runs: np.ndarray, max_thick: int) -> list[tuple[int, int, int, int]]:
    """Horizontal segments (x0, y0, x1, y1, in pixels) of a long-run mask: runs on consecutive rows
    that overlap are one segment; thicker than `max_thick` rows is a bar or a block of ink, not a rule."""
    open_: list[list[int]] = []  # [x0, y0, x1, y1]
    done: list[list[int]] = []
    for y in np.flatnonzero(runs.any(axis=1)).tolist():
        row = runs[y]
        d = np.diff(row.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
        starts, ends = np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()
        still = []
        for s, e in zip(starts, ends):
            for seg in open_:
                if seg[3] == y - 1 and s < seg[2] and e > seg[0]:
                    seg[0], seg[2], seg[3] = min(seg[0], s), max(seg[2], e), y
                    break
            else:
                seg = [s, y, e, y]
                open_.append(seg)
        for seg in open_:
            (still if seg[3] >= y - 1 else done).append(seg)
        open_ = still
    done.extend(open_)
    return [(x0, y0, x1, y1 + 1) for x0, y0, x1, y1 in done if y1 + 1 - y0 <= max_thick]


def find_rules(grey: np.ndarray, dpi: int) -> list[Edge]:
    """Ruling lines of an upright page image, as `Edge`s in points (mid-line, as the PDFium backend gives)."""
    ink = _ink(grey, 160)
    px = 72.0 / dpi
    length = int(RULE_MIN_PT * dpi / 72)
    thick = max(2, int(round(RULE_MAX_PT * dpi / 72)))
    edges: list[Edge] = []
    for x0, y0, x1, y1 in _segments(_long_runs(ink, length), thick):
        mid = (y0 + y1) / 2 * px
        edges.append(Edge(x0 * px, mid, x1 * px, mid, "h"))
    rows = [(x0, (y0 + y1) / 2, x1) for x0, y0, x1, y1 in _segments(_long_runs(ink, length), thick)]
    short = int(CELL_RULE_MIN_PT * dpi / 72)
    for y0, x0, y1, x1 in _segments(_long_runs(ink.T, short), thick):  # columns as rows: (y0, x0, y1, x1)
        if y1 - y0 < length and not _meets_a_rule(x0, x1, y0, y1, rows, thick):
            continue  # a short upright stroke that meets no horizontal rule is a letter (`l`, `I` of a heading)
        mid = (x0 + x1) / 2 * px
        edges.append(Edge(mid, y0 * px, mid, y1 * px, "v"))
    return edges


CELL_RULE_MIN_PT = 9.0  # an upright rule that ends on a horizontal one need only be this long (a table row: ~14 pt)


def _meets_a_rule(x0: int, x1: int, y0: int, y1: int, rows: Sequence[tuple[int, float, int]], thick: int) -> bool:
    """Whether an upright stroke (columns x0..x1, rows y0..y1, pixels) ends on a horizontal rule
    (x0, y, x1): the upright rules of a table run from rule to rule. A table of a row or two (`Søknadsnr |
    Prosjekttittel | Vedtak` over one application) has upright rules shorter than `RULE_MIN_PT`."""
    mid = (x0 + x1) / 2
    return any(rx0 - thick <= mid <= rx1 + thick and (abs(y - y0) <= 2 * thick or abs(y - y1) <= 2 * thick)
               for rx0, y, rx1 in rows)


def _components(mask: np.ndarray) -> list[tuple[int, int, int, int, int]]:
    """Bounding boxes (r0, c0, r1, c1, cells) of 4-connected components of a small boolean grid."""
    return [(int(ys.min()), int(xs.min()), int(ys.max()) + 1, int(xs.max()) + 1, len(ys)) for ys, xs in _blobs(mask, diagonal=False)]


def find_shaded(grey: np.ndarray, dpi: int) -> list[Rect]:
    """Boxes with a grey background (no border), as filled `Rect`s in points.

    The page is cut into cells of about 3 points; a cell whose median is in `SHADE` is shaded (text
    on it covers well under half its pixels, so the median is the background's)."""
    k = max(4, int(round(3 * dpi / 72)))
    h, w = grey.shape
    hh, ww = h // k, w // k
    if hh == 0 or ww == 0:
        return []
    blocks = grey[: hh * k, : ww * k].reshape(hh, k, ww, k).transpose(0, 2, 1, 3).reshape(hh, ww, k * k)
    med = np.median(blocks, axis=2)
    mask = (med >= SHADE[0]) & (med <= SHADE[1])
    px = 72.0 / dpi * k
    rects = []
    for r0, c0, r1, c1, n in _components(mask):
        wpt, hpt = (c1 - c0) * px, (r1 - r0) * px
        if wpt < MIN_BOX_WIDTH or hpt < MIN_BOX_HEIGHT or n < 0.8 * (r1 - r0) * (c1 - c0):  # the layout's smallest box
            continue
        rects.append(Rect(c0 * px, r0 * px, c1 * px, r1 * px, filled=True, stroked=False))
    return rects


def _stroke(ink: np.ndarray) -> float:
    """Mean horizontal stroke thickness (pixels) of a word image: ink pixels per run of ink."""
    runs = int(np.count_nonzero(ink[:, 1:] & ~ink[:, :-1])) + int(np.count_nonzero(ink[:, 0]))
    return float(ink.sum()) / runs if runs else 0.0


def bold_words(words: Sequence[_TsvWord], ink: np.ndarray) -> list[bool]:
    """Which words are set in bold: their strokes are `BOLD_STROKE` times as thick as the page's
    usual. A line whose letters are two-thirds bold is bold throughout (`[U.off. § 14]` of a bold
    title has thin signs), one with a third or less has no bold word."""
    strokes = [_stroke(ink[w.top:w.bottom, w.left:w.right]) for w in words]
    inked = [s for s in strokes if s > 0]
    typical = float(np.median(inked)) if inked else 0.0
    bold = [bool(typical) and s >= BOLD_STROKE * typical for s in strokes]
    letters: dict[tuple[int, int, int], list[int]] = {}
    for w, b in zip(words, bold):
        share = letters.setdefault(w.line, [0, 0])
        n = sum(c.isalnum() for c in w.text)
        share[0] += n * b
        share[1] += n
    out = []
    for w, b in zip(words, bold):
        done, total = letters[w.line]
        out.append(b if not total or total / 3 < done < 2 * total / 3 else done >= 2 * total / 3)
    return out


DESCENT = 0.21  # depth of descenders (`g`, `j`, `p`, `q`, `y`) and brackets below the baseline, in font sizes
DESCENDS = frozenset("gjpqy()[]{},;")
ASCENDS = frozenset("bdfhklÅ")  # small letters as tall as a capital (a digit or capital counts too)


def one_word_metrics(text: str, top: int, bottom: int) -> tuple[float, float | None]:
    """(baseline, font size or None) of a line of one word, from the word's own box and letters.

    A line of several words takes its baseline and size from them all (`font_boxes`); a line of
    one word must be measured alone, or a heading's second line (`teknologi` under `Porteføljestyret
    for naturvitenskap og`, 18 pt) reads as body text and the title is cut in two. A word whose
    letters reach up to a capital's height (`k`, `l`, `T`, `2`) is `ASCENDER` high above its
    baseline, and `DESCENT` deeper when it has a descender (`g`: `teknologi`, `Vedlegg`); a word of
    small letters only (`og`, `er`) tells no size, nor one of under three letters or digits."""
    if sum(c.isalnum() for c in text) < 3 or not any(c in ASCENDS or c.isupper() or c.isdigit() for c in text):
        return float(bottom), None
    depth = DESCENT if any(c in DESCENDS for c in text) else 0.0
    size = (bottom - top) / (ASCENDER + depth)
    return bottom - depth * size, size if size > 0 else None


def font_boxes(words: Sequence[_TsvWord]) -> list[tuple[float, float, float]]:
    """(top, bottom, font size) in pixels for each word, as a text layer's font boxes would give them.

    Tesseract boxes each word tightly round its glyphs: `Vedtak:` ends at the baseline, `og` goes
    below it, `•` floats in the middle. The layout groups rows and reads gaps from the boxes, so
    every word of a Tesseract line gets one box from the line's baseline (the highest bottom of its
    words of letters) and font size (from the height of their capitals and ascenders; the page's
    usual size unless the line is clearly bigger), as font ascent and descent make them.
    """
    by_line: dict[tuple[int, int, int], list[_TsvWord]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    metrics: dict[tuple[int, int, int], tuple[float, float | None]] = {}  # line -> (baseline, size or None)
    for key, ws in by_line.items():
        letters = [w for w in ws if sum(c.isalnum() for c in w.text) >= 2] or ws
        if len(letters) == 1:
            metrics[key] = one_word_metrics(letters[0].text, letters[0].top, letters[0].bottom)
            continue
        baseline = float(min(w.bottom for w in letters))
        rise = baseline - float(np.median([w.top for w in letters]))
        metrics[key] = (baseline, rise / ASCENDER if rise > 0 else None)
    sizes = [m[1] for m in metrics.values() if m[1]]
    usual = float(np.median(sizes)) if sizes else 0.0
    out = []
    for w in words:
        baseline, size = metrics[w.line]
        size = size if size and size > BIGGER * usual else (usual or float(w.bottom - w.top))
        out.append((baseline - FONT_BOX[0] * size, baseline + FONT_BOX[1] * size, size))
    return out


# --------------------------------------------------------------------------- reading a page


def _read_words(grey: np.ndarray, dpi: int) -> tuple[list[_TsvWord], dict[tuple[int, int, int], tuple[int, int]]]:
    return parse_tsv(_tesseract(grey, dpi, "-l", LANGUAGE, "--psm", "3", "tsv"))


REREAD_CONF = 60.0  # a word Tesseract read with less confidence than this is read again on its own
TALL = 1.5  # a word this many times the usual word height took in something else (a speck above or below)
MAX_REREADS = 25  # a page with more doubtful words than this is poor throughout: word by word would not mend it


def _line_band(words: Sequence[_TsvWord], w: _TsvWord, median_h: float) -> tuple[int, int]:
    """The rows a word's line of text covers: its other, ordinary-sized words and the word itself
    unless it is tall (a speck joined it): `Godkjent`'s tail below the line's other words is kept."""
    ordinary = [x for x in words if x.line == w.line and x.bottom - x.top < TALL * median_h]
    if not ordinary:
        return w.top, w.bottom
    return min(x.top for x in ordinary), max(x.bottom for x in ordinary)


def reread_doubtful(grey: np.ndarray, dpi: int, words: list[_TsvWord]) -> list[_TsvWord]:
    """Words read with low confidence (`REREAD_CONF`), read again alone: the word's own columns
    (up to its neighbours) and its line's rows, on white, as one line of text (`--psm 7`).

    On a page Tesseract lays out a word's box from its ink, and a speck of dust just above or below
    a word joins it: the box grows to twice the line's height and the word is misread (scanned
    minutes: `søknadene vert Mee` for `drøfta:`, `Følgende Skader tideler` for `søknader tildeles`,
    `Data og nedeller` for `modeller`). Cut to its line, the word reads cleanly. The new reading
    replaces the old one only when Tesseract is sure of it (`REREAD_CONF`) and surer than before."""
    heights = [w.bottom - w.top for w in words]
    median_h = float(np.median(heights)) if heights else 0.0
    if not median_h:
        return words
    if sum(w.conf < REREAD_CONF for w in words) > MAX_REREADS:
        return words
    pad = max(2, int(0.3 * median_h))
    h, wd = grey.shape
    out: list[_TsvWord] = []
    for i, w in enumerate(words):
        if w.conf >= REREAD_CONF or not any(c.isalnum() for c in w.text):
            out.append(w)
            continue
        prev = words[i - 1] if i and words[i - 1].line == w.line else None
        nxt = words[i + 1] if i + 1 < len(words) and words[i + 1].line == w.line else None
        top, bottom = _line_band(words, w, median_h)
        top, bottom = max(0, top - pad // 2), min(h, bottom + pad // 2)
        left = max(0, w.left - pad, prev.right + 1 if prev else 0)
        right = min(wd, w.right + pad, nxt.left - 1 if nxt else wd)
        if right - left < 2 or bottom - top < 2:
            out.append(w)
            continue
        crop = np.full((bottom - top + 2 * pad, right - left + 2 * pad), 255, dtype=np.uint8)
        crop[pad:pad + bottom - top, pad:pad + right - left] = grey[top:bottom, left:right]
        try:
            again, _ = parse_tsv(_tesseract(crop, dpi, "-l", LANGUAGE, "--psm", "7", "tsv"))
        except OcrError:
            out.append(w)
            continue
        # signs alone are the edge of a neighbour or a speck (`søknader !`); a slash is never lost (`71/26` -> `7126`)
        again = [x for x in again if any(c.isalnum() for c in x.text)
                 and not is_speck(x.text, x.right - x.left, x.bottom - x.top, median_h)]
        sure = float(np.mean([x.conf for x in again])) if again else 0.0
        if sure < max(REREAD_CONF, w.conf + 1) or ("/" in w.text and not any("/" in x.text for x in again)):
            out.append(w)
            continue
        dx, dy = left - pad, top - pad
        out.extend(_TsvWord(x.text, x.left + dx, x.top + dy, x.right + dx, x.bottom + dy, x.conf, w.line) for x in again)
    return out


def _replace_text(w: _TsvWord, text: str) -> _TsvWord:
    return w if text == w.text else _TsvWord(text, w.left, w.top, w.right, w.bottom, w.conf, w.line)


def _confidence(words: Sequence[_TsvWord]) -> float:
    return float(np.mean([w.conf for w in words])) / 100 if words else 0.0


def _upright(grey: np.ndarray, dpi: int) -> tuple[np.ndarray, float]:
    """The image with its small turn undone, and that turn (degrees counter-clockwise)."""
    small = max(1, dpi // 100)  # the skew is measured at about 100 dpi
    skew = estimate_skew(_ink(grey[::small, ::small]))
    return (_rotate(grey, -skew) if abs(skew) >= 0.05 else grey), skew


def read_image(grey: np.ndarray, dpi: int) -> OcrReading:
    """OCR of one page image (grey, uint8): deskewed, turned upright when the first reading is poor
    (OSD), words, rules and shaded boxes."""
    rotation = 0
    straight, skew = _upright(grey, dpi)
    words, lines = _read_words(straight, dpi)
    if _confidence(words) < RETRY_CONFIDENCE or len(words) < 5:
        rotation = osd_rotation(grey, dpi)
        if rotation:
            straight, skew = _upright(_turn(grey, rotation), dpi)
            words, lines = _read_words(straight, dpi)
    grey = straight
    ink = _ink(grey)
    words = [w if w.conf >= NUMBER_CONF else _replace_text(w, mend_number(w.text, ink[w.top:w.bottom, w.left:w.right]))
             for w in reread_doubtful(grey, dpi, words)]
    px = 72.0 / dpi
    heights = [w.bottom - w.top for w in words]
    median_h = float(np.median(heights)) if heights else 0.0
    confidence = _confidence([w for w in words if _keep(w, median_h)])  # Tesseract's own words, before mending
    words = [w for w in _bullets(_mend_words(words), lines, ink) if _keep(w, median_h)]
    words = [_replace_text(w, dash_by_width(w.text, w.right - w.left, median_h)) for w in words]
    words = [_replace_text(w, range_dash(w.text, ink[w.top:w.bottom, w.left:w.right], median_h)) if RANGE.match(w.text) else w
             for w in words]
    words = [_replace_text(w, lexicon_mend(trailing_speck(w.text, ink[w.top:w.bottom, w.left:w.right], median_h)))
             for w in words]
    words = [w if w.text[:1] not in SAME_SHAPE else
             _replace_text(w, small_initial(w.text, words[i - 1].text if i and words[i - 1].line[:2] == w.line[:2] else "",
                                            ink[w.top:w.bottom, w.left:w.right]))  # the word before, in its paragraph
             for i, w in enumerate(words)]
    boxes = font_boxes(words)
    out = []
    for w, bold, (top, bottom, size) in zip(words, bold_words(words, ink), boxes):
        out.append(Word(w.text, w.left * px, top * px, w.right * px, bottom * px, round(size * px, 1), bold))
    h, wd = grey.shape
    return OcrReading(wd * px, h * px, tuple(out), tuple(find_shaded(grey, dpi)), tuple(find_rules(grey, dpi)),
                      confidence, rotation, skew)


# --------------------------------------------------------------------------- PDF pages and the cache


def render_page(page, dpi: int = OCR_DPI) -> np.ndarray:
    """A pypdfium2 page as a grey image at `dpi` (the caller holds PDFium's lock)."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    img = bitmap.to_pil().convert("L")
    return np.asarray(img)


class PageReader:
    """OCR of the pages of one PDF that need it; opens the PDF (PDFium) on first use."""

    def __init__(self, path: Path, dpi: int = OCR_DPI) -> None:
        self.path = path
        self.dpi = dpi
        self._pdf = None

    def __enter__(self) -> "PageReader":
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pdf is not None:
            from vedtak.pdf.pdfium import PDFIUM_LOCK

            with PDFIUM_LOCK:
                self._pdf.close()
            self._pdf = None

    def read(self, raw: RawPage) -> tuple[RawPage, PageOcr | None]:
        """The page read by OCR; as it was with the reason when Tesseract is missing or fails; as it
        was with None when it is blank (no ink: nothing to read, nothing to doubt)."""
        import pypdfium2 as pdfium

        from vedtak.pdf.pdfium import PDFIUM_LOCK

        with PDFIUM_LOCK:
            if self._pdf is None:
                self._pdf = pdfium.PdfDocument(str(self.path))
            page = self._pdf[raw.number - 1]
            try:
                grey = render_page(page, self.dpi)
            finally:
                page.close()
        if np.count_nonzero(_ink(grey)) < BLANK_INK * grey.size:
            return raw, None
        problem = tesseract_problem()
        if problem:
            return raw, PageOcr(None, problem=problem)
        try:
            reading = read_image(grey, self.dpi)
        except OcrError as exc:
            return raw, PageOcr(None, problem=str(exc))
        return reading.raw_page(raw.number), reading.info()


# --------------------------------------------------------------------------- provenance and findings


def ocr_pages(doc: Document) -> tuple[OcrPage, ...]:
    """The pages of a document that needed OCR, with their mean word confidence (None: OCR could not run)."""
    return tuple(OcrPage(p.number, p.ocr.confidence) for p in doc.pages if p.ocr is not None)


def ocr_findings(doc: Document) -> list[Finding]:
    """What an auditor must know about the OCR of a document: pages that needed OCR but could not
    get it (`ocr_unavailable`, saying what to install), pages whose damaged fonts lost the text so
    that it was read from the image instead (`unreadable_text`, as when nothing could be read), and
    pages read with a mean word confidence below `LOW_CONFIDENCE` (`ocr_low_confidence`: their
    records may hold misread words)."""
    findings: list[Finding] = []
    missing = [p for p in doc.pages if p.ocr is not None and p.ocr.problem]
    if missing:
        pages = ", ".join(str(p.number) for p in missing)
        findings.append(Finding(FindingCode.OCR_UNAVAILABLE, f"page(s) {pages}: no usable text layer, and OCR could not read them: {missing[0].ocr.problem}",
                                None, None, Provenance(missing[0].number, None, "pdf.ocr")))
    lost = [p for p in doc.pages if p.ocr is not None and p.ocr.lost_text and p.ocr.confidence is not None]
    if lost:
        pages = ", ".join(str(p.number) for p in lost)
        mean = sum(p.ocr.confidence for p in lost) / len(lost)
        findings.append(Finding(FindingCode.UNREADABLE_TEXT, f"page(s) {pages}: the fonts map many glyphs to no letters (damaged font "
                                f"resources?); their text was read by OCR from the page image instead (mean word confidence "
                                f"{mean:.2f}): check it against the page", None, None, Provenance(lost[0].number, None, "pdf.ocr")))
    for p in doc.pages:
        if p.ocr is not None and p.ocr.confidence is not None and p.lines and p.ocr.confidence < LOW_CONFIDENCE:
            findings.append(Finding(FindingCode.OCR_LOW_CONFIDENCE, f"page {p.number}: read by OCR with a mean word confidence of "
                                    f"{p.ocr.confidence:.2f} (below {LOW_CONFIDENCE:.2f}); check its records against the scan",
                                    None, None, Provenance(p.number, None, "pdf.ocr")))
    return findings
