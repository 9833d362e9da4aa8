"""Words of Chinese text: jieba (segmentation and part-of-speech tags) and a fast lexicon.

Two ways to the same words, both loaded once and only when a rule asks:

- :func:`words` and :func:`pos_tags` run jieba itself (its HMM finds unknown words, its tagger
  gives parts of speech). Loading jieba's dictionary takes most of a second and about 90 MB, the
  tagger 0.3 s and 100 MB more, so only rules that need tags use them, and only on paragraphs
  where they have a candidate.
- :func:`lexicon` is jieba's dictionary (word frequencies, MIT) plus gwlint's own vocabulary, kept
  as a compact prebuilt table in gwlint's cache folder (:mod:`lint.cache`): it loads in a fraction
  of jieba's time. :meth:`Lexicon.cut` is jieba's maximum-probability segmentation without the
  HMM; :meth:`Lexicon.aligned` says whether a span of text starts and ends at word boundaries,
  which is what word-aware rules ask.

jieba keeps its own cache of the dictionary; it is written to gwlint's cache folder (or a private
temporary folder when the cache is off), never to the shared system temporary folder, where
another user could plant a file that jieba would load.
"""

from __future__ import annotations

import hashlib
import math
from functools import lru_cache
from pathlib import Path

_tokenizer = None
_pos = None
_lexicon = None

LEXICON_VERSION = 7
MAX_WORD = 6          # longer dictionary words are left out of the lexicon (they are rare)
INDEX_MIN_FREQ = 20   # words at least this frequent are indexed by their sound (for suggestions)
VOCABULARY_COUNT = 50  # a word of gwlint's own lists counts like a word of the dictionary
RARE_COUNT = 3        # words counted this seldom are left out of the table word-aware matching loads


def _private_dir() -> Path:
    """Where jieba keeps its own cache (a marshal file it reads back unchecked): gwlint's cache
    folder when it is this user's alone, else a new private temporary folder (0700), never the
    shared system temporary folder that jieba uses by default."""
    import tempfile

    from .. import cache

    d = cache.private_folder()
    return d if d is not None else Path(tempfile.mkdtemp(prefix="gwlint-"))


def _load_tokenizer():
    global _tokenizer
    if _tokenizer is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.tmp_dir = str(_private_dir())
        tok.initialize()
        for w, n in _vocabulary().items():  # gwlint's own words as a user dictionary
            if tok.FREQ.get(w, 0) < n:
                tok.add_word(w, n)
        _tokenizer = tok
    return _tokenizer


