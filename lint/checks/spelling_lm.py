"""A statistical spelling detector: a span of text that a sound- or shape-alike replacement turns
into a far more likely word sequence.

The language model is jieba's dictionary read as a unigram model of words (with gwlint's own
vocabulary; see :func:`lint.text.segment.lexicon`): the probability of a stretch of text is that
of its best segmentation. For each span of two to four Han characters, the candidates are the
frequent words that sound the same (toneless pinyin, reference/sound-alike-chars.tsv) or differ
by one shape-alike character (reference/shape-alike-chars.tsv). A candidate is reported when
putting it in raises the log probability of the span's neighbourhood by more than a margin that
grows with the number of characters it changes: a rare word next to a common one is left alone,
a non-word that becomes a common word is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..text.chinese import HAN_BASIC
from ..text.fastregex import fast
from ..text.segment import sound_keys

_HAN_RUN = fast(rf"[{HAN_BASIC}]{{2,}}")
WINDOW = 4           # characters of context either side of a span, for the segmentation
MIN_CAND_FREQ = 20   # a suggested word must be at least this frequent in jieba's dictionary
# log-probability gain a replacement needs, by the number of characters it changes (tuned on
# ecspell-odw odw.train only; see bench/results/spelling.md)
MARGIN = {("sound", 1): 7.0, ("shape", 1): 8.0, ("sound", 2): 12.0}
# A character this frequent as a word of its own (未 因 对 经 其 前 …) that stands alone in the
# original reading is taken as meant: function characters meet every word.
FUNCTION_FREQ = 15000
ESTIMATE_SLACK = 3.0
MAX_VOCABULARY = 6  # the longest word of gwlint's vocabulary looked for (segment.MAX_WORD)  # how far below the margin a quick estimate may be and still be computed
# A span just before these is most likely part of a name (a village, a district, a person
# addressed as 同志): names are not in the dictionary and sound like common words.
NAME_AFTER = fast(r"[村镇乡区县市街社路]|同志")


@dataclass(frozen=True)
class Suspect:
    start: int
    end: int
    wrong: str
    right: str
    gain: float
    how: str         # "sound" or "shape"
    changed: int     # characters changed
    orphans: int = 0
    f_span: int = 0
    f_w: int = 0
    estimate: float = 0.0


@lru_cache(maxsize=1)
def shape_alike() -> dict[str, str]:
    from ..resources import reference_dir

    out: dict[str, str] = {}
    for line in (reference_dir() / "shape-alike-chars.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("char\t"):
            continue
        c, similar, _ = line.split("\t")
        out[c] = similar
    return out


@lru_cache(maxsize=1)
def char_readings() -> dict[str, tuple[str, ...]]:
    """Each character's toneless readings, straight from reference/sound-alike-chars.tsv (a few
    milliseconds; the lexicon's copy comes with its sound index)."""
    from ..text.segment import _readings

    return _readings()


# the readings that many speakers (and the fuzzy setting of input methods) do not tell apart:
# zh/z, ch/c, sh/s, l/n at the start, ing/in, eng/en, ang/an at the end
_FUZZY = ((r"^zh", "z"), (r"^ch", "c"), (r"^sh", "s"), (r"^l", "n"), (r"ing$", "in"), (r"eng$", "en"),
          (r"ang$", "an"))


def _fuzzy(reading: str) -> str:
    for pattern, to in _FUZZY:
        reading = re.sub(pattern, to, reading)
    return reading


def alike(a: str, b: str, fuzzy: bool = False) -> str | None:
    """How a slip may turn one character into the other: ``"sound"`` (a toneless reading in
    common; with ``fuzzy``, also readings told apart only by zh/z, l/n, ing/in …: 民/明, 君/军 are
    alike, for people's names), ``"shape"`` (listed as shape-alike either way), or None. Shared by
    the idiom near-miss (WD009), the neural model's filter (WD015) and the names one slip apart
    (FC017)."""
    readings = char_readings()
    ra, rb = set(readings.get(a, ())), set(readings.get(b, ()))
    if ra & rb or fuzzy and {_fuzzy(r) for r in ra} & {_fuzzy(r) for r in rb}:
        return "sound"
    shapes = shape_alike()
    if b in shapes.get(a, "") or a in shapes.get(b, ""):
        return "shape"
    return None


def candidates(span: str, lex, shapes: dict[str, str]) -> dict[str, str]:
    """Words that ``span`` may stand for: same sound, or one shape-alike character away."""
    out: dict[str, str] = {}
    by_sound = lex.by_sound
    for key in sound_keys(span, lex.readings):
        for w in by_sound.get(key, ()):
            if w != span:
                out[w] = "sound"
    freq = lex.freq
    for k, c in enumerate(span):
        for c2 in shapes.get(c, ""):
            w = span[:k] + c2 + span[k + 1:]
            if w not in out and freq.get(w, 0) >= MIN_CAND_FREQ:
                out[w] = "shape"
    return out


