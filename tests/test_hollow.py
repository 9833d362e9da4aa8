"""lint/checks/hollow.py and stock.py: stacked modifiers, 穿靴戴帽, slogan sentences, 套话 density."""

from __future__ import annotations

import pytest

from tests.helpers import REPO
from tests.test_facts import findings


def test_stack_reports_each_modifier_and_suggests_one():
    (f,) = findings("HL001", "要进一步切实加强组织领导。")
    assert f.text == "进一步切实" and f.suggestion == "进一步"
    assert "“进一步”、“切实”" in f.message and "2个" in f.message


def test_stack_of_three_with_de_and_dunhao():
    (f,) = findings("HL001", "要认真地、切实地、扎实地抓好落实。")
    assert "3个" in f.message and f.suggestion == "扎实"


def test_min_run_option():
    assert findings("HL001", "大力积极推进改革。")
    assert not findings("HL001", "大力积极推进改革。", min_run=3)
    assert findings("HL001", "大力积极切实推进改革。", min_run=3)


@pytest.mark.parametrize("text", ["进一步全面深化改革。", "坚定不移全面从严治党。", "调动积极性和主动性。",
                                  "经过八年持续努力，取得胜利。", "积极稳妥推进改革。"])
def test_no_stack(text):
    assert not findings("HL001", text)


def test_boots_and_hat_names_the_kind_of_formula():
    (f,) = findings("HL002", "在县委、县政府的正确领导下，我局完成了各项任务。")
    assert f.text == "在县委、县政府的正确领导下" and "开头套话" in f.message and f.suggestion == ""
    (g,) = findings("HL002", "让我们为全县高质量发展作出新的更大贡献！")
    assert "结尾套话" in g.message


def test_boots_gap_does_not_cross_a_comma():
    assert not findings("HL002", "在异常困难的情况下，全县干部群众坚持抗洪救灾，在县委的统一部署下转移群众。")


def test_contribution_as_an_aim_mid_text_is_not_a_closing():
    text = "各医疗机构要为群众就近就医作出贡献。\n全年新建卫生室12个。"
    assert not findings("HL002", text)


def test_empty_sentence_needs_no_jieba():
    import subprocess
    import sys

    code = ("from tests.test_facts import findings; from lint.text import segment; "
            "assert findings('HL003', '要进一步提高思想认识，切实增强责任意识，不断提升工作水平。'); "
            "assert not segment.loaded()")
    done = subprocess.run([sys.executable, "-c", code], cwd=str(REPO), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("text", ["全县要进一步提高思想认识，切实增强责任意识。", "要在“三个一”上提高工作水平，切实增强责任意识。",
                                  "县应急管理局要进一步提升工作水平，切实增强责任意识。"])
def test_empty_sentence_anchor(text):
    assert not findings("HL003", text)


def test_stock_density_message_names_the_top_phrases():
    text = "高度重视。" * 4 + "狠抓落实。" * 2 + "统一思想。"
    (f,) = findings("SP001", text)
    assert f.location == "全文"
    assert "“高度重视”（4次）、“狠抓落实”（2次）" in f.message and "7 处套话" in f.message


def test_stock_density_thresholds_are_options():
    text = "高度重视安全生产。" + "今年完成排查1260处，整改1187处。" * 350 + "狠抓落实。统一思想。认清形势。务求实效。"
    assert not findings("SP001", text)
    assert findings("SP001", text, max_per_1000=1.0)
    assert not findings("SP001", "高度重视。狠抓落实。", min_count=5)


def test_run_in_heading_is_not_an_empty_sentence():
    body = "县应急管理局要在3月底前完成全县危化品企业的安全评估。"
    assert not findings("HL003", "（一）切实加强组织领导，不断提升工作水平。" + body)
    assert not findings("HL003", "全面加强作风建设，推动各项工作提质增效。" + body)
    assert findings("HL003", body + "全面加强作风建设，推动各项工作提质增效。")
