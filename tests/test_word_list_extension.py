"""An office's additions to built-in word lists: `<name>.add.tsv` in a `reference-dirs` folder.

Every rule that reads a list sees the added rows (substitution and phrase kinds, and the python
checks that read lists themselves); bad additions stop the run with exit 2 and file:line; two
configurations in one run keep their additions apart.
"""

from __future__ import annotations

import textwrap

import pytest
import yaml

from lint.engine.wordlists import find_list, load_list
from tests.helpers import run

WRONG_COLS = "wrong\tright\tbefore\tnot_before\tafter\tnot_after\tnot_within\tnote\tsource"


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def wrong_row(wrong: str, right: str, note: str = "本地地名常见误写", source: str = "本单位地名录") -> str:
    return "\t".join([wrong, right, "", "", "", "", "", note, source])


def project(tmp, files: dict[str, str], config: str = "reference-dirs: [lists]\n",
            draft: str = "关于岳阳搂修缮工作的通知\n"):
    for name, text in files.items():
        write(tmp / "lists" / name, text)
    write(tmp / "gwlint.yaml", config)
    return write(tmp / "a.txt", draft)


def found(r, code: str) -> list[tuple[str, str | None]]:
    assert r.code in (0, 1), r
    return [(f["text"], f["suggestion"]) for f in r.json["findings"] if f["code"] == code]


# --- additions take effect -------------------------------------------------------------------------

def test_added_wrong_word_is_reported_with_its_suggestion(tmp_path):
    draft = project(tmp_path, {"common-wrong-words.add.tsv": f"# 本单位补充\n{WRONG_COLS}\n"
                                                             f"{wrong_row('岳阳搂', '岳阳楼')}\n"},
                    draft="关于岳阳搂修缮工作的通知\n请各单位作出安排布署。\n")
    r = run("check", "-f", "json", str(draft))
    # The added pair, with its suggestion and note, and the built-in rows still apply.
    assert found(r, "WD001") == [("岳阳搂", "岳阳楼"), ("布署", "部署")]
    assert "本地地名常见误写" in r.json["findings"][0]["message"]


def test_without_the_addition_nothing_is_reported(tmp_path):
    draft = project(tmp_path, {}, config="select: [WD001]\n")
    assert found(run("check", "-f", "json", str(draft)), "WD001") == []


def test_columns_may_come_in_any_order(tmp_path):
    cols = WRONG_COLS.split("\t")
    order = [cols[-1], cols[1], cols[0], *cols[2:-1]]  # source, right, wrong, ...
    row = dict(zip(cols, wrong_row("岳阳搂", "岳阳楼").split("\t")))
    draft = project(tmp_path, {"common-wrong-words.add.tsv": "\t".join(order) + "\n"
                               + "\t".join(row[c] for c in order) + "\n"})
    assert found(run("check", "-f", "json", str(draft)), "WD001") == [("岳阳搂", "岳阳楼")]


def test_a_byte_order_mark_is_accepted(tmp_path):
    # Windows editors often save UTF-8 with a BOM; it must not become part of the first column.
    draft = project(tmp_path, {"common-wrong-words.add.tsv": f"\ufeff{WRONG_COLS}\n{wrong_row('岳阳搂', '岳阳楼')}\n"})
    assert found(run("check", "-f", "json", str(draft)), "WD001") == [("岳阳搂", "岳阳楼")]


def test_added_stock_phrase_counts_for_both_stock_rules(tmp_path):
    add = {"stock-phrases.add.tsv": "phrase\tnote\tsource\n奋楫笃行\t口号式用语：应写具体做了什么\t本办公室审稿意见\n"}
    text = "关于做好年度工作的通知\n各单位要奋楫笃行，按期完成各项任务。\n"
    # SP002 (a python check) names each paragraph's stock phrases; a 通知 only when asked.
    draft = project(tmp_path / "a", add, "reference-dirs: [lists]\nselect: [SP002]\nrules:\n  SP002: {doctypes: [通知]}\n", text)
    assert found(run("check", "-f", "json", str(draft)), "SP002") == [("奋楫笃行", None)]
    # SP001 (python check, its own cached matcher) counts it towards the density.
    cfg = "reference-dirs: [lists]\nselect: [SP001]\nrules:\n  SP001: {min_count: 1, max_per_1000: 0}\n"
    draft = project(tmp_path / "b", add, cfg, text)
    r = run("check", "-f", "json", str(draft))
    assert [f["code"] for f in r.json["findings"]] == ["SP001"]
    assert "奋楫笃行" in r.json["findings"][0]["message"]
    draft = project(tmp_path / "c", {}, "select: [SP001]\nrules:\n  SP001: {min_count: 1, max_per_1000: 0}\n", text)
    assert run("check", "-f", "json", str(draft)).json["findings"] == []


