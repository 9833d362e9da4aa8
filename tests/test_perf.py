"""The speed-ups keep every finding: the UTF-32 automaton finds what pyahocorasick finds, WD009's
window filter passes every window a brute-force search finds a near-miss in, and the small word
sets answer as the lexicon does."""

from __future__ import annotations

import random

import ahocorasick
import pytest

from lint.checks import spelling_idiom
from lint.checks.spelling_lm import alike, char_readings, shape_alike
from lint.engine.matcher import Automaton
from lint.engine.wordlists import find_list, load_list
from lint.text.fastregex import FastPattern


def _plain(keys):
    auto = ahocorasick.Automaton()
    for k in keys:
        auto.add_word(k, k)
    if keys:
        auto.make_automaton()
    return auto


@pytest.mark.parametrize("keys,text", [
    (["中国", "国人", "人民"], "中国人民站起来了，中国人"),
    (["ab", "b\U00020000", "\U00020000c", "\x00\x01"], "xab\U00020000c\x00\x01\x00\x01"),
    (["\x00\x01\x00"], "\x01\x00\x01\x00\x01"),  # bytes that could straddle characters
    (["高度重视", "重视", "度重"], "党委高度重视这项工作，高度重视"),
    ([], "任何文字"),
])
def test_the_automaton_finds_what_pyahocorasick_finds(keys, text):
    got = list(Automaton((k, k) for k in keys).iter(text))
    want = list(_plain(keys).iter(text)) if keys else []
    assert got == want


def test_the_automaton_on_random_text():
    rnd = random.Random(3)
    alphabet = "的一是了不在人有我他这中大来上国个到说们为子和你地出道也时年\U00020000\x00"
    keys = sorted({"".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 4))) for _ in range(300)})
    auto, plain = Automaton((k, k) for k in keys), _plain(keys)
    for _ in range(200):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60)))
        assert list(auto.iter(text)) == (list(plain.iter(text)) if text else [])


def _brute_near_misses(text, index):
    """WD009 without any filter: every window of four Han characters, every slip."""
    masked = {}  # each idiom under its four masked forms (迫不?待), in sorted order
    for w in sorted(index.idioms):
        for k in range(4):
            masked.setdefault(w[:k] + "?" + w[k + 1:], []).append(w)
    out, taken_to = [], 0
    for i in range(len(text) - 3):
        span = text[i:i + 4]
        if i < taken_to or not spelling_idiom._HAN4.fullmatch(span) or span in index.idioms:
            continue
        found = None
        for k in range(4):
            for w in masked.get(span[:k] + "?" + span[k + 1:], ()):
                how = alike(span[k], w[k])
                if how:
                    found = (w, how, k)
                    break
            if found:
                break
        if not found:
            for k in range(3):
                swapped = span[:k] + span[k + 1] + span[k] + span[k + 2:]
                if swapped != span and swapped in index.idioms:
                    found = (swapped, "order", None)
                    break
        if found and (span in spelling_idiom._words(4, spelling_idiom.KNOWN_WORD_FREQ)
                      or (found[2] is not None and spelling_idiom._inside_word(text, i, found[2]))):
            found = None
        if found:
            out.append((i, found[0], found[1]))
            taken_to = i + 4
    return out


def test_the_window_filter_loses_no_near_miss():
    index = spelling_idiom.load_index(find_list("idioms"))
    idioms = sorted(index.idioms)
    readings, shapes = char_readings(), shape_alike()
    chars = sorted(readings)
    rnd = random.Random(11)
    texts = ["各单位迫不急待地开展了自查。", "面对困难不能一愁莫展。", "大家要同心协力、不遗余力、齐心力协。",
             "希望大家再接再励，争取更大成绩。", "全体干部要一如继往地支持改革。"]
    for _ in range(600):
        w = list(rnd.choice(idioms))
        k = rnd.randrange(4)
        r = rnd.random()
        if r < 0.4:
            w[k] = rnd.choice(chars)
        elif r < 0.7 and shapes.get(w[k]):
            w[k] = rnd.choice(shapes[w[k]])
        elif k < 3:
            w[k], w[k + 1] = w[k + 1], w[k]
        texts.append(rnd.choice(["我们", "要", "，", "各地"]) + "".join(w) + rnd.choice(idioms)[:rnd.randint(0, 4)])
    found = 0
    for text in texts:
        got = list(spelling_idiom.near_misses(text, index))
        assert got == _brute_near_misses(text, index), text
        found += len(got)
    assert found > 100  # the texts do hold near-misses


def test_frequent_words_answer_as_the_lexicon_does():
    from lint.text.segment import frequent_words, lexicon

    freq = lexicon().freq
    four, two = frequent_words(4, 10), frequent_words(2, 100)
    for w, n in list(freq.items())[::50]:
        if len(w) == 4:
            assert (w in four) == (n >= 10)
        if len(w) == 2:
            assert (w in two) == (n >= 100)
    assert "一如既往" in four and "中国" in two


def test_a_fast_pattern_keeps_its_gate_and_finds_what_re_finds():
    import re

    for pattern, text in [(r"(?<=[，。])某某", "请某某同志，某某来"), (r"第[XxＸｘ×]+", "第X条和第×款"),
                          (r"[（(][ \u3000]+[）)]", "（ ）和( )"), (r"。{3,}", "好。。。"), (r"\d+年", "2024年")]:
        fp = FastPattern(pattern)
        for _ in range(2):  # the second call reads the kept gate
            assert [m.span() for m in fp.finditer(text)] == [m.span() for m in re.finditer(pattern, text)]
            assert bool(fp.search(text)) == bool(re.search(pattern, text))
        assert fp.search("无关的文字") is None


def test_stock_phrase_lists_are_loaded_once_per_document():
    from lint.checks import stock
    from lint.engine import load_rules
    from lint.policy.selection import select_rules
    from lint.model.document import Document, Paragraph

    rule = next(r for r in select_rules(load_rules()) if r.code == "SP002")
    paras = [Paragraph(text=t, location=f"第{i}行", line=i) for i, t in enumerate(["要高度重视，狠抓落实。", "没有套话。"], 1)]
    doc = Document("x.txt", paras, "txt")
    first = stock.stock_hits(doc, rule, "stock-phrases", doc.iter(None))
    again = stock.stock_hits(doc, rule, "stock-phrases", doc.iter(None))
    assert [len(g) for _, g in first] == [len(g) for _, g in again]
    assert first[0][1] and not first[1][1]
    assert len(load_list(find_list("stock-phrases"))) > 10
