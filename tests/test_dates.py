"""lint/checks/dates.py: weekdays that contradict their date, relative dates in 通知/请示/报告."""

from __future__ import annotations

import datetime

import pytest

from tests.test_facts import findings


@pytest.mark.parametrize("day", range(1, 8))
def test_every_weekday_of_a_week(day):
    date = datetime.date(2025, 9, day)
    names = "一二三四五六日"
    right = names[date.weekday()]
    wrong = names[(date.weekday() + 1) % 7]
    assert not findings("FC006", f"{date.year}年{date.month}月{date.day}日（星期{right}）")
    (f,) = findings("FC006", f"{date.year}年{date.month}月{date.day}日（星期{wrong}）")
    assert f.suggestion == f"星期{right}" and f.text == f"星期{wrong}"


def test_weekday_tian_and_zhou():
    assert not findings("FC006", "2024年3月10日（星期天）")
    (f,) = findings("FC006", "2024年3月10日（周六）")
    assert f.suggestion == "周日"


def test_impossible_date_is_left_to_fc002():
    assert not findings("FC006", "2023年2月30日（星期四）")


NOTICE = "关于做好防汛工作的通知\n各乡镇：\n{body}\n县防汛办\n2025年5月20日"


def test_relative_year_gets_the_year_of_the_signing_date():
    (f,) = findings("FC007", NOTICE.format(body="去年汛期，全县出现3处险情。"), doctype="通知")
    assert f.suggestion == "2024年" and "2024年" in f.message


def test_relative_day_asks_for_the_date():
    (f,) = findings("FC007", NOTICE.format(body="请于明天下午报送。"), doctype="通知")
    assert f.suggestion is None and "具体日期" in f.message


def test_only_notices_requests_and_reports():
    text = NOTICE.format(body="请于明天下午报送。")
    assert not findings("FC007", text, doctype="讲话稿")
    assert not findings("FC007", text, doctype=None)
    assert findings("FC007", text, doctype="请示")


def test_report_delivered_at_a_meeting_is_a_speech():
    text = "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n今年发展主要预期目标是：增长5%左右。"
    assert not findings("FC007", text, doctype="报告")


def test_corpus_doctypes_keep_reports_quiet():
    from tests.helpers import CORPUS
    from lint.analysis.document_type import infer
    from lint.readers import read_path

    path = CORPUS / "gov-reports" / "gwr_2024.txt"
    if not path.is_file():
        pytest.skip("corpus not beside the repository")
    doc = read_path(path)
    doc.meta["doctype"] = infer(doc)
    from lint.checks.dates import delivered_at_meeting

    assert doc.meta["doctype"] != "报告" or delivered_at_meeting(doc)


def test_weekday_without_year_uses_the_signing_date():
    text = "关于召开会议的通知\n定于6月4日（星期二）召开。\n县政府办公室\n2025年5月20日"
    (f,) = findings("FC006", text)
    assert f.suggestion == "星期三" and "按成文日期推算为2025年" in f.message
    assert not findings("FC006", text.replace("星期二", "星期三"))
    assert not findings("FC006", "定于6月4日（星期二）召开。")  # no 成文日期: nothing to go by
