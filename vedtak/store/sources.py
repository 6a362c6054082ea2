"""Where board papers come from: local files, folders and globs; PDF URLs; HTML listing pages.

HTTP downloads go to a content-addressed cache (`blobs/<sha256[:2]>/<sha256>.pdf`) with an index
per URL holding its ETag / Last-Modified, so the next fetch is a conditional GET and an
unchanged source answers 304 without a body.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

from vedtak.errors import InputError

PDF_SUFFIXES = (".pdf",)
USER_AGENT = "vedtak (+https://github.com/) board-paper ingest"


@dataclass(frozen=True)
class SourceItem:
    """One document to fetch: an absolute local path or an http(s) URL."""

    location: str
    is_url: bool


@dataclass(frozen=True)
class Fetched:
    """A document on local disk, ready for extraction."""

    source: str
    path: str
    sha256: str
    fetched_at: dt.datetime
    not_modified: bool = False


@dataclass(frozen=True)
class Failure:
    """A source or file that could not be used, with one line saying why, and the kind of
    failure (`unreadable`, `limit`, `database`, `worker`: see QuarantinedFile)."""

    source: str
    reason: str
    sha256: str | None = None
    kind: str = "unreadable"


def is_url(spec: str) -> bool:
    """True for http:// and https:// sources."""
    return urlparse(spec).scheme in ("http", "https")


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _has_magic(spec: str) -> bool:
    return any(ch in spec for ch in "*?[")


def discover_local(spec: str) -> list[SourceItem] | Failure:
    """Files named by a local spec: a file, a folder (recursive, `*.pdf`) or a glob (`**` allowed)."""
    if _has_magic(spec):
        paths = sorted({str(Path(p).absolute()) for p in glob.glob(spec, recursive=True) if Path(p).is_file()})
        if not paths:
            return Failure(spec, f"{spec}: the pattern matches no file")
        return [SourceItem(p, False) for p in paths]
    path = Path(spec)
    if path.is_dir():
        found = sorted(str(p.absolute()) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PDF_SUFFIXES)
        return [SourceItem(p, False) for p in found]
    if path.is_file():
        return [SourceItem(str(path.absolute()), False)]
    return Failure(str(path), f"{path}: no such file or folder")


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def pdf_links(html: str, base_url: str) -> list[str]:
    """Absolute URLs of the PDF links on a listing page, in page order, without duplicates.

    `<a href="moter/ps-helse-1-25.pdf">Saksdokumenter</a>` on `https://x/no/styre/` ->
    `https://x/no/styre/moter/ps-helse-1-25.pdf`.
    """
    parser = _LinkParser()
    parser.feed(html)
    seen: dict[str, None] = {}
    for href in parser.links:
        url = urldefrag(urljoin(base_url, href)).url
        if urlparse(url).path.lower().endswith(PDF_SUFFIXES) and is_url(url):
            seen.setdefault(url, None)
    return list(seen)


# --- HTTP with a content-addressed cache ---------------------------------------------------


@dataclass(frozen=True)
class CachedResponse:
    """A body in the cache and how it was got."""

    url: str
    path: Path
    sha256: str
    content_type: str | None
    not_modified: bool