def _load_pos():
    global _pos
    if _pos is None:
        import jieba.posseg

        _pos = jieba.posseg.POSTokenizer(_load_tokenizer())
    return _pos


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` (jieba's precise mode)."""
    return tuple(_load_tokenizer().cut(text, HMM=True))


@lru_cache(maxsize=4096)
def pos_tags(text: str) -> tuple[tuple[str, str, int], ...]:
    """(word, part-of-speech tag, offset) for each word of ``text``."""
    out = []
    offset = 0
    for pair in _load_pos().cut(text, HMM=True):
        out.append((pair.word, pair.flag, offset))
        offset += len(pair.word)
    return tuple(out)


def loaded() -> bool:
    """Whether jieba has been loaded in this process (for tests of lazy loading)."""
    return _tokenizer is not None


# --- the lexicon -----------------------------------------------------------------------------


class Lexicon:
    """Word frequencies (jieba's dictionary plus gwlint's vocabulary) and a sound index.

    ``freq`` maps a word to its count; ``logtotal`` is the log of the sum of counts. The sound
    index is loaded apart, on first use (word-aware matching never needs it): ``by_sound`` maps
    the toneless readings of a word of 2-4 characters (``"zhi du"``) to the frequent words that
    sound so; ``readings`` maps a character to its toneless readings, ``char_freq`` to its count.
    """

    def __init__(self, freq: dict, logtotal: float, sound=None, vocabulary=()):
        self.freq = freq
        self.logtotal = logtotal
        self._sound = sound  # (by_sound, readings, char counts), or a function that returns them
        self.vocabulary = frozenset(vocabulary)  # gwlint's own words (reference/*.tsv)
        self._full = None

    def _sound_tables(self):
        if callable(self._sound):
            self._sound = self._sound()
        return self._sound

    @property
    def by_sound(self) -> dict:
        return self._sound_tables()[0]

    @property
    def readings(self) -> dict:
        return self._sound_tables()[1]

    def full(self) -> "Lexicon":
        """This lexicon with the rare words too (loaded with the sound index)."""
        if self._full is None:
            self._full = Lexicon({**self.freq, **self._sound_tables()[3]}, self.logtotal, self._sound_tables,
                                 self.vocabulary)
            self._full._full = self._full
        return self._full

    @property
    def char_freq(self) -> dict:
        """How often each character occurs: the counts of the words it is part of."""
        return self._sound_tables()[2]

    def logp(self, word: str) -> float:
        return math.log(self.freq.get(word) or 1) - self.logtotal

    def best(self, text: str, extra: dict | None = None) -> tuple[float, list[int]]:
        """jieba's maximum-probability segmentation of ``text`` (no HMM): its log probability
        and the end offsets of its words. ``extra`` adds words (with counts) for this call."""
        n = len(text)
        freq, lt = self.freq, self.logtotal
        score = [0.0] * (n + 1)
        nxt = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            best_s, best_j = -1e18, i + 1
            for j in range(i + 1, min(n, i + MAX_WORD) + 1):
                frag = text[i:j]
                f = freq.get(frag)
                if extra and frag in extra:
                    f = max(f or 0, extra[frag])
                if f is None and j > i + 1:
                    continue
                s = math.log(f or 1) - lt + score[j]
                if s > best_s:
                    best_s, best_j = s, j
            score[i], nxt[i] = best_s, best_j
        ends = []
        i = 0
        while i < n:
            i = nxt[i]
            ends.append(i)
        return score[0], ends

    def cut(self, text: str) -> list[str]:
        _, ends = self.best(text)
        out, start = [], 0
        for e in ends:
            out.append(text[start:e])
            start = e
        return out

    def aligned(self, text: str, start: int, end: int, window: int = 8) -> bool:
        """Whether ``text[start:end]`` starts and ends at word boundaries of the segmentation of
        its neighbourhood (``window`` characters either side): no word crosses either edge. The
        span itself may be one word or several (a misspelt word often falls apart into single
        characters). ``工作好`` does not hold ``作好``, nor ``绿色采购`` ``色采``."""
        lo, hi = max(0, start - window), min(len(text), end + window)
        _, ends = self.best(text[lo:hi])
        cuts = {0, *ends}
        return (start - lo) in cuts and (end - lo) in cuts


def _jieba_dict_path() -> Path:
    """jieba's dictionary, found without importing jieba (which costs a tenth of a second)."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        raise ImportError("jieba is not installed")
    return Path(spec.origin).parent / "dict.txt"


_VOCABULARY_COLUMNS = ("right", "preferred", "phrase", "word", "text", "name", "full", "short", "new")


def _vocabulary() -> dict[str, int]:
    """gwlint's own words: the right forms, phrases, fixed formulations, place names and names of
    bodies of the reference lists (alternatives split at | and 、), each counted VOCABULARY_COUNT times."""
    from ..resources import reference_dir

    out: dict[str, int] = {}
    for path in sorted(reference_dir().glob("*.tsv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        rows = [l.split("\t") for l in lines if l and not l.startswith("#")]
        if not rows or path.name in _NOT_VOCABULARY:
            continue
        header = rows[0]
        cols = [i for i, h in enumerate(header) if h in _VOCABULARY_COLUMNS]
        for r in rows[1:]:
            for i in cols:
                cell = r[i] if i < len(r) else ""
                for w in cell.replace("、", "|").split("|"):
                    w = w.strip()
                    if 2 <= len(w) <= MAX_WORD and all("\u4e00" <= c <= "\u9fff" for c in w):
                        out[w] = VOCABULARY_COUNT
    return out


# tables of characters, not of words
_NOT_VOCABULARY = ("sound-alike-chars.tsv", "shape-alike-chars.tsv")


def _readings() -> dict[str, tuple[str, ...]]:
    from ..resources import reference_dir

    out: dict[str, tuple[str, ...]] = {}
    for line in (reference_dir() / "sound-alike-chars.tsv").read_text(encoding="utf-8").splitlines()[3:]:
        p, chars, _ = line.split("\t")
        for c in chars:
            out[c] = out.get(c, ()) + (p,)
    return out


def sound_keys(word: str, readings: dict, limit: int = 8) -> list[str]:
    """The toneless readings of ``word`` joined by spaces (at most ``limit`` for heteronyms); none
    when a character has no reading."""
    keys = [""]
    for c in word:
        rs = readings.get(c)
        if not rs:
            return []
        keys = [f"{k} {r}" if k else r for k in keys for r in rs][:limit]
    return keys


def _build_all() -> tuple[dict, float, list]:
    freq: dict[str, int] = {}
    with open(_jieba_dict_path(), encoding="utf-8") as f:
        for line in f:
            w, n, _ = line.split(" ")
            if len(w) <= MAX_WORD:
                freq[w] = int(n)
    vocabulary = _vocabulary()
    for w, n in vocabulary.items():
        if freq.get(w, 0) < n:
            freq[w] = n
    return freq, math.log(sum(freq.values())), sorted(vocabulary)


def _build_words() -> tuple[dict, float, list]:
    """The words counted more than RARE_COUNT times (and every single character): the table
    word-aware matching reads. The rare ones (most of them counted 3, the count jieba's
    dictionary gives a word it has seldom seen) are kept apart for WD008."""
    freq, logtotal, vocabulary = _build_all()
    return {w: n for w, n in freq.items() if n > RARE_COUNT or len(w) == 1}, logtotal, vocabulary


def _build_sound() -> tuple[dict, dict, dict, dict]:
    freq = _build_all()[0]
    readings = _readings()
    by_sound: dict[str, list[str]] = {}
    chars: dict[str, int] = {}
    for w, n in freq.items():
        if 2 <= len(w) <= 4 and n >= INDEX_MIN_FREQ:
            for k in sound_keys(w, readings):
                by_sound.setdefault(k, []).append(w)
        for c in set(w):
            chars[c] = chars.get(c, 0) + n
    rare = {w: n for w, n in freq.items() if n <= RARE_COUNT and len(w) > 1}
    return by_sound, readings, chars, rare


def _cache_stamp() -> str | None:
    from .. import cache
    from ..resources import reference_dir

    if cache.directory() is None:
        return None
    h = hashlib.sha1()
    for p in [Path(__file__), _jieba_dict_path(), *sorted(reference_dir().glob("*.tsv"))]:
        try:
            st = p.stat()
            h.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        except OSError:
            pass
    return f"{LEXICON_VERSION}-{h.hexdigest()[:16]}"


def _cached(name: str, stamp: str | None, build):
    """``build()``, kept in gwlint's cache folder under ``stamp`` (:func:`lint.cache.kept_data`:
    plain data, read only from a file and folder that are this user's alone)."""
    from .. import cache

    return cache.kept_data(f"lexicon-{name}", build, salt=stamp) if stamp else build()


def lexicon() -> Lexicon:
    """The lexicon, read from gwlint's cache folder or built (under a second) and saved there."""
    global _lexicon
    if _lexicon is None:
        stamp = _cache_stamp()
        freq, logtotal, vocabulary = _cached("words", stamp, _build_words)
        _lexicon = Lexicon(freq, logtotal, lambda: _cached("sound", stamp, _build_sound), vocabulary)
    return _lexicon


@lru_cache(maxsize=8)
def frequent_words(length: int, least: int) -> frozenset[str]:
    """The words of ``length`` characters that :func:`lexicon` counts at least ``least`` times.

    For a check that asks only that about a few spans (WD009: is this near-miss a word of its
    own?): the set is kept in the cache folder beside the lexicon and read in a few milliseconds,
    where the whole lexicon takes some tens."""

    def build() -> list[str]:
        return sorted(w for w, n in lexicon().freq.items() if len(w) == length and n >= least)

    return frozenset(_cached(f"frequent-{length}-{least}", _cache_stamp(), build))


@lru_cache(maxsize=1)
def dictionary_names() -> frozenset[str]:
    """The words jieba's dictionary (MIT) tags as people's names (nr, nrfg, nrt): 王国栋 is a name
    although 王国 is a word. Kept in the cache folder, read in a few milliseconds."""

    def build() -> list[str]:
        with open(_jieba_dict_path(), encoding="utf-8") as f:
            return sorted(w for w, _, tag in (line.split() for line in f) if tag.startswith("nr"))

    return frozenset(_cached("names", _cache_stamp(), build))


PAIR_LEAST = 500  # a two-character word jieba counts this often holds its two characters together


def word_pairs() -> tuple[dict, dict]:
    """The two-character words that jieba's dictionary counts at least PAIR_LEAST times, as two
    tables: ``after[c]`` the characters that follow ``c`` in such a word, ``before[c]`` those that
    precede it. Kept in the cache folder (keyed by the dictionary file alone: gwlint's own
    vocabulary counts less than PAIR_LEAST) and read in about a millisecond, so that a list match
    inside a longer word (规化 in 正规化) is set aside without loading the lexicon."""
    global _pairs
    if _pairs is None:
        from .. import cache

        path = _jieba_dict_path()

        def build() -> tuple[dict, dict]:
            after: dict[str, str] = {}
            before: dict[str, str] = {}
            with open(path, encoding="utf-8") as f:
                for line in f:
                    w, n, _ = line.split(" ")
                    if len(w) == 2 and int(n) >= PAIR_LEAST:
                        after[w[0]] = after.get(w[0], "") + w[1]
                        before[w[1]] = before.get(w[1], "") + w[0]
            return after, before

        try:
            st = path.stat()
            salt = f"{PAIR_LEAST}\0{path}\0{st.st_size}\0{st.st_mtime_ns}"
        except OSError:
            salt = ""
        _pairs = tuple(cache.kept_data("word-pairs", build, salt=salt) if salt else build())
    return _pairs


_pairs = None


def crosses_pair(text: str, start: int, end: int) -> bool:
    """Whether a frequent two-character word straddles an edge of ``text[start:end]``: the
    character before the span makes one with its first character (正 + 规 in 正规化), or its last
    character one with the character after it (化 + 建 would be another)."""
    after, before = word_pairs()
    if start > 0 and text[start - 1] in before.get(text[start], ""):
        return True
    return end < len(text) and text[end] in after.get(text[end - 1], "")
