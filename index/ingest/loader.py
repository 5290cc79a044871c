"""Read corpus files into plain text lines: detect the encoding, strip HTML and Markdown markup."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from index.errors import IngestError
from index.ingest.names import full_name

SUFFIXES = (".txt", ".md", ".html", ".htm")
# Block-level tags end a line; headings are remembered so the structure parser can use them.
_BLOCK = {"p", "div", "br", "li", "tr", "section", "article", "header", "footer", "table", "ul", "ol", "dd", "dt",
          "figure", "figcaption", "blockquote", "main", "center", "pre", "hr", "td", "th", "caption"}
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "noscript", "template", "head", "nav", "aside", "form", "button", "select",
         "iframe", "svg", "object"}
# Site chrome marked by class or id (menus, breadcrumbs, share bars, related links, footers): skipped
# with everything inside. "header"/"top" are left alone: article headers hold the title and time.
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|share|related|sidebar|copyright|toolbar|"
    r"fontsize|font-size|print|bdsharebuttonbox)(?:$|[\s_-])",
    re.IGNORECASE,
)
# "Related" blocks are mostly links to other pages, but a portal may print a whole related article in one (a notice
# and the news of the meeting that decided it): read tentatively, kept only when it holds prose.
_RELATED_CLASS = re.compile(r"(?:^|[\s_-])related(?:$|[\s_-])", re.IGNORECASE)
_PROSE_LINES = 2


def holds_prose(lines: Iterable[str]) -> bool:
    """Two or more paragraphs of 30 characters or more with a full stop: an article, not a list of links."""
    return sum(1 for line in lines if "。" in line and len(line) >= 30) >= _PROSE_LINES


_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}
# A source line break between two CJK characters is layout, not a space (CSS segment-break rule).
_CJK = "\u2018-\u201d\u2026\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \\t]*[\\r\\n][ \\t\\r\\n]*(?=[{_CJK}])")
HEADING_MARK = "\x00H"  # prefix on a line that the source marked as a heading
ITEM_MARK = "\x00I"  # prefix on a line that the source marked as a list item: never a heading, however short


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
    # Short texts sometimes rank as the wrong CJK code page. Han characters read with the right one
    # are mostly that code page's everyday (level-1) characters; with the wrong one they are rare
    # characters, so the Chinese reading with the most everyday characters wins (GB18030 on a tie:
    # the corpus is simplified Chinese).
    scored = [(_everyday_share(text, enc), enc == "gb18030", -i, enc, text)
              for i, (enc, text) in enumerate(decoded) if enc in _LEVEL1_LEADS]
    if scored and max(scored)[0] > 0:
        *_, enc, text = max(scored)
        return text, enc
    return decoded[0][1], decoded[0][0]


def _normal_encoding(encoding: str) -> str:
    # GB2312 and GBK are subsets of GB18030, so decoding with the superset loses nothing.
    low = (encoding or "").lower().replace("_", "").replace("-", "")
    if low in {"gb2312", "gbk", "gb18030", "hz", "cp936", "euccn"}:
        return "gb18030"
    return encoding or ""


# Lead bytes of each code page's level-1 (everyday) Han characters.
_LEVEL1_LEADS = {"gb18030": (0xB0, 0xD7, "gb2312"), "big5": (0xA4, 0xC6, "big5")}


def _everyday_share(text: str, encoding: str) -> float:
    """Share of the Han characters that are level-1 characters of the code page (GB2312 or Big5)."""
    low, high, table = _LEVEL1_LEADS[encoding]
    han = [c for c in text[:20000] if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    common = 0
    for c in han:
        try:
            b = c.encode(table)
        except UnicodeEncodeError:
            continue
        common += low <= b[0] <= high
    return common / len(han)


def _looks_like_text(text: str) -> bool:
    bad = sum(1 for ch in text[:20000] if (ord(ch) < 32 and ch not in "\r\n\t\f") or ch == "\ufffd")
    return bad <= max(2, len(text[:20000]) // 200)


# A list item's number the parser added, before a number the item's own text gives.
_OWN_NUMBER = re.compile(r"^\d+\. (?=\d{1,3}[.．、)）]|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+)")


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.skip = 0
        self.heading = False
        self.title: list[str] = []
        self.in_title = False
        self.chrome: list[list] = []  # [tag, depth] of a chrome element being skipped
        self.related: list[list] = []  # [tag, depth, first line] of a "related" block read tentatively
        self.tables: list[dict] = []  # open tables: where their lines start, where each row ends, nesting
        self.row_heads: set[int] = set()  # lines that came from a <th> cell
        # Open lists, innermost last: the next number of an <ol> (None for a <ul>). A browser shows an ordered
        # list's numbers; they are part of what the page says ("第五项"), so the text keeps them.
        self.lists: list[int | None] = []
        self.item = False  # the text being read is a list item's
        self.unlinked = False  # ...and some of it is no link's text (a menu's items are links, all of them)
        self.links = 0  # open <a> elements
        self.line_links = 0  # links begun in the line being read
        self.link_chars = 0  # ...and the characters of their text

    def _flush(self) -> None:
        # Source line breaks inside a block are layout: collapse them as a browser would.
        line = re.sub(r"[ \t\r\n\f\v]+", " ", _CJK_BREAK.sub("", "".join(self.buf))).strip()
        line = _OWN_NUMBER.sub("", line)  # "<li>（一）…</li>": the item numbers itself; no second number
        if line and not self.heading and _links_only(line, self.line_links, self.link_chars):
            line = ""  # a bar of links ("某县政府 无障碍浏览 长者模式 English"): the site's, not the page's words
        self.line_links = self.link_chars = 0
        if line:
            item = self.item and self.unlinked and not self.heading
            self.lines.append((HEADING_MARK if self.heading else ITEM_MARK if item else "") + line)
        self.buf = []
        self.item = False
        self.unlinked = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        if self.chrome:
            if tag == self.chrome[-1][0] and tag not in _VOID:
                self.chrome[-1][1] += 1
            return
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        if self.related and tag == self.related[-1][0] and tag not in _VOID:
            self.related[-1][1] += 1
        if tag not in _VOID and tag not in ("html", "body") and marks and _CHROME_CLASS.search(marks):
            self._flush()
            if _RELATED_CLASS.search(marks) and not _CHROME_CLASS.search(_RELATED_CLASS.sub(" ", marks)):
                self.related.append([tag, 1, len(self.lines)])
            else:
                self.chrome.append([tag, 1])
                return
        if tag == "a":
            self.links += 1
            self.line_links += 1
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK or tag in _HEADING:
            self._flush()
            self.heading = tag in _HEADING
            if tag in ("ol", "ul"):
                start = next((v for k, v in attrs if k == "start"), None)
                self.lists.append((int(start) if start and start.isdigit() else 1) if tag == "ol" else None)
            elif tag == "li":
                self.item = True
                if self.lists and self.lists[-1] is not None:
                    self.buf.append(f"{self.lists[-1]}. ")
                    self.lists[-1] += 1
            if tag == "table":
                if self.tables:
                    self.tables[-1]["nested"] = True  # a layout table: its cells stay lines of their own
                self.tables.append({"start": len(self.lines), "rows": [], "nested": False})

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if self.chrome:
            if tag == self.chrome[-1][0]:
                self.chrome[-1][1] -= 1
                if not self.chrome[-1][1]:
                    self.chrome.pop()
            return
        if tag == "a":
            self.links = max(0, self.links - 1)
        if self.related and tag == self.related[-1][0]:
            self.related[-1][1] -= 1
            if not self.related[-1][1]:
                self._flush()
                start = self.related.pop()[2]
                if not holds_prose(self.lines[start:]):
                    del self.lines[start:]  # links to other pages: chrome after all
                    self.row_heads = {i for i in self.row_heads if i < start}
                return
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK or tag in _HEADING:
            self._flush()
            self.heading = False
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()
            if tag == "th" and self.lines:
                self.row_heads.add(len(self.lines) - 1)
            if tag == "caption" and self.tables and len(self.lines) > self.tables[-1]["start"]:
                # "征地补偿费用测算表": the table's title heads it; it is no cell of its first row.
                self.lines[-1] = HEADING_MARK + self.lines[-1].removeprefix(HEADING_MARK)
                self.tables[-1]["start"] = len(self.lines)
            if tag == "tr" and self.tables:
                self.tables[-1]["rows"].append(len(self.lines))
            elif tag == "table" and self.tables:
                table = self.tables.pop()
                if not table["nested"]:
                    self.lines[table["start"]:] = _table_lines(self.lines, table["start"], table["rows"],
                                                               self.row_heads)
                    # The table's lines were rewritten: the key cells it marked are no indices of lines any more
                    # (kept, they would mark lines of the next table on the page as keys).
                    self.row_heads = {i for i in self.row_heads if i < table["start"]}

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip and not self.chrome:
            if self.buf and not data.strip() and "\n" in data:
                # Whitespace between two elements ("<span>来源：X</span>\n<span>作者：Y</span>") separates
                # them as a space; only a line break inside running text is a CJK line wrap.
                data = " "
            self.buf.append(data)
            if self.links:
                self.link_chars += len(re.sub(r"\s", "", data))
            # A list item is text, never a heading, however short ("年满80周岁"), unless all of it is links: a
            # menu's or a list of related pages', left to the heading rules.
            self.unlinked = self.unlinked or (self.item and not self.links and bool(data.strip()))


# The key of a table's first row that gives the table a title ("留言标题", "来信题目").
_TITLE_KEYS = ("标题", "题目", "主题")
# A data table's cells are short; a layout table's hold whole paragraphs.
_CELL_MAX = 30


def _paragraph_cell(cell: str) -> bool:
    """A cell that holds a paragraph, as a layout table's do: longer than a data cell and a sentence, or twice as long
    ("桩号K7+800至K14+600段绿道路面、护栏、照明，含木栈道约1.2公里" is a lot's content, still a data cell)."""
    return len(cell) > _CELL_MAX and (bool(re.search(r"[。！？!?]", cell)) or len(cell) > 2 * _CELL_MAX)
_UNIT_HEADER = re.compile(r"^(.+?)[（(]([^）)]{1,4})[）)]$")


def _table_lines(lines: list[str], start: int, row_ends: list[int], row_heads: set[int] = frozenset()) -> list[str]:
    """A data table's rows read as sentences, each cell with its column's header ("特困人员：个人应缴420元，资助金额
    420元。"), so that a row is one passage that says what its numbers are; a table of fields, each row a <th> key
    and its value ("留言人 | 网友某某"), reads as "key：value" lines; a table that is neither (a single row or
    column, long cells, ragged rows) keeps its cells as lines."""
    rows, at, keyed, paired = [], start, True, True
    for end in row_ends:
        if end > at:
            rows.append([c.removeprefix(HEADING_MARK) for c in lines[at:end]])
            # A value broken by <br> (a reply, then its signer's post and name) is still that key's.
            keyed = keyed and end - at >= 2 and at in row_heads and not any(k in row_heads for k in range(at + 1, end))
            # "姓名 | 张三 | 职务 | 局长": a row of key and value pairs, each key a <th>.
            paired = paired and (end - at) % 2 == 0 and all((k - at) % 2 == 0 for k in range(at, end) if k in row_heads) \
                and all(k in row_heads for k in range(at, end, 2))
        at = end
    if rows and paired and not keyed and at == len(lines):
        return [f"{row[k]}：{row[k + 1]}" for row in rows for k in range(0, len(row), 2)]
    if len(rows) >= 2 and keyed and at == len(lines):
        out = [line for key, value, *more in rows for line in (f"{key}：{value}", *more)]
        if rows[0][0].strip().endswith(_TITLE_KEYS):
            # A table per letter that opens with its title ("留言标题 | …"): the title heads the letter, as the page
            # shows it, so that a page of letters reads as letters in order.
            out[0] = HEADING_MARK + rows[0][1]
        return out
    cells = lines[start:]
    if at != len(lines):
        return cells
    if all(_FIELD_CELL.match(c) for r in rows for c in r):
        return cells  # "索引号：… | 发布机构：…": each cell is a field of its own, no column's value
    rows = _spanned(rows)
    grouped = grouped_rows(rows)
    if grouped:
        return grouped
    if len(rows) < 2 or len({len(r) for r in rows}) != 1 or len(rows[0]) < 2:
        return cells
    if any(_paragraph_cell(c) for r in rows for c in r):
        headed = row_ends and all(k in row_heads for k in range(start, row_ends[0]))
        return _rows_of_texts(rows) if headed and _names_columns(rows) else cells
    return rows_as_sentences(rows)


# A cell that holds a key and its value ("发布机构：某县统计局").
_FIELD_CELL = re.compile(r"^\s*[^：:\s]{1,8}\s*[：:]\s*\S")
_HEADER_MAX = 10  # a column's name: "原条文", "修改说明", never a sentence


def _names_columns(rows: list[list[str]]) -> bool:
    """The first row names the columns (short names, no sentence), over two rows or more."""
    return len(rows) >= 3 and all(0 < len(h) <= _HEADER_MAX and not re.search(r"[。！？!?，,]", h) for h in rows[0])


def _rows_of_texts(rows: list[list[str]]) -> list[str]:
    """A table whose header names its columns and whose cells hold whole texts (a revision's comparison table:
    原条文 | 修改后条文 | 修改说明): each row one passage, each cell after its column's name, so that a row's old text,
    new text and reason are read together."""
    header = rows[0]
    # Each row an item (as a table of fields' lines are): "原条文：…" is a column's name, never a speaker's label.
    return [ITEM_MARK + "".join(f"{h}：{c.strip()}" + ("" if c.strip().endswith(_SENTENCE_CLOSE) else "。")
                                for h, c in zip(header, row) if c.strip())
            for row in rows[1:]]


def _spanned(rows: list[list[str]]) -> list[list[str]]:
    """Rows shorter than the header, after it, laid out as a spanning cell reads: the row's label spans the leading
    columns and its figures stand under the last ones ("合计 | 9150.55 | —" under five columns: the total is the
    fourth column's). A single cell (a group row, a note) stays as it is."""
    if len(rows) < 3 or any(len(r) > len(rows[0]) for r in rows):
        return rows
    width = len(rows[0])
    return [r if k == 0 or len(r) >= width or len(r) < 2 else [r[0], *[""] * (width - len(r)), *r[1:]]
            for k, r in enumerate(rows)]


_GROUP_MAX = 60  # a group row names a kind of rows ("一、产业项目（9个）"): a title, no paragraph


def grouped_rows(rows: list[list[str]]) -> list[str]:
    """A data table whose rows are grouped by rows that span all its columns ("一、产业项目（9个）" between the
    projects): each group row a heading, each data row under it a sentence with its headers; [] for any other
    table. A single-cell row after the last data row is a note, read as a line."""
    if len(rows) < 3 or len(rows[0]) < 2:
        return []
    width = len(rows[0])
    data = [r for r in rows[1:] if len(r) == width]
    groups = [k for k, r in enumerate(rows) if k and len(r) == 1]
    if not groups or len(data) < 2 or len(data) + len(groups) != len(rows) - 1 \
            or any(_paragraph_cell(c) for r in [rows[0], *data] for c in r) \
            or any(len(rows[k][0]) > _GROUP_MAX for k in groups):
        return []
    out: list[str] = []
    pending: list[list[str]] = []
    for row in rows[1:]:
        if len(row) == width:
            pending.append(row)
            continue
        if pending:
            out.extend(rows_as_sentences([rows[0], *pending]))
            pending = []
        out.append(row[0])  # decided below: a heading when data rows follow it
    if pending:
        out.extend(rows_as_sentences([rows[0], *pending]))
    titles = {rows[k][0] for k in groups}
    # A group row heads the data rows after it; one with none after it (a note under the table) is a line. A data row
    # is an item of its group's list, never a heading; what follows the table is no item of the last group.
    last_data = max(k for k, line in enumerate(out) if line not in titles)
    if not any(line in titles for line in out[:last_data]):
        return out  # no group row before the data: a table with a note under it, its rows read as before
    return [HEADING_MARK + line if line in titles and k < last_data else line if line in titles else ITEM_MARK + line
            for k, line in enumerate(out)]


_UNIT_COLUMN = re.compile(r"^(?:计量)?单位$")
_NO_VALUE = re.compile(r"[—–\-－/／]+|无|空")
_BODY_ENDS = ("局", "委", "办", "院", "所", "站", "处", "队", "社")
# A first column that only numbers the rows ("序号"): no name for the row.
_ROW_NUMBER_HEADER = re.compile(r"^(?:序号|编号|序|No\.?|#)$", re.I)
# A first column that names people ("姓名", a word for a person: "来访人（批次）", "竞争者", "委员"): its rows tell of a
# person; "NAME：" would read as their words.
_PERSON_HEADER = re.compile(r"^(?:姓\s*名|名字|[\u4e00-\u9fff]{0,6}(?:人|者|员))(?:[（(][^）)]{1,8}[)）])?$")


def rows_as_sentences(rows: list[list[str]]) -> list[str]:
    """A data table (header row first) as one sentence per row: its first named cell, then every other cell with
    its column's header."""
    if _ROW_NUMBER_HEADER.match(rows[0][0].strip()) and len(rows[0]) > 2:
        rows = [r[1:] for r in rows]
    header, out = rows[0], []
    # A first column of people, by its header or by every row's first cell being a person's full name (a page's
    # table of its leaders and what each is in charge of): "NAME：" would read as their words.
    people = bool(_PERSON_HEADER.match(header[0].strip())) or len(rows) > 2 and all(
        full_name(r[0].strip()) for r in rows[1:])
    # A column of units ("单位": 个, 万元) says what each figure of its row counts: "2027年20个".
    # ("单位" may also head the bodies of a contact list: a unit is a word of a few characters, no body's name.)
    units = next((k for k, name in enumerate(header) if k and _UNIT_COLUMN.match(name.strip())
                  and all(len(r[k]) <= 3 and not r[k].endswith(_BODY_ENDS) for r in rows[1:])), 0)
    for row in rows[1:]:
        parts = []
        for k, (name, value) in enumerate(zip(header[1:], row[1:]), 1):
            if units and k == units or _NO_VALUE.fullmatch(value) or not value.strip():
                continue  # the units column is said with each figure; a dash says the row has no value there
            unit = _UNIT_HEADER.match(name)
            figure = re.fullmatch(r"[\d.,%]+", value)
            if unit and figure:
                parts.append(f"{unit.group(1)}{value}{unit.group(2)}")  # "个人应缴（元）" 420 → "个人应缴420元"
            elif figure and units:
                parts.append(f"{name}{value}{row[units]}")
            else:
                parts.append(f"{name}{value}" if figure else f"{name}：{value}")
        # "邓某明，工作单位：…，职称：教授。": a row of a list of people says who they are, in no one's voice.
        head = "，" if people else "："
        out.append(f"{row[0]}{head}" + "，".join(parts) + "。")
    return out


# A line of links is the site's chrome when most of it is the text of two links or more and it says nothing in a
# sentence: a top bar, a menu, a row of buttons that no class name marks as such.
_LINK_SHARE = 0.5


def _links_only(line: str, links: int, link_chars: int) -> bool:
    """A line made of links and little else, with no sentence in it."""
    if links < 2 or re.search(r"[。！？!?；;]", line):
        return False
    return link_chars >= _LINK_SHARE * len(re.sub(r"\s", "", line))


def html_to_lines(html: str) -> tuple[list[str], str]:
    """Visible text of an HTML page as lines (headings marked) and the page <title>."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.lines, "".join(parser.title).strip()


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_MD_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_MD_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|>|\d{1,3}[.．、)]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\|)")
# A number written as a keycap emoji ("1️⃣", "2⃣"), as posters and chat messages number their steps.
_KEYCAP = re.compile(r"^(\s*)(\d)\ufe0f?\u20e3\s*")
_MD_FIELD = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[：:]")
_MD_ITEM = re.compile(r"^\s*(?:>\s*)?(?:[-*+]\s+|\d{1,3}[.．、)]\s*)\S")
# A line ending like this closes its sentence; without it, the next line continues a hard-wrapped one.
_SENTENCE_CLOSE = tuple("。!?！？;；:：…”’」』)）")


def _md_inline(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_TAG.sub("", line)
    for _ in range(2):  # nested **_x_**
        line = _MD_EMPHASIS.sub(r"\2", line)
    return _MD_ESCAPE.sub(r"\1", line)


def markdown_to_lines(text: str) -> list[str]:
    """Markdown as plain lines: headings marked, markup reduced to text, hard-wrapped lines joined."""
    lines: list[str] = []
    joinable = False  # the last line is paragraph text that a wrapped next line continues
    raw_lines = text.splitlines()
    if raw_lines and raw_lines[0].strip() == "---":  # YAML front matter
        end = next((i for i, x in enumerate(raw_lines[1:], 1) if x.strip() in ("---", "...")), None)
        if end is not None:
            raw_lines = raw_lines[end + 1:]
    in_fence = False
    for raw in raw_lines:
        if _MD_FENCE.match(raw):
            in_fence = not in_fence
            joinable = False
            continue
        if in_fence or not raw.strip():
            joinable = False
            continue
        m = _MD_HEADING.match(raw)
        if m:
            lines.append(HEADING_MARK + _md_inline(m.group(1)))
            joinable = False
            continue
        if _MD_SETEXT.match(raw) and joinable and lines:
            lines[-1] = HEADING_MARK + lines[-1]
            joinable = False
            continue
        if _MD_RULE.match(raw):
            joinable = False
            continue
        raw = _KEYCAP.sub(r"\1\2. ", raw)  # "1️⃣ 线上申请": a numbered item, as "1. 线上申请" is
        block_start = bool(_MD_BLOCK_START.match(raw))
        # "- 补贴标准：每人3000元", "1. 登录小程序": an item of a list, short and unpunctuated as it may be.
        item = bool(_MD_ITEM.match(raw))
        # A blockquote's blank line (">" alone) is no text: the marker goes whether or not a space follows it.
        line = _md_inline(re.sub(r"^\s*(?:[-*+]\s+|>\s*)", "", raw)).strip()
        if not line:
            continue
        # "来源：…" / "审核：…" / "责编：…" on lines of their own: fields, each its own line, never one wrapped line.
        block_start = block_start or bool(_MD_FIELD.match(line))
        if joinable and not block_start and lines and not lines[-1].endswith(_SENTENCE_CLOSE):
            # Chinese joins without a space; Latin words keep one.
            sep = " " if re.match(r"[A-Za-z0-9]", line) and re.search(r"[A-Za-z0-9,.]$", lines[-1]) else ""
            lines[-1] += sep + line
        else:
            lines.append((ITEM_MARK if item else "") + line)
        joinable = True
    return lines


def read_file(path: Path, max_bytes: int) -> tuple[RawText, list[str]]:
    """Read one corpus file into decoded text and its lines; IngestError on anything unreadable."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise IngestError(f"{name}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:g} MB limit (BOT_MAX_FILE_MB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{name}: cannot read ({exc.strerror or exc})") from None
    text, encoding = decode(data, name)
    raw = RawText(path=path, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        lines, raw.title_hint = html_to_lines(text)
        # A form's keys set out letter by letter: one word each. (Not in a plain text's header lines, which the
        # article reader tells from the body by their layout.)
        lines = [_SPACED_KEY.sub(_unspaced, line) for line in lines]
    elif suffix == ".md":
        lines = text_tables(markdown_to_lines(text))
    else:
        # Text copied from a web page or a chat keeps its bold marks ("**记者：…？**"): markup, not words.
        lines = text_tables([_KEYCAP.sub(r"\1\2. ", _BOLD.sub(r"\1", line)) for line in text.splitlines()])
    return raw, lines


# A field's key set out letter by letter, as official forms align them ("联 系 人：", "地　　址："): one word.
_SPACED_KEY = re.compile(r"^(?P<pre>[^\u4e00-\u9fff]{0,4})(?P<key>[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,5})"
                         r"(?P<colon>[ \u3000]*[：:])")


def _unspaced(m: re.Match) -> str:
    return m.group("pre") + re.sub(r"[ \u3000]+", "", m.group("key")) + "："


def text_tables(lines: list[str]) -> list[str]:
    """Tables typed in a text or Markdown file ("| 指标 | 2027年 | 牵头单位 |" rows, or cells set apart by tabs or
    wide spaces) read as the rows of an HTML table are: one sentence per row, each cell with its column's header.
    A run of at least three rows (two for bars) of the same number of short cells is a table; anything else stays
    as it is."""
    out, i = [], 0
    while i < len(lines):
        aligned = _aligned_run(lines, i)
        if aligned:
            out.extend(rows_as_sentences(aligned))
            i += len(aligned)
            continue
        if _BOX_RULE.match(lines[i].strip()):
            i += 1  # the top rule of a drawn table ("┌──┬──┐"), or a rule standing alone: no words
            continue
        run, j, kind, ruled, groups = [], i, None, False, []
        while j < len(lines):
            cells, k = _cells(lines[j])
            if cells is None and k == "rule" and run:
                ruled = ruled or len(run) == 1
                j += 1  # "|---|---|" under the header
                continue
            if k == "group" and kind == "bar" and ruled:
                groups.append(j)  # "| 一、产业项目 | | |" between data rows: a group row, read by grouped_rows
                run.append(cells)
                j += 1
                continue
            if cells is None or (run and (k != kind or len(cells) != len(run[0]))):
                break
            run.append(cells)
            kind = k
            j += 1
        grouped = grouped_rows(run) if groups else []
        if grouped:
            out.extend(grouped)
            i = j
            continue
        if groups:  # not a grouped table after all: it ends before its first group row
            j = groups[0]
            run = run[:next(n for n, r in enumerate(run) if len(r) == 1)]
        if len(run) >= 3 and ruled and len(run[0]) == 2 and all(len(c) <= _CELL_MAX for c in run[0]):
            # "| 项目 | 内容 |" over "| 事项名称 | 某某申领 |": a table of fields, each row its key and its value.
            # Each row a line the parser never reads as a heading, however short.
            out.extend(f"{ITEM_MARK}{key}：{value}" for key, value in run[1:])
            i = j
        elif len(run) >= (2 if kind == "bar" else 3) + 1 and len(run[0]) >= 3 \
                and all(len(c) <= _CELL_MAX for r in run for c in r):
            # A drawn table's rows are marked as items: "初中：学校数31，…" is a row, never a speaker's label.
            # (Rows of "|" and spaced tables keep the reading they have had; marking them too is untried.)
            drawn = any(_BOX_BAR in line for line in lines[i:j])
            out.extend((ITEM_MARK if drawn else "") + row for row in rows_as_sentences(run))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


_RULE_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")
# A table drawn with box characters, as word processors and yearbooks type them: "┌──┬──┐", "├──┼──┤" and
# "└──┴──┘" are its rules, "│" its bars.
_BOX_RULE = re.compile(r"^\s*[┌├└┏┣┗╔╠╚╒╞╘╓╟╙][─━═┄┅┈┉\s]*(?:[┬┼┴┳╋┻╦╬╩╤╪╧╥╫╨][─━═┄┅┈┉\s]*)*[┐┤┘┓┫┛╗╣╝╕╡╛╖╢╜]\s*$")
# A short cell set out letter by letter to fill its column ("小　学", "类　别"): one word; the spaces go.
_LETTER_SPACED = re.compile(r"[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,5}")


def _unspaced_cell(cell: str) -> str:
    """A cell without the spaces that set its few characters out letter by letter ("小　学" → "小学")."""
    return re.sub(r"[ \u3000]+", "", cell) if _LETTER_SPACED.fullmatch(cell) else cell


_BOX_BAR = "│"
_BOX_BARS = str.maketrans({"│": "|", "┃": "|", "║": "|"})
_WIDE_GAP = re.compile(r"\t+|[ \u3000]{2,}")
_ANY_GAP = re.compile(r"[\t \u3000]+")


def _aligned_run(lines: list[str], i: int) -> list[list[str]]:
    """A table laid out with spaces whose narrow columns are set apart by a single full-width space ("序号　姓名　　
    工作单位　　　　职称"): the rows from line i, split at every space, when a header and at least two rows have the
    same number (three or more) of short cells and the run is laid out (most of its lines hold a wide gap); [] for
    anything else. Split at wide gaps only, such a table's header and first row count a cell fewer than its other
    rows, and its second row would be read as the header."""
    run: list[list[str]] = []
    wide = 0
    for line in lines[i:]:
        raw = line.removeprefix(HEADING_MARK).strip()
        cells = _ANY_GAP.split(raw) if raw else []
        if len(cells) < 3 or (run and len(cells) != len(run[0])) or "|" in raw or "｜" in raw \
                or any(len(c) > _CELL_MAX or c.endswith(("。", "；", "！", "？", "，")) for c in cells):
            break
        run.append(cells)
        wide += bool(_WIDE_GAP.search(raw))
    if len(run) < 3 or 2 * wide < len(run):
        return []
    # Split at wide gaps alone, the run is already a table of this many columns: text_tables reads it as before.
    if all((_cells(line)[0] or []) == cells for line, cells in zip(lines[i:], run)):
        return []
    return run


def _cells(line: str) -> tuple[list[str] | None, str]:
    """A table row's cells and how they are set apart ("bar", "gap"), or None ("rule" for a header's rule)."""
    raw = line.removeprefix(HEADING_MARK).strip()
    if _RULE_ROW.match(raw) or _BOX_RULE.match(raw):
        return None, "rule"
    raw = raw.translate(_BOX_BARS)
    if raw.count("|") + raw.count("｜") >= 2:
        cells = [_unspaced_cell(c.strip()) for c in re.split(r"[|｜]", raw.strip("|｜ "))]
        named = [c for c in cells if c]
        if len(named) == 1 and cells[0]:
            return [cells[0]], "group"  # one cell spans the row: a group row, if it stands inside a table
        # Two cells make a row only in a table with a header rule (text_tables checks): "A | B" alone is text.
        return (cells, "bar") if len(cells) >= 2 and all(cells) else (None, "")
    cells = [c for c in _WIDE_GAP.split(raw) if c]
    # Cells of a gap table hold no sentence: a line whose parts end in 。 is prose laid out with spaces.
    if len(cells) >= 3 and not any(c.endswith(("。", "；", "！", "？")) for c in cells):
        return cells, "gap"
    return None, ""


# Only paired ** (narrower than _MD_EMPHASIS): in plain text a lone * or _ is a character of the text.
_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")


def corpus_files(folder: Path) -> list[Path]:
    """The readable documents of a corpus folder, sorted; IngestError when there are none."""
    if not folder.exists():
        raise IngestError(f"corpus folder {folder} does not exist")
    if not folder.is_dir():
        raise IngestError(f"corpus folder {folder} is not a folder")
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    if not files:
        raise IngestError(f"corpus folder {folder} holds no documents ({', '.join(SUFFIXES)})")
    return files
