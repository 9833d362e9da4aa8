"""The speed-ups of the Python checks keep every finding: each gate lets through every paragraph
the check could fire in, and each faster piece answers as the slower one did.

A gate is a regular expression of literals that every match of the check's pattern must hold
(lint.text.gates.ParagraphIndex.matching). ``_samples`` makes random strings from the check's own pattern, branch by
branch, so the gates are tested against the patterns themselves, not against a few examples.
"""

from __future__ import annotations

import random
import re

import pytest

try:
    from re import _constants as sre_c
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants as sre_c
    import sre_parse

from lint.model.document import Document, Paragraph

_FILLER = "的工作是在和一二三四五六七八九十年月日省市县局委，。；：、“”（）()《》 \u3000\n5,.ABa"


def _gen(tree, rnd, out):
    for op, av in tree:
        if op is sre_c.LITERAL:
            out.append(chr(av))
        elif op is sre_c.NOT_LITERAL:
            out.append(rnd.choice([c for c in _FILLER if ord(c) != av]))
        elif op is sre_c.ANY:
            out.append(rnd.choice(_FILLER))
        elif op is sre_c.IN:
            out.append(_one_of(av, rnd))
        elif op is sre_c.BRANCH:
            _gen(rnd.choice(av[1]), rnd, out)
        elif op is sre_c.SUBPATTERN:
            _gen(av[-1], rnd, out)
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av
            for _ in range(rnd.randint(lo, min(hi, lo + 3))):
                _gen(sub, rnd, out)
        elif op is sre_c.ASSERT and rnd.random() < 0.8:
            _gen(av[1], rnd, out)  # what a lookahead wants next, or a lookbehind before
        # negative lookarounds, anchors and back references add nothing here: a sample that then
        # fails to match the whole pattern is dropped by the caller


def _one_of(items, rnd):
    chars, negate = [], False
    for op, av in items:
        if op is sre_c.NEGATE:
            negate = True
        elif op is sre_c.LITERAL:
            chars.append(chr(av))
        elif op is sre_c.RANGE:
            lo, hi = av
            chars += [chr(lo), chr(hi), chr(rnd.randint(lo, hi))]
        elif op is sre_c.CATEGORY:
            chars += {sre_c.CATEGORY_DIGIT: "07", sre_c.CATEGORY_SPACE: " \t"}.get(av, "a")
    if negate:
        return rnd.choice([c for c in _FILLER if c not in chars] or ["甲"])
    return rnd.choice(chars)


def _samples(pattern: str, n: int = 400, seed: int = 1) -> list[str]:
    """Strings, with some text around them, in which ``pattern`` finds a match."""
    rnd = random.Random(seed)
    tree = sre_parse.parse(pattern)
    rx = re.compile(pattern)
    out = []
    for _ in range(n * 4):
        parts: list[str] = []
        _gen(tree, rnd, parts)
        s = rnd.choice(["", "我们", "，", "各地"]) + "".join(parts) + rnd.choice(["", "。", "工作", "，要"])
        if rx.search(s):
            out.append(s)
        if len(out) >= n:
            break
    return out


def _doc(texts) -> Document:
    return Document("x.txt", [Paragraph(text=t, location=f"第{i}行", line=i) for i, t in enumerate(texts, 1)], "txt")


def _rule(code: str):
    from lint.engine import load_rules

    return next(r for r in load_rules() if r.code == code)


# --- the gate itself ----------------------------------------------------------------------------

def test_matching_finds_each_paragraph_holding_a_literal_and_none_across_a_break():
    doc = _doc(["重视工作", "", "没有", "要重视", "重视", "x重", "视察", "领导重视"])
    index = doc.paragraph_index
    assert index.matching(re.compile("重视")) == {0, 3, 4, 7}
    assert index.matching(re.compile("领导"), re.compile("没有")) == {2, 7}
    assert index.matching(re.compile("无此词")) == frozenset()


def _assert_gate(pattern, needs, n=400):
    needs = needs if isinstance(needs, (tuple, list)) else (needs,)
    samples = _samples(pattern, n)
    assert len(samples) > n // 4, pattern  # the sampler reaches the pattern
    for s in samples:
        assert any(g.search(s) for g in needs), (pattern, s)


