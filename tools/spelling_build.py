"""Build the confusion reference files of the spelling detectors (WD008 and friends).

    python tools/spelling_build.py sound   # reference/sound-alike-chars.tsv, default-readings.tsv (needs `pip install pypinyin`)
    python tools/spelling_build.py shape   # reference/shape-alike-chars.tsv (needs a char-similar checkout)
    python tools/spelling_build.py idioms  # reference/idioms.tsv (from jieba's dictionary)

``sound``: the toneless readings of every Han character of jieba's dictionary (MIT), grouped by
reading, from pypinyin (MIT; heteronyms included). Characters with one reading in common are
sound-alike. For each character with more than one toneless reading, ``default-readings.tsv``
keeps the one pypinyin gives first (its most common reading: 行 xing, 系 xi): WD017 reads a text by
the sound of each character, and a character sounds as its common reading.

``shape``: pairs of common characters (single characters that jieba's dictionary counts at least
SHAPE_MIN_FREQ times) whose four-corner codes (四角号码) agree in all four corners, or in three
corners with the same 附角 and a stroke-component list that differs by at most one item. The codes
and component lists are facts taken from the data files of yongzhuo/char-similar (Apache-2.0):
pass the path of a checkout (``--char-similar DIR``). Pairs of characters that odw.train (the
training split of ecspell-odw, MIT) shows confused and that share no reading are added, each
with that source.

``idioms``: the four-character words that jieba's dictionary (MIT) tags ``i`` (成语) and counts
at least IDIOM_MIN_FREQ times.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "reference"
SHAPE_MIN_FREQ = 3000
IDIOM_MIN_FREQ = 5


def jieba_entries():
    """(word, count, tag) for each line of jieba's dict.txt (MIT)."""
    import jieba

    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            w, freq, tag = line.split()
            yield w, int(freq), tag


def jieba_dict() -> dict[str, int]:
    return {w: freq for w, freq, _ in jieba_entries()}


def _is_han(c: str) -> bool:
    sys.path.insert(0, str(ROOT))
    from lint.text.chinese import is_han

    return is_han(c)


def build_sound() -> None:
    import pypinyin

    chars = sorted({c for w in jieba_dict() for c in w if _is_han(c)})
    groups: dict[str, list[str]] = defaultdict(list)
    for c in chars:
        readings = {p.replace("ü", "v") for r in pypinyin.pinyin(c, style=pypinyin.Style.NORMAL, heteronym=True) for p in r}
        for p in sorted(readings):
            if p.isascii() and p.isalpha():
                groups[p].append(c)
    src = f"pypinyin {pypinyin.__version__} (MIT), toneless readings with heteronyms"
    lines = ["# Sound-alike characters: the Han characters of jieba's dictionary grouped by toneless reading.",
             "# Built by tools/spelling_build.py sound. Used by the spelling detectors (WD008, WD009).",
             "pinyin\tchars\tsource"]
    lines += [f"{p}\t{''.join(cs)}\t{src}" for p, cs in sorted(groups.items())]
    (REFERENCE / "sound-alike-chars.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(groups)} readings, {len(chars)} characters")
    first = []
    for c in chars:
        ordered = [p.replace("ü", "v") for r in pypinyin.pinyin(c, style=pypinyin.Style.NORMAL, heteronym=True) for p in r]
        ordered = list(dict.fromkeys(p for p in ordered if p.isascii() and p.isalpha()))
        if len(ordered) > 1:
            first.append(f"{c}\t{ordered[0]}\t{src}, the first of its readings")
    lines = ["# The most common toneless reading of each character that has more than one (pypinyin's first).",
             "# Built by tools/spelling_build.py sound. Used by WD017 (likely-typo) to read a text by sound.",
             "char\treading\tsource", *first]
    (REFERENCE / "default-readings.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(first)} characters with more than one reading")


