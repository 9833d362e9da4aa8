"""WD016 (confusion-word) and its list reference/confusion-words.tsv: every row's provenance and
the properties tools/confusion_build.py promises, the word-edge guard, and lazy loading."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from lint.engine.wordlists import find_list, load_list
from lint.text.chinese import is_han
from tests.helpers import REPO
from tests.test_wording import findings

ROWS = load_list(find_list("confusion-words"))
SOURCE = re.compile(r"^(?:(?:yongzhuo/macro-correct macro_correct/output/confusion_dict\.json"
                    r"|shibing624/pycorrector tests/custom_confusion\.txt) @[0-9a-f]{7} \(Apache-2\.0\)"
                    r"|aopolin-lv/ECSpell Data/domains_data/odw\.train @[0-9a-f]{7} \(MIT\))$")


def _jieba_words() -> dict[str, int]:
    import importlib.util
    from pathlib import Path

    path = Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"
    return {w: int(n) for w, n, _ in (line.split(" ") for line in path.read_text(encoding="utf-8").splitlines())}


def test_the_list_is_long_and_every_row_names_repository_path_commit_and_licence():
    assert len(ROWS) > 1000
    for row in ROWS:
        parts = row["source"].split("；")
        assert parts and all(SOURCE.match(p) for p in parts), row


def test_every_row_is_one_slip_between_a_non_word_and_a_word():
    jieba = _jieba_words()
    others = set()
    for name in ("common-wrong-words", "confused-words", "variant-words"):
        others |= {r["wrong"] for r in load_list(find_list(name))}
    for row in ROWS:
        w, r = row["wrong"], row["right"]
        assert len(w) == len(r) >= 2 and w != r and all(is_han(c) for c in w + r), row
        # jieba lists a few misspellings at its lowest count (3); tools/confusion_build.py's RARE_SLIPS
        assert jieba.get(w, 0) <= 3 and w not in others, row
        assert sum(a != b for a, b in zip(w, r)) <= 2, row


def test_notes_are_chinese_sentences_with_full_width_marks():
    for row in ROWS:
        note = row["note"]
        assert note and not re.search(r"[\"',.;:!?()]|\s", note), row
        assert note.count("“") == note.count("”"), row


@pytest.mark.parametrize("text,found", [
    ("请各级政符认真研究落实。", ["政符"]),
    ("加强革命化现代化正规化建设。", []),       # 规化 inside 正规化: a word straddles its start
    ("值班人员在等候天明。", []),              # 候天 across 等候/天明
    ("要坚持开源截流，严控一般性支出。", ["开源截流"]),
])
def test_wrong_forms_are_found_only_as_whole_words(text, found):
    assert [f.text for f in findings(text, "WD016")] == found


def test_crosses_pair():
    from lint.text.segment import crosses_pair

    assert crosses_pair("正规化建设", 1, 3)        # 正规
    assert crosses_pair("规化学", 0, 2)            # 化学 straddles the end
    assert not crosses_pair("规化建设", 0, 2)      # 化建 is no word
    assert not crosses_pair("各级政符认真", 2, 4)


def test_a_match_inside_a_word_loads_neither_jieba_nor_the_lexicon():
    code = (
        "from tests.test_wording import findings\n"
        "from lint.text import segment\n"
        "findings('加强革命化现代化正规化建设。', 'WD016')\n"
        "print(segment.loaded(), segment._lexicon is not None)\n"
        "findings('请各级政符认真研究落实。', 'WD016')\n"
        "print(segment.loaded(), segment._lexicon is not None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False", "True"]
