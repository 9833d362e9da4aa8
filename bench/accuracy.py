"""The accuracy job: findings on gov-reports judged by the reviews, the spelling sets, lengths."""

from __future__ import annotations

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from common import BENCH, CORPUS, GOV, default_rules, log  # noqa: E402

# --- accuracy ----------------------------------------------------------------------------------

def _is_known_slip():
    """tests/test_corpus.py's KNOWN_SLIPS test (one definition for the suite and the bench)."""
    try:
        from tests.test_corpus import _is_known_slip as fn
        return fn
    except Exception:  # pragma: no cover - the test module is part of the repository
        return lambda f: False


def load_reviews() -> dict:
    """Hand verdicts on gov-reports findings, keyed (code, file, text): bench/gov-reports-review.tsv
    (code, file, text, verdict, note), then the per-rule judgments bench/judgments/<CODE>.tsv
    (file, line, text, verdict, note) of the rules' own measurements."""
    out = {}
    for path in sorted((BENCH / "judgments").glob("*.tsv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        head = lines[0].split("\t") if lines else []
        for line in lines[1:]:
            row = dict(zip(head, line.split("\t")))
            if row.get("file", "").startswith("gov-reports/") and row.get("verdict") in ("true", "false"):
                out[(path.stem, row["file"].rsplit("/", 1)[-1], row.get("text", ""))] = (row["verdict"],
                                                                                      row.get("note", ""))
    path = BENCH / "gov-reports-review.tsv"
    if not path.exists():
        return out
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 4:
            out[(cols[0], cols[1], cols[2])] = (cols[3].strip(), cols[4].strip() if len(cols) > 4 else "")
    return out


def gov_reports(out: Path, args, rules) -> dict:
    from lint.config.settings import Settings
    from lint.app.checking import check_one

    files = sorted(GOV.glob("*.txt"))
    if args.smoke:
        files = files[:2]
    results = [check_one(p.name, p, rules, Settings()) for p in files]
    chars = sum(r.chars for r in results)
    slip = _is_known_slip()
    reviews = load_reviews()
    per = {r.code: Counter() for r in rules}
    listing = []
    for res in results:
        for f in res.findings:
            verdict, note = reviews.get((f.code, f.path, f.text), (None, ""))
            # A finding is on a slip when it points at the slip itself, not at a long sentence
            # that happens to contain one.
            on_slip = slip(f) and len(f.text) <= 6
            true = on_slip or verdict == "true"
            why = "known slip (SOURCE.md)" if on_slip else (f"reviewed: {verdict}" + (f" — {note}" if note else "")
                                                            if verdict else "not reviewed")
            per[f.code]["true" if true else "false"] += 1
            listing.append(dict(code=f.code, name=f.name, severity=f.severity, path=f.path, line=f.line,
                                column=f.column, text=f.text, message=f.message, true=true, why=why))
    (out / "gov-reports-findings.tsv").write_text(
        "code\tseverity\tfile\tline\tcolumn\ttext\ttrue\twhy\tmessage\n" + "".join(
            f"{x['code']}\t{x['severity']}\t{x['path']}\t{x['line']}\t{x['column']}\t{x['text']}\t"
            f"{int(x['true'])}\t{x['why']}\t{x['message']}\n" for x in listing), encoding="utf-8")
    return dict(chars=chars, files=len(files), per_rule=per, listing=listing)


def typo_sets(args) -> dict[str, list[tuple[str, str]]]:
    sets = {}
    lines = (CORPUS / "ecspell-odw" / "odw.test").read_text(encoding="utf-8").splitlines()
    sets["ecspell-odw (odw.test)"] = [tuple(l.split("\t")[1:3]) for l in lines if l.count("\t") >= 2]
    items = json.loads((CORPUS / "textproof-midu" / "textproof.tet.json").read_text(encoding="utf-8"))
    sets["textproof-midu"] = [(x["source"], x["target"]) for x in items]
    err = (CORPUS / "sighan15" / "simplified_test15_error.txt").read_text(encoding="utf-8").splitlines()
    cor = (CORPUS / "sighan15" / "simplified_test15_correct.txt").read_text(encoding="utf-8").splitlines()
    sets["sighan15 (simplified)"] = list(zip(err, cor))
    if args.smoke:
        sets = {k: v[:40] for k, v in sets.items()}
    return sets


def _positions(f, src: str) -> tuple[set[int], dict[int, str]]:
    """Character positions a finding points at, and the character it proposes for each."""
    if f.scope == "document" or f.end_column <= f.column:
        return set(), {}
    start, end = f.column - 1, f.end_column - 1
    sug = f.suggestion
    if sug is not None and len(sug) == end - start:
        diff = {start + i: c for i, c in enumerate(sug) if src[start + i:start + i + 1] != c}
        if diff:
            return set(diff), diff
    return set(range(start, end)), {}


# The typo sets' gold annotates wrong characters only: they judge these families' findings. A
# punctuation or length finding there may well be right and is not counted for or against its rule.
TYPO_FAMILIES = ("wording",)
LOCATE_MAX = 4  # characters: a finding pointing at more than a word does not locate a wrong character


def eval_typos(sets: dict, rules) -> dict:
    """Per set and rule family: sentence- and character-level precision and recall."""
    from lint.analysis.document_type import infer
    from lint.engine import check_document
    from lint.readers.text import read_text_bytes

    fams = sorted({r.category for r in rules})
    out = {}
    for set_name, items in sets.items():
        stats = {fam: Counter() for fam in fams + ["all"]}
        for i, (src, tgt) in enumerate(items):
            if not src.strip():
                continue
            gold = {k for k, (a, b) in enumerate(zip(src, tgt)) if a != b}
            positive = src != tgt
            doc = read_text_bytes(src.encode("utf-8"), f"{set_name}:{i + 1}", "txt")
            doc.meta["doctype"] = infer(doc)
            doc.meta["public"] = False
            findings = check_document(doc, rules)
            for fam in fams + ["all"]:
                fs = [f for f in findings if fam == "all" or f.category == fam]
                s = stats[fam]
                pos, fix = set(), {}
                hits = 0
                for f in fs:
                    p, c = _positions(f, src)
                    if len(p) > LOCATE_MAX:  # a long span (a whole sentence) locates no typo
                        p = set()
                    pos |= p
                    fix.update(c)
                    hits += 1 if (p & gold) else 0
                s["findings"] += len(fs)
                s["true_findings"] += hits
                s["positives"] += positive
                s["gold_chars"] += len(gold)
                if fs:
                    s["flagged"] += 1
                # sentence-level detection: a hit on a gold position
                if positive and pos & gold:
                    s["sd_tp"] += 1
                elif fs:
                    s["sd_fp"] += 1
                # sentence-level correction, pycorrector's definition (eval_sighan2015_by_model)
                pred = "".join(fix.get(k, ch) for k, ch in enumerate(src))
                if positive:
                    s["sc_tp" if pred == tgt else "sc_fn"] += 1
                else:
                    s["sc_tn" if pred == src else "sc_fp"] += 1
                # character level
                s["cd_pred"] += len(pos)
                s["cd_tp"] += len(pos & gold)
                s["cc_pred"] += len(fix)
                s["cc_tp"] += sum(1 for k, ch in fix.items() if k < len(tgt) and tgt[k] == ch)
        out[set_name] = dict(n=len(items), stats=stats)
    return out


def lintscore(t: int, f: int) -> float:
    return t * (t / (t + f)) ** 2 if t + f else 0.0


def accuracy(out: Path, args, report: dict) -> None:
    rules = default_rules()
    report["rules"] = rules
    log("accuracy: gov-reports")
    report["gov"] = gov_reports(out, args, rules)
    log("accuracy: typo sets")
    report["typos"] = eval_typos(typo_sets(args), rules)
    report["lengths"] = length_tables()


def length_tables() -> str | None:
    path = BENCH / "length_distribution.py"
    if not path.exists():
        return None
    try:
        spec = importlib.util.spec_from_file_location("bench_length_distribution", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod.markdown(GOV)
    except Exception as exc:
        log(f"bench/length_distribution.py failed ({exc}); trying it as a script")
        r = subprocess.run([sys.executable, str(path), str(GOV)], capture_output=True, text=True, timeout=300)
        return r.stdout if r.returncode == 0 else None


