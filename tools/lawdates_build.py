"""Build reference/law-dates.tsv: when each version of a law or administrative regulation in
reference/laws.tsv was adopted (公布, or the date of its amendment) and took effect (施行).

    python tools/lawdates_build.py LAWREFBOOK_CHECKOUT

The dates are facts read from ``db.sqlite3`` of a checkout of LawRefBook/Laws (its table
``law``: name, level, publish, valid_from; one row per version it keeps, not every version a
law has had). A name is matched to its full title in laws.tsv (法律 with 中华人民共和国 before
it); versions with neither date are left out. The Markdown texts of the checkout add what the
database lacks: each text's header lists the day the law was first adopted (通过, 公布) and every
amendment since (修正, 修订), and its last article the day the law first took effect (本法自2011年
7月1日起施行, which amendments leave as it was). Rows of the current file from another source
(added by hand: versions after the snapshot, in-force dates it lacks) are kept. FC033 (law-date)
reads the file.
"""

from __future__ import annotations

import argparse
import re
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
    rows |= _from_texts(checkout, titles)
    # a version the texts give its in-force day replaces the same version without one
    dated = {(t, a) for t, a, f in rows if f}
    return sorted(r for r in rows if r[2] or (r[0], r[1]) not in dated)


_DAY = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
_HEADER_DAY = re.compile(rf"^{_DAY}\s*\S*?(通过|公布|发布|修正|修订|修改)", re.M)
_IN_FORCE = re.compile(rf"(?:本法|本条例|本规定|本办法|本细则)自{_DAY}起施行")


def _iso(m, at: int = 1) -> str:
    return f"{int(m.group(at)):04d}-{int(m.group(at + 1)):02d}-{int(m.group(at + 2)):02d}"


def _from_texts(checkout: Path, titles: set) -> set[tuple[str, str, str]]:
    """(title, adopted, in force) from the texts of laws and administrative regulations: the first
    day of the header with the day of the last article, and each amendment of the header."""
    rows = set()
    for path in sorted(checkout.rglob("*.md")):
        if "DLC" in path.parts or path.name.startswith("_"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        head, _, body = text.partition("<!-- INFO END -->")
        first = head.splitlines()[0].lstrip("# ").strip() if head else ""
        if first not in titles:
            continue
        days = list(_HEADER_DAY.finditer(head))
        if not days:
            continue
        force = list(_IN_FORCE.finditer(body))
        rows.add((first, _iso(days[0]), _iso(force[-1]) if force else ""))
        for m in days[1:]:
            if m.group(4) in ("修正", "修订", "修改"):
                rows.add((first, _iso(m), ""))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkout", type=Path, help="a checkout of LawRefBook/Laws (with db.sqlite3)")
    args = ap.parse_args(argv)
    rows = build(args.checkout)
    src = "LawRefBook/Laws db.sqlite3（国家法律法规数据库整理，2025年4月）"
    lines = ["# 法律、行政法规各版本的公布（修正、修订）日期和施行日期。由 tools/lawdates_build.py 从 LawRefBook/Laws 的",
             "# db.sqlite3 生成；只收该库保存的版本（不一定是每一次修改）。数据日期：2025年4月。",
             "title\tadopted\tin_force\tsource"]
    old = (REFERENCE / "law-dates.tsv").read_text(encoding="utf-8").splitlines()[3:]
    hand = [line.split("\t") for line in old if line and not line.split("\t")[3].startswith("LawRefBook")]
    dated = {(t, a) for t, a, f in rows if f}
    hand = [h for h in hand if (h[0], h[1]) not in dated]  # the texts give that version's day now
    kept = {(h[0], h[1]) for h in hand}
    lines += [f"{t}\t{a}\t{f}\t{src}" for t, a, f in rows if (t, a) not in kept]
    lines += ["\t".join(h) for h in hand]
    (REFERENCE / "law-dates.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} versions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
