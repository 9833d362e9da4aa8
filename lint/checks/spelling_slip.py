"""WD017 likely-typo: one character of a dictionary word of three or four characters replaced by
a sound-alike or shape-alike one (大数局 for 大数据, 科穴院 for 科学院, 国务园 for 国务院).

This is the part of WD008's search (:mod:`lint.checks.spelling_lm`) that held up on text it was
not tuned on: a long word is seldom one slip away from another string of the same length that a
writer means, so where a window of text is no word but becomes a frequent one by changing one
character that sounds or looks alike, the slip is all but certain. Measured in
bench/results/spelling.md.

It is found without segmenting the whole text. The text is read twice as a string of codes: each
character as its most common toneless reading (reference/sound-alike-chars.tsv,
reference/default-readings.tsv), and each as its class of shape-alike characters
(reference/shape-alike-chars.tsv, classes joined through shared partners). A window of three or
four characters whose codes are those of a dictionary word, yet whose characters are not that
word and differ from it in one place, is a candidate. Most candidates are a word's edge plus
the next word's first character (发展机 of 发展机制 against 发展期): a changed edge character that
makes a frequent two-character word with its outside neighbour is taken as meant. Only what is
left loads the lexicon, and is kept when the replacement raises the log probability of its
neighbourhood by WD008's margin (:func:`lint.checks.spelling_lm.replacement_gain`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from ..text.chinese import CN_NUMERAL_CHARS
from . import spelling_lm

LENGTHS = (3, 4)
MIN_WORD_FREQ = spelling_lm.MIN_CAND_FREQ  # a word restored must be this frequent
_NUMERALS = frozenset(CN_NUMERAL_CHARS)    # 一九二一 is not 一九五一: numbers are not words to restore
_CODE_BASE = 0xE000                        # codes are private-use characters: never in a text
# the fifty or so commonest characters of jieba's dictionary (了 是 在 和 有 的 …) as words of their own
COMMONEST = 100_000
_OPEN_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』"}
FORMAT = 2  # of the index kept in the cache folder: raise it when _build changes


def _default_readings() -> dict[str, str]:
    from ..resources import reference_dir

    out = {}
    for line in (reference_dir() / "default-readings.tsv").read_text(encoding="utf-8").splitlines()[3:]:
        c, reading, _ = line.split("\t")
        out[c] = reading
    return out


def _shape_classes() -> dict[str, int]:
    """Each character of the shape-alike table to the number of its class: the characters
    linked through shape-alike pairs (union-find)."""
    parent: dict[str, str] = {}

    def root(c: str) -> str:
        while parent.setdefault(c, c) != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for c, similar in spelling_lm.shape_alike().items():
        for d in similar:
            a, b = root(c), root(d)
            if a != b:
                parent[max(a, b)] = min(a, b)
    roots = sorted({root(c) for c in parent})
    number = {r: i for i, r in enumerate(roots)}
    return {c: number[root(c)] for c in parent}


def _build() -> tuple[dict, dict, dict, dict]:
    """(sound code of each character, shape code of each character, words by their sound codes,
    words by their shape codes), as plain data for the cache folder."""
    from ..text.segment import lexicon

    readings = spelling_lm.char_readings()
    default = _default_readings()
    syllables = sorted({r for rs in readings.values() for r in rs})
    code = {s: chr(_CODE_BASE + i) for i, s in enumerate(syllables)}
    sound = {c: code[default.get(c, rs[0])] for c, rs in readings.items()}
    classes = _shape_classes()
    base = _CODE_BASE + len(syllables)
    shape = {c: chr(base + n) for c, n in classes.items()}
    by_sound: dict[str, str] = {}  # the words of a key written one after another (all of its length)
    by_shape: dict[str, str] = {}
    for w, n in lexicon().freq.items():
        if len(w) not in LENGTHS or n < MIN_WORD_FREQ or not all(c in sound for c in w) or _NUMERALS & set(w):
            continue
        # a slip may put any character that shares one of this character's readings in its place
        for k, c in enumerate(w):
            for r in readings[c]:
                key = "".join(code[r] if j == k else sound[x] for j, x in enumerate(w))
                if w not in _words(by_sound.get(key, ""), len(w)):
                    by_sound[key] = by_sound.get(key, "") + w
        if any(c in shape for c in w):
            key = "".join(shape.get(c, c) for c in w)
            by_shape[key] = by_shape.get(key, "") + w
    return sound, shape, by_sound, by_shape


def _words(joined: str, length: int) -> list[str]:
    return [joined[a:a + length] for a in range(0, len(joined), length)]


@lru_cache(maxsize=1)
def _index():
    """The two readings of a text as translation tables, each with its words by code and the set
    of the first three codes of every key (a window is looked up only where those stand)."""
    from ..text.segment import _cache_stamp, _cached

    sound, shape, by_sound, by_shape = _cached(f"slips-{FORMAT}", _cache_stamp(), _build)
    return tuple((str.maketrans(codes), index, frozenset(k[:3] for k in index), how)
                 for codes, index, how in ((sound, by_sound, "sound"), (shape, by_shape, "shape")))


def _candidates(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, length, word, how) for each window of ``text`` one alike character away from a
    word: the window's codes are the word's, its characters are not."""
    from ..text.segment import word_pairs

    after, before = word_pairs()
    n = len(text)
    seen = set()
    for table, index, heads, how in _index():
        codes = text.translate(table)  # characters without a code stay as they are: no key holds them
        get = index.get
        for i in [i for i in range(n - 2) if codes[i:i + 3] in heads]:
            for length in LENGTHS:
                joined = get(codes[i:i + length]) if i + length <= n else None
                if not joined:
                    continue
                window = text[i:i + length]
                words = (joined,) if len(joined) == length else _words(joined, length)
                if window in words:
                    continue  # the window is the word (most windows that sound like one are)
                for w in words:
                    diff = [k for k in range(length) if w[k] != window[k]]
                    if len(diff) != 1 or (i, w) in seen:
                        continue
                    k = diff[0]
                    x = window[k]
                    if x in _NUMERALS or spelling_lm.alike(x, w[k]) != how:
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
            from ..text.segment import lexicon

            lex = lexicon()
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
        gain, ends = got
        lo = max(0, j - spelling_lm.WINDOW)
        cuts = {0, *ends}
        if lex.freq.get(run[x], 0) >= spelling_lm.FUNCTION_FREQ and x - lo in cuts and x + 1 - lo in cuts:
            continue  # a function character standing alone (因, 对, 其): it meets every word
        s = spelling_lm.narrow(spelling_lm.Suspect(i, i + length, window, w, gain, how, 1))
        key = (s.start, s.right)
        if key not in found or found[key].gain < gain:
            found[key] = s
    taken: list[spelling_lm.Suspect] = []
    for s in sorted(found.values(), key=lambda s: -s.gain):
        if all(s.end <= t.start or s.start >= t.end for t in taken):
            taken.append(s)
    return sorted(taken, key=lambda s: s.start)