@pytest.mark.parametrize("code, name, header, row, text, hit", [
    ("FC003", "absolute-claims", "phrase\tnote\tsource", "举世无双\t绝对化用语：应写出比较的范围和数据\t本办公室审稿意见",
     "全县的营商环境举世无双。", "举世无双"),
    ("FC004", "vague-achievements", "phrase\tnote\tsource", "一日千里\t只写程度：应写出增长了多少\t本办公室审稿意见",
     "近年来全县经济一日千里。", "一日千里"),
    ("HL001", "hollow-modifiers", "phrase\tnote\tsource", "奋力\t只表示强调的修饰语\t本办公室审稿意见",
     "要奋力切实推进项目建设。", "奋力切实"),
])
def test_python_checks_read_the_additions(tmp_path, code, name, header, row, text, hit):
    draft_text = f"关于做好年度工作的报告\n{text}\n"
    before = project(tmp_path / "before", {}, f"select: [{code}]\n", draft_text)
    assert found(run("check", "-f", "json", str(before)), code) == []
    after = project(tmp_path / "after", {f"{name}.add.tsv": f"{header}\n{row}\n"},
                    f"reference-dirs: [lists]\nselect: [{code}]\n", draft_text)
    assert [t for t, _ in found(run("check", "-f", "json", str(after)), code)] == [hit]


# --- replacement and precedence --------------------------------------------------------------------

def test_replacement_still_replaces(tmp_path):
    draft = project(tmp_path, {"common-wrong-words.tsv": f"{WRONG_COLS}\n{wrong_row('岳阳搂', '岳阳楼')}\n"},
                    draft="关于岳阳搂修缮工作的通知\n请各单位作出安排布署。\n")
    # The built-in rows (布署) are gone: the list is the office's own.
    assert found(run("check", "-f", "json", str(draft)), "WD001") == [("岳阳搂", "岳阳楼")]


def test_first_replacement_wins_and_every_folder_adds(tmp_path):
    write(tmp_path / "one" / "common-wrong-words.tsv", f"{WRONG_COLS}\n{wrong_row('岳阳搂', '岳阳楼')}\n")
    write(tmp_path / "two" / "common-wrong-words.tsv", f"{WRONG_COLS}\n{wrong_row('洞庭胡', '洞庭湖')}\n")
    write(tmp_path / "one" / "common-wrong-words.add.tsv", f"{WRONG_COLS}\n{wrong_row('君山岛屿', '君山岛')}\n")
    write(tmp_path / "two" / "common-wrong-words.add.tsv", f"{WRONG_COLS}\n{wrong_row('汨罗河', '汨罗江')}\n")
    draft = project(tmp_path, {}, "reference-dirs: [one, two]\nselect: [WD001]\n",
                    "岳阳搂、洞庭胡、君山岛屿、汨罗河。\n")
    assert found(run("check", "-f", "json", str(draft)), "WD001") == [
        ("岳阳搂", "岳阳楼"), ("君山岛屿", "君山岛"), ("汨罗河", "汨罗江")]
    source = find_list("common-wrong-words", (tmp_path / "one", tmp_path / "two"))
    assert source.base == tmp_path / "one" / "common-wrong-words.tsv"
    rows = load_list(source)
    assert [r["wrong"] for r in rows] == ["岳阳搂", "君山岛屿", "汨罗河"]
    assert rows.files[-1].endswith("two/common-wrong-words.add.tsv") and rows.lines[-1] == 2


def test_addition_to_an_offices_own_list(tmp_path):
    # A list that is not built in (read by a rule of the office's own) may be extended too.
    write(tmp_path / "lists" / "place-names.tsv", "phrase\tnote\tsource\n岳阳搂\t误写\t地名录\n")
    write(tmp_path / "lists" / "place-names.add.tsv", "phrase\tnote\tsource\n洞庭胡\t误写\t地名录\n")
    rows = load_list(find_list("place-names", (tmp_path / "lists",)))
    assert [r["phrase"] for r in rows] == ["岳阳搂", "洞庭胡"]


def test_lists_without_additions_are_the_cached_built_in_ones(tmp_path):
    built_in = find_list("stock-phrases")
    assert not built_in.additions and not built_in.replaced
    assert load_list(built_in) is load_list(built_in.base)
    assert find_list("stock-phrases", (tmp_path,)) == built_in  # an empty folder changes nothing
    assert find_list("stock-phrases.add", ()) is None


# --- two configurations in one run -------------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_two_configurations_keep_their_additions_apart(tmp_path, jobs):
    text = "岳阳搂和洞庭胡。\n"
    a = project(tmp_path / "a", {"common-wrong-words.add.tsv": f"{WRONG_COLS}\n{wrong_row('岳阳搂', '岳阳楼')}\n"},
                "reference-dirs: [lists]\nselect: [WD001]\n", text)
    b = project(tmp_path / "b", {"common-wrong-words.add.tsv": f"{WRONG_COLS}\n{wrong_row('洞庭胡', '洞庭湖')}\n"},
                "reference-dirs: [lists]\nselect: [WD001]\n", text)
    c = project(tmp_path / "c", {}, "select: [WD001]\n", text)
    r = run("check", "-f", "json", "-j", jobs, str(a), str(b), str(c))
    assert r.code == 1, r
    got = sorted((f["path"].split("/")[-2], f["text"]) for f in r.json["findings"])
    assert got == [("a", "岳阳搂"), ("b", "洞庭胡")]


