"""Reading documents: .txt in any of the encodings Arabic text comes in,
.html through trafilatura, .jsonl one object a line, directories and stdin.

Every input yields `Doc`s lazily, in input order. A document that cannot be
read yields a `Doc` with empty text and a coded error; nothing raises past
this module for a bad document."""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from marsad.doc import Doc

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Error codes a document can carry. Those in UNREADABLE mean no text at all.
UNREADABLE = frozenset({"not_found", "unreadable", "binary", "too_large", "bad_json", "bad_record", "no_text"})


@dataclass
class Defaults:
    """What the command line says about documents that do not say it themselves."""

    published: str | None = None
    source: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


def is_unreadable(doc: Doc) -> bool:
    return any(e.code in UNREADABLE for e in doc.errors)


# --- decoding ------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str, list[tuple[str, str]]]:
    """Decode bytes of a text document.

    Returns (text, encoding, problems); problems are (code, message) pairs.
    Raises ValueError with code "binary" for data that is not text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", ""), []
            except UnicodeDecodeError:
                text = data.decode(enc, errors="replace")
                return text, enc, [("decode_replaced", f"invalid {enc} bytes replaced with U+FFFD")]
    if b"\x00" in data[:8192]:
        raise ValueError("binary")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    arabic_utf8 = len(_ARABIC_RE.findall(loose))
    # Mostly valid UTF-8 with a few broken bytes: keep UTF-8, say what was replaced.
    if arabic_utf8 and bad * 50 < len(loose):
        return loose, "utf-8", [("decode_replaced", f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD (first at byte {first_bad})")]
    legacy = data.decode("cp1256", errors="replace")
    if _ARABIC_RE.search(legacy) and len(_CONTROL_RE.findall(legacy)) * 100 < len(legacy):
        return legacy, "windows-1256", []
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # detection is best effort
        best = None
    if best is not None and best.encoding:
        text = str(best)
        if len(_CONTROL_RE.findall(text)) * 100 < max(len(text), 1):
            return text, best.encoding, []
    if len(_CONTROL_RE.findall(loose)) * 20 > len(loose):
        raise ValueError("binary")
    return loose, "utf-8", [("decode_replaced", f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD")]


def clean_text(text: str) -> str:
    """What every reader does to text as read: line ends as Python's text
    mode would give them, no stray NULs."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


# --- HTML -----------------------------------------------------------------------

def html_to_doc(doc_id: str, html: str | bytes) -> Doc:
    """Article text, title and date of an HTML page, offline, comments excluded."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html, include_comments=False, with_metadata=True, include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # a page trafilatura chokes on
        doc = Doc(doc_id, "")
        doc.add_error("no_text", f"HTML could not be parsed: {type(exc).__name__}: {exc}")
        return doc
    text = (result.text if result is not None else None) or ""
    if not text.strip():
        try:
            text = trafilatura.html2txt(html) or ""
        except Exception:
            text = ""
    doc = Doc(doc_id, clean_text(text).strip())
    if result is not None:
        doc.title = result.title or None
        doc.published = _iso_date(result.date)
    if not doc.text:
        doc.add_error("no_text", "no article text found in the HTML")
    return doc


# --- metadata --------------------------------------------------------------------

_ISO_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _iso_date(value: Any) -> str | None:
    if not value:
        return None
    value = str(value).strip()[:10]
    if not _ISO_RE.match(value):
        return None
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            return None
    return value


def check_published(value: str | None) -> str | None:
    """The ISO date given on the command line, or ValueError."""
    if value is None:
        return None
    iso = _iso_date(value)
    if iso is None or iso != value.strip():
        raise ValueError(f"--published must be an ISO date YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}")
    return iso


def _apply_defaults(doc: Doc, defaults: Defaults) -> Doc:
    if doc.published is None:
        doc.published = defaults.published
    if doc.source is None:
        doc.source = defaults.source
    return doc


# --- readers -------------------------------------------------------------------

def _read_bytes(path: Path, defaults: Defaults) -> bytes | Doc:
    """The file's bytes, or a Doc carrying why they could not be had."""
    try:
        size = path.stat().st_size
        if size > defaults.max_bytes:
            doc = Doc(path.stem, "")
            doc.add_error("too_large", f"{path}: {size} bytes is over the limit of {defaults.max_bytes} bytes (raise it with --max-bytes)")
            return doc
        return path.read_bytes()
    except OSError as exc:
        doc = Doc(path.stem, "")
        doc.add_error("unreadable", f"{path}: {exc.strerror or exc}")
        return doc


def read_text_file(path: Path, defaults: Defaults) -> Doc:
    data = _read_bytes(path, defaults)
    return data if isinstance(data, Doc) else text_doc(path.stem, data, defaults, str(path))


