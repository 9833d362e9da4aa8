"""WD017 likely-typo: one character of a common word replaced by a sound-alike or shape-alike
one, where the slip is all but certain. Two kinds:

- in a dictionary word of three or four characters, the string written being no word (大数局 for
  大数据, 科穴院 for 科学院, 国务园 for 国务院): a long word is seldom one slip away from another
  string of its length that a writer means;
- in a two-character word, where the character written makes a frequent word with neither
  neighbour, and the laws write the right word with its neighbours and never the slip so (决测
  for 决策, 持旭推进 for 持续推进; :mod:`lint.text.attested`); a word the laws confirm on one side
  only needs a larger gain;
- in a two-character word, where the laws write each of the three trigrams around the character
  with an alike character in its place and none of them as written (分供负责 for 分工负责, 编织和项目
  for 编制和项目): the character makes no common word with its neighbours (a rare one, 兼管 for
  监管, where the alike word is at least RATIO_RARE times as frequent);
- a two-character word written as another that sounds the same (暴涨 for 保障, 菜狗 for 采购),
  where the laws write the trigrams around it so (the two across it and one or both of the outer
  ones; all four where the characters written make a word, 复核 against 符合) and none as written.

This is the part of WD008's search (:mod:`lint.checks.spelling_lm`) that held up on text it was
not tuned on (measured in bench/results/spelling.md), found without segmenting the whole text.
For sound, the text is read as a string of codes, each character as its most common toneless
reading (reference/sound-alike-chars.tsv, reference/default-readings.tsv); for shape, the words
are indexed by every first three characters a shape-alike slip (reference/shape-alike-chars.tsv)
can leave of them. A window of three or four characters found so, that differs from the word in
one character alike in sound or shape, is a candidate; a changed edge character that makes a
frequent two-character word with its outside neighbour is taken as meant (发展机 of 发展机制
against 发展期). For two-character words, the lone characters are listed in one pass and replaced
by the alike characters that make a frequent word with a neighbour. What is left is scored with
the lexicon, read in parts as the candidates need them
(:func:`lint.text.lexicon_parts.lexicon_by_parts`), and kept when the replacement raises the log
probability of its neighbourhood by WD008's margin
(:func:`lint.checks.spelling_lm.replacement_gain`).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain
from typing import Iterator, NamedTuple

from ..text.chinese import CN_NUMERAL_CHARS, is_han_basic as _is_han
from . import spelling_lm

MIN_WORD_FREQ = spelling_lm.MIN_CAND_FREQ  # a word restored must be this frequent
MIN_FOUR_FREQ = 5                          # one of four characters (an idiom, a set phrase) less so
SHAPE_MIN_FREQ = 100                       # and this frequent for a shape-alike slip
_NUMERALS = frozenset(CN_NUMERAL_CHARS)    # 一九二一 is not 一九五一: numbers are not words to restore
_CODE_BASE = 0xE000                        # codes are private-use characters: never in a text
# the fifty or so commonest characters of jieba's dictionary (了 是 在 和 有 的 …) as words of their own
COMMONEST = 100_000
# a two-character slip the laws confirm on one side only needs a larger gain (chosen on odw.train)
ONE_SIDE_MARGIN = 12.0
# a two-character word this frequent or less may be a slip for an alike word the laws write around
# it (兼管 for 监管), when that word is RATIO_RARE times as frequent (both chosen on odw.train)
RARE_PAIR = 300
RATIO_RARE = 5
# and the character written must be counted this often as a word of its own where it makes a rare
# word with a neighbour: a typist picks a common character by mistake, not 攸 of 攸关 for 有
PLAIN_CHAR = 500
_OPEN_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』"}
_CLOSE_QUOTES = frozenset(_OPEN_QUOTES.values())
QUOTED = 8  # the longest stretch of a quoted term looked through, either side
FORMAT = 16  # of the index kept in the cache folder: raise it when _build changes


class _Candidate(NamedTuple):
    start: int
    length: int
    word: str       # the word restored in place of text[start:start + length]
    how: str        # "sound" or "shape"
    margin: float   # the gain it needs


def _default_readings() -> dict[str, str]:
    from ..resources import reference_dir

    out = {}
    for line in (reference_dir() / "default-readings.tsv").read_text(encoding="utf-8").splitlines()[3:]:
        c, reading, _ = line.split("\t")
        out[c] = reading
    return out


def _build() -> dict:
    """The tables of the search, as plain data for the cache folder:

    - ``sound``: the sound code of each character (its common reading);
    - ``by_sound``: words of three or four characters by the sound codes of their first three,
      ``by_shape``: by the first three characters a shape-alike slip leaves of them (a key's
      words joined by ``|``; a word of four characters is checked whole where its key stands);
    - ``shapes``: the shape-alike table;
    - ``after``/``before``: for each character, the characters that follow (precede) it in a
      frequent two-character word;
    - ``common``: the fifty or so commonest characters as words on their own (了, 是, 的 …);
    - ``pairs``: the frequent two-character words, ``common_pairs``: those counted more than
      RARE_PAIR times; ``pair_codes``: the sound codes of the frequent two-character words;
      ``same_sound``: the characters of each code."""
    from ..text.segment import dictionary_names, lexicon

    freq = lexicon().freq
    readings = spelling_lm.char_readings()
    default = _default_readings()
    syllables = sorted({r for rs in readings.values() for r in rs})
    code = {s: chr(_CODE_BASE + i) for i, s in enumerate(syllables)}
    sound = {c: code[default.get(c, rs[0])] for c, rs in readings.items()}
    shapes = spelling_lm.shape_alike()
    names = dictionary_names()
    by_sound: dict[str, set] = {}
    by_shape: dict[str, set] = {}
    after: dict[str, str] = {}
    before: dict[str, str] = {}
    for w, n in freq.items():
        if not 2 <= len(w) <= 4 or n < (MIN_FOUR_FREQ if len(w) == 4 else MIN_WORD_FREQ) \
                or not all(c in sound for c in w) or _NUMERALS & set(w):
            continue
        if w in names:
            continue  # 李建桦 is no slip for 李建华: people have the names they have (FC017 compares a draft's own)
        if len(w) == 2:
            after[w[0]] = after.get(w[0], "") + w[1]
            before[w[1]] = before.get(w[1], "") + w[0]
            continue
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
    common = "".join(sorted(c for c, n in freq.items() if len(c) == 1 and n >= COMMONEST))
    same_sound: dict[str, str] = {}
    for c, k in sorted(sound.items()):
        same_sound[k] = same_sound.get(k, "") + c
    return {"sound": sound, "shapes": shapes, "after": after, "before": before, "common": common,
            "pairs": sorted(a + b for a, bs in after.items() for b in bs), "same_sound": same_sound,
            "common_pairs": sorted(a + b for a, bs in after.items() for b in bs if freq[a + b] > RARE_PAIR),
            "pair_codes": sorted({sound[a] + sound[b] for a, bs in after.items() for b in bs}),
            "by_sound": {k: "|".join(sorted(v)) for k, v in by_sound.items()},
            "by_shape": {k: "|".join(sorted(v)) for k, v in by_shape.items()}}


class _Index:
    def __init__(self, data: dict):
        self.sound = str.maketrans(data["sound"])   # ord -> code, for str.translate and lookups
        self.by_sound, self.by_shape = data["by_sound"], data["by_shape"]
        self.shapes, self.after, self.before = data["shapes"], data["after"], data["before"]
        self.skip = frozenset(data["common"]) | _NUMERALS  # characters that are no slip of a pair
        self.pairs = frozenset(data["pairs"])       # the frequent two-character words
        self.common_pairs = frozenset(data["common_pairs"])  # and those more than RARE_PAIR times
        self.pair_codes = frozenset(data["pair_codes"])      # the codes of the frequent two-character words
        self._alike: dict[str, frozenset] = {}
        self._words: dict[str, list] = {}
        self.same_sound = data["same_sound"]         # code -> the characters of that common reading

    def sound_alike(self, x: str, c: str) -> bool:
        """Whether ``x`` and ``c`` share their common reading."""
        return self.sound.get(ord(x)) == self.sound.get(ord(c))

    def words_sounding(self, codes: str) -> list[str]:
        """The frequent two-character words read as the two sound ``codes`` (kept once asked)."""
        got = self._words.get(codes)
        if got is None:
            second = codes[1]
            got = self._words[codes] = [a + b for a in self.same_sound.get(codes[0], "")
                                        for b in self.after.get(a, "") if self.sound.get(ord(b)) == second]
        return got

    def alike(self, x: str) -> frozenset[str]:
        """The characters a slip may have put ``x`` for: the same common reading, or shape-alike."""
        got = self._alike.get(x)
        if got is None:
            got = self._alike[x] = frozenset({*self.same_sound.get(self.sound.get(ord(x), ""), ""),
                                              *self.shapes.get(x, "")} - {x})
        return got


@lru_cache(maxsize=1)
def _index() -> _Index:
    from ..text.segment import _cache_stamp, _cached

    return _Index(_cached(f"slips-{FORMAT}", _cache_stamp(), _build))


def _candidates(text: str, codes: str, ix: _Index) -> Iterator[_Candidate]:
    """The candidates for each window of ``text`` one alike character away from a
    word: the window's first three characters sound like the word's, or are those a shape-alike
    slip leaves of them, and the window differs from the word in one character, alike so."""
    from ..text.segment import word_pairs

    after, before = word_pairs()
    n = len(text)
    seen = set()
    by_sound, by_shape = ix.by_sound, ix.by_shape
    hits = [i for i in range(n - 2) if codes[i:i + 3] in by_sound or text[i:i + 3] in by_shape]
    for keys, index, how in ((codes, by_sound, "sound"), (text, by_shape, "shape")):
        for i in hits:
            joined = index.get(keys[i:i + 3])
            if joined is None or text.startswith(joined, i):
                continue  # no word there, or the one word of the key written right (most windows)
            for w in joined.split("|"):
                length = len(w)
                window = text[i:i + length]
                if len(window) < length or window == w:
                    continue
                diff = [k for k in range(length) if w[k] != window[k]]
                if len(diff) != 1 or (i, w) in seen:
                    continue
                k = diff[0]
                x, c = window[k], w[k]
                if x in _NUMERALS or not _is_han(x):
                    continue  # a code of the sound reading may stand for itself in a text (U+E000…)
                # the first three characters are alike by the key; the fourth must be so too
                if k == 3 and not (ix.sound_alike(x, c) if how == "sound" else x in ix.shapes.get(c, "")):
                    continue
                # the changed character at an edge, making a word with its outside neighbour
                if k == 0 and i > 0 and text[i - 1] in before.get(x, ""):
                    continue
                if k == length - 1 and i + length < n and text[i + length] in after.get(x, ""):
                    continue
                seen.add((i, w))
                yield _Candidate(i, length, w, how, spelling_lm.MARGIN[(how, 1)])


def _lone(text: str, ix: _Index) -> list[int]:
    """The positions of the Han characters (no numeral nor one of the commonest words of one
    character, nor doubled) that make no word counted more than RARE_PAIR times with either
    neighbour: where the searches of two-character words look (this runs over every character:
    HAN_BASIC is compared inline)."""
    common, skip = ix.common_pairs, ix.skip
    return [k for k in range(1, len(text) - 1) if "\u4e00" <= text[k] <= "\u9fff" and text[k] not in skip
            and text[k - 1:k + 1] not in common and text[k:k + 2] not in common
            and text[k - 1] != text[k] != text[k + 1]]  # 事事有人, 人人: a doubled character is meant


def _meant(text: str, ix: _Index, lone: list[int]) -> dict[int, tuple[frozenset, frozenset]]:
    """For each lone character that has them, the alike characters that make a frequent word
    with its left neighbour, and those that make one with its right."""
    after, before, out = ix.after, ix.before, {}
    for k in lone:
        alike = ix.alike(text[k])
        left, right = alike.intersection(after.get(text[k - 1], "")), alike.intersection(before.get(text[k + 1], ""))
        if left or right:
            out[k] = (left, right)
    return out


def _pair_candidates(text: str, ix: _Index, meant: dict) -> Iterator[_Candidate]:
    """The candidates for a character that makes no frequent word with either neighbour
    (and is none of the commonest words of one character), where putting an alike character in
    its place makes one with a neighbour, and the laws write that word with its neighbours and
    never the character written (:func:`_laws_agree`; confirmed on one side only, the slip needs
    ONE_SIDE_MARGIN)."""
    from ..text.attested import in_laws

    pairs = ix.pairs
    for k in [k for k in meant if text[k - 1:k + 1] not in pairs and text[k:k + 2] not in pairs]:
        x, a, b = text[k], text[k - 1], text[k + 1]
        if in_laws(text[k - 1:k + 2]):
            continue
        left, right = meant[k]  # (a neighbour that is no Han character makes no word)
        for i, w in [(k - 1, a + c) for c in left] + [(k, c + b) for c in right]:
            sides = _laws_agree(text, i, w)
            if sides:
                how = "sound" if ix.sound_alike(x, w[k - i]) else "shape"
                yield _Candidate(i, 2, w, how, spelling_lm.MARGIN[(how, 1)] if sides == 2 else ONE_SIDE_MARGIN)


def _context_candidates(text: str, codes: str, ix: _Index, lone: list[int], meant: dict) \
        -> Iterator[tuple[int, str, str]]:
    """(position, what is meant there, how) where the laws write every trigram around a slip
    with the right characters and none as written:

    - one character that makes no word counted more than RARE_PAIR times with either neighbour,
      the three trigrams around it (分供负责, 编织和项目); ``how`` is "sound" or "shape";
    - two such characters in a row, where a frequent word sounds the same in both: the two
      trigrams across them, and at least one of the two outer ones (暴涨 for 保障, 同酬 for 统筹);
      ``how`` is "sound2" when both outer ones are there, else "sound2, one side"."""
    from ..text.attested import in_laws

    n = len(text)
    # an alike character that makes a frequent word with a neighbour (:func:`_meant`)
    for k in [k for k in meant if 2 <= k < n - 2]:
        x, around = text[k], text[k - 2:k + 3]
        if in_laws(around[1:4]) or not all(_is_han(c) for c in around) or in_laws(around[:3]) or in_laws(around[2:]):
            continue
        for c in sorted(meant[k][0].union(meant[k][1]) - _NUMERALS):
            new = around[:2] + c + around[3:]
            if all(in_laws(new[s:s + 3]) for s in range(3)):
                yield k, c, "sound" if ix.sound_alike(x, c) else "shape"
    lone_at, pair_codes = set(lone), ix.pair_codes
    # two lone characters in a row that sound like a frequent word; the words themselves are
    # looked up only where the laws write none of the four trigrams around them
    for k in [k for k in lone if 2 <= k < n - 3 and k + 1 in lone_at and codes[k:k + 2] in pair_codes]:
        around = text[k - 2:k + 4]
        if in_laws(around[1:4]) or in_laws(around[2:5]) or not all(_is_han(c) for c in around) \
                or _NUMERALS.intersection(around[2:4]) or in_laws(around[:3]) or in_laws(around[3:]):
            continue
        for w in ix.words_sounding(codes[k:k + 2]):
            new = around[:2] + w + around[4:]
            if w[0] != around[2] and w[1] != around[3] and in_laws(new[1:4]) and in_laws(new[2:5]):
                outer = in_laws(new[:3]) + in_laws(new[3:])
                if outer:
                    yield k, w, "sound2" if outer == 2 else "sound2, one side"


def _context_slips(text: str, codes: str, ix: _Index, lone: list[int], meant: dict) \
        -> Iterator[spelling_lm.Suspect]:
    """The candidates of :func:`_context_candidates` that are no name, quoted term or word of
    gwlint's lists; where the characters written make a (rare) word, the word meant must be
    RATIO_RARE times as frequent, and a lone character written a common one (PLAIN_CHAR)."""
    from ..text.lexicon_parts import lexicon_by_parts

    for k, right, how in _context_candidates(text, codes, ix, lone, meant):
        lex = lexicon_by_parts()  # read once, on the first candidate of the run
        end = k + len(right)
        if spelling_lm.NAME_AFTER.match(text, end) or spelling_lm.NAME_AFTER.match(text, end + 1) \
                or _quoted(text, k - 1, end + 1):
            continue
        wrong = text[k:end]
        if len(right) == 2:
            f_span, f_w = lex.freq.get(wrong, 0), lex.freq.get(right, 0)
            if f_span and how != "sound2":
                continue  # a word written (复核, 停征) needs all four trigrams
        else:
            a, b = text[k - 1], text[end]
            f_span = max(lex.freq.get(a + wrong, 0), lex.freq.get(wrong + b, 0))
            f_w = max(lex.freq.get(a + right, 0), lex.freq.get(right + b, 0))
            if f_span and lex.freq.get(wrong, 0) < PLAIN_CHAR:
                continue  # a rare word of a rare character is meant (攸关)
        if f_span and f_w < RATIO_RARE * f_span:
            continue  # the word written is nearly as common
        lo_run, hi_run = _run_bounds(text, k, end)
        protected = spelling_lm.protected_characters(text[lo_run:hi_run], lex.vocabulary)
        if any(protected[k - lo_run:end - lo_run]):
            continue
        kind = "sound" if how.startswith("sound2") else how
        # no gain is measured: the margin of its kind stands for it where two suspects overlap
        yield spelling_lm.Suspect(k, end, wrong, right, spelling_lm.MARGIN[(kind, len(right))], kind, len(right))


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside quotation marks that enclose a short term (up to
    QUOTED characters either side): a term put in quotation marks (“空心村”) is named as written."""
    for i in range(start - 1, max(0, start - QUOTED) - 1, -1):
        if text[i] in _CLOSE_QUOTES:
            return False
        close = _OPEN_QUOTES.get(text[i])
        if close:
            return 0 <= text.find(close, end, end + QUOTED)
    return False


