"""Fit the answerability model (bot/data/answerability.json) on the judgements the bot makes on the tuning sets.

    python -m bench.calibrate [--sets qa qa2 …] [--features DIR] [--out bot/data/answerability.json]
                              [--fold-models DIR]

Every `bot.pipeline.answerability.judge` call the bot makes while answering a tuning set's questions is recorded
with its features (`answerability.features`) and the texts of its question and sentence, with the shipped model
switched off so the record is the bands' own pipeline. A call is a positive when its question is answerable and the
evidence's passage holds one of the question's gold passages, a negative when the question is unanswerable; the rest
(an answerable question, a passage without a gold one) say nothing and are left out. A logistic regression (numpy,
Newton steps, L2) is fitted on the features and the meaning block (`answerability.meaning`: the e5 vectors of question
and sentence, embedded here by the bot's own model), standardised. The operating points are chosen on a two-fold split
by document (sets that share an evidence sentence stay in one fold), each fold scored by weights fitted on the other:
the probability above which a passage the bands refuse is accepted, the one that gains most, counting a right answer
as 1 and an answer to an unanswerable question as `--invented-cost` (default 2: inventing is worse); and the one below
which an answer the bands give is refused, counting a right answer lost as that cost (see `_veto_point`).

A set takes part unless its README's first Status line says it is a LOCKED held-out set: a set still locked is
never recorded. Each set runs in its own process (one process would hold every corpus's index at once).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from bench.common import PYTHON, ROOT, bench_env
from bench.qa import corpus_dir, load_jsonl

EVAL = ROOT / "bench" / "eval"
OUT = ROOT / "bot" / "data" / "answerability.json"
_STATUS = re.compile(r"(?m)^(?:> )?\**Status:?\**:?(.*)$")


def usable(folder: Path) -> bool:
    """Whether a QA set may be used to fit: not a LOCKED held-out set that is still unreported."""
    readme = folder / "README.md"
    m = _STATUS.search(readme.read_text(encoding="utf-8")) if readme.exists() else None
    return not (m and "LOCKED" in m.group(1) and "reported" not in m.group(1))


def tuning_sets() -> list[str]:
    """Every QA set folder that may be used to fit, in name order."""
    return sorted(p.name for p in EVAL.glob("qa*") if p.is_dir() and (p / "README.md").exists() and usable(p))


def gold_items(folder: Path) -> list[dict]:
    """A set's questions: heldout.jsonl, or tune.jsonl (+ locked.jsonl once reported, as in ../qa/)."""
    return [g for name in ("heldout.jsonl", "tune.jsonl", "locked.jsonl") if (folder / name).exists()
            for g in load_jsonl(folder / name)]


def corpus_folder(folder: Path, corpus: str) -> Path:
    """Where a set's corpus lives (a set without corpora/ uses ../qa/'s; "article" is the bundled corpus/)."""
    return corpus_dir(corpus, (folder if (folder / "corpora").exists() else EVAL / "qa") / "corpora")


def _norm(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’「」『』]", "", unicodedata.normalize("NFKC", text or ""))


def record(set_name: str, out: Path, stores: Path) -> int:
    """Answer one set in this process with the model off; write one JSON line per judge call."""
    from bot.chatbot import load_chatbot
    from bot.models import Turn
    from bot.pipeline import answerability
    from bot.settings import BotSettings
    from index.settings import IndexSettings

    answerability.calibration = lambda: None  # record the bands' own pipeline
    current: dict = {}
    original = answerability.judge

    def judge(ev, hits, asks, sentence_similarity=None, question="", alone=answerability.LEXICAL_ALONE,
              scoped=False, last_resort=False):
        """The real judge, its call recorded with the features the model reads."""
        verdict = original(ev, hits, asks, sentence_similarity, question, alone, scoped, last_resort)
        _, rank = answerability.dense_score(ev, hits) if ev is not None else (0.0, 0)
        if ev is None or not current or sentence_similarity is None or not 1 <= rank <= answerability.DENSE_RANK_MAX:
            return verdict  # the model is only consulted where these hold
        g = current["gold"]
        passage = _norm(ev.chunk.text)
        holds = any(_norm(p)[:12] in passage or _norm(p)[-12:] in passage for p in g.get("passages") or [])
        x = answerability.features(ev, hits, asks, sentence_similarity(ev.text), question, scoped)
        # The texts whose vectors make the meaning block: the question as it was embedded, and the sentence.
        current["lines"].append({"id": g["id"], "answerable": g.get("answerable", True), "holds": holds,
                                 "found": verdict.outcome != answerability.NONE, "x": x,
                                 "answers": verdict.outcome == answerability.ANSWER,
                                 "q": getattr(sentence_similarity, "question", question), "s": ev.text})
        return verdict

    answerability.judge = judge
    folder = EVAL / set_name
    by_corpus: dict[str, list[dict]] = defaultdict(list)
    for g in gold_items(folder):
        by_corpus[g.get("corpus", "article")].append(g)
    part = out.with_suffix(".part")  # renamed when complete: a crashed run leaves nothing to be reused
    with open(part, "w", encoding="utf-8") as f:
        for corpus, items in sorted(by_corpus.items()):
            index = IndexSettings.from_env(corpus_dir=str(corpus_folder(folder, corpus)),
                                           store_dir=str(stores / set_name / corpus))
            bot = load_chatbot(BotSettings.from_env(backend="extractive"), index, progress=lambda *a, **k: None)
            bot.kb.wait_warm()
            for g in items:
                current.update(gold=g, lines=[])
                history = [Turn(t["role"], t["content"]) for t in g.get("history") or []]
                bot.ask(g["question"], history)
                for line in current["lines"]:
                    f.write(json.dumps(line, ensure_ascii=False) + "\n")
            current.clear()
            print(f"{set_name}/{corpus}: {len(items)} questions", file=sys.stderr, flush=True)
    part.replace(out)
    return 0


