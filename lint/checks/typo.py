"""A statistical typo detector: a character whose two bigrams are both unknown, while a
homophone in its place makes both bigrams common words of official text.

The data file lint/data/typo-bigrams.txt (built by :mod:`lint.checks.typo_build` from
gov-reports, the corrected side of odw.train and the words of jieba's dictionary; never from a
test split) holds, per first character, the known second characters (``strong`` ones are
frequent), the characters to leave alone (frequent one-character words such as 的 或 是, which
meet many words never seen next to them) and the toneless pinyin of each character. It is read
once, only when the rule runs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..model.finding import Hit
from ..text.fastregex import fast

DATA = Path(__file__).resolve().parent.parent / "data" / "typo-bigrams.txt"
_HAN = fast(r"[\u4e00-\u9fff]{3,}")

# Build parameters (tuned on odw.train with a lexicon built without it; see the report).
MIN_DICT_FREQ = 20       # jieba words below this frequency give no bigrams
STRONG = 200             # a bigram this common may support a suggested replacement
CORPUS_WEIGHT = 50       # one occurrence in official text weighs like 50 of jieba's frequency
SKIP_SINGLE_FREQ = 20000  # one-character words at least this frequent are never flagged


class Model:
    def __init__(self, known: dict[str, str], strong: dict[str, str], skip: set[str],
                 pinyin: dict[str, tuple[str, ...]]):
        self.known = known    # first character -> string of second characters
        self.strong = strong
        self.skip = skip
        self.pinyin = pinyin
        groups: dict[str, set[str]] = defaultdict(set)
        for c, ps in pinyin.items():
            for p in ps:
                groups[p].add(c)
        self.groups = groups

    def is_known(self, a: str, b: str) -> bool:
        return b in self.known.get(a, "")

    def is_strong(self, a: str, b: str) -> bool:
        return b in self.strong.get(a, "")

    def homophones(self, c: str) -> set[str]:
        out: set[str] = set()
        for p in self.pinyin.get(c, ()):
            out |= self.groups[p]
        out.discard(c)
        return out

    def suspects(self, text: str) -> Iterator[tuple[int, str]]:
        """(offset, suggested character) for each suspicious character of ``text``.

        Only characters inside a run of Han characters: both bigrams must be unknown and both
        become strong with the one homophone that fits. Next to punctuation one bigram is too
        little evidence (部、 局、 ends of names): tried on odw.train, precision fell to 0.68.
        """
        for m in _HAN.finditer(text):
            run, base = m.group(), m.start()
            for i in range(1, len(run) - 1):
                a, c, b = run[i - 1], run[i], run[i + 1]
                if c in self.skip or self.is_known(a, c) or self.is_known(c, b):
                    continue
                options = [r for r in self.homophones(c) if self.is_strong(a, r) and self.is_strong(r, b)]
                if len(options) == 1:
                    yield base + i, options[0]


@lru_cache(maxsize=1)
def load_model(path: Path = DATA) -> Model:
    known, strong, pinyin = {}, {}, {}
    skip: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kind, key, *rest = line.split("\t")
        if kind == "b":
            strong[key], weak = rest
            known[key] = strong[key] + weak
        elif kind == "p":
            for c in rest[0]:
                pinyin.setdefault(c, ())
                pinyin[c] += (key,)
        elif kind == "s":
            skip = set(rest[0])
    return Model(known, strong, skip, pinyin)


def possible_typo(doc, rule, options) -> Iterator[Hit]:
    model = load_model()
    for p in doc.iter(rule.scope):
        for i, r in model.suspects(p.text):
            yield Hit(p, i, i + 1, r, {"context": p.text[max(0, i - 2):i + 3], "right": r})


possible_typo.FIELDS = frozenset({"text", "suggestion", "context", "right"})


# --- building the data file (lint.checks.typo_build bigrams) -------------------------------------

def build_bigrams(texts: list[str], out: Path) -> None:
    import os

    import jieba
    import pypinyin  # development only: the pinyin of each character is stored in the data file

    han = re.compile(r"[\u4e00-\u9fff]")
    score: Counter = Counter()
    for t in texts:
        for i in range(len(t) - 1):
            if han.match(t[i]) and han.match(t[i + 1]):
                score[t[i:i + 2]] += CORPUS_WEIGHT
    single: dict[str, int] = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            w, freq, *_ = line.split(" ")
            freq = int(freq)
            if len(w) == 1:
                single[w] = freq
            if freq < MIN_DICT_FREQ:
                continue
            for i in range(len(w) - 1):
                if han.match(w[i]) and han.match(w[i + 1]):
                    score[w[i:i + 2]] += freq
    by_first: dict[str, list[list[str]]] = defaultdict(lambda: [[], []])
    for bg, s in score.items():
        by_first[bg[0]][0 if s >= STRONG else 1].append(bg[1])
    chars = sorted({c for bg in score for c in bg})
    groups: dict[str, list[str]] = defaultdict(list)
    for c in chars:
        for p in sorted({p for r in pypinyin.pinyin(c, style=pypinyin.Style.NORMAL, heteronym=True) for p in r}):
            groups[p].append(c)
    lines = ["# Typo detector data (WD008): built by `python -m lint.checks.typo_build bigrams` from",
             "# shared/corpus/gov-reports, the corrected side of odw.train and jieba's dictionary.",
             "# b<TAB>first<TAB>strong seconds<TAB>other seconds | p<TAB>pinyin<TAB>chars | s<TAB><TAB>skip"]
    lines += [f"b\t{a}\t{''.join(sorted(s))}\t{''.join(sorted(w))}" for a, (s, w) in sorted(by_first.items())]
    lines += [f"p\t{p}\t{''.join(cs)}" for p, cs in sorted(groups.items())]
    lines.append("s\t-\t" + "".join(sorted(c for c, f in single.items() if f >= SKIP_SINGLE_FREQ)))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(score)} bigrams, {len(chars)} characters -> {out} ({out.stat().st_size} bytes)")
