"""Standalone consistency check of the attribution2 gold set (pure stdlib, no project code).

    python bench/eval/attribution2/check.py [--list DOC]

Checks: every label's anchor is 8–20 characters and occurs exactly once in its decoded document;
no two anchors fall in the same sentence; every registry official has at least one statement;
every statement speaker is in that document's registry; every line carries split "locked";
the three .jsonl files name the same documents. Prints sentence counts per document and genre.
`--list DOC` prints the document's sentences with the label of each (for the labeller only).
"""
from __future__ import annotations

import html
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"statement", "narration", "question", "decision"}
GENRES = {"article", "transcript", "interview", "webpage", "decision", "meeting"}
_END = re.compile(r"[。！？][”’」』）)\"']*")
_TAG = re.compile(r"<[^>]+>")


def read_jsonl(name: str) -> list[dict]:
    """All records of one .jsonl file."""
    with open(HERE / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def decode(path: Path) -> str:
    """The document's text: HTML pages are GBK, everything else UTF-8."""
    raw = path.read_bytes()
    return raw.decode("gbk") if path.suffix == ".html" else raw.decode("utf-8")


def sentences(text: str, is_html: bool) -> list[str]:
    """Sentences as the set's README defines them: a terminator (with closing quotes) or a line end."""
    if is_html:
        body = re.search(r"<body[^>]*>(.*)</body>", text, re.S)
        text = html.unescape(_TAG.sub("\n", body.group(1) if body else text))
    out = []
    for line in text.splitlines():
        start = 0
        for m in _END.finditer(line):
            out.append(line[start:m.end()].strip())
            start = m.end()
        out.append(line[start:].strip())
    return [s for s in out if s]


def main() -> int:
    labels, registry, metadata = (read_jsonl(n) for n in ("labels.jsonl", "registry.jsonl", "metadata.jsonl"))
    errors: list[str] = []
    docs = sorted(p.name for p in (HERE / "docs").iterdir())
    keys = {"labels": {"doc", "split", "genre", "anchor", "speaker", "kind"},
            "registry": {"doc", "split", "officials", "not_speakers"},
            "metadata": {"doc", "split", "title", "outlet", "date", "authors", "editor", "views"}}
    for name, recs in (("labels", labels), ("registry", registry), ("metadata", metadata)):
        for r in recs:
            if set(r) != keys[name]:
                errors.append(f"{name}: {r.get('doc')} has fields {sorted(r)}")
            if r.get("split") != "locked":
                errors.append(f"{name}: {r.get('doc')} split is {r.get('split')!r}, not 'locked'")
        named = {r["doc"] for r in recs}
        if named != set(docs):
            errors.append(f"{name}: documents differ from docs/: {sorted(named ^ set(docs))}")
    regs = {r["doc"]: r for r in registry}
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for lab in labels:
        by_doc[lab["doc"]].append(lab)
        if lab["kind"] not in KINDS or lab["genre"] not in GENRES:
            errors.append(f"{lab['doc']}: bad kind/genre in {lab}")
        if lab["kind"] in ("narration", "question", "decision") and lab["speaker"]:
            errors.append(f"{lab['doc']}: {lab['kind']} with a speaker: {lab['anchor']!r}")
    listing = sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] == "--list" else None
    per_genre: Counter = Counter()
    rows = []
    for name in docs:
        path = HERE / "docs" / name
        text = decode(path)
        if path.suffix == ".html" and not re.search(r'<meta charset="gbk">', text, re.I):
            errors.append(f"{name}: no <meta charset=\"gbk\">")
        sents = sentences(text, path.suffix == ".html")
        labs = by_doc.get(name, [])
        hit: dict[int, dict] = {}
        for lab in labs:
            a = lab["anchor"]
            if not 8 <= len(a) <= 20:
                errors.append(f"{name}: anchor length {len(a)}: {a!r}")
            n = text.count(a)
            if n != 1:
                errors.append(f"{name}: anchor occurs {n} times: {a!r}")
            where = [i for i, s in enumerate(sents) if a in s]
            if len(where) != 1:
                errors.append(f"{name}: anchor not inside exactly one sentence ({len(where)}): {a!r}")
                continue
            if where[0] in hit:
                errors.append(f"{name}: two anchors in one sentence: {hit[where[0]]['anchor']!r} / {a!r}")
            hit[where[0]] = lab
        reg = regs.get(name, {"officials": [], "not_speakers": []})
        officials = {o["name"] for o in reg["officials"]}
        spoken = Counter(lab["speaker"] for lab in labs if lab["kind"] == "statement" and lab["speaker"])
        for o in sorted(officials - set(spoken)):
            errors.append(f"{name}: registry official {o} has no statement")
        for s in sorted(set(spoken) - officials):
            errors.append(f"{name}: statement speaker {s} not in registry")
        for n in reg.get("not_speakers", []):
            if n in officials or n in spoken:
                errors.append(f"{name}: not_speaker {n} is credited with a statement")
        if len([r for r in registry if r["doc"] == name]) != 1 or len([r for r in metadata if r["doc"] == name]) != 1:
            errors.append(f"{name}: not exactly one registry and one metadata line")
        for o in reg["officials"]:
            if set(o) != {"name", "title", "gender"}:
                errors.append(f"{name}: official fields {sorted(o)}")
            if o.get("gender", "") not in ("", "m", "f"):
                errors.append(f"{name}: bad gender for {o['name']}")
        kinds = Counter(lab["kind"] for lab in labs)
        genre = labs[0]["genre"] if labs else "?"
        per_genre[genre] += len(labs)
        rows.append((genre, name, len(labs), len(sents) - len(hit), dict(kinds), len(officials)))
        if listing and listing in name:
            for i, s in enumerate(sents):
                lab = hit.get(i)
                tag = f"{lab['kind'][:4]} {lab['speaker'] or '-'}" if lab else "UNLABELLED"
                print(f"{i:3d} [{tag}] {s}")
    print(f"{'genre':<11} {'sentences':>9} {'unlabelled lines':>16} {'officials':>9}  kinds  document")
    for genre, name, n, unl, kinds, offs in sorted(rows):
        print(f"{genre:<11} {n:>9} {unl:>16} {offs:>9}  {kinds}  {name}")
    print(f"total {sum(per_genre.values())} labelled sentences in {len(rows)} documents; per genre {dict(per_genre)}")
    for e in errors:
        print("ERROR", e)
    for m in metadata:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", m["date"]) or not isinstance(m["authors"], list):
            errors.append(f"metadata: {m['doc']} date or authors malformed")
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
