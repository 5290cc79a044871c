"""A generated corpus for the scale benchmark: N distinct news pages recombined from the bundled article.

Document 0 is the article itself. Every other document keeps the article's page layout and section
headings, and fills each paragraph with sentences drawn (seeded) from the whole article — half from the
same paragraph, half from anywhere — with its people renamed, the city renamed and its own date and title,
so no two files are identical (the loader refuses byte-identical copies) and BM25 and the registry grow
the way they would with real pages.

    python -m bench.corpus_gen OUT_DIR N [--source corpus]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

from index.ingest.corpus import load_corpus

_SENT = re.compile(r"[^。！？!?]+[。！？!?]+[”」』]?|[^。！？!?]+$")
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁"
             "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
_GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红兰峰建国志文斌辉鹏宇浩凯俊帆晨航晓瑞婷雪琳慧颖"
          "佳欣悦涵博睿哲轩然宁远安康泰")
_CITY_A = "江河山海云川湖平安新东西南北长永宁德兴丰泰嘉庆广明清"
_CITY_B = "阳州城川宁安江山源和"


@dataclass(frozen=True)
class SourcePage:
    """The article split into what the generator recombines."""

    head: list[str]  # page chrome and header lines, before the body
    body: list[tuple[str, list[str]]]  # ("heading", [title]) or ("para", [sentences]) in page order
    tail: list[str]  # byline, editor and footer lines
    names: list[str]  # people of the registry, longest first
    city: str


def sentences(paragraph: str) -> list[str]:
    """A paragraph split after each sentence end (a closing quote stays with its sentence)."""
    return [s for s in (m.group(0) for m in _SENT.finditer(paragraph.strip())) if s.strip()]


def read_source(folder: Path) -> SourcePage:
    """Parse the first document of a corpus folder into recombinable parts."""
    corpus = load_corpus(folder, warn=lambda _m: None)
    doc = corpus.documents[0]
    with open(doc.path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    headings = {s.title for s in doc.sections if s.title}
    first = next(i for i, line in enumerate(lines) if line.strip() and line.strip()[:12] in doc.body[:200])
    last = max(i for i, line in enumerate(lines) if line.strip() and line.strip()[-12:] in doc.body)
    body: list[tuple[str, list[str]]] = []
    for line in lines[first:last]:
        text = line.strip()
        if not text:
            continue
        body.append(("heading", [text]) if text in headings else ("para", sentences(text)))
    names = sorted({p.name for p in corpus.people}, key=lambda n: (-len(n), n))  # no set order: reproducible
    city = (doc.meta.outlet or "绵阳")[:2]
    return SourcePage(lines[:first], body, lines[last:], names, city)


def _name(rng: random.Random, length: int) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(max(1, length - 1)))


def variant(src: SourcePage, n: int) -> str:
    """Page number n (n ≥ 1): same layout, recombined sentences, renamed people, city, date and title."""
    rng = random.Random(n)
    pool = [s for kind, ss in src.body if kind == "para" for s in ss]
    city = rng.choice(_CITY_A) + rng.choice(_CITY_B)
    renames = {old: _name(rng, len(old)) for old in src.names}
    date = dt.date(2020, 7, 30) + dt.timedelta(days=n)

    def rename(text: str) -> str:
        for old, new in renames.items():
            text = text.replace(old, new)
        return text.replace(src.city, city)

    out = []
    for line in src.head:
        if "发稿时间" in line:
            line = re.sub(r"\d{4}-\d{2}-\d{2}", date.isoformat(), line)
        out.append(rename(line))
    # a unique title line per page: the header parser takes the line before 发稿时间 as the title
    for i, line in enumerate(out):
        if "发稿时间" in line and i > 0:
            out[i - 1] = f"{city}第{n}期:{out[i - 1].strip()}"
    for kind, ss in src.body:
        if kind == "heading":
            out += ["", f"  {ss[0]}"]
            continue
        k = max(1, len(ss) + rng.choice((-1, 0, 0, 1)))
        picked = [rng.choice(ss) if rng.random() < 0.5 else rng.choice(pool) for _ in range(k)]
        out += ["", "  " + rename("".join(dict.fromkeys(picked)))]
    out += [""] + [rename(line) for line in src.tail]
    return "\n".join(out) + "\n"


def generate(out: Path, n: int, source: Path) -> list[Path]:
    """Write n pages into out (page 0 = the source article, unchanged); existing files are reused."""
    out.mkdir(parents=True, exist_ok=True)
    src_file = next(p for p in sorted(source.iterdir()) if p.is_file() and not p.name.startswith("."))
    paths = [out / f"p00000_{src_file.name}"]
    if not paths[0].exists():
        paths[0].write_bytes(src_file.read_bytes())
    src = read_source(source) if n > 1 else None
    for i in range(1, n):
        p = out / f"p{i:05d}.txt"
        if not p.exists():
            p.write_text(variant(src, i), encoding="utf-8")
        paths.append(p)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Write a generated corpus folder."""
    ap = argparse.ArgumentParser(prog="python -m bench.corpus_gen", description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent / "corpus")
    args = ap.parse_args(argv)
    print(f"{len(generate(args.out, args.n, args.source))} pages in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
