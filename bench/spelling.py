"""Accuracy of the spelling (wording, WD) rules, per detector, on the typo sets and on real text.

    python bench/spelling.py [--rules default|preview] [--codes WD006,WD010] [--train] [--out FILE] [--smoke]
                             [--csc-model DIR]

``--csc-model DIR`` measures WD015 (the optional neural spelling model, gwlint[csc]) with the
model exported to DIR; without it WD015 has no model and reports nothing.

Typo sets (sentence-level detection: a sentence with errors counts as found when a finding points
at one of its wrong characters; a finding anywhere else is a false alarm):

- ``ecspell-odw`` odw.test (official documents; the detectors were tuned on odw.train only),
- ``sighan15`` simplified test (learners' essays), ``textproof-midu`` (web government news).

Real text: every WD finding on shared/corpus/gov-reports and real-drafts, listed with the verdicts
of bench/judgments/<CODE>.tsv (file, line, text, verdict, note); an unjudged finding counts as a
false alarm. Nothing here is tuned on: it only measures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
JUDGMENTS = ROOT / "bench" / "judgments"


def typo_sets(smoke: bool) -> dict[str, list[tuple[str, str]]]:
    sets = {}
    lines = (CORPUS / "ecspell-odw" / "odw.test").read_text(encoding="utf-8").splitlines()
    sets["ecspell-odw test"] = [tuple(l.split("\t")[1:3]) for l in lines if l.count("\t") >= 2]
    err = (CORPUS / "sighan15" / "simplified_test15_error.txt").read_text(encoding="utf-8").splitlines()
    cor = (CORPUS / "sighan15" / "simplified_test15_correct.txt").read_text(encoding="utf-8").splitlines()
    sets["sighan15 test"] = list(zip(err, cor))
    items = json.loads((CORPUS / "textproof-midu" / "textproof.tet.json").read_text(encoding="utf-8"))
    sets["textproof-midu"] = [(x["source"], x["target"]) for x in items]
    if smoke:
        sets = {k: v[:60] for k, v in sets.items()}
    return sets


def rules_for(which: str):
    from lint.engine import load_rules
    from lint.policy.selection import select_rules

    rules = load_rules()
    chosen = select_rules(rules, preview=(which == "preview"))
    return [r for r in chosen if r.category == "wording"]


def with_csc_model(rules, folder: str):
    """The rules with WD015 running the model of ``folder`` (loaded now: a bad folder stops here)."""
    from lint.engine import load_rules
    from lint.errors import GwlintError

    csc = load_rules().get("WD015").with_options({"model": str(Path(folder).resolve())})
    try:
        note = csc.prepare()
    except GwlintError as exc:
        sys.exit(f"spelling.py: {exc}")
    if note:
        sys.exit(f"spelling.py: {note}")
    return sorted([r for r in rules if r.code != "WD015"] + [csc], key=lambda r: r.code)


def positions(f, src: str) -> set[int]:
    start, end = f.column - 1, f.end_column - 1
    if end <= start:
        return set()
    sug = f.suggestion
    if sug is not None and len(sug) == end - start:
        diff = {start + i for i, c in enumerate(sug) if src[start + i:start + i + 1] != c}
        if diff:
            return diff
    return set(range(start, end)) if end - start <= 4 else set()


def eval_set(items, rules) -> dict:
    from lint.engine import check_document
    from lint.readers.text import read_text_bytes

    stats: dict[str, Counter] = defaultdict(Counter)
    positives = 0
    for i, (src, tgt) in enumerate(items):
        if not src.strip() or len(src) != len(tgt):
            continue
        gold = {k for k, (a, b) in enumerate(zip(src, tgt)) if a != b}
        positives += bool(gold)
        doc = read_text_bytes(src.encode("utf-8"), f"s{i}", "txt")
        found = check_document(doc, rules)
        per: dict[str, list] = defaultdict(list)
        for f in found:
            per[f.code].append(f)
            per["all"].append(f)
        for code, fs in per.items():
            hit = any(positions(f, src) & gold for f in fs)
            stats[code]["tp" if hit and gold else "fp"] += 1
    return dict(positives=positives, n=len(items), stats=stats)


def real_text(rules) -> dict:
    from lint.app.checking import check_one
    from lint.config.settings import Settings

    verdicts: dict[tuple, tuple[str, str]] = {}
    for path in sorted(JUDGMENTS.glob("WD*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) >= 4:
                verdicts[(path.stem, cols[0], cols[1], cols[2])] = (cols[3], cols[4] if len(cols) > 4 else "")
    out = {}
    for corpus in ("gov-reports", "real-drafts"):
        files = sorted((CORPUS / corpus).glob("*.txt"))
        chars = 0
        listing = []
        for p in files:
            res = check_one(p.name, p, rules, Settings())
            chars += res.chars
            for f in res.findings:
                v, note = verdicts.get((f.code, f"{corpus}/{p.name}", str(f.line), f.text), ("", ""))
                listing.append((f.code, f"{corpus}/{p.name}", f.line, f.text, f.suggestion or "", v, note))
        out[corpus] = dict(chars=chars, listing=listing)
    return out


def pct(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "–"


def render(results: dict, real: dict, rules, which: str, seconds: float) -> str:
    codes = sorted({c for r in results.values() for c in r["stats"]} - {"all"}) + ["all"]
    names = {r.code: r.name for r in rules}
    lines = [f"### Spelling sets, {which} wording rules (bench/spelling.py, {time.strftime('%Y-%m-%d')}, {seconds:.0f} s)", "",
             "Sentence-level detection: precision = flagged sentences where a finding points at a wrong "
             "character ÷ all flagged sentences; recall = those ÷ sentences with errors.", "",
             "| detector | " + " | ".join(f"{k} P | {k} R" for k in results) + " |",
             "|---|" + "---|---|" * len(results)]
    for c in codes:
        cells = []
        for r in results.values():
            s = r["stats"].get(c, Counter())
            flagged = s["tp"] + s["fp"]
            cells += [f"{pct(s['tp'], flagged)} ({s['tp']}/{flagged})" if flagged else "–", pct(s["tp"], r["positives"])]
        label = f"{c} {names.get(c, '')}".strip() if c != "all" else "**all wording rules**"
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "Sentences with errors: " + ", ".join(f"{k} {r['positives']} of {r['n']}" for k, r in results.items()), ""]
    lines += ["### Wording findings on real text (judged in bench/judgments/WD*.tsv)", "",
              "| corpus | characters | findings | judged true | false or unjudged | false / 10,000 chars |", "|---|---|---|---|---|---|"]
    for corpus, r in real.items():
        n = len(r["listing"])
        t = sum(1 for x in r["listing"] if x[5] == "true")
        lines.append(f"| {corpus} | {r['chars']:,} | {n} | {t} | {n - t} | {(n - t) / r['chars'] * 10000:.2f} |")
    lines += ["", "| rule | corpus | file | line | text | suggestion | verdict | note |", "|---|---|---|---|---|---|---|---|"]
    for corpus, r in real.items():
        for code, f, line, text, sug, v, note in r["listing"]:
            lines.append(f"| {code} | {corpus} | {f.split('/', 1)[1]} | {line} | {text} | {sug} | {v or 'unjudged'} | {note} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rules", choices=["default", "preview"], default="default")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--sets-only", action="store_true")
    ap.add_argument("--codes", help="only these rules, comma-separated (WD006,WD010): with --rules preview, measures preview rules one by one")
    ap.add_argument("--train", action="store_true", help="measure on ecspell-odw odw.train (the tuning set) instead of the test sets")
    ap.add_argument("--csc-model", metavar="DIR",
                    help="folder of an exported neural spelling model (model.onnx, vocab.txt; needs gwlint[csc]): "
                         "WD015 runs with it, also with --rules default")
    a = ap.parse_args(argv)
    t0 = time.time()
    rules = rules_for(a.rules)
    if a.csc_model:
        rules = with_csc_model(rules, a.csc_model)
    if a.codes:
        rules = [r for r in rules if r.code in set(a.codes.split(","))]
    sets = typo_sets(a.smoke)
    if a.train:
        lines = (CORPUS / "ecspell-odw" / "odw.train").read_text(encoding="utf-8").splitlines()
        sets = {"ecspell-odw train": [tuple(l.split("\t")[1:3]) for l in lines if l.count("\t") >= 2]}
    results = {name: eval_set(items, rules) for name, items in sets.items()}
    real = {} if a.sets_only else real_text(rules)
    text = render(results, real, rules, a.rules, time.time() - t0)
    if a.out:
        a.out.parent.mkdir(parents=True, exist_ok=True)
        a.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
