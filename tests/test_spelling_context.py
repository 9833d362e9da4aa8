"""Context rules for function characters and real-word pairs: WD006, WD010-WD014
(lint/checks/spelling_context.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lint.checks import spelling_context as C
from tests.helpers import REPO
from tests.test_wording import findings


@pytest.mark.parametrize("code,text,wrong,right", [
    ("WD010", "现再将有关事项通知如下。", "现再", "现在"),
    ("WD010", "这类问题在也不能发生。", "在也", "再也"),
    ("WD010", "领导在三叮嘱要注意安全。", "在三", "再三"),
    ("WD011", "以于5月8日印发实施。", "以于", "已于"),
    ("WD011", "三年已内完成改造。", "已内", "以内"),
    ("WD011", "对此要加已规范。", "加已", "加以"),
    ("WD012", "自既日起施行。", "既日", "即日"),
    ("WD012", "确保完成即定目标。", "即定", "既定"),
    ("WD013", "要把茶产业作强作优。", "作强作优", "做强做优"),
    ("WD013", "省政府做出决定。", "做出", "作出"),
    ("WD014", "那怕只有一个人，也要服务好。", "那怕", "哪怕"),
    ("WD010", "关键再于抓落实。", "再于", "在于"),
    ("WD011", "特此通报，已示警戒。", "已示", "以示"),
    ("WD011", "全县年产值以达5亿元。", "以达", "已达"),
    ("WD013", "书记在会上做重要讲话。", "做", "作"),
    ("WD006", "大家觉的很满意。", "觉的", "觉得"),
    ("WD006", "这些做法值的推广。", "值的", "值得"),
])
def test_pairs(code, text, wrong, right):
    found = findings(text, code)
    assert [(f.text, f.suggestion) for f in found] == [(wrong, right)]


@pytest.mark.parametrize("code,text", [
    ("WD010", "发现再次出现的问题要及时处理。"),   # 发现 / 再次: no word 现再
    ("WD010", "统一在党中央领导下推进。"),
    ("WD010", "存在也是合理的。"),
    ("WD011", "要坚持以经济建设为中心。"),
    ("WD011", "2023年已上报省政府。"),       # 已 / 上报
    ("WD011", "该费用已免除。"),
    ("WD011", "统计数据以经审核的数字为准。"),  # 以……为……
    ("WD012", "立即要求整改，又要跟踪问效。"),
    ("WD012", "既要抓发展，也要保安全。"),
    ("WD012", "既使群众满意，又使企业受益。"),
    ("WD012", "既将经济效益放在首位，又兼顾社会效益。"),
    ("WD012", "既便于群众办事，又便于管理。"),
    ("WD011", "要以达到标准为目标。"),
    ("WD013", "要做好讲话稿起草工作。"),
    ("WD013", "加强部门合作到位。"),
    ("WD013", "把它看做为民办事。"),
    ("WD014", "那里的群众满意吗？"),
    ("WD014", "那个项目建成了没有？"),
    ("WD014", "那里有什么困难？"),
    ("WD006", "他取的名字很好。"),
    ("WD006", "结果比预想的好。"),
    ("WD006", "这是我们应当做的。"),
])
def test_right_contexts_are_left_alone(code, text):
    assert findings(text, code) == []


@pytest.mark.parametrize("text,right", [
    ("只要方法对头，这个目标一定做的到。", "得"),
    ("这次检查大家落实的很到位。", "得"),
    ("各单位迅速的完成了整改任务。", "地"),
])
def test_de_di_de_with_tags(text, right):
    assert [(f.text, f.suggestion) for f in findings(text, "WD006")] == [("的", right)]


def test_ji_you_marks_only_the_first_ji():
    found = findings("即要敢于担当，又要善于作为。", "WD012")
    assert [(f.text, f.suggestion, f.column) for f in found] == [("即", "既", 1)]


def test_rows_are_well_formed():
    for table in (C.ZAI, C.YI, C.JI, C.ZUO, C.NA, C.DE):
        for wrong, right, before, after, why in table:
            assert wrong != right and len(wrong) == len(right) and why
    assert C._compiled(tuple(C.YI))  # every row compiles


def test_a_draft_without_candidates_loads_neither_jieba_nor_the_lexicon():
    code = (
        "from tests.test_wording import findings\n"
        "from lint.text import segment\n"
        "findings('各单位要认真学习，作出安排，在会上发言，以便落实。', 'WD006,WD010,WD011,WD012,WD013,WD014')\n"
        "print(segment.loaded(), segment._lexicon is not None)\n"
        "findings('会议正再召开。', 'WD010')\n"
        "print(segment.loaded(), segment._lexicon is not None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    # the pair rules need only the lexicon (word boundaries); jieba's tagger only WD006's candidates
    assert out.stdout.split() == ["False", "False", "False", "True"]
