"""WD017 likely-typo: one character of a dictionary word of three or four characters replaced by
a sound-alike or shape-alike one (大数局 for 大数据, 科穴院 for 科学院, 国务园 for 国务院).

This is the part of WD008's search (:mod:`lint.checks.spelling_lm`) that held up on text it was
not tuned on: a long word is seldom one slip away from another string of the same length that a
writer means, so where a window of text is no word but becomes a frequent one by changing one
character that sounds or looks alike, the slip is all but certain. Measured in
bench/results/spelling.md.

It is found without segmenting the whole text. For sound, the text is read as a string of codes,
each character as its most common toneless reading (reference/sound-alike-chars.tsv,
reference/default-readings.tsv); for shape, the words are indexed by every first three
characters a shape-alike slip (reference/shape-alike-chars.tsv) can leave of them. A window of
three or four characters found so, that differs from the word in one character alike in sound
or shape, is a candidate. Many candidates are a word's edge and the next word's first character
(发展机 of 发展机制 against 发展期): a changed edge character that makes a frequent two-character
word with its outside neighbour is taken as meant. What is left is scored with the lexicon, read in parts as the candidates need them
(:func:`lint.text.segment.lexicon_by_parts`), and kept when the replacement raises the log
probability of its neighbourhood by WD008's margin (:func:`lint.checks.spelling_lm.replacement_gain`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from ..text.chinese import CN_NUMERAL_CHARS
from . import spelling_lm

LENGTHS = (3, 4)
MIN_WORD_FREQ = spelling_lm.MIN_CAND_FREQ  # a word restored must be this frequent
SHAPE_MIN_FREQ = 100                       # and this frequent for a shape-alike slip
_NUMERALS = frozenset(CN_NUMERAL_CHARS)    # 一九二一 is not 一九五一: numbers are not words to restore
_CODE_BASE = 0xE000                        # codes are private-use characters: never in a text
# the fifty or so commonest characters of jieba's dictionary (了 是 在 和 有 的 …) as words of their own
COMMONEST = 100_000
_OPEN_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』"}
FORMAT = 8  # of the index kept in the cache folder: raise it when _build changes


def _default_readings() -> dict[str, str]:
    from ..resources import reference_dir

    out = {}
    for line in (reference_dir() / "default-readings.tsv").read_text(encoding="utf-8").splitlines()[3:]:
        c, reading, _ = line.split("\t")
        out[c] = reading
    return out


def _person_names() -> set[str]:
    """The words jieba's dictionary (MIT) tags as people's names (nr, nrfg, nrt)."""
    from ..text.segment import _jieba_dict_path

    with open(_jieba_dict_path(), encoding="utf-8") as f:
        return {w for w, _, tag in (line.split() for line in f) if tag.startswith("nr")}


def _build() -> tuple[dict, dict, dict, dict]:
    """(the sound code of each character, words by the sound codes of their first three
    characters, words by the first three characters a shape-alike slip leaves, the shape-alike
    table), as plain data for the cache folder. A key's words are joined by ``|``; a word of four characters is found by its
    first three and checked whole where its key stands."""
    from ..text.segment import lexicon

    readings = spelling_lm.char_readings()
    default = _default_readings()
    syllables = sorted({r for rs in readings.values() for r in rs})
    code = {s: chr(_CODE_BASE + i) for i, s in enumerate(syllables)}
    sound = {c: code[default.get(c, rs[0])] for c, rs in readings.items()}
    shapes = spelling_lm.shape_alike()
    names = _person_names()
    by_sound: dict[str, set] = {}
    by_shape: dict[str, set] = {}
    for w, n in lexicon().freq.items():
        if len(w) not in LENGTHS or n < MIN_WORD_FREQ or not all(c in sound for c in w) or _NUMERALS & set(w):
            continue
        if w in names:
            continue  # 李建桦 is no slip for 李建华: people have the names they have (FC017 compares a draft's own)
        head = w[:3]
        # a slip puts a character that sounds like this one in its common reading (the text is
        # read so too); the other readings of a character with several found little more on
        # odw.train (3 of 170) and cost half the index
        by_sound.setdefault("".join(sound[c] for c in head), set()).add(w)
        # a slip puts a character that looks like this one in its place: the heads it can leave
        # (of the more frequent words only: each has several, and the index is read in every run)
        for k, c in enumerate(w if n >= SHAPE_MIN_FREQ else ""):
            for x in shapes.get(c, ""):
                by_shape.setdefault(head[:k] + x + head[k + 1:] if k < 3 else head, set()).add(w)
    return (sound, {k: "|".join(sorted(v)) for k, v in by_sound.items()},
            {k: "|".join(sorted(v)) for k, v in by_shape.items()}, shapes)


@lru_cache(maxsize=1)
def _index():
    """(the translation of a text to sound codes, words by sound key, words by shape key, the
    shape-alike table)."""
    from ..text.segment import _cache_stamp, _cached

    sound, by_sound, by_shape, shapes = _cached(f"slips-{FORMAT}", _cache_stamp(), _build)
    return str.maketrans(sound), by_sound, by_shape, shapes


def _candidates(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, length, word, how) for each window of ``text`` one alike character away from a
    word: the window's first three characters sound like the word's, or are those a shape-alike
    slip leaves of them, and the window differs from the word in one character, alike so."""
    from ..text.segment import word_pairs

    after, before = word_pairs()
    sound, by_sound, by_shape, shapes = _index()
    n = len(text)
    seen = set()
    for codes, index, how in ((text.translate(sound), by_sound, "sound"), (text, by_shape, "shape")):
        for i in [i for i in range(n - 2) if codes[i:i + 3] in index]:
            for w in index[codes[i:i + 3]].split("|"):
                length = len(w)
                window = text[i:i + length]
                if len(window) < length or window == w:
                    continue
                diff = [k for k in range(length) if w[k] != window[k]]
                if len(diff) != 1 or (i, w) in seen:
                    continue
                k = diff[0]
                x, c = window[k], w[k]
                if x in _NUMERALS:
                    continue
                # the first three characters are alike by the key; the fourth must be so too
                if k == 3 and not (sound.get(ord(x)) == sound.get(ord(c)) if how == "sound" else x in shapes.get(c, "")):
                    continue
                # the changed character at an edge, making a word with its outside neighbour
                if k == 0 and i > 0 and text[i - 1] in before.get(x, ""):
                    continue
                if k == length - 1 and i + length < n and text[i + length] in after.get(x, ""):
                    continue
                seen.add((i, w))
                yield i, length, w, how