def test_each_boots_pattern_holds_its_literal():
    from lint.checks import hollow

    assert len(hollow._BOOT_NEEDS) == len(hollow.BOOTS)
    for (fp, _, _), needs in zip(hollow.BOOTS, hollow._BOOT_NEEDS):
        _assert_gate(fp.pattern, needs)


def test_unsourced_claims_hold_their_literal():
    from lint.checks import facts

    _assert_gate(facts._UNSOURCED.pattern, facts._UNSOURCED_NEEDS, 800)


def test_ordinal_and_approximate_patterns_hold_their_literals():
    from lint.checks import numbers, punctuation, wording

    _assert_gate(punctuation.ORDINAL_SHI.pattern, punctuation._SHI_NEEDS)
    _assert_gate(punctuation.ORDINAL_DI.pattern, punctuation._DI_NEEDS)
    _assert_gate(numbers._APPROX.pattern, numbers._APPROX_NEEDS)
    _assert_gate(wording._ZHUO.pattern, wording._ZHUO_NEEDS)


def test_titles_and_name_lists_hold_their_literals():
    from lint.checks import people_posted as pp
    from lint.checks import people_mentions as pm

    for rx in (pm._TITLE_NAME, pm._NAME_TITLE, pm._CONTACT, pm._CONTACT_AFTER, pm._DESK_NAME, pm._COMRADE, pm._BRACKETED, pm._SPACED, pm._LIST):
        _assert_gate(rx.pattern, pm._NEEDS)
    _assert_gate(pp._NAME_LIST.pattern, pp._NAME_LIST_NEEDS)


def test_variant_characters_at_a_paragraph_edge():
    from lint.checks import wording

    rule = _rule("WD007")
    doc = _doc(["没有问题。", "發", "这是ＡＢ", "成绩显着", "正文"])
    got = [(h.paragraph.index, h.start, h.end, h.suggestion) for h in wording.variant_char(doc, rule, {})]
    assert got == [(1, 0, 1, "发"), (3, 2, 4, "显著")]


# --- WD009: the whole text at once --------------------------------------------------------------

def test_idiom_near_misses_in_the_whole_text_are_those_of_each_paragraph():
    from lint.checks import spelling_idiom
    from lint.engine.wordlists import find_list

    index = spelling_idiom.load_index(find_list("idioms"))
    idioms = sorted(index.idioms)
    rnd = random.Random(5)
    texts = ["迫不急待", "迫不急待地开展", "要再接再励", "再接", "再励", "一愁", "莫展", "", "各地一如继往",
             "中国", "不中国人", "齐心力协"]
    for _ in range(300):
        w = list(rnd.choice(idioms))
        k = rnd.randrange(3)
        w[k], w[k + 1] = w[k + 1], w[k]
        texts.append(rnd.choice(["", "要", "，", "各地"]) + "".join(w) + rnd.choice(idioms)[:rnd.randint(0, 3)])
    # a paragraph break inside an idiom must not join its halves
    texts += [rnd.choice(idioms)[:2] for _ in range(20)]
    rnd.shuffle(texts)
    doc = _doc(texts)
    rule = _rule("WD009")
    got = [(h.paragraph.index, h.start, h.suggestion) for h in spelling_idiom.idiom_near_miss(doc, rule, {})]
    want = [(p.index, i, w) for p in doc.iter(rule.scope) for i, w, _ in spelling_idiom.near_misses(p.text, index)]
    assert got == want and len(want) > 50


# --- the faster pieces answer as the slower ones ------------------------------------------------

def _edit_distance(a, b, limit=3):
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def test_edit_distance_answers_as_the_plain_table():
    from lint.checks.facts_common import edit_distance

    rnd = random.Random(7)
    for _ in range(5000):
        a = "".join(rnd.choice("甲乙丙丁") for _ in range(rnd.randint(0, 7)))
        b = "".join(rnd.choice("甲乙丙丁") for _ in range(rnd.randint(0, 7)))
        limit = rnd.randint(0, 4)
        assert edit_distance(a, b, limit) == _edit_distance(a, b, limit), (a, b, limit)


