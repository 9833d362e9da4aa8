"""Build reference/law-dates.tsv: when each version of a law or administrative regulation in
reference/laws.tsv was adopted (公布, or the date of its amendment) and took effect (施行).

    python tools/lawdates_build.py LAWREFBOOK_CHECKOUT

The dates are facts read from ``db.sqlite3`` of a checkout of LawRefBook/Laws (its table
``law``: name, level, publish, valid_from; one row per version it keeps, not every version a
law has had). A name is matched to its full title in laws.tsv (法律 with 中华人民共和国 before
it); versions with neither date are left out. Rows of the current file from another source
(added by hand: versions after the snapshot, in-force dates it lacks) are kept. FC033 (law-date)
reads the file.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "reference"
PRC = "中华人民共和国"


def build(checkout: Path) -> list[tuple[str, str, str]]:
    titles = {line.split("\t")[0] for line in
              (REFERENCE / "laws.tsv").read_text(encoding="utf-8").splitlines()[3:] if line}
    db = sqlite3.connect(f"file:{checkout / 'db.sqlite3'}?mode=ro", uri=True)
    rows = set()
    for name, publish, valid_from in db.execute(
            "select name, publish, valid_from from law where level in ('法律', '行政法规')"):
        title = next((t for t in (PRC + name, name) if t in titles), None)
        if title and (publish or valid_from):
            rows.add((title, publish or "", valid_from or ""))
    return sorted(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkout", type=Path, help="a checkout of LawRefBook/Laws (with db.sqlite3)")
    args = ap.parse_args(argv)
    rows = build(args.checkout)
    src = "LawRefBook/Laws db.sqlite3（国家法律法规数据库整理，2025年4月）"
    lines = ["# 法律、行政法规各版本的公布（修正、修订）日期和施行日期。由 tools/lawdates_build.py 从 LawRefBook/Laws 的",
             "# db.sqlite3 生成；只收该库保存的版本（不一定是每一次修改）。数据日期：2025年4月。",
             "title\tadopted\tin_force\tsource"]
    lines += [f"{t}\t{a}\t{f}\t{src}" for t, a, f in rows]
    old = (REFERENCE / "law-dates.tsv").read_text(encoding="utf-8").splitlines()[3:]
    lines += [line for line in old if line and not line.split("\t")[3].startswith("LawRefBook")]
    (REFERENCE / "law-dates.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} versions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
