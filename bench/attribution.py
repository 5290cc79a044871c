"""Who-said-it benchmark: sentence attribution, speaker registry and page metadata on a labelled set.

    python -m bench.attribution [--split tune|locked|all] [--dir bench/eval/attribution] [--failures] [--json]

Each document is parsed with the real ingestion code (`index.ingest.corpus.parse_document`). Each
label's anchor (a few characters of a sentence) is found in the parsed body and mapped to the parsed
sentence holding it; the sentence is right when its speaker and its source kind both match the label.
A heading carries no speaker: it counts as the document's own text (narration, or decision text).
Registry: per document, the named speakers the parse found against the labelled officials (precision,
recall, recall with the exact title). "No host/reporter/editor as speaker": none of the document's
`not_speakers` is the speaker of any sentence. Metadata: title, outlet, date, authors, editor, views.
`--failures` lists wrong sentences of the `tune` split; for any other split only when the set's README
declares that its held-out measurement was reported and it is tuning data now (a line
`Status: reported … tuning data …`), so a held-out set stays unseen unless its own README is changed. Exit 0.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import IngestError
from index.ingest.corpus import parse_document
from index.ingest.registry import build_registry
from index.models import Document

DEFAULT_DIR = Path(__file__).resolve().parent / "eval" / "attribution"
_LABEL_PREFIX = re.compile(r"^(?:[^，,。：:]{1,30}[：:]|【[^】]{1,30}】[：:]?)")
_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"[*_#`>]+")
# The line a set's README carries once its held-out measurement has been reported and it became tuning data.
_TUNED_MARK = re.compile(r"(?m)^\**Status:\**\s*(?:reported\b.*\btuning data\b|tuning data\b)")


@dataclass
class DocResult:
    """What one document scored."""

    doc: str
    genre: str
    total: int = 0
    right: int = 0
    unmatched: int = 0
    failures: list[str] = field(default_factory=list)
    found: int = 0  # named speakers the parse put in the registry
    found_true: int = 0  # of which labelled officials
    officials: int = 0
    officials_found: int = 0
    officials_titled: int = 0
    genders: int = 0  # officials whose gender the labels give
    genders_right: int = 0
    forbidden: list[str] = field(default_factory=list)  # hosts/reporters/editors credited with words
    meta_total: int = 0
    meta_right: int = 0
    meta_failures: list[str] = field(default_factory=list)


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(x) for x in f if x.strip()]


def _norm(s: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", s or ""))


def _locate(doc: Document, anchor: str) -> int:
    """Offset of the anchor in the body; a speaker label written into the anchor is tolerated."""
    plain = _MARKUP.sub("", anchor)  # an anchor copied from Markdown source keeps its ** and #
    if plain != anchor and _MARKUP.match(anchor) and plain.strip():
        # "**职务 姓名**：…" copied with its markup opens a line; the same words inside a guest list do not.
        for m in re.finditer(re.escape(plain.strip()), doc.body):
            if m.start() == 0 or doc.body[m.start() - 1] == "\n":
                return m.start()
    for candidate in (anchor, anchor.strip(), plain.strip(), _LABEL_PREFIX.sub("", plain).strip()):
        if candidate:
            pos = doc.body.find(candidate)
            if pos >= 0:
                return pos
    # Fall back on a comparison that ignores width and spacing differences.
    body = unicodedata.normalize("NFKC", doc.body)
    target = _norm(_LABEL_PREFIX.sub("", plain))
    squeezed, index = [], []
    for i, ch in enumerate(body):
        if not ch.isspace():
            squeezed.append(ch)
            index.append(i)
    pos = "".join(squeezed).find(target)
    return index[pos] if pos >= 0 and target else -1


def predict(doc: Document, anchor: str) -> tuple[str, str] | None:
    """(speaker name, source kind) of the parsed sentence holding the anchor; None if not found."""
    pos = _locate(doc, anchor)
    heading_kind = "decision" if doc.is_decision else "narration"
    if pos < 0:
        plain = _norm(_MARKUP.sub("", anchor))
        # The headline is the page's title (metadata), not body text: it is the document's own words.
        return ("", heading_kind) if plain and plain in _norm(doc.meta.title) else None
    for section in doc.sections:
        if section.title and section.start <= pos < section.start + len(section.title):
            return "", heading_kind
        for para in section.paragraphs:
            if not para.start <= pos <= para.end:
                continue
            for sent in para.sentences:
                # A label ("张三：") before the first sentence belongs to that sentence.
                if pos < sent.end:
                    return (sent.speaker.name if sent.speaker else ""), sent.kind.value
    return None


def _score_doc(doc: Document, labels: list[dict], reg: dict | None, meta: dict | None) -> DocResult:
    res = DocResult(doc=doc.doc_id, genre=labels[0]["genre"] if labels else "")
    for lab in labels:
        res.total += 1
        got = predict(doc, lab["anchor"])
        want = (lab.get("speaker", ""), lab.get("kind", ""))
        if got is None:
            res.unmatched += 1
            res.failures.append(f"  UNMATCHED {lab['anchor']!r} want {want}")
        elif got[0] == want[0] and (not want[1] or got[1] == want[1]):
            res.right += 1
        else:
            res.failures.append(f"  {lab['anchor']!r}: want {want}, got {got}")
    people = [p for p in build_registry([doc]) if p.name]
    spoken = {s.speaker.name for _, _, s in doc.sentences() if s.speaker and s.speaker.name}
    if reg:
        officials = {_norm(o["name"]): _norm(o.get("title", "")) for o in reg.get("officials", [])}
        genders = {_norm(o["name"]): o.get("gender", "") for o in reg.get("officials", [])}
        res.officials = len(officials)
        res.found = len(people)
        for p in people:
            if _norm(p.name) in officials:
                res.found_true += 1
        for name, title in officials.items():
            person = next((p for p in people if _norm(p.name) == name), None)
            want_gender = genders.get(name, "")
            if want_gender:
                res.genders += 1
                res.genders_right += bool(person and person.gender == want_gender)
            if person:
                res.officials_found += 1
                if not title or title in {_norm(t) for t in person.titles}:
                    res.officials_titled += 1
                else:
                    res.failures.append(f"  TITLE {name}: want {title!r}, got {person.titles}")
            else:
                res.failures.append(f"  MISSING official {name} ({title})")
        for p in people:
            if _norm(p.name) not in officials:
                res.failures.append(f"  EXTRA registry entry {p.name} {p.titles}")
        res.forbidden = sorted(n for n in reg.get("not_speakers", []) if n in spoken or n in {p.name for p in people})
    if meta:
        _score_meta(doc, meta, res)
    return res


def _score_meta(doc: Document, meta: dict, res: DocResult) -> None:
    m = doc.meta
    got = {
        "title": m.title, "outlet": m.outlet, "date": (m.published or "")[:10],
        "authors": list(m.reporters), "editor": m.editor, "views": getattr(m, "views", ""),
    }
    for key, want in meta.items():
        if key not in got:
            continue
        res.meta_total += 1
        if (_norm(" ".join(want)) == _norm(" ".join(got[key]))) if isinstance(want, list) else _norm(want) == _norm(str(got[key])):
            res.meta_right += 1
        else:
            res.meta_failures.append(f"  META {key}: want {want!r}, got {got[key]!r}")


def run(folder: Path, split: str) -> list[DocResult]:
    """Score every document of the split."""
    labels = [x for x in _read_jsonl(folder / "labels.jsonl") if split == "all" or x.get("split") == split]
    regs = {x["doc"]: x for x in _read_jsonl(folder / "registry.jsonl")}
    metas = {x["doc"]: {k: v for k, v in x.items() if k not in ("doc", "split")}
             for x in _read_jsonl(folder / "metadata.jsonl")}
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for lab in labels:
        by_doc[lab["doc"]].append(lab)
    out = []
    for name, labs in by_doc.items():
        path = folder / "docs" / name
        try:
            doc = parse_document(path, name, 20_000_000)
        except (IngestError, OSError) as exc:
            res = DocResult(doc=name, genre=labs[0]["genre"], total=len(labs), unmatched=len(labs))
            res.failures.append(f"  cannot parse: {exc}")
            out.append(res)
            continue
        out.append(_score_doc(doc, labs, regs.get(name), metas.get(name)))
    return out


def reported(folder: Path) -> bool:
    """Whether the set's README says its held-out run was reported, so its failures may be listed."""
    readme = folder / "README.md"
    return readme.exists() and bool(_TUNED_MARK.search(readme.read_text(encoding="utf-8")))


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} %" if b else "–"


