"""Consistency check for the round-3 attribution gold set (stdlib only): anchors, sentences, registry, fields.

    python bench/eval/attribution3/check.py [--list]

It splits each document into sentences by the rule in ../attribution/README.md (its own splitter, not
the parser's), then checks that every anchor is 8-20 characters, occurs exactly once in its decoded
document and falls inside one body sentence, that no two anchors share a sentence, that every body
sentence has a label, and that the registry, metadata and label fields agree. `--list` prints every
sentence with its label. Exit status 1 if anything is wrong.
"""
from __future__ import annotations

import html
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
GENRES = {"article", "transcript", "interview", "webpage", "decision", "meeting"}
KINDS = {"statement", "narration", "question", "decision"}
ENDS = "。！？"
CLOSERS = "”’」）"
# Lines outside the body in plain-text documents: byline, source/date line, host line, closing 编辑 line.
CHROME = re.compile(r"^(来源|发布时间|时间：|地点：|作者|本报记者|记者　|编辑|责任编辑|主持人：[^。！？，]*$)")
# The element that holds an HTML page's body text.
BODY_TAG = re.compile(r"<(div|article|section)\b[^>]*(?:id|class)=\"[^\"]*(?:zoom|content|TRS_Editor)[^\"]*\"[^>]*>", re.I)


def read_doc(path: Path) -> str:
    """The document's text, decoded with the charset an HTML page declares (UTF-8 otherwise)."""
    raw = path.read_bytes()
    charset = "utf-8"
    if path.suffix == ".html":
        m = re.search(rb"<meta[^>]*charset=[\"']?([\w-]+)", raw, re.I)
        if m:
            charset = m.group(1).decode("ascii")
    return raw.decode(charset)


def split_sentences(line: str) -> list[str]:
    """Sentences of one line: ends at 。！？ (closing quotes kept), plus any unterminated remainder."""
    out, cur, i = [], "", 0
    while i < len(line):
        cur += line[i]
        if line[i] in ENDS:
            while i + 1 < len(line) and (line[i + 1] in CLOSERS or line[i + 1] in ENDS):
                i += 1
                cur += line[i]
            if cur.strip():
                out.append(cur.strip())
            cur = ""
        i += 1
    if cur.strip():
        out.append(cur.strip())
    return out


def _html_body_lines(text: str) -> list[str]:
    """Text of each <p> inside the page's body element."""
    m = BODY_TAG.search(text)
    if not m:
        raise ValueError("no body element")
    tag = m.group(1).lower()
    depth, pos = 1, m.end()
    opener, closer = re.compile(rf"<{tag}\b", re.I), re.compile(rf"</{tag}\s*>", re.I)
    while depth:
        o, c = opener.search(text, pos), closer.search(text, pos)
        if o and o.start() < c.start():
            depth, pos = depth + 1, o.end()
        else:
            depth, pos = depth - 1, c.end()
            end = c.start()
    inner = text[m.end():end]
    lines = []
    for p in re.findall(r"<p\b[^>]*>(.*?)</p>", inner, re.S | re.I):
        plain = html.unescape(re.sub(r"<[^>]+>", "", p)).strip()
        if plain:
            lines.append(plain)
    return lines


def body_lines(path: Path, text: str) -> list[str]:
    """The body lines of a document, without title, byline, host line, 编辑 line or HTML chrome."""
    if path.suffix == ".html":
        return _html_body_lines(text)
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    return [re.sub(r"^#+\s*", "", x) for x in lines[1:] if not CHROME.match(x)]


def sentences(path: Path) -> tuple[str, list[str]]:
    """(decoded text, body sentences in order)."""
    text = read_doc(path)
    out = []
    for line in body_lines(path, text):
        out.extend(split_sentences(line))
    return text, out


def _jsonl(name: str) -> list[dict]:
    with open(HERE / name, encoding="utf-8") as f:
        return [json.loads(x) for x in f if x.strip()]