def _in_vocabulary(run: str, x: int, vocabulary) -> bool:
    return any(run[a:b] in vocabulary
               for a in range(max(0, x - spelling_lm.MAX_VOCABULARY + 1), x + 1)
               for b in range(max(a + 2, x + 1), min(len(run), a + spelling_lm.MAX_VOCABULARY) + 1))


def _run_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The run of Han characters around ``text[start:end]``, at most WINDOW characters either side."""
    lo = start
    while lo > max(0, start - spelling_lm.WINDOW) and _is_han(text[lo - 1]):
        lo -= 1
    hi = end
    while hi < min(len(text), end + spelling_lm.WINDOW) and _is_han(text[hi]):
        hi += 1
    return lo, hi


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def find(text: str) -> list[spelling_lm.Suspect]:
    """The slips of ``text``, each narrowed to the character it changes."""
    found: dict[tuple[int, str], spelling_lm.Suspect] = {}
    lex = None
    for i, length, w, how in _candidates(text):
        if lex is None:
            from ..text.segment import lexicon_by_parts

            lex = lexicon_by_parts()
        window = text[i:i + length]
        if spelling_lm.NAME_AFTER.match(text, i + length):
            continue
        if i > 0 and text[i - 1] in _OPEN_QUOTES and text[i + length:i + length + 1] == _OPEN_QUOTES[text[i - 1]]:
            continue  # a term put in quotation marks (“空心村”) is named as written
        if all(lex.freq.get(c, 0) >= COMMONEST for c, d in zip(window, w) if c == d):
            continue  # the characters kept are the commonest of all (有的是 against 忧的是): they go with any
        f_w, f_span = lex.freq.get(w, 0), lex.freq.get(window, 0)
        if f_w <= 20 * f_span:
            continue  # the window is a word of its own, nearly as common
        lo_run, hi_run = _run_bounds(text, i, i + length)
        run = text[lo_run:hi_run]
        j = i - lo_run
        x = j + next(k for k in range(length) if w[k] != window[k])
        if _in_vocabulary(run, x, lex.vocabulary):
            continue  # inside a word of gwlint's own lists (a place, a name, an idiom)
        got = spelling_lm.replacement_gain(run, j, length, w, lex)
        if got is None or got[0] < spelling_lm.MARGIN[(how, 1)]:
            continue
        gain = got[0]
        s = spelling_lm.narrow(spelling_lm.Suspect(i, i + length, window, w, gain, how, 1))
        key = (s.start, s.right)
        if key not in found or found[key].gain < gain:
            found[key] = s
    taken: list[spelling_lm.Suspect] = []
    for s in sorted(found.values(), key=lambda s: -s.gain):
        if all(s.end <= t.start or s.start >= t.end for t in taken):
            taken.append(s)
    return sorted(taken, key=lambda s: s.start)