def _fit(x, y, l2: float = 1.0, steps: int = 30):
    """Logistic regression weights (last = bias) by Newton steps with an L2 penalty (not on the bias)."""
    import numpy as np

    z = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (p - y) + l2 * np.r_[w[:-1], 0]
        hess = (z.T * (p * (1 - p))) @ z + l2 * np.diag(np.r_[np.ones(len(w) - 1), 1e-6])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w


def _prob(w, x):
    import numpy as np

    return 1 / (1 + np.exp(-np.clip(np.hstack([x, np.ones((len(x), 1))]) @ w, -30, 30)))


def _accept_point(p, y, found, cost: float, cov, min_cov: float) -> tuple[float, int, int]:
    """The probability above which a refused passage is best accepted: most right answers added, less `cost` for
    each answer to an unanswerable question added. Returns (threshold, positives, negatives) it adds."""
    best, best_gain = (1.01, 0, 0), 0.0
    for t in [i / 100 for i in range(5, 100)]:
        sel = (~found) & (p >= t) & (cov >= min_cov)
        pos, neg = int((sel & (y == 1)).sum()), int((sel & (y == 0)).sum())
        if pos - cost * neg > best_gain:
            best, best_gain = (t, pos, neg), pos - cost * neg
    return best


def _veto_point(p, y, answered, cost: float) -> tuple[float, int, int]:
    """The probability below which an answer the bands give is best refused: most answers to unanswerable questions
    removed, less `cost` for each right answer removed. The cost is the other way round from the accept point's on
    purpose: a judgement counts once here, but an unanswerable question is judged on several paths and one vetoed
    judgement rarely removes its answer, while the one judgement that answers a question is its answer.
    Returns (threshold, positives lost, negatives removed); 0.0 when no point gains."""
    best, best_gain = (0.0, 0, 0), 0.0
    for t in [i / 100 for i in range(1, 51)]:
        sel = answered & (p < t)
        pos, neg = int((sel & (y == 1)).sum()), int((sel & (y == 0)).sum())
        if neg - cost * pos > best_gain:
            best, best_gain = (t, pos, neg), neg - cost * pos
    return best


MIN_COVERAGE = 0.15  # the bands' own floor (LEXICAL_WITH_DENSE): no passage without any of the question's words


def _points(p, y, found, answers, cov, answered, cost: float, cost_low: float):
    """The accept point, the low point (below the coverage floor) and the veto point for out-of-fold probabilities."""
    accept = _accept_point(p[answers], y[answers], found[answers], cost, cov[answers], MIN_COVERAGE)
    # Below the floor (a paraphrase in everyday words shares almost no word with the passage) the model alone
    # decides, at a point of its own chosen the same way on those calls only, an invented answer costing more.
    low = answers & (cov < MIN_COVERAGE)
    accept_low = _accept_point(p[low], y[low], found[low], cost_low, cov[low], 0.0)
    if accept_low[0] < accept[0]:
        # Below the floor the model is never laxer than above it: the ordinary point, and what it adds there.
        sel = (~found[low]) & (p[low] >= accept[0])
        accept_low = (accept[0], int((sel & (y[low] == 1)).sum()), int((sel & (y[low] == 0)).sum()))
    return accept, accept_low, _veto_point(p, y, answered, cost)