def text_doc(doc_id: str, data: bytes, defaults: Defaults, where: str) -> Doc:
    if not data:
        doc = _apply_defaults(Doc(doc_id, ""), defaults)
        doc.add_error("empty", f"{where}: the file is empty (0 bytes)")
        return doc
    try:
        text, encoding, problems = decode(data)
    except ValueError:
        doc = Doc(doc_id, "")
        doc.add_error("binary", f"{where}: binary data, not text")
        return doc
    doc = Doc(doc_id, clean_text(text))
    doc.encoding = encoding
    for code, message in problems:
        doc.add_error(code, f"{where}: {message}")
    if not doc.text.strip():
        doc.add_error("empty", f"{where}: no text (only white space)")
    return _apply_defaults(doc, defaults)


def read_html_file(path: Path, defaults: Defaults) -> Doc:
    data = _read_bytes(path, defaults)
    if isinstance(data, Doc):
        return data
    if not data.strip():
        doc = _apply_defaults(Doc(path.stem, ""), defaults)
        doc.add_error("empty", f"{path}: the file is empty")
        return doc
    return _apply_defaults(html_to_doc(path.stem, data), defaults)


def read_jsonl(stream: IO[str], name: str, defaults: Defaults) -> Iterator[Doc]:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        if len(line) > defaults.max_bytes:
            doc = Doc(f"{Path(name).stem}-{lineno}", "")
            doc.add_error("too_large", f"{where}: a line of {len(line)} characters is over the limit of {defaults.max_bytes}")
            yield doc
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            doc = Doc(f"{Path(name).stem}-{lineno}", "")
            doc.add_error("bad_json", f"{where}: not valid JSON ({exc.msg} at column {exc.colno})")
            yield doc
            continue
        yield jsonl_doc(obj, where, f"{Path(name).stem}-{lineno}", defaults)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _without_surrogates(obj: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The object with lone surrogates ("\\ud800" escapes, which JSON allows
    and UTF-8 cannot hold) in its string fields replaced by U+FFFD, and how
    many there were."""
    count = 0
    clean = dict(obj)
    for key, value in obj.items():
        if isinstance(value, str) and _SURROGATE_RE.search(value):
            clean[key], n = _SURROGATE_RE.subn("\ufffd", value)
            count += n
    return clean, count


def jsonl_doc(obj: Any, where: str, fallback_id: str, defaults: Defaults) -> Doc:
    if not isinstance(obj, dict):
        doc = Doc(fallback_id, "")
        doc.add_error("bad_record", f"{where}: expected a JSON object, got {type(obj).__name__}")
        return doc
    obj, surrogates = _without_surrogates(obj)
    doc_id = str(obj.get("id") or fallback_id)
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        doc = Doc(doc_id, clean_text(text))
    elif isinstance(html, str) and html.strip():
        doc = html_to_doc(doc_id, html)
    else:
        doc = Doc(doc_id, "")
        if text is None and html is None:
            doc.add_error("bad_record", f"{where}: the object has neither 'text' nor 'html'")
        else:
            doc.add_error("empty", f"{where}: empty text")
    if surrogates:
        doc.add_error("decode_replaced", f"{where}: {surrogates} lone surrogate escape(s) replaced with U+FFFD")
    for key in ("source", "url", "title"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            setattr(doc, key, value.strip())
    if obj.get("published") is not None:
        iso = _iso_date(obj.get("published"))
        if iso is None:
            doc.add_error("bad_published", f"{where}: 'published' is not an ISO date: {obj.get('published')!r}")
        else:
            doc.published = iso
    return _apply_defaults(doc, defaults)


def expand(paths: list[str]) -> Iterator[Path | str]:
    """Files to read, in order: directories recursively in sorted order
    (files of unknown type in them are passed over), '-' for stdin."""
    for p in paths:
        if p == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not any(part.startswith(".") for part in f.relative_to(path).parts):
                    yield f
        else:
            yield path


def read(paths: list[str], defaults: Defaults | None = None, on_bytes=None) -> Iterator[Doc]:
    """Every document of every input, in order. `on_bytes(n)` is told how
    many input bytes each document used (for progress bars)."""
    defaults = defaults or Defaults()
    for item in expand(paths):
        if item == "-":
            stdin = sys.stdin if sys.stdin.encoding and sys.stdin.encoding.lower().startswith("utf") else \
                open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False)
            yield from read_jsonl(stdin, "<stdin>", defaults)
            continue
        path = item
        kind = SUFFIXES.get(path.suffix.lower(), "text")
        if not path.exists():
            doc = Doc(path.stem, "")
            doc.add_error("not_found", f"{path}: no such file")
            yield doc
            continue
        size = path.stat().st_size
        if kind == "jsonl":
            with open(path, encoding="utf-8", errors="replace", newline="") as f:
                for doc in read_jsonl(f, str(path), defaults):
                    if on_bytes:
                        on_bytes(len(doc.text.encode("utf-8", "replace")))
                    yield doc
            continue
        doc = read_html_file(path, defaults) if kind == "html" else read_text_file(path, defaults)
        if on_bytes:
            on_bytes(size)
        yield doc


def total_bytes(paths: list[str]) -> int | None:
    """Input size for a progress bar; None when stdin is among the inputs."""
    total = 0
    for item in expand(paths):
        if item == "-":
            return None
        try:
            total += item.stat().st_size
        except OSError:
            pass
    return total
