"""Chinese character classes and numerals: the one place every rule takes them from.

``HAN`` is the class body of CJK ideographs (Extension A, the unified block and the compatibility
block), ready to put inside ``[...]`` of a regular expression; ``is_han`` tests one character.
Numerals: ``CN_DIGITS`` maps 〇零一…九两 to values, ``cn_to_int`` reads 一 to 九十九 (and the
four-digit year form 二〇二四), ``int_to_cn`` writes 0–99.
"""

from __future__ import annotations

from ..cache import compile_regex

# Class bodies for regular expressions (without the brackets).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_BASIC = "\u4e00-\u9fff"  # the unified block only: what most word rules mean by "a Chinese character"
CN_DIGIT_CHARS = "〇零一二三四五六七八九"
CN_NUMERAL_CHARS = "〇零一二三四五六七八九十百千万亿两"
# A numeral in a 序次语 or an ordinal: 一 … 九十九.
CN_ORDINAL = "[一二三四五六七八九十]"

# 〇 and 零 are zero; ○ (a circle, often typed for 〇) is not a digit here: NM rules report it.
CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_HAN_RUNS = compile_regex(f"[{HAN}]+")  # from the start-up cache: its class takes a while to compile


def is_han_basic(ch: str) -> bool:
    """Whether ``ch`` (one character) is in the unified block (HAN_BASIC), as dictionary words are."""
    return "\u4e00" <= ch <= "\u9fff"


def is_han(ch: str) -> bool:
    """Whether ``ch`` (one character) is a CJK ideograph."""
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff")


# A long text is counted on the first bytes of its UTF-16 code units: the ideographs of HAN are
# the code units whose first byte is 0x34–0x9F, 0xF9 or 0xFA, except U+4DC0–U+4DFF (hexagram
# symbols, first byte 0x4D), which are taken off. Characters beyond U+FFFF (not in HAN) are two
# surrogate units, first bytes 0xD8–0xDF.
_NOT_HAN_FIRST_BYTES = bytes(b for b in range(256) if not (0x34 <= b <= 0x9F or b in (0xF9, 0xFA)))
_HEXAGRAMS = compile_regex("[\u4dc0-\u4dff]")
_LONG = 512  # characters: above this the byte count is the quicker (below, the call costs more)


def han_count(text: str) -> int:
    """Number of Chinese characters (CJK ideographs) in ``text``."""
    if len(text) <= _LONG:
        # Runs, not single characters: a few strings per sentence instead of one per character.
        return sum(map(len, _HAN_RUNS.findall(text)))
    first = text.encode("utf-16-be", "surrogatepass")[0::2]
    n = len(first.translate(None, _NOT_HAN_FIRST_BYTES))
    if b"\x4d" in first:
        n -= len(_HEXAGRAMS.findall(text))
    return n


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral 一 … 九十九 (一, 十, 十二, 二十, 二十三); None if not one."""
    if not text:
        return None
    if "十" not in text:
        if len(text) == 1 and text in CN_DIGITS:
            return CN_DIGITS[text]
        return None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    t = CN_DIGITS.get(tens, None) if tens else 1
    u = CN_DIGITS.get(units, None) if units else 0
    if t is None or u is None or t == 0:
        return None
    return t * 10 + u


def cn_digits_to_int(text: str) -> int | None:
    """Value of a digit-by-digit numeral (二〇二四, 二○二五); None if ``text`` is not one."""
    if not text or not all(c in CN_DIGITS and c != "两" for c in text):
        return None
    return int("".join(str(CN_DIGITS[c]) for c in text))


def int_to_cn(n: int) -> str:
    """0–99 as Chinese numerals (十二, 二十, 九十九)."""
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")


def int_to_cn_positional(n: int) -> str:
    """0–9999 as Chinese numerals with their units (一百零五, 一千二百三十, 三千零一十); digit by
    digit (一〇〇〇〇) above."""
    digits = "〇一二三四五六七八九"
    if n < 100:
        return int_to_cn(n)
    if n > 9999:
        return "".join(digits[int(c)] for c in str(n))
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero and out:
                out += "零"
            out += digits[d] + unit
            zero = False
        else:
            zero = bool(out)
    return out


# --- stretches of text between marks -----------------------------------------------------------

SENTENCE_MARKS = "。！？"


def after_mark(text: str, pos: int, marks: str, lo: int = 0) -> int:
    """Where the stretch of ``text`` that holds ``pos`` starts: right after the last of ``marks``
    before ``pos`` (looking no further back than ``lo``), else ``lo``."""
    return max(lo, max(text.rfind(c, lo, pos) for c in marks) + 1)


def next_mark(text: str, pos: int, marks: str) -> int:
    """Where the stretch of ``text`` from ``pos`` ends: the first of ``marks`` at or after ``pos``,
    else the end of the text."""
    return min((i for i in (text.find(c, pos) for c in marks) if i != -1), default=len(text))
