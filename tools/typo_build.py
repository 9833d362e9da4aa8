"""Build the data files of the wording and typo checks (lint/data/). Not imported at check time.

    python tools/typo_build.py variants   # lint/data/t2s-chars.tsv (needs `pip install opencc`)
    python tools/typo_build.py verbs      # lint/data/verbs.txt (from jieba's dictionary)

The spelling detectors' confusion tables are built by tools/spelling_build.py.

``variants``: every CJK character that OpenCC's t2s conversion changes when it stands alone, with
its simplified form, except characters that occur in the simplified corpora (gov-reports, the
corrected side of odw.train). OpenCC is Apache-2.0; only this derived character table ships.

``verbs``: the 2-4 character words jieba's dictionary tags as verbs (v, vn, vd), so that
WD005 can tell a doubled verb from two nouns meeting at a boundary without loading jieba's
part-of-speech tagger (about 0.3 s and 100 MB more than its segmenter).
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "lint" / "data"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def clean_texts():
    """Clean simplified official text: gov-reports paragraphs and odw.train corrected sentences."""
    for p in sorted((CORPUS / "gov-reports").glob("*.txt")):
        yield from p.read_text(encoding="utf-8").splitlines()
    for line in (CORPUS / "ecspell-odw" / "odw.train").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            yield parts[2]


def build_variants() -> None:
    import opencc

    conv = opencc.OpenCC("t2s")
    seen = set()
    for t in clean_texts():
        seen.update(t)
    pairs = []
    for cp in list(range(0x3400, 0x4DB6)) + list(range(0x4E00, 0x9FA6)):
        ch = chr(cp)
        s = conv.convert(ch)
        if len(s) == 1 and s != ch and ch not in seen:
            pairs.append((ch, s))
    lines = ["# Traditional or variant character -> simplified form, for WD007 (variant-character).",
             "# Derived from OpenCC's t2s character conversion (Apache-2.0) by tools/typo_build.py;",
             "# each line: traditional characters TAB their simplified forms, position by position."]
    for k in range(0, len(pairs), 60):
        chunk = pairs[k:k + 60]
        lines.append("".join(a for a, _ in chunk) + "\t" + "".join(b for _, b in chunk))
    (DATA / "t2s-chars.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(pairs)} characters")


def build_verbs() -> None:
    from spelling_build import jieba_entries  # beside this script in tools/

    words = [w for w, _, tag in jieba_entries() if tag in ("v", "vn", "vd") and 2 <= len(w) <= 4]
    header = ["# Words of 2-4 characters that jieba's dict.txt (MIT) tags v, vn or vd; built by",
              "# tools/typo_build.py verbs. Used by WD005 (doubled-word)."]
    (DATA / "verbs.txt").write_text("\n".join(header + sorted(set(words))) + "\n", encoding="utf-8")
    print(f"{len(set(words))} verbs")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "variants":
        build_variants()
    elif what == "verbs":
        build_verbs()
    else:
        sys.exit(__doc__)