class DownloadCache:
    """Content-addressed blobs plus a per-URL index of validators (ETag, Last-Modified)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        (self.root / "blobs").mkdir(parents=True, exist_ok=True)
        (self.root / "index").mkdir(parents=True, exist_ok=True)

    def blob_path(self, sha: str, suffix: str = "") -> Path:
        """Where the body with this sha256 lives (`.pdf` kept so extractors see a PDF name)."""
        return self.root / "blobs" / sha[:2] / (sha + suffix)

    @staticmethod
    def _suffix(url: str, body: bytes) -> str:
        if body.startswith(b"%PDF") or urlparse(url).path.lower().endswith(".pdf"):
            return ".pdf"
        return ".html" if body.lstrip()[:1] == b"<" else ""

    def _index_path(self, url: str) -> Path:
        return self.root / "index" / (hashlib.sha256(url.encode()).hexdigest() + ".json")

    def entry(self, url: str) -> dict | None:
        """The index entry for a URL, if its blob is still there."""
        try:
            entry = json.loads(self._index_path(url).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entry if (self.root / entry.get("blob", "-")).exists() else None

    def _atomic_write(self, target: Path, data: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)

    def store(self, url: str, body: bytes, headers: dict[str, str]) -> CachedResponse:
        """Save a body and its validators; returns where it went."""
        sha = hashlib.sha256(body).hexdigest()
        blob = self.blob_path(sha, self._suffix(url, body))
        if not blob.exists():
            self._atomic_write(blob, body)
        entry = {
            "url": url,
            "sha256": sha,
            "blob": str(blob.relative_to(self.root)),
            "etag": headers.get("etag"),
            "last_modified": headers.get("last-modified"),
            "content_type": headers.get("content-type"),
            "fetched_at": dt.datetime.now(dt.UTC).isoformat(),
        }
        self._atomic_write(self._index_path(url), json.dumps(entry).encode())
        return CachedResponse(url, blob, sha, entry["content_type"], False)

    def get(self, url: str, client) -> CachedResponse:
        """GET a URL through the cache: conditional when validators are known, 304 -> cached body.

        4xx answers raise InputError (a bad source: not retried); 5xx and transport errors raise
        httpx errors (transient: the caller retries).
        """
        import httpx

        entry = self.entry(url)
        headers = {"User-Agent": USER_AGENT}
        if entry and entry.get("etag"):
            headers["If-None-Match"] = entry["etag"]
        if entry and entry.get("last_modified"):
            headers["If-Modified-Since"] = entry["last_modified"]
        response = client.get(url, headers=headers, follow_redirects=True)
        if response.status_code == 304 and entry:
            return CachedResponse(url, self.root / entry["blob"], entry["sha256"], entry.get("content_type"), True)
        if 400 <= response.status_code < 500:
            raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
        if response.status_code >= 500:
            raise httpx.HTTPStatusError(
                f"{url}: HTTP {response.status_code} {response.reason_phrase}", request=response.request, response=response
            )
        return self.store(url, response.content, {k.lower(): v for k, v in response.headers.items()})


DEFAULT_HTTP_TIMEOUT = 30.0


def http_client(timeout: float | None = None):
    """An httpx client for sources (HTTP/1.1, redirects followed per request).

    Timeout in seconds: the argument, else $VEDTAK_HTTP_TIMEOUT, else 30 s (a stalled source
    costs that much per attempt, retries included)."""
    import os

    import httpx

    if timeout is None:
        timeout = float(os.environ.get("VEDTAK_HTTP_TIMEOUT") or DEFAULT_HTTP_TIMEOUT)
    return httpx.Client(timeout=timeout)


def discover_url(url: str, cache: DownloadCache, client) -> list[SourceItem]:
    """A PDF URL is itself; any other URL is a listing page whose PDF links are followed."""
    if urlparse(url).path.lower().endswith(PDF_SUFFIXES):
        return [SourceItem(url, True)]
    page = cache.get(url, client)
    body = page.path.read_bytes()
    if body.startswith(b"%PDF"):
        return [SourceItem(url, True)]
    charset = "utf-8"
    if page.content_type and "charset=" in page.content_type:
        charset = page.content_type.split("charset=", 1)[1].split(";")[0].strip() or "utf-8"
    links = pdf_links(body.decode(charset, errors="replace"), url)
    return [SourceItem(link, True) for link in links]


def fetch(item: SourceItem, cache: DownloadCache, client=None) -> Fetched:
    """Bring one document to local disk (URLs through the cache) and hash it."""
    now = dt.datetime.now(dt.UTC)
    if not item.is_url:
        path = Path(item.location)
        if not path.is_file():
            raise InputError(item.location, "no such file")
        return Fetched(item.location, item.location, sha256_file(path), now)
    own = client is None
    client = client or http_client()
    try:
        got = cache.get(item.location, client)
    finally:
        if own:
            client.close()
    return Fetched(item.location, str(got.path), got.sha256, now, got.not_modified)


def discover_all(specs: list[str], cache_dir: str | Path | None) -> tuple[list[SourceItem], list[Failure]]:
    """Every document the specs name, in order and without duplicates, plus the specs that failed.

    Transient HTTP errors propagate (the flow's discover task retries); a 4xx listing is a Failure.
    The download cache (`cache_dir`) is opened only for URL specs.
    """
    items: dict[str, SourceItem] = {}
    failures: list[Failure] = []
    cache = client = None
    try:
        for spec in specs:
            if is_url(spec):
                if cache_dir is None:
                    raise ValueError(f"{spec}: a URL needs a download cache folder")
                cache = cache or DownloadCache(cache_dir)
                client = client or http_client()
                try:
                    found = discover_url(spec, cache, client)
                except InputError as exc:
                    failures.append(Failure(spec, str(exc)))
                    continue
                if not found:
                    failures.append(Failure(spec, f"{spec}: the listing page links to no PDF"))
            else:
                found = discover_local(spec)
                if isinstance(found, Failure):
                    failures.append(found)
                    continue
            for item in found:
                items.setdefault(item.location, item)
    finally:
        if client is not None:
            client.close()
    return list(items.values()), failures


def covers(spec: str, location: str) -> bool:
    """Whether a local spec names this absolute path: the file itself, a file under the folder
    (`*.pdf`, as `discover_local` finds them), or a match of the glob. URLs are never covered.

    `samples/pdf` covers `/abs/samples/pdf/helse_1-25.pdf`; `a/*.pdf` covers `/abs/a/x.pdf`.
    """
    if is_url(spec) or is_url(location):
        return False
    if _has_magic(spec):
        import fnmatch

        return fnmatch.fnmatchcase(location, str(Path(spec).absolute()))
    root = str(Path(spec).absolute())
    if location == root:
        return True
    return location.startswith(root.rstrip("/") + "/") and location.lower().endswith(PDF_SUFFIXES)