def _walk_unmatched(text):
    from lint.checks import pairs

    stacks, closers = {}, []
    m0 = pairs._CLOSE_MARKER.match(text)
    skip_close = m0.end() - 1 if m0 else -1
    for m in pairs._PAIR_RX.finditer(text):
        i, c = m.start(), m.group()
        if c in "‘’" and text[i - 1:i] in pairs._LATIN and text[i + 1:i + 2] in pairs._LATIN:
            continue
        if c in pairs._PAIRS:
            stacks.setdefault(c, []).append(i)
        else:
            st = stacks.get(pairs._CLOSE_OF[c])
            if st:
                st.pop()
            elif i != skip_close:
                closers.append((i, c))
    return sorted((i, c) for c, st in stacks.items() for i in st), closers


def test_unmatched_marks_answer_as_the_walk():
    from lint.checks import pairs

    rnd = random.Random(2)
    alphabet = list("“”‘’《》（）【】〔〕〈〉") + list("甲乙aB1 ")
    fast = 0
    for _ in range(20000):
        text = ("1）" if rnd.random() < 0.2 else "") + "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 10)))
        assert pairs._unmatched(text) == _walk_unmatched(text), text
        fast += pairs._ALL_PAIRED.fullmatch("".join(pairs._PAIR_RX.findall(text))) is not None
    assert fast > 1000  # the short cut is taken


@pytest.mark.parametrize("name", ["ZAI", "YI", "JI", "ZUO", "NA", "DE"])
def test_a_context_table_gate_finds_every_row(name):
    from lint.checks import spelling_context as sc

    rows = tuple(getattr(sc, name))
    gate = sc._any_row(rows)
    for _, _, _, pat, _ in sc._compiled(rows):
        _assert_gate(pat.pattern, gate, 100)
    assert not gate.search("没有任何相关的字。")


def test_enumeration_items_are_counted_as_before():
    from lint.checks import facts_formulations as ff
    from lint.engine.wordlists import find_list

    data = ff._data(find_list("formulations"))
    every = sorted(data["every"])
    rnd = random.Random(4)
    for _ in range(500):
        present = set(rnd.sample(every, rnd.randint(0, 8)))
        held = {}
        for a in present:
            for e, k in data["item_of"].get(a, ()):
                held.setdefault(e, set()).add(k)
        for e, (items, _, _) in enumerate(data["enums"]):
            old = sum(1 for it in items if any(a in present for a in it)) >= max(2, len(items) - 1)
            assert (len(held.get(e, ())) >= data["least"][e]) == old


def test_lead_verbs_are_stripped_only_where_one_can_start():
    from lint.checks import facts_formulations as ff

    firsts = {alt[0] for alt in ff._LEAD.pattern[len("^(?:"):-1].split("|")}
    assert firsts == ff._LEAD_FIRST


def test_the_heading_above_is_the_nearest_one_before():
    from lint.checks import facts

    texts = ["标题", "一、目标", "正文", "正文", "二、任务", "正文"]
    doc = _doc(texts)
    for p, scope in zip(doc.paragraphs, ["title", "heading", "body", "body", "heading", "body"]):
        p.scope = scope
    got = [facts._heading_above(doc, p) for p in doc.paragraphs]
    assert [q.index if q else None for q in got] == [None, 0, 1, 1, 1, 4]


def test_one_automaton_over_wrong_forms_and_heads_finds_what_each_finds():
    from lint.checks import facts_formulations as ff
    from lint.checks.facts_common import Words
    from lint.engine.wordlists import find_list

    data = ff._data(find_list("formulations"))
    wrong, heads = data["wrong"], data["heads"]
    alone_wrong, alone_heads = Words(wrong), Words(heads)
    pieces = list(wrong) + [r["text"] for r in data["fixed"]] + ["，", "的", "要"]
    rnd = random.Random(6)
    seen = 0
    for _ in range(800):
        text = "".join(rnd.choice(pieces)[rnd.randint(0, 2):] for _ in range(rnd.randint(1, 5)))
        found = list(data["both_words"].finditer(text))
        assert [f for f in found if f[2] in wrong] == list(alone_wrong.finditer(text))
        assert [f for f in found if f[2] in heads] == list(alone_heads.finditer(text))
        # the transpositions' end pairs ride in the same automaton
        assert {f[2] for f in found if f[2] in data["ends2"]} == \
            {w for _, _, w in Words(data["ends2"]).finditer(text)}
        seen += len(found)
    assert seen > 500


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    from lint import cache as cache_mod

    monkeypatch.setenv("GWLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GWLINT_NO_CACHE", raising=False)
    cache_mod._CACHES.clear()
    yield tmp_path / "cache"
    cache_mod._CACHES.clear()


