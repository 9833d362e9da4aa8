"""The spelling engine: the lexicon and word-aware matching, the statistical detector (WD008),
idiom near-misses (WD009) and the confusion tables they read."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lint.checks import spelling_idiom, spelling_lm
from lint.engine import load_rules
from lint.policy.selection import select_rules
from lint.engine.matcher import Entry, PhraseMatcher
from lint.engine.wordlists import find_list, load_list
from lint.text import segment
from tests.helpers import REPO, run
from tests.test_wording import findings


# --- the lexicon and word boundaries ---------------------------------------------------------

def test_lexicon_segments_like_jieba_without_hmm():
    text = "各地区要加强对问题的跟踪督查，扎实推进乡村振兴"
    expected = list(segment._load_tokenizer().cut(text, HMM=False))
    assert segment.lexicon().cut(text) == expected


def test_jieba_gets_gwlint_vocabulary_as_a_user_dictionary():
    assert segment.words("砥砺前行，公布权力清单") == ("砥砺前行", "，", "公布", "权力清单")


def test_gwlint_vocabulary_is_part_of_the_lexicon():
    # 砥砺前行 and 权力清单 are phrases of gwlint's own lists (reference/*.tsv), not of jieba's dictionary
    assert segment.lexicon().cut("砥砺前行，公布权力清单") == ["砥砺前行", "，", "公布", "权力清单"]


@pytest.mark.parametrize("text,start,end,aligned", [
    ("抓好工作好的安排", 3, 5, False),   # 作好 inside 工作 + 好
    ("全面推行绿色采购", 5, 7, False),   # 色采 across 绿色 / 采购
    ("要作好准备", 1, 3, True),
    ("安排布署工作", 2, 4, True),        # a misspelt word falls apart into characters: still whole
])
def test_aligned_means_no_word_crosses_the_span(text, start, end, aligned):
    assert segment.lexicon().aligned(text, start, end) is aligned


def test_whole_word_entries_skip_matches_inside_other_words():
    m = PhraseMatcher([Entry("作好", "做好", whole_word=True)])
    assert [(s, e) for s, e, _ in m.finditer("把工作好好抓一抓，要作好准备。")] == [(10, 12)]
    loose = PhraseMatcher([Entry("作好", "做好")])
    assert len(list(loose.finditer("把工作好好抓一抓，要作好准备。"))) == 2


def test_word_rules_no_longer_match_across_words():
    assert findings("全面推行绿色采购，抓好工作好的安排。", "WD003,WD004") == []
    assert [f.text for f in findings("要作好准备。", "WD003")] == ["作好"]


@pytest.mark.parametrize("value,expected", [("no", 1), ("yes", 0), ("maybe", None)])
def test_a_list_row_may_switch_whole_word_matching(tmp_path, value, expected):
    ref = tmp_path / "ref"
    ref.mkdir()
    # a replacement list may carry a whole_word column; the rule (WD003) says whole-words: true
    (ref / "confused-words.tsv").write_text(
        "wrong\tright\tbefore\tnot_before\tafter\tnot_after\tnot_within\tnote\tsource\twhole_word\n"
        f"色采\t色彩\t\t\t\t\t\t测试\t测试\t{value}\n", encoding="utf-8")
    (tmp_path / "gwlint.yaml").write_text("reference-dirs: [ref]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("全面推行绿色采购。\n", encoding="utf-8")
    r = run("check", str(tmp_path / "a.txt"), "--config", str(tmp_path / "gwlint.yaml"),
            "--select", "WD003", "--format", "json")
    if expected is None:
        assert r.code == 2 and "whole_word" in (r.err + r.out)
    else:
        assert len(r.json["findings"]) == expected


def test_lexicon_and_jieba_caches_live_in_gwlint_cache_folder(tmp_path):
    env = {**os.environ, "GWLINT_CACHE_DIR": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"}
    code = ("from lint.text import segment\n"
            "segment.lexicon().freq\n"
            "print(segment._load_tokenizer().tmp_dir)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert any(n.startswith("lexicon-words-") for n in names)
    assert any(n.startswith("jieba") for n in names)  # jieba's own cache, not in the shared /tmp


def test_without_a_cache_folder_jieba_gets_a_private_one(tmp_path):
    env = {**os.environ, "GWLINT_NO_CACHE": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    code = ("import os, tempfile\n"
            "from lint.text import segment\n"
            "d = segment._load_tokenizer().tmp_dir\n"
            "print(d != tempfile.gettempdir(), oct(os.stat(d).st_mode & 0o777))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True 0o700"


# --- WD008: the statistical detector -----------------------------------------------------------

@pytest.mark.parametrize("text,wrong,right", [
    ("认真落实中央决测部署。", "测", "策"),
    ("进一步加强廉政建设，严肃财经继律。", "继", "纪"),
])
def test_detector_finds_a_far_likelier_word(text, wrong, right):
    got = [(s.wrong, s.right) for s in spelling_lm.find(text)]
    assert (wrong, right) in got


@pytest.mark.parametrize("text", [
    "进一步健全长效机制。",
    "黄建伟同志任县财政局局长。",               # a name before 同志
    "耀州区石柱镇马咀村党总支书记。",            # a village name
    "经济组织成员因未实际取得土地承包经营权。",    # 因 未: function characters standing alone
])
def test_detector_leaves_good_text_alone(text):
    assert spelling_lm.find(text) == []


def test_a_suspect_repeated_in_the_draft_is_taken_as_meant():
    once = findings("要永葆党的生机活力。", "WD008")
    twice = findings("要永葆党的生机活力。\n永葆人民军队性质。", "WD008")
    assert once and not twice


def test_typo_rule_stays_in_preview():
    rule = load_rules().get("WD008")
    assert rule.status == "preview"
    assert "WD008" not in [r.code for r in select_rules(load_rules())]


# --- WD009: idiom near-miss --------------------------------------------------------------------

@pytest.mark.parametrize("text,idiom,how", [
    ("各单位迫不急待地开展了自查。", "迫不及待", "sound"),
    ("面对困难不能一愁莫展。", "一筹莫展", "sound"),
    ("大家要同心协力、不遗余力、齐心力协。", "齐心协力", "order"),
])
def test_idiom_near_miss(text, idiom, how):
    index = spelling_idiom.load_index(find_list("idioms"))
    got = list(spelling_idiom.near_misses(text, index))
    assert any(w == idiom and h == how for _, w, h in got)


def test_idiom_rule_is_on_by_default_and_names_its_data():
    assert "WD009" in [r.code for r in select_rules(load_rules())]
    r = run("explain", "WD009")
    assert r.code == 0
    assert "reference/idioms.tsv" in r.out and "迫不急待" in r.out


def test_a_longer_word_is_not_an_idiom_slip():
    assert findings("人才是不可缺少的资源，也不可或缺。大有作为。", "WD009") == []


def test_a_correct_idiom_written_with_the_standard_character_is_kept():
    assert findings("全体中华儿女勠力同心。", "WD009") == []


# --- confusion tables --------------------------------------------------------------------------

@pytest.mark.parametrize("name,columns", [
    ("sound-alike-chars", ["pinyin", "chars", "source"]),
    ("shape-alike-chars", ["char", "similar", "source"]),
    ("idioms", ["phrase", "source"]),
])
def test_confusion_tables_have_a_source_on_every_row(name, columns):
    rows = load_list(find_list(name))
    assert rows.columns == columns and len(rows) > 100
    assert all(r["source"] for r in rows)


def test_sound_table_keeps_u_umlaut_readings():
    readings = segment.lexicon().readings
    assert "lv" in readings["律"] and "nv" in readings["女"]


def test_reference_readme_lists_the_new_tables():
    text = (REPO / "reference" / "README.md").read_text(encoding="utf-8")
    for name in ("sound-alike-chars.tsv", "shape-alike-chars.tsv", "idioms.tsv"):
        assert name in text


# --- WD017: one slip in a word of three or four characters ------------------------------------

from lint.checks import spelling_slip  # noqa: E402


@pytest.mark.parametrize("text,wrong,right", [
    ("经国务园批准，设立专项资金。", "园", "院"),       # sound: 园 yuan for 院
    ("会同中国科穴院开展评估。", "穴", "学"),
    ("由县委祖织部负责解释。", "祖", "组"),
    ("坚持实事求事，一切从实际出发。", "事", "是"),       # in a word of four characters
    ("妇女、老人和空心村问题。", "村", "菜"),          # shape: 村 and 菜 (a known false alarm, unquoted)
])
def test_likely_typo_finds_one_slip_in_a_long_word(text, wrong, right):
    assert [(s.wrong, s.right) for s in spelling_slip.find(text)] == [(wrong, right)]


@pytest.mark.parametrize("text", [
    "经国务院批准，设立专项资金。",
    "一九二一年中国共产党诞生。",                    # numerals are not words to restore
    "妇女、老人和“空心村”问题。",                    # a term named in quotation marks
    "基础打牢了。忧的是，任务很重。",                  # 有的是 keeps only the commonest characters
    "深入推进供给侧结构性改革，发展机制更加健全。",      # 发展机 is 发展 and 机制, not 发展期
    "推进医养结合，建设宜居宜业和美乡村。",
])
def test_likely_typo_leaves_good_text_alone(text):
    assert spelling_slip.find(text) == []


def test_likely_typo_is_on_by_default_and_possible_typo_leaves_its_slips_to_it():
    assert "WD017" in [r.code for r in select_rules(load_rules())]
    text = "经国务园批准，设立专项资金。"
    assert [f.code for f in findings(text, "WD017")] == ["WD017"]
    assert findings(text, "WD008") == []          # WD008 alone would name the same slip
    assert [(s.wrong, s.right) for s in spelling_lm.find(text)] == [("园", "院")]


def test_likely_typo_reads_the_lexicon_in_parts(monkeypatch):
    from lint.text import lexicon_parts

    monkeypatch.setattr(segment, "_lexicon", None)
    monkeypatch.setattr(lexicon_parts, "_parted", None)
    lex = lexicon_parts.lexicon_by_parts()
    assert lex is lexicon_parts.lexicon_by_parts()
    whole = segment.lexicon()
    for text in ("各地区要加强对问题的跟踪督查", "经国务园批准"):
        assert lex.best(text) == whole.best(text)
    assert 0 < len(lex.freq._read) < lexicon_parts.SHARDS / 4   # only the parts those texts touch
    assert lexicon_parts.lexicon_by_parts() is whole              # once the whole table is loaded, that
    calls = []
    monkeypatch.setattr(lexicon_parts, "_parts_table", lambda: calls.append(1))
    for _ in range(3):
        lexicon_parts.lexicon_by_parts()
    assert calls == []                                   # and the parts are not read again for each paragraph


def test_a_damaged_part_of_the_lexicon_reads_as_no_words():
    from lint.text.lexicon_parts import _PartedCounts

    counts = _PartedCounts({ord("国") % 512: b"\xff\x00garbage", ord("经") % 512: b"i\x01\x00\x00\x00"})
    assert counts.get("国务院") is None and "经济" not in counts


def test_one_slip_named_by_two_rules_with_spans_one_inside_the_other_is_reported_once():
    from lint.app.checking import _one_per_slip
    from lint.model.finding import Finding

    def f(code, col, text, sugg):
        return Finding("a.txt", 1, col, 1, col + len(text), "第1行", code, "n", "wording", "warning", "m", text,
                       sugg, "b")

    outer, inner = f("WD001", 5, "再接再励", "再接再厉"), f("WD017", 8, "励", "厉")
    assert _one_per_slip([outer, inner]) == [outer]
    other = f("WD017", 8, "励", "历")               # another suggestion: both stay
    assert _one_per_slip([outer, other]) == [outer, other]


@pytest.mark.parametrize("text,wrong,right", [
    ("年内持旭推进改革。", "旭", "续"),          # a two-character word the laws write with its neighbours
    ("提供技木、法律等服务。", "木", "术"),        # shape-alike
    ("认真落实中央决测部署。", "测", "策"),
])
def test_likely_typo_finds_a_slip_in_a_two_character_word_the_laws_confirm(text, wrong, right):
    assert [(s.wrong, s.right) for s in spelling_slip.find(text)] == [(wrong, right)]


@pytest.mark.parametrize("text", [
    "坚持因城施策，缓解民生的痛点。",        # policy words jieba's dictionary lacks: the laws attest neither reading
    "加快培育发展新动能。",
])
def test_two_character_slips_need_the_laws_on_both_sides(text):
    assert spelling_slip.find(text) == []


def test_law_trigrams_answer_for_text_of_the_laws():
    from lint.text.attested import in_laws

    assert in_laws("持续推") and in_laws("的规定")
    assert not in_laws("持旭推")
    size = (REPO / "reference" / "law-trigrams.bin").stat().st_size
    assert size % 4 == 0 and 1_000_000 < size < 4_000_000


def test_a_private_use_character_of_a_draft_is_never_read_as_a_sound_code():
    code = spelling_slip._index().sound[ord("学")]   # a private-use character (U+E000…)
    assert spelling_slip.find(f"会同中国科{code}院开展评估。") == []


def test_the_laws_confirm_a_two_character_word_on_both_sides_one_side_or_not_at_all():
    assert spelling_slip._laws_agree("年内持旭推进", 2, "持续") == 2    # 内持续 and 持续推
    assert spelling_slip._laws_agree("，持旭推进", 1, "持续") == 2     # the only side there is
    assert spelling_slip._laws_agree("龘持旭推进", 1, "持续") == 1     # 龘持续 unknown to the laws
    assert spelling_slip._laws_agree("按照规定办理", 2, "规订") == 0   # the laws write the text as it is


def test_a_slip_the_laws_write_around_it_is_found_one_character_or_two():
    # the three trigrams around 供 are nowhere in the laws, those around 工 all are
    assert [(s.wrong, s.right) for s in spelling_slip.find("各部门按职责分供负责。")] == [("供", "工")]
    # a rare word (兼管) for a word five times as common (监管)
    assert [(s.wrong, s.right) for s in spelling_slip.find("创新兼管方式和手段。")] == [("兼", "监")]
    # two characters that sound like a frequent word, the four trigrams around them confirmed
    assert [(s.wrong, s.right) for s in spelling_slip.find("城乡居民最低生活暴涨标准逐年提高。")] == [("暴涨", "保障")]
    # one outer trigram unknown to the laws (要同酬: 地要统 is not in them) ...
    assert [(s.wrong, s.right) for s in spelling_slip.find("各地要同酬规划，做好衔接。")] == [("同酬", "统筹")]
    # ... is not enough where the characters written make a word of their own (复核 against 符合)
    assert spelling_slip.find("对隐患点开展复核排查。") == []
    # the same words where the laws do not confirm them, or written right
    assert spelling_slip.find("股市暴涨之后又大幅回落。") == []
    assert spelling_slip.find("各部门按职责分工负责。") == []


def test_a_slip_the_laws_confirm_is_left_alone_where_it_is_meant():
    assert spelling_slip.find("药品疫苗攸关生命安全。") == []       # 攸 is a rare character: 攸关 is meant
    assert spelling_slip.find("做到事事有人管、件件有着落。") == []  # a doubled character
    assert spelling_slip.find("建立“按职责分供负责”的机制。") == []  # a quoted term is named as written
    assert spelling_slip.find("建立按职责分供负责的机制。") != []


def test_quoted_looks_no_further_than_the_nearest_quotation_mark():
    assert spelling_slip._quoted("按职责“分供负责”。", 4, 6)
    assert not spelling_slip._quoted("“职责”分供负责。", 4, 6)   # the term closed before the span
    assert not spelling_slip._quoted("职责分供负责。", 2, 4)
