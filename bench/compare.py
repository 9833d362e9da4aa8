#!/usr/bin/env python3
"""Speed side by side with an earlier commit, in one run: the cold check of the 10,000-character
draft and of the 2 MB text, each command run in turn with the other (a, b, a, b, ...), so that a
slow spell of the machine falls on both.

    python bench/compare.py --baseline 6d53281                 # against this checkout
    python bench/compare.py --baseline 6d53281 --after 784fa74 # two commits

The earlier commit is checked out (git worktree, detached) under bench/out/ and run from source
with this Python and its installed dependencies; this checkout is run the same way.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from common import BENCH, REPO, fmt_s, log, make_inputs, table  # noqa: E402
from timing import cold_interleaved  # noqa: E402

# Run as the ``gwlint`` program runs: main() reads the process's arguments (and, from the commit
# where main() ends the process itself, skips the interpreter's teardown as the program does).
RUN = ("import sys; sys.path.insert(0, sys.argv[1]); sys.argv = ['gwlint'] + sys.argv[2:]; "
       "from lint.cli import main; main()")


def checkout(rev: str, out: Path) -> Path:
    where = out / f"baseline-{rev}"
    if not where.exists():
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(where), rev], check=True,
                       capture_output=True)
    return where


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", required=True, help="the earlier commit (any git revision)")
    ap.add_argument("--after", default=None, help="a later commit to compare (default: this checkout)")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--sizes", default="10k,2MB", help="inputs to time (10k, 70k, 2MB)")
    ap.add_argument("--format", default="json", help="the report format to time (json, text, ...)")
    args = ap.parse_args(argv)
    out = BENCH / "out"
    out.mkdir(parents=True, exist_ok=True)
    rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", args.baseline], check=True,
                         capture_output=True, text=True).stdout.strip()
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", args.after or "HEAD"], check=True,
                          capture_output=True, text=True).stdout.strip()
    base = checkout(rev, out)
    later = checkout(head, out) if args.after else REPO
    inputs = make_inputs(out, smoke=False)
    rows = []
    for label in args.sizes.split(","):
        draft = inputs["drafts"][label]["txt"]
        cmds = {name: [sys.executable, "-c", RUN, str(root), "check", "-f", args.format, str(draft)]
                for name, root in (("before", base), ("after", later))}
        log(f"{label}: {args.runs} runs each, interleaved")
        got = cold_interleaved(cmds, args.runs, warmup=1)
        b, a = got["before"], got["after"]
        if b.get("error"):
            log(f"{label}: {b['error']}")
        change = (a["median"] / b["median"] - 1) * 100 if b.get("median") and a.get("median") else None
        rows.append([label, fmt_s(b.get("median")), fmt_s(a.get("median")),
                     f"{change:+.1f} %" if change is not None else "-",
                     f"{b.get('rss_mb') or 0:.0f} / {a.get('rss_mb') or 0:.0f} MB"])
    text = (f"Cold check (-f {args.format}), median of {args.runs} interleaved runs: {rev} (before) and {head} (after).\n\n"
            + table(["input", "before", "after", "change", "peak memory before / after"], rows) + "\n")
    (out / f"compare-{rev}-{head}.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