def test_the_places_digest_restores_the_same_tables(cache_dir):
    import marshal

    from lint.checks import facts_places as fpl
    from lint.checks.facts_common import read_rows
    from lint.engine.wordlists import find_list

    source = find_list("places")
    fresh = fpl._Places(read_rows(source))
    again = fpl._Places.from_digest(marshal.loads(marshal.dumps(fresh.digest())))
    for k in ("province", "county", "provinces", "old", "short", "names", "old_names", "firsts", "seconds",
              "first_ends", "old_ends", "second_starts"):
        assert getattr(again, k) == getattr(fresh, k), k
    texts = ["江苏省苏州市姑苏区", "浙江嘉兴市南湖区和广西桂林市", "原襄樊市现为襄阳市", "河北省石家庄市长安区"]
    for t in texts:
        assert list(again.pairs(t)) == list(fresh.pairs(t)) and list(again.old_in(t)) == list(fresh.old_in(t))
    fpl._places.cache_clear()
    fpl._places(source)  # built, and written to the cache folder
    assert list(cache_dir.rglob("places-*.marshal"))
    fpl._places.cache_clear()
    second = fpl._places(source)  # read back
    assert list(second.pairs(texts[0])) == list(fresh.pairs(texts[0])) and second.county == fresh.county
    fpl._places.cache_clear()


def test_stacked_modifiers_in_the_whole_text_are_those_of_each_paragraph():
    from lint.checks import hollow
    from lint.engine.wordlists import find_list, load_list

    rule = _rule("HL001")
    rows = load_list(find_list("hollow-modifiers"))
    words = tuple(r[rows.columns[0]] for r in rows)
    rnd = random.Random(8)
    bits = list(words) + ["地", "、", "和", "推进", "工作", "的", "性", "，", "全面深化改革", "。"]
    texts = ["进一步加强", "切实", "加强管理", "要进一步切实", "大力推进", "", "全面全面深化改革"]
    texts += ["".join(rnd.choice(bits) for _ in range(rnd.randint(1, 8))) for _ in range(400)]
    doc = _doc(texts)
    got = [(h.paragraph.index, h.start, h.end, h.suggestion) for h in hollow.stacked_modifiers(doc, rule, {"list": "hollow-modifiers", "min_run": 2})]
    rx = hollow._modifier_regex(words)
    want = []
    for p in doc.iter(rule.scope):
        for m in rx.finditer(p.text):
            spans = hollow._modifier_spans(m, words)
            if hollow._SET_TERMS.match(p.text, spans[-1][0]):
                spans = spans[:-1]
            found = [p.text[a:b] for a, b in spans]
            if len(found) >= 2:
                want.append((p.index, m.start(), spans[-1][1], "进一步" if "进一步" in found else found[-1]))
    assert got == want and len(want) > 50


def test_doubled_words_in_the_whole_text_are_those_of_each_paragraph():
    from lint.checks import wording

    rule = _rule("WD005")
    rnd = random.Random(9)
    bits = ["的", "了", "是", "在", "研究", "工作", "落实", "人人", "认真", "，", "。", "我们", "要", "实事求是"]
    texts = ["的的", "是", "是是", "我们的的工作", "落实落实", "", "认认真真", "实事求是是关键"]
    texts += ["".join(rnd.choice(bits) for _ in range(rnd.randint(1, 7))) for _ in range(300)]
    doc = _doc(texts)
    got = [(h.paragraph.index, h.start, h.end, h.suggestion) for h in wording.doubled_word(doc, rule, {})]
    want = []
    for p in doc.paragraphs:  # each paragraph checked alone, as a document of its own
        one = _doc([p.text])
        want += [(p.index, h.start, h.end, h.suggestion) for h in wording.doubled_word(one, rule, {})]
    assert got == want and len(want) > 15
