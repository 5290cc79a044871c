"""Command line: ask, index, search (and speakers / inspect from index.cli)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from index.errors import BotIndexError
from index.settings import IndexSettings

from bot import citations
from bot.models import Turn
from bot.pipeline.normalise import trim
from bot.backends import FACTORIES
from bot.settings import MAX_QUESTION_CHARS, BotSettings


def _fail(msg: str, code: int = 2) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return code


def _index_settings(args) -> IndexSettings:
    return IndexSettings.from_env(corpus_dir=getattr(args, "corpus", None), store_dir=getattr(args, "store", None))


def _history(raw) -> list[Turn]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ValueError("history must be a list of {role, content}")
    turns = []
    for t in raw:
        if not isinstance(t, dict) or t.get("role") not in ("user", "assistant") or not isinstance(t.get("content"), str):
            raise ValueError("each history item needs role 'user' or 'assistant' and a string content")
        turns.append(Turn(t["role"], t["content"]))
    return turns


def _ask_line(bot, line: str, n: int) -> dict:
    """One --jsonl input line → one output object; errors become an error object for that id."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"line {n}: not JSON ({exc.msg})"}
    if not isinstance(item, dict):
        return {"id": None, "error": f"line {n}: expected a JSON object"}
    qid = item.get("id")
    question = item.get("question")
    if not isinstance(question, str):
        return {"id": qid, "error": "question must be a string"}
    question = trim(question)  # padding does not count against the limit
    if len(question) > MAX_QUESTION_CHARS:
        return {"id": qid, "error": f"question is longer than {MAX_QUESTION_CHARS} characters"}
    try:
        history = _history(item.get("history"))
    except ValueError as exc:
        return {"id": qid, "error": str(exc)}
    try:
        return bot.ask(question, history).to_json(qid)
    except Exception as exc:  # one bad question must not end a batch run
        return {"id": qid, "error": f"{type(exc).__name__}: {exc}"}


def cmd_ask(args) -> int:
    """Answer one question, or every line of a JSONL file."""
    if not args.jsonl and not args.question:
        return _fail("give a QUESTION or --jsonl FILE")
    from bot.chatbot import load_chatbot

    # One question: nothing is loaded in the background for questions this process will never get.
    bot = load_chatbot(BotSettings.from_env(backend=args.backend), _index_settings(args), warm=bool(args.jsonl))
    if args.jsonl:
        bot.kb.wait_warm()  # a batch: every answer at the warm pace, the first ones included
        source = sys.stdin if args.jsonl == "-" else open(args.jsonl, encoding="utf-8")
        with source:
            for n, line in enumerate(source, 1):
                if line.strip():
                    print(json.dumps(_ask_line(bot, line, n), ensure_ascii=False), flush=True)
        return 0
    question = trim(" ".join(args.question))
    if len(question) > MAX_QUESTION_CHARS:
        return _fail(f"question is longer than {MAX_QUESTION_CHARS} characters")
    answer = bot.ask(question)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(answer.answer)
    for i, c in enumerate(answer.citations, 1):
        who = citations.who(c)
        where = f"{c.doc_title} · {c.section}" if c.section else c.doc_title
        print(f"  [{i}] {who} — {where} (第{c.paragraph}段 {c.start}-{c.end})\n      {c.passage}")
    return 0