def table(results: list[DocResult], split: str) -> str:
    """The markdown report: per genre, then totals."""
    genres: dict[str, list[DocResult]] = defaultdict(list)
    for r in results:
        genres[r.genre].append(r)
    lines = [f"### Attribution — split `{split}`", "",
             "| genre | docs | sentences | right | accuracy | registry P | registry R | R with title | gender | host/reporter/editor as speaker | metadata |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"]

    def row(name: str, rs: list[DocResult]) -> str:
        tot = sum(r.total for r in rs)
        right = sum(r.right for r in rs)
        found, found_true = sum(r.found for r in rs), sum(r.found_true for r in rs)
        off, off_found, off_titled = (sum(r.officials for r in rs), sum(r.officials_found for r in rs),
                                      sum(r.officials_titled for r in rs))
        forbidden = sorted({n for r in rs for n in r.forbidden})
        mt, mr = sum(r.meta_total for r in rs), sum(r.meta_right for r in rs)
        gt, gr = sum(r.genders for r in rs), sum(r.genders_right for r in rs)
        return (f"| {name} | {len(rs)} | {tot} | {right} | {_pct(right, tot)} | {_pct(found_true, found)} | "
                f"{_pct(off_found, off)} | {_pct(off_titled, off)} | {_pct(gr, gt)} | {', '.join(forbidden) or 'none'} | "
                f"{_pct(mr, mt)} |")

    for g in sorted(genres):
        lines.append(row(g, genres[g]))
    lines.append(row("**all**", results))
    return "\n".join(lines)


