"""List the findings of some rules on shared/corpus/real-drafts and gov-reports, for judging.

    python bench/guidance_run.py SP002 FC004 ...        # one TSV row per finding on stdout
    python bench/guidance_run.py --density              # stock phrases per 1,000 characters by 文种

The rows (file, line, text, verdict, note) are what bench/judgments/<CODE>.tsv records once each
finding has been judged by hand; the verdict column is left empty here.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.analysis.document_type import infer  # noqa: E402
from lint.checks.stock import count_phrases  # noqa: E402
from lint.engine import check_document, load_rules  # noqa: E402
from lint.policy.selection import select_rules  # noqa: E402
from lint.readers import read_path  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SETS = ("real-drafts", "gov-reports")


def documents():
    for name in SETS:
        for path in sorted((CORPUS / name).glob("*.txt")):
            doc = read_path(path, f"{name}/{path.name}")
            doc.meta["doctype"] = infer(doc)
            yield doc


def findings(codes: list[str]) -> None:
    rules = select_rules(load_rules(), select=codes)
    print("code\tfile\tline\tseverity\ttext\tmessage")
    for doc in documents():
        for f in check_document(doc, rules):
            print(f"{f.code}\t{doc.path}\t{f.line}\t{f.severity}\t{f.text}\t{f.message}")


def density() -> None:
    registry = load_rules()
    rule = registry.get("SP001")
    sp002 = select_rules(registry, select=["SP002"])
    by_type = defaultdict(list)
    for doc in documents():
        chars = doc.text_chars
        if not chars:
            continue
        n = sum(count_phrases(doc, rule, "stock-phrases").values())
        named = len(check_document(doc, sp002))
        kind = doc.meta["doctype"] or "（未识别）"
        by_type[(doc.path.split("/")[0], kind)].append((n * 1000 / chars, n, chars, named))
    print("| 语料 | 文种 | 篇数 | 汉字 | 套话 | 每千字（全体） | 每千字中位数 | 每千字最高 | SP002 建议条数 | SP002 每万字 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (corpus, t), rows in sorted(by_type.items(), key=lambda kv: -sum(r[2] for r in kv[1])):
        chars = sum(r[2] for r in rows)
        n = sum(r[1] for r in rows)
        named = sum(r[3] for r in rows)
        print(f"| {corpus} | {t} | {len(rows)} | {chars} | {n} | {n * 1000 / chars:.2f} | "
              f"{statistics.median(r[0] for r in rows):.2f} | {max(r[0] for r in rows):.2f} | {named} | "
              f"{named * 10000 / chars:.1f} |")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("codes", nargs="*")
    ap.add_argument("--density", action="store_true")
    a = ap.parse_args()
    density() if a.density else findings(a.codes)