def cmd_index(args) -> int:
    """Bring the index up to date with the corpus folder (incremental; --rebuild for all), then derive and keep
    what answering reads from it (the generation's vectors, the corpus's names, the word bridge's and the
    sentences' vectors)."""
    import time

    from index.ingest.corpus import load_corpus
    from index.open import build_searcher, open_index
    from index.search.artifacts import Artifacts

    from bot.chatbot import knowledge_from

    settings = _index_settings(args)
    corpus = load_corpus(settings.corpus_dir, settings.max_file_mb)
    store, report = open_index(settings, corpus, rebuild=args.rebuild)
    print(report.summary(), flush=True)
    t0 = time.perf_counter()
    kb = knowledge_from(build_searcher(corpus, store, Artifacts.for_settings(settings), settings), warm=False)
    if kb.evidence.bridge is not None:
        kb.evidence.bridge.wait()
    ahead = kb.embed_sentences_ahead()
    if ahead is not None:
        # embedded the first time (the longest step on a large corpus); read back from the artifacts afterwards
        print(f"embedding the corpus's {len(ahead.texts)} sentences and passages…", file=sys.stderr, flush=True)
        ahead.wait()
    print(f"answer data ready ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    return 0


def cmd_search(args) -> int:
    """Print the ranked chunks for a query with their scores and metadata."""
    from index.ingest.corpus import load_corpus

    from bot.chatbot import build_knowledge

    from index.open import open_index

    settings = _index_settings(args)
    corpus = load_corpus(settings.corpus_dir, settings.max_file_mb)
    store = None if args.mode == "keyword" else open_index(settings, corpus)[0]
    kb = build_knowledge(corpus, store)
    filters = {k: v for k, v in (("speaker", args.speaker), ("section", args.section), ("doc_id", args.doc)) if v}
    hits = kb.searcher.search(" ".join(args.query), k=args.k, filters=filters or None, mode=args.mode)
    if args.json:
        print(json.dumps([{**h.chunk.metadata(), "text": h.chunk.text, "score": h.score,
                           "keyword_rank": h.keyword_rank, "dense_rank": h.dense_rank} for h in hits],
                         ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("no match")
    for i, h in enumerate(hits, 1):
        c = h.chunk
        who = citations.who(c)
        print(f"{i}. score={h.score:.4f} keyword#{h.keyword_rank or '-'} dense#{h.dense_rank or '-'} "
              f"[{who}] {c.section or c.doc_title} ¶{c.paragraph} {c.start}-{c.end}\n   {c.text}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m bot`."""
    p = argparse.ArgumentParser(prog="python -m bot", description=(
        "Cited Q&A over the documents in a corpus folder. Every answer names its source passage and "
        "speaker; questions the documents don't cover are refused."))
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp):
        sp.add_argument("--corpus", type=Path, help="corpus folder (env BOT_CORPUS_DIR; default: ./corpus)")
        sp.add_argument("--store", type=Path, help="index folder (env BOT_STORE_DIR; default: ./.store)")

    a = sub.add_parser("ask", help="answer a question, or a JSONL file of questions")
    a.add_argument("question", nargs="*", help="the question")
    a.add_argument("--json", action="store_true", help="print the answer as JSON")
    a.add_argument("--jsonl", metavar="FILE", help='one {"id","question","history"?} per line ("-" = stdin)')
    a.add_argument("--backend", choices=list(FACTORIES), help="answer backend (env BOT_BACKEND; default extractive)")
    common(a)
    a.set_defaults(func=cmd_ask)

    i = sub.add_parser("index", help="build or update the search index (incremental)")
    i.add_argument("--rebuild", action="store_true", help="re-embed everything")
    common(i)
    i.set_defaults(func=cmd_index)

    s = sub.add_parser("search", help="show ranked chunks for a query")
    s.add_argument("query", nargs="+")
    s.add_argument("-k", type=int, default=5, help="number of results (default 5)")
    s.add_argument("--mode", choices=("hybrid", "keyword", "dense"), default="hybrid")
    s.add_argument("--speaker", help="only this speaker's statements")
    s.add_argument("--section", help="only this section")
    s.add_argument("--doc", help="only this document (file name)")
    s.add_argument("--json", action="store_true")
    common(s)
    s.set_defaults(func=cmd_search)

    # speakers / inspect: part of the command set, so a broken import must fail loudly, not drop them.
    from index.cli import add_corpus_commands

    add_corpus_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point; user errors become one line on stderr and exit code 2."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (BotIndexError, ValueError, OSError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