def write_section(path: Path, split: str, report: str) -> None:
    """Put this split's table into a markdown file, keeping the other splits' tables."""
    head = f"### Attribution — split `{split}`"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Attribution benchmark\n\n" \
        "`python -m bench.attribution --split tune|locked|all` (see the module's docstring).\n"
    blocks = re.split(r"(?m)^(?=### Attribution — split )", old)
    kept = [b for b in blocks if not b.startswith(head)]
    text = "".join(kept).rstrip() + "\n\n" + report + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("tune", "locked", "all"), default="tune")
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="the labelled set (docs/, labels.jsonl, …)")
    ap.add_argument("--failures", action="store_true",
                    help="list wrong sentences (the tune split; others only on a set whose README says it was reported)")
    ap.add_argument("--json", action="store_true", help="also print a JSON summary line")
    ap.add_argument("--out", type=Path, help="also write the table to this markdown file (replacing this split's table)")
    args = ap.parse_args(argv)
    if not (args.dir / "labels.jsonl").exists():
        print(f"no labelled set at {args.dir}", file=sys.stderr)
        return 0
    results = run(args.dir, args.split)
    report = table(results, args.split)
    print(report)
    if args.out:
        write_section(args.out, args.split, report)
    if args.failures:
        if args.split != "tune" and not reported(args.dir):
            print("\n--failures lists only the tune split of a held-out set: the locked half stays unseen "
                  "(its README has no 'Status: reported … tuning data' line).", file=sys.stderr)
        else:
            for r in results:
                bad = r.failures + r.meta_failures
                if bad:
                    print(f"\n{r.doc} ({r.right}/{r.total})")
                    print("\n".join(bad))
    if args.json:
        tot, right = sum(r.total for r in results), sum(r.right for r in results)
        print(json.dumps({"split": args.split, "sentences": tot, "right": right,
                          "accuracy": round(right / tot, 4) if tot else None}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