# --- errors: exit 2, one line, file and line -----------------------------------------------------------

def _fails(r, file: str, line: int, words: str):
    assert r.code == 2, r
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1, r.err
    assert f"{file}:{line}:" in r.err and words in r.err, r.err


@pytest.mark.parametrize("text, line, words", [
    ("wrong\tright\tnote\tsource\n岳阳搂\t岳阳楼\t误写\t地名录\n", 1, "缺少 before、not_before"),
    (f"# 注释\n{WRONG_COLS}\tcolour\n", 2, "另有 1 个多余或重复的列"),
    (f"{WRONG_COLS}\n{wrong_row('岳阳搂', '岳阳楼', source='')}\n", 2, "source 列为空"),
    (f"{WRONG_COLS}\n{wrong_row('', '岳阳楼')}\n", 2, "第一列（wrong）为空"),
    (f"{WRONG_COLS}\n岳阳搂\t岳阳楼\t地名录\n", 2, "这一行有 3 列"),
    (f"{WRONG_COLS}\n{wrong_row('岳阳搂', '岳阳楼')}\n{wrong_row('岳阳搂', '岳阳楼', note='又一次')}\n", 3,
     "“岳阳搂”与第2行重复"),
    (f"{WRONG_COLS}\n", 1, "只有表头"),
])
def test_bad_addition_stops_the_run(tmp_path, text, line, words):
    draft = project(tmp_path, {"common-wrong-words.add.tsv": text})
    _fails(run("check", str(draft)), "common-wrong-words.add.tsv", line, words)


def test_duplicate_of_a_built_in_row_names_both_places(tmp_path):
    base = find_list("common-wrong-words")
    rows = load_list(base)
    i = next(i for i, r in enumerate(rows) if r["wrong"] == "布署")
    draft = project(tmp_path, {"common-wrong-words.add.tsv": f"{WRONG_COLS}\n{wrong_row('岳阳搂', '岳阳楼')}\n"
                                                             f"{wrong_row('布署', '部署')}\n"})
    r = run("check", str(draft))
    _fails(r, "common-wrong-words.add.tsv", 3, "“布署”与")
    assert f"reference/common-wrong-words.tsv:{rows.lines[i]}" in r.err, r.err


def test_duplicate_across_two_additions_names_both_places(tmp_path):
    for d in ("one", "two"):
        write(tmp_path / d / "stock-phrases.add.tsv", "phrase\tnote\tsource\n奋楫笃行\t口号\t审稿意见\n")
    draft = project(tmp_path, {}, "reference-dirs: [one, two]\n")
    r = run("check", str(draft))
    _fails(r, "two/stock-phrases.add.tsv", 2, "one/stock-phrases.add.tsv:2")


def test_addition_for_an_unknown_list_is_caught_on_any_run(tmp_path):
    # Misspelt list name; the selected rule reads no list at all, the run still stops.
    draft = project(tmp_path, {"comon-wrong-words.add.tsv": f"{WRONG_COLS}\n{wrong_row('岳阳搂', '岳阳楼')}\n"},
                    "reference-dirs: [lists]\nselect: [LN001]\n")
    r = run("check", str(draft))
    _fails(r, "comon-wrong-words.add.tsv", 1, "没有名为“comon-wrong-words”的词表")
    assert "common-wrong-words" in r.err.split("现有词表")[1]
    _fails(run("config", "--show", "--config", str(tmp_path / "gwlint.yaml")),
           "comon-wrong-words.add.tsv", 1, "comon-wrong-words")


def test_bad_addition_to_a_list_only_a_python_check_reads_is_caught_on_any_run(tmp_path):
    draft = project(tmp_path, {"hollow-modifiers.add.tsv": "phrase\tsource\n奋力\t审稿意见\n"},
                    "reference-dirs: [lists]\nselect: [LN001]\n")
    _fails(run("check", str(draft)), "hollow-modifiers.add.tsv", 1, "缺少 note")


# --- config --show -----------------------------------------------------------------------------------

def test_config_show_names_replaced_and_extended_lists(tmp_path):
    project(tmp_path, {"common-wrong-words.add.tsv": f"{WRONG_COLS}\n{wrong_row('岳阳搂', '岳阳楼')}\n",
                       "redundant-phrases.tsv": "phrase\tpreferred\tnote\tsource\n召开\t开\t测试\t本单位规范\n"})
    r = run("config", "--show", "--config", str(tmp_path / "gwlint.yaml"))
    assert r.code == 0, r
    lists = yaml.safe_load(r.out)["word-lists"]
    assert lists["common-wrong-words"] == {"file": "内置 reference/common-wrong-words.tsv",
                                           "additions": [str(tmp_path / "lists" / "common-wrong-words.add.tsv")]}
    assert lists["redundant-phrases"] == {"file": str(tmp_path / "lists" / "redundant-phrases.tsv"), "additions": []}
    assert set(lists) == {"common-wrong-words", "redundant-phrases"}
