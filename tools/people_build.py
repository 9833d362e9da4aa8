"""Build reference/given-name-chars.tsv: how often each character ends or stands in the middle
of a three-character personal name (FC017–FC019 decide with it whether 局长周明华为… names 周明 or
周明华).

    python tools/people_build.py

The names are the three-character words jieba's dictionary (jieba 0.42.1, MIT) tags ``nr``
(person name) whose first character is one of the surnames of lint/checks/people_mentions.py.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from lint.checks.people_mentions import SURNAMES
    from lint.text.segment import _jieba_dict_path

    last, middle, n = Counter(), Counter(), 0
    for line in _jieba_dict_path().read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == "nr" and len(parts[0]) == 3 and parts[0][0] in SURNAMES:
            middle[parts[0][1]] += 1
            last[parts[0][2]] += 1
            n += 1
    source = f"jieba 0.42.1 dict.txt (MIT): {n} three-character words tagged nr"
    rows = ["# Given-name characters: how many three-character personal names of jieba's dictionary end",
            "# in each character (last) or have it in the middle (middle). Built by tools/people_build.py.",
            "char\tlast\tmiddle\tsource"]
    for c in sorted(set(last) | set(middle), key=lambda c: (-last[c], -middle[c], c)):
        rows.append(f"{c}\t{last[c]}\t{middle[c]}\t{source}")
    (ROOT / "reference" / "given-name-chars.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
