"""Corpus subcommands of `python -m bot`: `speakers` (the registry) and `inspect` (the parse, for a person to check).

Both only parse the corpus folder: no index, no model, so they stay fast.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from index.errors import BotIndexError
from index.ingest.corpus import Corpus, load_corpus
from index.models import Document, Person
from index.settings import IndexSettings

LEAD = "(lead)"  # how the untitled part before a document's first heading is shown


def add_corpus_commands(subparsers) -> None:
    """Register the `speakers` and `inspect` subcommands on an argparse subparsers object."""
    sp = subparsers.add_parser("speakers", help="list the people quoted in the corpus: title, sections, statements",
                               description="Print the speaker registry: every named person with their title(s), "
                                           "the sections they speak in and their number of statements.")
    _corpus_option(sp)
    sp.add_argument("--json", action="store_true",
                    help="print a JSON list of {name, title, titles, sections, statements}")
    sp.set_defaults(func=cmd_speakers)

    ip = subparsers.add_parser("inspect", help="show documents → sections → paragraphs with each sentence's speaker",
                               description="Print how every document was parsed: metadata, sections, paragraphs "
                                           "and each sentence with its speaker (or narration / decision text).")
    _corpus_option(ip)
    ip.add_argument("--doc", metavar="NAME", help="only the document with this file name")
    ip.set_defaults(func=cmd_inspect)


def _corpus_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, metavar="DIR",
                        help="corpus folder (env BOT_CORPUS_DIR; default: ./corpus)")
    # Every command takes --store; these two read only the corpus, so the index is never opened.
    parser.add_argument("--store", type=Path, metavar="DIR",
                        help="index folder (env BOT_STORE_DIR; default: ./.store); not needed here: "
                             "the registry and the parse come from the corpus alone")


def _fail(msg: str, code: int = 2) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return code


def _load(args) -> Corpus:
    settings = IndexSettings.from_env(corpus_dir=getattr(args, "corpus", None))
    return load_corpus(settings.corpus_dir, settings.max_file_mb)


def _quiet_broken_pipe() -> int:
    # `python -m bot inspect | head`: the reader left; stop writing without a traceback at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0


def speakers_json(people: list[Person]) -> list[dict]:
    """The registry as plain data: name, fullest title, all titles, sections, number of statements."""
    return [
        {"name": p.name, "title": p.title, "titles": list(p.titles), "sections": list(p.sections),
         "statements": len(p.statements), "gender": p.gender}
        for p in people
    ]


def format_speakers(corpus: Corpus) -> str:
    """The registry as readable text, one block per person in order of first appearance."""
    docs = len(corpus.documents)
    lines = [f"{len(corpus.people)} speaker(s) in {docs} document(s)"]
    width = len(str(len(corpus.people)))
    for i, p in enumerate(corpus.people, 1):
        lines.append(f"{i:>{width}}. {p.name}  {p.title or '(no title)'}")
        indent = " " * (width + 2)
        others = [t for t in p.titles if t != p.title]
        if others:
            lines.append(f"{indent}also: {'; '.join(others)}")
        lines.append(f"{indent}sections: {'; '.join(s or LEAD for s in p.sections)}")
        lines.append(f"{indent}statements: {len(p.statements)}")
    return "\n".join(lines)


def format_document(doc: Document) -> str:
    """One document as readable text: metadata, then sections → paragraphs → sentences with speakers."""
    m = doc.meta
    kind = "policy decision" if doc.is_decision else "news article"
    lines = [f"== {doc.doc_id} ({kind}) ==", f"title: {m.title}"]
    facts = [("published", m.published), ("outlet", m.outlet), ("caption", m.caption),
             ("photographer", m.photographer),
             ("reporters", ", ".join(m.reporters) + (f" ({m.reporter_org})" if m.reporter_org else "")),
             ("editor", m.editor), ("views", m.views)]
    lines += [f"{k}: {v}" for k, v in facts if v]
    for section in doc.sections:
        lines.append("")
        part = f"  [{section.kind}]" if section.kind in ("preamble", "closing") else ""
        lines.append(f"§ {section.title or LEAD}{part}")
        for para in section.paragraphs:
            clause = f" {para.clause}" if para.clause else ""
            lines.append(f"  ¶{para.index}{clause} [{para.start}-{para.end}]")
            for sent in para.sentences:
                who = sent.speaker.label if sent.speaker else sent.kind.value
                lines.append(f"    [{who}] {sent.text}")
    return "\n".join(lines)


def cmd_speakers(args) -> int:
    """Print the speaker registry (plain text, or JSON with --json)."""
    try:
        corpus = _load(args)
    except BotIndexError as exc:
        return _fail(str(exc))
    try:
        if getattr(args, "json", False):
            print(json.dumps(speakers_json(corpus.people), ensure_ascii=False, indent=2))
        else:
            print(format_speakers(corpus))
        sys.stdout.flush()
    except BrokenPipeError:
        return _quiet_broken_pipe()
    return 0


def cmd_inspect(args) -> int:
    """Print every document's metadata, sections, paragraphs and each sentence's speaker."""
    try:
        corpus = _load(args)
    except BotIndexError as exc:
        return _fail(str(exc))
    docs = corpus.documents
    wanted = getattr(args, "doc", None)
    if wanted:
        docs = [d for d in docs if d.doc_id == wanted or Path(d.doc_id).name == wanted]
        if not docs:
            return _fail(f"no document named {wanted} in the corpus ({', '.join(d.doc_id for d in corpus.documents)})")
    try:
        print("\n\n".join(format_document(d) for d in docs))
        if corpus.errors:
            print("\nskipped:\n" + "\n".join(f"  {e}" for e in corpus.errors))
        sys.stdout.flush()
    except BrokenPipeError:
        return _quiet_broken_pipe()
    return 0
