"""Read corpus files into plain text lines: detect the encoding, strip HTML and Markdown markup."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import IngestError

SUFFIXES = (".txt", ".md", ".html", ".htm")
# Block-level tags end a line; headings are remembered so the structure parser can use them.
_BLOCK = {"p", "div", "br", "li", "tr", "section", "article", "header", "footer", "table", "ul", "ol", "dd", "dt"}
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "noscript", "template", "head", "nav"}
HEADING_MARK = "\x00H"  # prefix on a line that the source marked as a heading


@dataclass
class RawText:
    """A file's decoded text and facts about how it was read."""

    path: Path
    text: str
    encoding: str
    sha256: str
    title_hint: str = ""  # <title> of an HTML page


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes, detecting UTF-8 (with or without BOM) or the GB family; refuse binary data."""
    if not data.strip():
        raise IngestError(f"{name}: empty file")
    if b"\x00" in data[:4096]:
        raise IngestError(f"{name}: binary file (not text)")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = (best.encoding if best else "") or ""
    # GB2312 and GBK are subsets of GB18030, so decoding with the superset loses nothing.
    if encoding.lower().replace("_", "") in {"gb2312", "gbk", "gb18030", "hz", "cp936"}:
        encoding = "gb18030"
    candidates = [encoding] if encoding else []
    candidates += [e for e in ("gb18030", "big5") if e not in candidates]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text, enc
    raise IngestError(f"{name}: cannot detect the text encoding (not UTF-8 or GB18030)")


def _looks_like_text(text: str) -> bool:
    bad = sum(1 for ch in text[:20000] if (ord(ch) < 32 and ch not in "\r\n\t\f") or ch == "\ufffd")
    return bad <= max(2, len(text[:20000]) // 200)


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.skip = 0
        self.heading = False
        self.title: list[str] = []
        self.in_title = False

    def _flush(self) -> None:
        line = "".join(self.buf).strip()
        if line:
            self.lines.append((HEADING_MARK if self.heading else "") + line)
        self.buf = []

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK or tag in _HEADING:
            self._flush()
            self.heading = tag in _HEADING

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK or tag in _HEADING:
            self._flush()
            self.heading = False

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.buf.append(data)


def html_to_lines(html: str) -> tuple[list[str], str]:
    """Visible text of an HTML page as lines (headings marked) and the page <title>."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.lines, "".join(parser.title).strip()


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_INLINE = re.compile(r"(\*\*|__|`|!\[[^\]]*\]\([^)]*\))")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def markdown_to_lines(text: str) -> list[str]:
    """Markdown as plain lines: headings marked, emphasis and links reduced to their text."""
    lines = []
    for raw in text.splitlines():
        m = _MD_HEADING.match(raw)
        if m:
            lines.append(HEADING_MARK + m.group(1))
            continue
        line = _MD_LINK.sub(r"\1", raw)
        line = _MD_INLINE.sub("", line)
        line = re.sub(r"^\s*(?:[-*+]|>)\s+", "", line)
        lines.append(line)
    return lines


def read_file(path: Path, max_bytes: int) -> tuple[RawText, list[str]]:
    """Read one corpus file into decoded text and its lines; IngestError on anything unreadable."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"{name}: cannot read ({exc.strerror})") from None
    if size > max_bytes:
        raise IngestError(f"{name}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit (BOT_MAX_FILE_MB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{name}: cannot read ({exc.strerror})") from None
    text, encoding = decode(data, name)
    raw = RawText(path=path, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        lines, raw.title_hint = html_to_lines(text)
    elif suffix == ".md":
        lines = markdown_to_lines(text)
    else:
        lines = text.splitlines()
    return raw, lines


def corpus_files(folder: Path) -> list[Path]:
    """The readable documents of a corpus folder, sorted; IngestError when there are none."""
    if not folder.is_dir():
        raise IngestError(f"corpus folder {folder} does not exist")
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    if not files:
        raise IngestError(f"corpus folder {folder} holds no documents ({', '.join(SUFFIXES)})")
    return files
