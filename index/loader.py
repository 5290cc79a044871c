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
_BLOCK = {"p", "div", "br", "li", "tr", "section", "article", "header", "footer", "table", "ul", "ol", "dd", "dt",
          "figure", "figcaption", "blockquote", "main", "center", "pre", "hr", "td", "th"}
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "noscript", "template", "head", "nav", "aside", "form", "button", "select",
         "iframe", "svg", "object"}
# Whitespace the page source puts between two CJK characters is layout, not text.
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
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
    """Decode bytes, detecting UTF-8/UTF-16 (by BOM) or the GB family; refuse binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        data, bom = data[3:], "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(f"{name}: broken UTF-16 text") from None
        if not text.strip():
            raise IngestError(f"{name}: empty file")
        return text, "utf-16"
    else:
        bom = ""
    if not data.strip():
        raise IngestError(f"{name}: empty file")
    if b"\x00" in data[:4096]:
        raise IngestError(f"{name}: binary file (not text)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if bom:
            raise IngestError(f"{name}: starts with a UTF-8 mark but is not valid UTF-8") from None
    else:
        if not _looks_like_text(text):
            raise IngestError(f"{name}: binary file (not text)")
        return text, bom or "utf-8"
    from charset_normalizer import from_bytes

    matches = [m.encoding for m in from_bytes(data[:200_000])]
    candidates: list[str] = []
    for enc in [_normal_encoding(e) for e in matches] + ["gb18030", "big5"]:
        if enc and enc not in candidates:
            candidates.append(enc)
    decoded = []
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            decoded.append((enc, text))
    if not decoded:
        raise IngestError(f"{name}: cannot detect the text encoding (not UTF-8 or GB18030)")
    # Short GB texts sometimes rank as a Japanese or Korean code page; the corpus is Chinese, so a
    # GB18030 reading made of everyday simplified characters wins over a foreign best guess.
    best_enc, best_text = decoded[0]
    if best_enc not in ("gb18030", "big5"):
        for enc, text in decoded:
            if enc == "gb18030" and _common_hanzi_share(text) >= 0.8:
                return text, enc
    return best_text, best_enc


def _normal_encoding(encoding: str) -> str:
    # GB2312 and GBK are subsets of GB18030, so decoding with the superset loses nothing.
    low = (encoding or "").lower().replace("_", "").replace("-", "")
    if low in {"gb2312", "gbk", "gb18030", "hz", "cp936", "euccn"}:
        return "gb18030"
    return encoding or ""


def _common_hanzi_share(text: str) -> float:
    """Share of the Han characters that are in GB2312 level 1 (the 3,755 everyday characters)."""
    han = [c for c in text[:20000] if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    common = 0
    for c in han:
        try:
            b = c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 0xB0 <= b[0] <= 0xD7
    return common / len(han)


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
        # Source line breaks inside a block are layout: collapse them as a browser would.
        line = _CJK_GAP.sub("", re.sub(r"[ \t\r\n\f\v]+", " ", "".join(self.buf))).strip()
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