def _laws_agree(text: str, i: int, w: str) -> int:
    """On how many sides the laws confirm the two-character word ``w`` in place of
    ``text[i:i+2]``: they write it with the character there (each side there is), and never the
    text's own characters so. 2 when both sides confirm it (or the only one there is), 1 when one
    side does and the other is unknown to the laws, 0 when neither does or either contradicts."""
    from ..text.attested import in_laws

    sides = [(text[i - 1:i + 2], text[i - 1] + w)] if i > 0 and _is_han(text[i - 1]) else []
    if i + 2 < len(text) and _is_han(text[i + 2]):
        sides.append((text[i:i + 3], w + text[i + 2]))
    if not sides or any(in_laws(old) for old, _ in sides):
        return 0
    confirmed = sum(in_laws(new) for _, new in sides)
    return 2 if confirmed == len(sides) else confirmed


def _run_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The run of Han characters around ``text[start:end]``, at most WINDOW characters either side."""
    lo = start
    while lo > max(0, start - spelling_lm.WINDOW) and _is_han(text[lo - 1]):
        lo -= 1
    hi = end
    while hi < min(len(text), end + spelling_lm.WINDOW) and _is_han(text[hi]):
        hi += 1
    return lo, hi


def find(text: str) -> list[spelling_lm.Suspect]:
    """The slips of ``text``, each narrowed to the character it changes."""
    found: dict[tuple[int, str], spelling_lm.Suspect] = {}
    lex = None
    ix = _index()
    codes, lone = text.translate(ix.sound), _lone(text, ix)
    meant = _meant(text, ix, lone)
    for i, length, w, how, need in chain(_candidates(text, codes, ix), _pair_candidates(text, ix, meant)):
        if lex is None:
            from ..text.lexicon_parts import lexicon_by_parts

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
        if spelling_lm.protected_characters(run, lex.vocabulary)[x]:
            continue  # inside a word of gwlint's own lists (a place, a name, an idiom)
        got = spelling_lm.replacement_gain(run, j, length, w, lex)
        if got is None or got[0] < need:
            continue
        gain = got[0]
        s = spelling_lm.narrow(spelling_lm.Suspect(i, i + length, window, w, gain, how, 1))
        key = (s.start, s.right)
        if key not in found or found[key].gain < gain:
            found[key] = s
    for s in _context_slips(text, codes, ix, lone, meant):
        found.setdefault((s.start, s.right), s)
    taken: list[spelling_lm.Suspect] = []
    for s in sorted(found.values(), key=lambda s: -s.gain):
        if all(s.end <= t.start or s.start >= t.end for t in taken):
            taken.append(s)
    return sorted(taken, key=lambda s: s.start)
