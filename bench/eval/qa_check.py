#!/usr/bin/env python3
"""The validator every QA gold set shares: fields, ids, categories, and that every passage occurs verbatim in its
document. Each set's check.py names its corpora and counts (a QASet) and calls main().

Pure standard library. Documents (corpus/ for `article`, the set's corpora/<name>/ otherwise) are decoded by their
declared charset and compared the way ../../../shared/eval/score.py compares text: NFKC, white space and quote marks
removed, lower case. Exits 1 and lists every problem when anything is wrong.
"""
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUOTES = re.compile(r"[\s\"'“”‘’「」『』《》]")
CATEGORIES = {
    "paraphrase", "colloquial", "loose_title", "synonym", "list_all", "ordinal", "aggregate", "compare",
    "yes_no_title", "gender", "who_said", "person_said", "title_lookup", "number", "when_where", "followup",
    "traditional", "typo", "english", "mixed_lang", "long_rambling", "noisy", "unanswerable", "false_premise",
    "injection",
}
FIELDS = {"id", "corpus", "category", "question", "history", "answerable", "passages", "speaker", "must", "any",
          "must_not", "max_len", "forbid_speakers"}
MIN_PASSAGE, MAX_PASSAGE = 8, 25


@dataclass(frozen=True)
class QASet:
    """One gold set: its name (the id prefix), its corpora with their id codes, and what else it promises."""

    name: str
    prefix: dict[str, str]  # corpus → the code in its ids ("article" → "art")
    here: Path  # the set's folder
    gold: str = "heldout.jsonl"  # the file checked when none is given
    corpora: Path | None = None  # where corpora/<name>/ live (default: the set's own corpora/)
    per_corpus: int | None = None  # items expected in each corpus
    gbk: frozenset[str] = field(default_factory=frozenset)  # corpora whose pages must declare and be GBK
    no_speakers: frozenset[str] = field(default_factory=frozenset)  # corpora with no individual speakers


def norm(s):
    """Text as score.py compares it."""
    return QUOTES.sub("", unicodedata.normalize("NFKC", s or "")).lower()


def decode(raw):
    """Bytes of a document as text, honouring a declared charset (UTF-8 unless the document says otherwise)."""
    head = raw[:2048].decode("ascii", "ignore")
    m = re.search(r"charset\s*=\s*[\"']?([\w-]+)", head, re.I)
    return raw.decode(m.group(1) if m else "utf-8")


def _gbk_problem(path):
    """Why a page that must be GBK is not, or ""."""
    raw = path.read_bytes()
    if not re.search(r"<meta\s+charset=[\"']?gbk", raw[:2048].decode("ascii", "ignore"), re.I):
        return f"{path}: must declare <meta charset=\"gbk\">"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return ""
    return f"{path}: decodes as UTF-8, expected GBK bytes"


def corpus_text(qa, name):
    """The normalised text of every document in a corpus, joined by a separator no passage can span."""
    folder = ROOT / "corpus" if name == "article" else (qa.corpora or qa.here / "corpora") / name
    files = [p for p in sorted(folder.iterdir()) if p.is_file()] if folder.is_dir() else []
    if not files:
        raise SystemExit(f"no documents for corpus {name!r} in {folder}")
    for p in files if name in qa.gbk else ():
        problem = _gbk_problem(p)
        if problem:
            raise SystemExit(problem)
    return "\x00".join(norm(decode(p.read_bytes())) for p in files)


def is_str_list(x):
    """True for a non-empty list of non-empty strings."""
    return isinstance(x, list) and bool(x) and all(isinstance(s, str) and s.strip() for s in x)