def scan(text: str, lex=None, margin: dict | None = None, all_candidates: bool = False) -> Iterator[Suspect]:
    """Suspects in ``text``: for each span the best replacement whose gain clears the margin
    (with ``all_candidates``, every scored replacement, for tuning)."""
    from ..text.segment import lexicon

    lex = (lex or lexicon()).full()
    margin = margin or MARGIN
    shapes = shape_alike()
    freq = lex.freq
    logp = lex.logp
    vocabulary = lex.vocabulary
    seen: dict[str, dict] = {}

    @lru_cache(maxsize=None)
    def piece(t: str) -> float:
        return lex.best(t)[0] if t else 0.0

    def estimate(run: str, i: int, length: int, w: str) -> float:
        """A quick estimate of the gain of putting ``w`` at ``run[i:i+length]``: ``w`` as a word,
        or merged with up to two neighbouring characters either side into a dictionary word,
        against the words of the run's own reading that it overlaps (what is left of those is
        read anew). The exact gain is computed only when this comes near the margin."""
        best_est = -1e18
        for el in range(0, 3):
            for er in range(0, 3):
                lo, hi = i - el, i + length + er
                if lo < 0 or hi > len(run):
                    continue
                x = run[lo:i] + w + run[i + length:hi]
                if (el or er) and x not in freq:
                    continue
                first, last = word_at[lo], word_at[hi - 1]
                a, b = starts[first], run_ends[last]
                covered = sum(logp(run[starts[k]:run_ends[k]]) for k in range(first, last + 1))
                est = logp(x) - covered + piece(run[a:lo]) + piece(run[hi:b])
                best_est = max(best_est, est)
        return best_est

    for m in _HAN_RUN.finditer(text):
        run, base = m.group(), m.start()
        n = len(run)
        # the run's own best reading, for a quick estimate of each replacement's gain
        _, run_ends = lex.best(run)
        starts = [0, *run_ends[:-1]]
        word_at = [0] * n  # index of the word covering each character
        for k, (a, b) in enumerate(zip(starts, run_ends)):
            for j in range(a, b):
                word_at[j] = k
        run_cuts = set(starts) | {n}
        protected = protected_characters(run, vocabulary)
        cache: dict[tuple[int, int], tuple] = {}
        for length in (2, 3, 4):
            for i in range(0, n - length + 1):
                span = run[i:i + length]
                if not all_candidates and NAME_AFTER.match(text, base + i + length):
                    continue
                f_span = freq.get(span, 0)
                best = None
                cands = seen.get(span)
                if cands is None:
                    cands = seen[span] = candidates(span, lex, shapes)
                for w, how in cands.items():
                    f_w = freq.get(w, 0)
                    if f_w < MIN_CAND_FREQ or f_w <= 20 * f_span:
                        continue
                    changed = sum(x != y for x, y in zip(span, w))
                    if changed > 2:
                        continue
                    need = margin.get((how, changed), 99.0)
                    if not all_candidates and any(span[j] != w[j] and protected[i + j] for j in range(length)):
                        continue
                    if not all_candidates and any(
                            span[j] != w[j] and freq.get(span[j], 0) >= FUNCTION_FREQ
                            and (i + j) in run_cuts and (i + j + 1) in run_cuts for j in range(length)):
                        continue  # a function character standing alone
                    if not all_candidates and estimate(run, i, length, w) < need - ESTIMATE_SLACK:
                        continue
                    got = replacement_gain(run, i, length, w, lex, cache)
                    if got is None:
                        continue  # the better reading splits the replacement: it is not a word there
                    gain, orig_ends = got
                    lo = max(0, i - WINDOW)
                    if all_candidates:
                        cuts = {0, *orig_ends}
                        # characters changed that stood as one-character words in the original reading
                        orphans = sum(1 for j in range(length) if span[j] != w[j]
                                      and (i + j - lo) in cuts and (i + j + 1 - lo) in cuts)
                        yield Suspect(base + i, base + i + length, span, w, gain, how, changed, orphans, f_span, f_w,
                                      estimate(run, i, length, w))
                        continue
                    if gain >= need and (best is None or gain - need > best[0]):
                        best = (gain - need, Suspect(base + i, base + i + length, span, w, gain, how, changed))
                if best:
                    yield best[1]


def protected_characters(run: str, vocabulary) -> list[bool]:
    """For each character of ``run``, whether it is inside a word of gwlint's own lists (an idiom,
    a place, a right form): such a character is meant, not a slip."""
    n = len(run)
    protected = [False] * n
    for a in range(n):
        for b in range(a + 2, min(n, a + MAX_VOCABULARY) + 1):
            if run[a:b] in vocabulary:
                for j in range(a, b):
                    protected[j] = True
    return protected


def replacement_gain(run: str, i: int, length: int, w: str, lex, cache: dict | None = None):
    """How much putting ``w`` at ``run[i:i+length]`` raises the log probability of the best
    reading of its neighbourhood (WINDOW characters either side), with the end offsets of the
    words of the neighbourhood's own reading; None when the better reading splits ``w`` (it is
    not a word there). ``cache`` keeps the neighbourhoods' own readings between calls."""
    lo, hi = max(0, i - WINDOW), min(len(run), i + length + WINDOW)
    if cache is None or (lo, hi) not in cache:
        orig = lex.best(run[lo:hi])
        if cache is not None:
            cache[(lo, hi)] = orig
    else:
        orig = cache[(lo, hi)]
    score, ends = lex.best(run[lo:i] + w + run[i + length:hi])
    if any(i - lo < e < i + length - lo for e in ends):
        return None
    return score - orig[0], orig[1]


def narrow(s: Suspect) -> Suspect:
    """The suspect narrowed to the characters it changes (决测→决策 is 测→策 in 决测)."""
    a = 0
    while s.wrong[a] == s.right[a]:
        a += 1
    b = len(s.wrong)
    while s.wrong[b - 1] == s.right[b - 1]:
        b -= 1
    return Suspect(s.start + a, s.start + b, s.wrong[a:b], s.right[a:b], s.gain, s.how, s.changed)


def find(text: str, lex=None) -> list[Suspect]:
    """Non-overlapping suspects, each narrowed to the characters it changes; the strongest
    first where two overlap (several spans often propose the same change)."""
    got = sorted((narrow(s) for s in scan(text, lex)), key=lambda s: -s.gain)
    taken: list[Suspect] = []
    for s in got:
        if all(s.end <= t.start or s.start >= t.end for t in taken):
            taken.append(s)
    return sorted(taken, key=lambda s: s.start)