def document_groups(rows: list[dict]) -> list[str]:
    """Each call's group for the two-fold split: its set, joined with every set whose judgements share an evidence
    sentence with it (sets written over the same document, such as the bundled article), so a fold is never scored
    on a document the other fold was fitted on."""
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        while parent.setdefault(a, a) != a:
            a = parent[a]
        return a

    first: dict[str, str] = {}
    for r in rows:
        s = r["id"].split("-")[0]
        other = first.setdefault(r["s"], s)
        if find(other) != find(s):
            parent[find(s)] = find(other)
    return [find(r["id"].split("-")[0]) for r in rows]


def meaning_block(rows: list[dict]):
    """The meaning block (`answerability.meaning`) of every call, from the bot's own embedding model, and that
    model's name."""
    import numpy as np

    from bot.pipeline.answerability import meaning
    from index.search.embeddings import load_embeddings
    from index.settings import IndexSettings

    emb = load_embeddings(IndexSettings.from_env(), progress=lambda *a, **k: None)
    qs, ss = sorted({r["q"] for r in rows}), sorted({r["s"] for r in rows})
    qv = dict(zip(qs, emb.embed_queries(qs)))
    sv = dict(zip(ss, emb.embed_documents(ss)))
    return np.array([meaning(qv[r["q"]], sv[r["s"]]) for r in rows]), getattr(emb, "name", "")


def fit(files: list[Path], out: Path, cost: float, cost_low: float = 3.0, l2: float = 300.0,
        fold_dir: Path | None = None) -> dict:
    """Fit the model on recorded calls; choose the operating points on a two-fold split by document; write it.
    fold_dir: also write each fold's model (fitted on the other fold) with the sets it may be scored on."""
    import numpy as np

    from bot.pipeline.answerability import FEATURES

    rows = []
    for path in files:
        rows += load_jsonl(path)
    rows = [r for r in rows if not r["answerable"] or r["holds"]]
    if not rows:
        sys.exit("no recorded judgements to fit on")
    if any("q" not in r for r in rows):
        sys.exit("recorded judgements without their texts: delete the feature files and record again")
    block, embedding = meaning_block(rows)
    x = np.hstack([np.array([[r["x"][k] for k in FEATURES] for r in rows], dtype=float), block])
    y = np.array([1.0 if r["answerable"] else 0.0 for r in rows])
    found = np.array([r["found"] for r in rows])
    groups = document_groups(rows)
    names = sorted(set(groups))
    fold = np.array([names.index(g) % 2 for g in groups])
    mean, scale = x.mean(0), x.std(0) + 1e-9
    xs = (x - mean) / scale
    cov = x[:, FEATURES.index("coverage")]
    # A passage that lacks the asked-for kind of fact is "mentioned, not said" whatever the model says: the points
    # are chosen on the calls that would answer.
    answers = x[:, FEATURES.index("type_missing")] == 0
    answered = np.array([r.get("answers", r["found"]) for r in rows])
    n = len(FEATURES)

    def points(columns, penalty):
        """Out-of-fold probabilities, each fold's weights and the accept, low and veto points they give."""
        p = np.zeros(len(y))
        weights = {}
        for k in (0, 1):
            weights[k] = _fit(xs[fold != k][:, columns], y[fold != k], penalty)
            p[fold == k] = _prob(weights[k], xs[fold == k][:, columns])
        return weights, _points(p, y, found, answers, cov, answered, cost, cost_low)

    # Scored on the fold the weights did not see; the points are chosen on the two folds' scores together.
    fold_weights, (accept, accept_low, veto) = points(slice(None), l2)
    # The fallback for vectors of another embedding model: the features alone, at their own points, and no veto
    # (alone they separate too little to refuse what the bands accept).
    _, (s_accept, s_accept_low, _) = points(slice(0, n), 1.0)
    w_scalar = _fit(xs[:, :n], y, 1.0)

    def model_of(w) -> dict:
        return {
            "features": list(FEATURES), "mean": mean[:n].round(6).tolist(),
            "scale": scale[:n].round(6).tolist(), "weights": w[:n].round(6).tolist(),
            "bias": round(float(w[-1]), 6), "vector_mean": mean[n:].round(6).tolist(),
            "vector_scale": scale[n:].round(6).tolist(), "vector_weights": w[n:-1].round(6).tolist(),
            "accept": accept[0], "accept_coverage": MIN_COVERAGE, "accept_low": accept_low[0], "veto": veto[0],
            "invented_cost": cost, "invented_cost_low": cost_low, "l2": l2, "embedding": embedding,
            "scalar": {"weights": w_scalar[:n].round(6).tolist(), "bias": round(float(w_scalar[-1]), 6),
                       "accept": s_accept[0], "accept_low": s_accept_low[0]},
        }

    model = model_of(_fit(xs, y, l2))
    model |= {
        "fitted_on": {"sets": sorted({r["id"].split("-")[0] for r in rows}), "calls": len(y),
                      "positives": int(y.sum()), "negatives": int((y == 0).sum()), "document_groups": len(names)},
        "two_fold": {"bands_answer": {"positives": int((found & answers & (y == 1)).sum()),
                                      "negatives": int((found & answers & (y == 0)).sum())},
                     "accept_adds": {"positives": accept[1], "negatives": accept[2]},
                     "accept_low_adds": {"positives": accept_low[1], "negatives": accept_low[2]},
                     "veto_removes": {"positives": veto[1], "negatives": veto[2]}},
    }
    _write(model, out)
    if fold_dir is not None:
        # Each fold's model, for scoring whole questions on the sets it was not fitted on (cross-fitted runs).
        fold_dir.mkdir(parents=True, exist_ok=True)
        for k in (0, 1):
            sets = sorted({r["id"].split("-")[0] for r, f in zip(rows, fold) if f == k})
            _write(model_of(fold_weights[k]) | {"score_on": sets}, fold_dir / f"fold{k}.json")
    return model


