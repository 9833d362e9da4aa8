"""Choose WD008's margins on ecspell-odw odw.train (never on a test split).

    python tools/spelling_tune.py [--margins 6.5,7,7.5,8]

Every scored replacement of every training sentence is collected once (``scan(...,
all_candidates=True)``); then, for each margin of a one-character sound-alike replacement (the
two-character margin is that plus 5, the shape-alike one fixed at 8), sentence-level precision and
recall are printed as bench/spelling.py counts them: a flagged sentence is right when a
replacement changes one of its wrong characters. The names filter of the detector (a span just
before 村/镇/区/县/市/同志) is applied; the function-character and vocabulary filters are not.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TRAIN = ROOT.parent / "shared" / "corpus" / "ecspell-odw" / "odw.train"


def main(argv=None) -> int:
    from lint.checks.spelling_lm import NAME_AFTER, scan

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--margins", default="6,6.5,7,7.5,8,9")
    a = ap.parse_args(argv)
    items = []
    for line in TRAIN.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and len(parts[1]) == len(parts[2]):
            items.append((parts[1], parts[2]))
    positives = sum(1 for s, t in items if s != t)
    scored = defaultdict(list)
    for k, (src, tgt) in enumerate(items):
        gold = {i for i, (x, y) in enumerate(zip(src, tgt)) if x != y}
        for s in scan(src, all_candidates=True):
            if NAME_AFTER.match(src, s.end):
                continue
            hit = any(s.wrong[j] != s.right[j] and s.start + j in gold for j in range(len(s.wrong)))
            scored[k].append((s.how, s.changed, s.gain, hit))
    print(f"{len(items)} sentences, {positives} with errors")
    print("sound-1 margin | precision | recall")
    for m in (float(x) for x in a.margins.split(",")):
        need = {("sound", 1): m, ("sound", 2): m + 5, ("shape", 1): 8.0}
        tp = fp = 0
        for cands in scored.values():
            flagged = [hit for how, changed, gain, hit in cands if gain >= need.get((how, changed), 99.0)]
            if flagged:
                tp, fp = (tp + 1, fp) if any(flagged) else (tp, fp + 1)
        print(f"{m:g} | {tp / max(1, tp + fp):.3f} | {tp / positives:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