def build_shape(checkout: Path) -> None:
    freq = jieba_dict()
    common = {w for w, f in freq.items() if len(w) == 1 and f >= SHAPE_MIN_FREQ and _is_han(w)}
    data = checkout / "char_similar" / "data"
    corner = json.loads((data / "char_fourangle.dict").read_text(encoding="utf-8"))
    parts = json.loads((data / "char_stroke.dict").read_text(encoding="utf-8"))
    by_code: dict[str, list[str]] = defaultdict(list)
    for c in sorted(common):
        if c in corner:
            by_code[corner[c][:4]].append(c)
    similar: dict[str, set[str]] = defaultdict(set)
    for cs in by_code.values():
        for a in cs:
            similar[a].update(x for x in cs if x != a)
    # three corners alike, same extra corner, near-identical components
    items = [c for c in sorted(common) if c in corner]
    for i, a in enumerate(items):
        ca = corner[a]
        for b in items[i + 1:]:
            cb = corner[b]
            if ca[4:] != cb[4:] or sum(x != y for x, y in zip(ca[:4], cb[:4])) != 1:
                continue
            pa, pb = set(parts.get(a, ())), set(parts.get(b, ()))
            if pa and pb and len(pa ^ pb) <= 1:
                similar[a].add(b)
                similar[b].add(a)
    src = "四角号码 and components from yongzhuo/char-similar data files (Apache-2.0)"
    sources = {c: src for c in similar}
    readings = {}
    for line in (REFERENCE / "sound-alike-chars.tsv").read_text(encoding="utf-8").splitlines()[3:]:
        p, chars, _ = line.split("\t")
        for ch in chars:
            readings.setdefault(ch, set()).add(p)
    corpus = ROOT.parent / "shared" / "corpus" / "ecspell-odw" / "odw.train"
    odw = "confused in ecspell-odw odw.train (aopolin-lv/ECSpell, MIT), no reading in common"
    for line in corpus.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or len(parts[1]) != len(parts[2]):
            continue
        for a, b in zip(parts[1], parts[2]):
            if a != b and _is_han(a) and _is_han(b) and not (readings.get(a, set()) & readings.get(b, set())):
                for x, y in ((a, b), (b, a)):
                    if y not in similar[x]:
                        similar[x].add(y)
                        if sources.get(x, odw) != odw and odw not in sources[x]:
                            sources[x] += "; " + odw
                        sources.setdefault(x, odw)
    lines = ["# Shape-alike characters among common characters (four-corner codes agree), for the",
             "# spelling detectors. Built by tools/spelling_build.py shape.",
             "char\tsimilar\tsource"]
    lines += [f"{c}\t{''.join(sorted(s))}\t{sources[c]}" for c, s in sorted(similar.items()) if s]
    (REFERENCE / "shape-alike-chars.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{sum(1 for s in similar.values() if s)} characters with shape-alike partners")


def build_idioms() -> None:
    rows = [w for w, freq, tag in jieba_entries()
            if tag == "i" and len(w) == 4 and freq >= IDIOM_MIN_FREQ and all(_is_han(c) for c in w)]
    src = "jieba 0.42.1 dict.txt (MIT), tagged i"
    path = REFERENCE / "idioms.tsv"
    kept = []  # rows added by hand (another source) survive a rebuild
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines()[3:]:
            w, source = line.split("\t", 1)
            if not source.startswith("jieba"):
                kept.append(line)
                rows = [r for r in rows if r != w]
    lines = ["# Idioms (成语) and fixed four-character phrases, for WD009 (idiom-near-miss).",
             "# Built by tools/spelling_build.py idioms; an office may add its own in idioms.add.tsv.",
             "phrase\tsource"]
    lines += sorted([f"{w}\t{src}" for w in set(rows)] + kept)
    (REFERENCE / "idioms.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(set(rows))} idioms")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["sound", "shape", "idioms"])
    ap.add_argument("--char-similar", type=Path, help="checkout of yongzhuo/char-similar (for shape)")
    a = ap.parse_args(argv)
    if a.what == "sound":
        build_sound()
    elif a.what == "idioms":
        build_idioms()
    else:
        if not a.char_similar:
            ap.error("shape needs --char-similar DIR")
        build_shape(a.char_similar)
    return 0


if __name__ == "__main__":
    sys.exit(main())