def _write(model: dict, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(model, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main(argv: list[str] | None = None) -> int:
    """Record the judgements of every usable set (one process each), then fit and write the model."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="*", help="QA set folders under bench/eval/ (default: every usable one)")
    ap.add_argument("--features", type=Path, default=ROOT / ".cache" / "calibrate",
                    help="where the recorded judgements go (one .jsonl per set; an existing one is reused)")
    ap.add_argument("--stores", type=Path, default=ROOT / ".cache" / "calibrate" / "stores",
                    help="index folders of the sets' corpora")
    ap.add_argument("--out", type=Path, default=OUT, help="the model file to write")
    ap.add_argument("--invented-cost", type=float, default=2.0,
                    help="how many right answers one answer to an unanswerable question costs, when the operating "
                         "points are chosen")
    ap.add_argument("--invented-cost-low", type=float, default=3.0,
                    help="the same cost for passages below the coverage floor, where the model decides alone")
    ap.add_argument("--l2", type=float, default=300.0,
                    help="L2 penalty of the fit (on standardised features; the meaning block has 768 of them)")
    ap.add_argument("--fold-models", type=Path, metavar="DIR",
                    help="also write fold0.json and fold1.json: each fitted without the sets it lists in score_on, "
                         "for a cross-fitted run of whole questions")
    ap.add_argument("--jobs", type=int, default=2, help="sets recorded at once")
    ap.add_argument("--record", metavar="SET", help=argparse.SUPPRESS)  # the child process of one set
    args = ap.parse_args(argv)
    args.features.mkdir(parents=True, exist_ok=True)
    if args.record:
        return record(args.record, args.features / f"{args.record}.jsonl", args.stores)
    sets = args.sets or tuning_sets()
    locked = [s for s in sets if not usable(EVAL / s)]
    if locked:
        sys.exit(f"locked held-out sets may not be used to fit: {', '.join(locked)}")
    todo = [s for s in sets if not (args.features / f"{s}.jsonl").exists()]
    running: list[subprocess.Popen] = []
    for n, s in enumerate(todo, 1):
        while len(running) >= args.jobs:
            running = [p for p in running if p.poll() is None] or []
            if len(running) >= args.jobs:
                running[0].wait()
        print(f"[{n}/{len(todo)}] recording {s}", file=sys.stderr, flush=True)
        running.append(subprocess.Popen([PYTHON, "-m", "bench.calibrate", "--record", s, "--features",
                                         str(args.features), "--stores", str(args.stores)], cwd=ROOT, env=bench_env()))
    for p in running:
        p.wait()
    missing = [s for s in sets if not (args.features / f"{s}.jsonl").exists()]
    if missing:
        sys.exit(f"recording failed for: {', '.join(missing)}")
    model = fit([args.features / f"{s}.jsonl" for s in sets], args.out, args.invented_cost, args.invented_cost_low,
                args.l2, args.fold_models)
    print(json.dumps({k: model[k] for k in ("accept", "accept_low", "veto", "fitted_on", "two_fold")},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