def check(listing: bool = False) -> list[str]:
    """All problems found; prints per-document counts."""
    errs: list[str] = []
    labels, regs, metas = _jsonl("labels.jsonl"), _jsonl("registry.jsonl"), _jsonl("metadata.jsonl")
    docs = sorted(p.name for p in DOCS.iterdir())
    for name, rows in (("registry", regs), ("metadata", metas)):
        got = Counter(r.get("doc") for r in rows)
        if sorted(got) != docs or any(v != 1 for v in got.values()):
            errs.append(f"{name}.jsonl must have exactly one line per document: {dict(got)}")
    for r in labels + regs + metas:
        if r.get("split") != "locked":
            errs.append(f"split is not 'locked': {r}")
    reg = {r["doc"]: r for r in regs}
    by_doc = defaultdict(list)
    for lab in labels:
        if set(lab) != {"doc", "split", "genre", "anchor", "speaker", "kind"}:
            errs.append(f"label fields: {lab}")
        by_doc[lab["doc"]].append(lab)
    for m in metas:
        if set(m) != {"doc", "split", "title", "outlet", "date", "authors", "editor", "views"}:
            errs.append(f"metadata fields: {m}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.get("date", "")):
            errs.append(f"metadata date: {m}")
        if not isinstance(m.get("authors"), list):
            errs.append(f"metadata authors must be a list: {m}")
    total = 0
    print(f"{'document':60} sentences labels officials")
    for doc in docs:
        text, sents = sentences(DOCS / doc)
        labs = by_doc.get(doc, [])
        r = reg.get(doc, {"officials": [], "not_speakers": []})
        officials = {o["name"]: o for o in r.get("officials", [])}
        for o in r.get("officials", []):
            if set(o) != {"name", "title", "gender"} or o["gender"] not in ("", "m", "f") or not o["title"]:
                errs.append(f"{doc}: official fields {o}")
        genre = {x["genre"] for x in labs}
        if len(genre) != 1 or not genre <= GENRES:
            errs.append(f"{doc}: genre {genre}")
        hit: dict[int, str] = {}
        spoken = Counter()
        for lab in labs:
            a = lab["anchor"]
            if not 8 <= len(a) <= 20:
                errs.append(f"{doc}: anchor length {len(a)}: {a!r}")
            if text.count(a) != 1:
                errs.append(f"{doc}: anchor occurs {text.count(a)} times: {a!r}")
            idx = [i for i, s in enumerate(sents) if a in s]
            if len(idx) != 1:
                errs.append(f"{doc}: anchor in {len(idx)} body sentences: {a!r}")
            else:
                if idx[0] in hit:
                    errs.append(f"{doc}: anchors {hit[idx[0]]!r} and {a!r} share a sentence")
                hit[idx[0]] = a
            if lab["kind"] not in KINDS:
                errs.append(f"{doc}: kind {lab['kind']!r}")
            if lab["speaker"]:
                if lab["kind"] != "statement":
                    errs.append(f"{doc}: {lab['kind']} with a speaker: {a!r}")
                if lab["speaker"] not in officials:
                    errs.append(f"{doc}: speaker {lab['speaker']} not in registry")
                if lab["speaker"] in r.get("not_speakers", []):
                    errs.append(f"{doc}: host/reporter/editor {lab['speaker']} credited")
                spoken[lab["speaker"]] += 1
        for i, s in enumerate(sents):
            if i not in hit:
                errs.append(f"{doc}: sentence {i + 1} unlabelled: {s}")
        for name in officials:
            if not spoken[name]:
                errs.append(f"{doc}: registry official {name} has no statement")
            if name in r.get("not_speakers", []):
                errs.append(f"{doc}: {name} is both official and not_speaker")
        total += len(labs)
        print(f"{doc:60} {len(sents):9} {len(labs):6} {len(officials):9}")
        if listing:
            lab_of = {i: next(x for x in labs if x["anchor"] == a) for i, a in hit.items()}
            for i, s in enumerate(sents):
                x = lab_of.get(i)
                print(f"  {i + 1:3} [{x['kind'][:4] if x else '----'} {x['speaker'] if x else ''}] {s}")
    print(f"labels: {total}")
    return errs


if __name__ == "__main__":
    problems = check("--list" in sys.argv)
    for p in problems:
        print("ERROR", p)
    print("clean" if not problems else f"{len(problems)} problem(s)")
    sys.exit(1 if problems else 0)
