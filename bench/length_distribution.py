"""Length distributions of carefully edited official text, as Markdown tables.

The length rules (rules/length/) take their default thresholds from these numbers: a threshold
sits above the 99th percentile of the corpus (or its maximum), so that well-edited reports draw
very few findings. Lengths are Chinese characters (lint.model.document.han_count), units are those the
linter itself sees (sentences split on 。！？；……, paragraphs, headings by scope and level).

    python bench/length_distribution.py [CORPUS_DIR]

CORPUS_DIR defaults to ../shared/corpus/gov-reports beside the repository. The bench runner
imports :func:`markdown` and calls it with the corpus folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from lint.model.document import han_count  # noqa: E402
from lint.analysis.document_type import infer  # noqa: E402
from lint.readers import read_path  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "gov-reports"
PERCENTILES = (50, 90, 95, 99, 99.9)


def percentile(values: list[int], q: float) -> int:
    """Nearest-rank percentile (the smallest value with at least q% of the values at or below)."""
    if not values:
        return 0
    s = sorted(values)
    k = max(0, min(len(s) - 1, -(-len(s) * q // 100) - 1))
    return s[int(k)]


def _genre(name: str) -> str:
    if name.startswith("gwr_"):
        return "政府工作报告"
    if name.startswith("cpc_"):
        return "党代会报告"
    if name.startswith("npc_"):
        return "人大决议"
    return "其他"


def measure(corpus: Path) -> dict:
    """Lengths by unit: sentences (body and tables), paragraphs (body), headings (by level),
    documents (by genre), plus the corpus size."""
    units: dict[str, list[int]] = {"sentence": [], "paragraph": []}
    headings: dict[int, list[int]] = {}
    documents: dict[str, list[int]] = {}
    doctypes: dict[str, str | None] = {}
    total = 0
    for path in sorted(corpus.glob("*.txt")):
        doc = read_path(path)
        doctypes[path.name] = infer(doc)
        total += doc.text_chars
        documents.setdefault(_genre(path.name), []).append(doc.text_chars)
        for p in doc.iter(("body", "table")):
            units["paragraph"].append(han_count(p.text))
            units["sentence"].extend(han_count(s.text) for s in p.sentences)
        for p in doc.iter(("heading",)):
            headings.setdefault(p.level or 0, []).append(han_count(p.text))
    return {"units": units, "headings": headings, "documents": documents, "chars": total,
            "doctypes": doctypes}


def _row(label: str, values: list[int]) -> str:
    cells = [label, str(len(values))] + [str(percentile(values, q)) for q in PERCENTILES]
    cells.append(str(max(values) if values else 0))
    return "| " + " | ".join(cells) + " |"


def _header(first: str) -> list[str]:
    cols = [first, "n"] + [f"p{q:g}" for q in PERCENTILES] + ["max"]
    return ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]


def over(values: list[int], threshold: int) -> int:
    return sum(1 for v in values if v > threshold)


def markdown(corpus: Path = DEFAULT_CORPUS, thresholds: dict[str, int] | None = None) -> str:
    """The distributions as Markdown, with how many units exceed each given threshold
    (``thresholds``: {"sentence"|"paragraph"|"heading": max}; see :func:`rule_thresholds`)."""
    m = measure(corpus)
    out = [f"Length distributions of `{corpus.name}` ({m['chars']:,} Chinese characters), "
           "in Chinese characters:", ""]
    out += _header("unit")
    out.append(_row("sentence (body, tables)", m["units"]["sentence"]))
    out.append(_row("paragraph (body, tables)", m["units"]["paragraph"]))
    all_headings = [v for vs in m["headings"].values() for v in vs]
    out.append(_row("heading (all levels)", all_headings))
    for level in sorted(m["headings"]):
        out.append(_row(f"heading level {level}", m["headings"][level]))
    out += ["", "Whole documents:", ""]
    out += _header("genre")
    for genre, values in sorted(m["documents"].items()):
        out.append(_row(genre, values))
    kinds = {}
    for name, t in m["doctypes"].items():
        kinds.setdefault(t or "（未识别）", []).append(name)
    out += ["", "Document types lint/doctype.py assigns: "
            + "; ".join(f"{t}: {len(v)}" for t, v in sorted(kinds.items())) + "."]
    if thresholds:
        units = {"sentence": m["units"]["sentence"], "paragraph": m["units"]["paragraph"],
                 "heading": all_headings}
        out += ["", "Units above the default thresholds:", "", "| unit | max | above | per 10,000 chars |",
                "|---|---|---|---|"]
        for unit, t in thresholds.items():
            n = over(units[unit], t)
            out.append(f"| {unit} | {t} | {n} | {n * 10_000 / max(m['chars'], 1):.2f} |")
    return "\n".join(out) + "\n"


def rule_thresholds() -> dict[str, int]:
    """The ``max`` of the bundled length rules, by unit."""
    from lint.engine import load_rules

    rules = load_rules()
    out = {}
    for unit, code in (("sentence", "LN001"), ("paragraph", "LN002"), ("heading", "LN003")):
        rule = rules.get(code)
        if rule is not None and rule.params.get("max") is not None:
            out[unit] = rule.params["max"]
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    corpus = Path(argv[0]) if argv else DEFAULT_CORPUS
    if not corpus.is_dir():
        print(f"找不到语料文件夹：{corpus}", file=sys.stderr)
        return 2
    sys.stdout.write(markdown(corpus, rule_thresholds()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
