"""Build reference/law-trigrams.bin: the character trigrams of Chinese laws and regulations.

    python tools/lawgrams_build.py LAWREFBOOK_CHECKOUT

The text is every Markdown file of a checkout of LawRefBook/Laws (laws, administrative and local
regulations, judicial interpretations, departmental rules: texts of a legislative,
administrative or judicial nature, which article 5 of the Copyright Law of the PRC leaves
outside copyright). A file that shares a run of MATCH Han characters with any text gwlint is
measured on (shared/corpus: real-drafts, gov-reports, ecspell-odw, sighan15, textproof-midu) is
left out, so that those measurements stay on text the table has not seen.

Each run of Han characters gives its trigrams; those seen at least MIN_COUNT times are kept, as
the sorted little-endian CRC-32 values of their UTF-8 bytes (4 bytes each; two trigrams share a
value about once in four thousand million lookups). WD017 asks whether a word written with its
neighbours is attested there (:mod:`lint.text.attested`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zlib
from array import array
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "reference" / "law-trigrams.bin"
MIN_COUNT = 2
MATCH = 20
_HAN = re.compile("[\u4e00-\u9fff]+")


def measured_windows() -> set[str]:
    """Every run of MATCH Han characters of the texts gwlint is measured on."""
    texts = []
    for folder in ("real-drafts", "gov-reports"):
        texts += [p.read_text(encoding="utf-8") for p in sorted((CORPUS / folder).glob("*.txt"))]
    for name in ("odw.train", "odw.test"):
        for line in (CORPUS / "ecspell-odw" / name).read_text(encoding="utf-8").splitlines():
            texts += line.split("\t")[1:]
    for name in ("simplified_test15_error.txt", "simplified_test15_correct.txt"):
        texts += (CORPUS / "sighan15" / name).read_text(encoding="utf-8").splitlines()
    for item in json.loads((CORPUS / "textproof-midu" / "textproof.tet.json").read_text(encoding="utf-8")):
        texts += [item["source"], item["target"]]
    out = set()
    for t in texts:
        for run in _HAN.findall(t):
            out.update(run[i:i + MATCH] for i in range(len(run) - MATCH + 1))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkout", type=Path, help="a checkout of LawRefBook/Laws")
    a = ap.parse_args(argv)
    seen = measured_windows()
    counts: Counter = Counter()
    used = skipped = 0
    for path in sorted(a.checkout.rglob("*.md")):
        runs = _HAN.findall(path.read_text(encoding="utf-8", errors="replace"))
        if any(run[i:i + MATCH] in seen for run in runs for i in range(len(run) - MATCH + 1)):
            skipped += 1
            continue
        used += 1
        for run in runs:
            counts.update(run[i:i + 3] for i in range(len(run) - 2))
    values = array("I", sorted({zlib.crc32(g.encode("utf-8")) for g, n in counts.items() if n >= MIN_COUNT}))
    if sys.byteorder != "little":
        values.byteswap()
    OUT.write_bytes(values.tobytes())
    print(f"{used} files read, {skipped} left out (shared text with a measurement set); "
          f"{len(values)} trigrams seen at least {MIN_COUNT} times")
    return 0


if __name__ == "__main__":
    sys.exit(main())