def check_item(g, texts, qa):
    """The problems found in one gold item."""
    errs = []
    for k in ("id", "corpus", "category", "question", "answerable"):
        if k not in g:
            errs.append(f"missing field {k}")
    if errs:
        return errs
    extra = set(g) - FIELDS
    if extra:
        errs.append(f"unknown fields {sorted(extra)}")
    corpus = g["corpus"]
    if corpus not in qa.prefix:
        return errs + [f"unknown corpus {corpus!r}"]
    if not re.fullmatch(rf"{qa.name}-{qa.prefix[corpus]}-\d{{3}}", g["id"]):
        errs.append(f"id does not match corpus {corpus}")
    if g["category"] not in CATEGORIES:
        errs.append(f"unknown category {g['category']!r}")
    if corpus in qa.no_speakers and g["category"] in ("gender", "person_said"):
        errs.append(f"{corpus} has no individual speakers")
    if not isinstance(g["question"], str) or not g["question"].strip():
        errs.append("empty question")
    if not isinstance(g["answerable"], bool):
        errs.append("answerable must be true/false")
    if "history" in g:
        h = g["history"]
        ok = isinstance(h, list) and h and all(isinstance(t, dict) and set(t) == {"role", "content"}
                                              and t["content"].strip() for t in h)
        if not ok or [t["role"] for t in h] != ["user", "assistant"] * (len(h) // 2) or len(h) % 2:
            errs.append("history must be alternating user/assistant turns ending with the assistant")
    if g["category"] == "followup" and "history" not in g:
        errs.append("followup without history")
    text = texts[corpus]
    if g["answerable"] is False:
        for k in ("passages", "speaker", "must", "any"):
            if k in g:
                errs.append(f"unanswerable item carries {k}")
    else:
        if not (g.get("passages") or g.get("must") or g.get("any")):
            errs.append("answerable item with nothing to check (no passages, must or any)")
    if "passages" in g:
        if not is_str_list(g["passages"]):
            errs.append("passages must be a non-empty list of strings")
        else:
            for p in g["passages"]:
                n = len(norm(p))
                if not MIN_PASSAGE <= n <= MAX_PASSAGE:
                    errs.append(f"passage {p!r} has {n} characters (want {MIN_PASSAGE}-{MAX_PASSAGE})")
                if norm(p) not in text:
                    errs.append(f"passage not in document: {p!r}")
    if "speaker" in g:
        s = g["speaker"]
        if not isinstance(s, str):
            errs.append("speaker must be a string")
        elif s and norm(s) not in text:
            errs.append(f"speaker {s!r} does not occur in the document")
        if "passages" not in g:
            errs.append("speaker without passages")
    for k in ("must", "must_not", "forbid_speakers"):
        if k in g and not is_str_list(g[k]):
            errs.append(f"{k} must be a non-empty list of strings")
    if "any" in g and not (isinstance(g["any"], list) and g["any"] and all(is_str_list(grp) for grp in g["any"])):
        errs.append("any must be a non-empty list of non-empty string lists")
    if "max_len" in g and not (isinstance(g["max_len"], int) and g["max_len"] > 0):
        errs.append("max_len must be a positive integer")
    return errs


def main(argv, qa):
    """Check the gold file; print counts; exit 1 on any problem."""
    path = Path(argv[1]) if len(argv) > 1 else qa.here / qa.gold
    texts = {name: corpus_text(qa, name) for name in qa.prefix}
    items, problems = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as e:
                problems.append(f"line {n}: not JSON ({e})")
    ids = Counter(g.get("id") for g in items)
    problems += [f"{i}: duplicate id ({c} times)" for i, c in ids.items() if c > 1]
    for g in items:
        problems += [f"{g.get('id', '?')}: {e}" for e in check_item(g, texts, qa)]
    by_corpus = Counter(g.get("corpus") for g in items)
    by_cat = Counter(g.get("category") for g in items)
    if qa.per_corpus is not None:
        problems += [f"corpus {c}: {by_corpus.get(c, 0)} items (want {qa.per_corpus})" for c in qa.prefix
                     if by_corpus.get(c, 0) != qa.per_corpus]
    print(f"{len(items)} items; answerable:false {sum(g.get('answerable') is False for g in items)}")
    print("corpus:   " + ", ".join(f"{k} {v}" for k, v in sorted(by_corpus.items())))
    print("category: " + ", ".join(f"{k} {v}" for k, v in sorted(by_cat.items())))
    for p in problems:
        print("ERROR", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0

