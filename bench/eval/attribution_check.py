"""The consistency check the sentence-attribution gold sets share: anchors, registry, metadata and field values.

Each set's check.py names its documents (with their genre and, for HTML pages, the charset they must declare), its
split and its counts, and calls main(). Reads only the set's folder; never scores and never runs the parser.
"""
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

GENRES = {"article", "transcript", "interview", "webpage", "decision", "meeting"}
KINDS = {"statement", "narration", "question", "decision"}


@dataclass(frozen=True)
class AttributionSet:
    """One gold set: its folder, its documents (name → (genre, charset or None)), split and counts."""

    here: Path
    expected: dict
    split: str
    per_doc: tuple | None = (40, 60)  # labels each document must have (None: any number)
    min_total: int = 250


# README sentence rule: text ending in 。！？ (closing quotes kept), or the unterminated rest of a line.
SENT = re.compile(r"[^。！？\n]*[。！？]+[”’」）]*|[^。！？\n]+")


def read_jsonl(here: Path, name: str) -> list[dict]:
    """Rows of one of the set's .jsonl files."""
    with open(here / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def decode(path: Path) -> str:
    """The document's text; HTML pages are decoded with the charset they declare."""
    raw = path.read_bytes()
    if path.suffix == ".html":
        m = re.search(rb'<meta\s+charset="?([\w-]+)', raw, re.I)
        return raw.decode(m.group(1).decode("ascii") if m else "utf-8")
    return raw.decode("utf-8")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences; tags count as line breaks so sentences never cross them."""
    flat = re.sub(r"<[^>]*>", lambda m: "\n" * len(m.group(0)), text)
    return [m.span() for m in SENT.finditer(flat) if m.group(0).strip()]


def main(s: "AttributionSet") -> int:
    """Run every check of set s and print the problems and per-document counts."""
    here, expected, split, per_doc, min_total = s.here, s.expected, s.split, s.per_doc, s.min_total
    errors: list[str] = []
    labels, regs, metas = read_jsonl(here, "labels.jsonl"), read_jsonl(here, "registry.jsonl"), read_jsonl(here, "metadata.jsonl")
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for lab in labels:
        missing = {"doc", "split", "genre", "anchor", "speaker", "kind"} - lab.keys()
        if missing:
            errors.append(f"label missing {missing}: {lab}")
            continue
        if lab["split"] != split:
            errors.append(f"split not {split}: {lab}")
        if lab["genre"] not in GENRES:
            errors.append(f"bad genre: {lab}")
        if lab["kind"] not in KINDS:
            errors.append(f"bad kind: {lab}")
        if lab["kind"] in ("narration", "question") and lab["speaker"]:
            errors.append(f"{lab['kind']} with a speaker: {lab}")
        if lab["kind"] == "decision" and lab["speaker"]:
            errors.append(f"decision with a speaker: {lab}")
        if (lab["kind"] == "decision") != (lab["genre"] == "decision"):
            errors.append(f"decision kind and decision genre must go together: {lab}")
        if not 8 <= len(lab["anchor"]) <= 20:
            errors.append(f"anchor length {len(lab['anchor'])}: {lab}")
        by_doc[lab["doc"]].append(lab)
    reg_by = {r["doc"]: r for r in regs}
    meta_by = {m["doc"]: m for m in metas}
    docs = sorted(p.name for p in (here / "docs").iterdir())
    if set(docs) != set(expected):
        errors.append(f"documents differ from expected: {sorted(set(docs) ^ set(expected))}")
    for name in docs:
        want = expected.get(name)
        if want and want[1]:
            m = re.search(rb'<meta\s+charset="?([\w-]+)', (here / "docs" / name).read_bytes(), re.I)
            if not m or m.group(1).decode("ascii").lower() != want[1]:
                errors.append(f"{name}: must declare charset {want[1]}")
    for name in docs:
        if name not in by_doc:
            errors.append(f"{name}: no labels")
        if name not in reg_by:
            errors.append(f"{name}: no registry line")
        if name not in meta_by:
            errors.append(f"{name}: no metadata line")
    for name, labs in by_doc.items():
        path = here / "docs" / name
        if not path.exists():
            errors.append(f"{name}: labelled but no document")
            continue
        text = decode(path)
        spans = sentence_spans(text)
        used: dict[int, str] = {}
        if len({lab["genre"] for lab in labs}) != 1:
            errors.append(f"{name}: mixed genres")
        if name in expected and labs[0]["genre"] != expected[name][0]:
            errors.append(f"{name}: genre {labs[0]['genre']} != {expected[name][0]}")
        last_pos = -1
        for lab in labs:
            a = lab["anchor"]
            n = text.count(a)
            if n != 1:
                errors.append(f"{name}: anchor occurs {n} times: {a}")
                continue
            pos = text.index(a)
            idx = [i for i, (s, e) in enumerate(spans) if s <= pos and pos + len(a) <= e]
            if len(idx) != 1:
                errors.append(f"{name}: anchor not inside one sentence: {a}")
                continue
            if idx[0] in used:
                errors.append(f"{name}: anchors share a sentence: {used[idx[0]]} / {a}")
            used[idx[0]] = a
            if pos < last_pos:
                errors.append(f"{name}: label out of document order: {a}")
            last_pos = pos
        reg = reg_by.get(name)
        if reg:
            if reg.get("split") != split:
                errors.append(f"{name}: registry split not {split}")
            officials = {o["name"]: o for o in reg.get("officials", [])}
            for o in officials.values():
                if set(o) != {"name", "title", "gender"} or o["gender"] not in ("m", "f", ""):
                    errors.append(f"{name}: bad official entry {o}")
                if o["name"] not in text or (o["title"] and o["title"] not in text):
                    errors.append(f"{name}: official name/title not in text {o}")
            spoken = {lab["speaker"] for lab in labs if lab["kind"] == "statement" and lab["speaker"]}
            for who in officials:
                if who not in spoken:
                    errors.append(f"{name}: official {who} has no statement")
            for who in spoken - officials.keys():
                errors.append(f"{name}: speaker {who} not in registry")
            for who in reg.get("not_speakers", []):
                if who in spoken or who in officials:
                    errors.append(f"{name}: not_speaker {who} speaks")
                if who not in text:
                    errors.append(f"{name}: not_speaker {who} not in text")
        meta = meta_by.get(name)
        if meta:
            keys = {"doc", "split", "title", "outlet", "date", "authors", "editor", "views"}
            if set(meta) != keys:
                errors.append(f"{name}: metadata keys {sorted(meta)}")
            elif meta["split"] != split or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["date"]) \
                    or not isinstance(meta["authors"], list) or meta["title"] not in text:
                errors.append(f"{name}: bad metadata {meta}")
        if per_doc is not None and not per_doc[0] <= len(labs) <= per_doc[1]:
            errors.append(f"{name}: {len(labs)} labels, expected {per_doc[0]}-{per_doc[1]}")
        kinds = defaultdict(int)
        for lab in labs:
            kinds[lab["kind"]] += 1
        print(f"{name}\t{labs[0]['genre']}\t{len(labs)} sentences\t" + " ".join(f"{k}={v}" for k, v in sorted(kinds.items())))
    print(f"total {len(labels)} sentences in {len(by_doc)} documents")
    if len(labels) < min_total:
        errors.append(f"only {len(labels)} labelled sentences, expected at least {min_total}")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0



def coverage(s: "AttributionSet", unlabelled: dict, body: tuple[str, str]) -> list[str]:
    """Body sentences with no label, and unlabelled lines that are not where the README says. `unlabelled` lists,
    per plain-text document, the lines left unlabelled (exact, stripped); on an HTML page only the text between
    `body` (start marker, the first end marker after it) is labelled."""
    errors: list[str] = []
    labels = read_jsonl(s.here, "labels.jsonl")
    for name in s.expected:
        path = s.here / "docs" / name
        if not path.exists():
            continue
        text = decode(path)
        if name.endswith(".html"):
            lo = text.index(body[0]) + len(body[0])
            hi = text.index(body[1], lo)
            skip = set()
        else:
            lo, hi = 0, len(text)
            skip = set(unlabelled[name])
            lines = {ln.strip() for ln in text.splitlines()}
            for ln in skip - lines:
                errors.append(f"{name}: unlabelled line not in the document: {ln}")
        starts = [text.index(lab["anchor"]) for lab in labels
                  if lab["doc"] == name and text.count(lab["anchor"]) == 1]
        for start, end in sentence_spans(text):
            if start < lo or end > hi:
                continue
            if any(start <= p < end for p in starts):
                continue
            line = text[text.rfind("\n", 0, start) + 1:(text.find("\n", start) + 1 or len(text) + 1) - 1].strip()
            if line in skip:
                continue
            errors.append(f"{name}: body sentence without a label: {text[start:end].strip()}")
    return errors


def main_with(s: "AttributionSet", extra: list[str]) -> int:
    """The shared checks of set s and the set's own problems `extra`, with one verdict line at the end."""
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = main(s)
    lines = buf.getvalue().splitlines()
    print("\n".join(lines[:-1]))  # the shared checks' output without their verdict line
    for err in extra:
        print("ERROR", err)
    problems = sum(line.startswith("ERROR") for line in lines) + len(extra)
    if rc and not problems:
        problems = 1
    print("OK" if not problems else f"{problems} problem(s)")
    return 1 if problems else 0
