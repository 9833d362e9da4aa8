"""Number and date rules (NM, GB/T 15835-2011, GB/T 9704-2012 7.2.5/7.3.5.4): tricky cases."""

from __future__ import annotations

import pytest

from lint.engine import check_document, load_rules
from lint.readers import read_stdin

RULESET = load_rules()


def findings(text: str, code: str):
    doc = read_stdin(text.encode("utf-8"), "draft.txt")
    doc.meta["doctype"] = None
    doc.meta["public"] = False
    return check_document(doc, [RULESET.get(code)])


def fixes(text: str, code: str):
    return [(f.text, f.suggestion) for f in findings(text, code)]


@pytest.mark.parametrize("text,expected", [
    ("每年组织三、四次培训。", [("三、四", "三四")]),
    ("四十五、六岁的同志", [("五、六", "五六")]),
    ("上世纪五、六十年代", [("五、六", "五六")]),
    ("第十三、四章", []),
    ("一、三、五批次", []),
    ("三、四月份", []),
    ("“和平统一、一国两制”方针", []),
    ("一、二十年来的成就", []),
])
def test_approximate_numbers(text, expected):
    assert fixes(text, "NM001") == expected


@pytest.mark.parametrize("text,expected", [
    ("全县共有4千多户。", [("4千", "4000")]),
    ("共有1百零8人。", [("1百零8", "108")]),
    ("新增就业3.5千人。", [("3.5千", "3500")]),
    ("由5千多户增加到1万6千多户。", [("5千", "5000")]),
    ("新修道路12千米，年发电1千瓦时。", []),
    ("提高2个百分点，3百分点。", []),
    ("普查人口为10亿零817万5288人。", []),
])
def test_mixed_numerals(text, expected):
    assert fixes(text, "NM002") == expected


def test_zero_in_chinese_year_and_circle_are_separate_rules():
    assert fixes("二0一一年", "NM003") == [("0", "〇")]
    assert fixes("二零二四年", "NM003") == [("零", "〇")]
    assert findings("二○二四年", "NM003") == []
    assert fixes("二○二四年", "NM004") == [("○", "〇")]
    assert findings("2024年，投资一百零八亿元，20O0年", "NM003") == []


@pytest.mark.parametrize("text,expected", [
    ("2022年03月05日", [("03", "3"), ("05", "5")]),
    ("2022年10月20日", []),
    ("增长10.05日均", []),
])
def test_date_zero_padding(text, expected):
    assert fixes(text, "NM005") == expected


@pytest.mark.parametrize("text,n", [
    ("他在基层工作了22年，先后获得多项荣誉。", 0),
    ("他在基层工作了12年3个月。", 0),
    ("近10年来，连续5年增长。", 0),
    ("上世纪90年代末以来。", 0),
    ("第5年底完成建设任务。", 0),
    ("守住10年底线。", 0),
    ("于22年3月开工。", 1),
    ("截至23年底。", 1),
    ("’22年度总结", 1),
])
def test_shortened_year_versus_durations(text, n):
    assert len(findings(text, "NM006")) == n


@pytest.mark.parametrize("text,expected", [
    ("项目于2008-8开工。", [("2008-8", "2008年8月")]),
    ("数据截至2024-03。", [("2024-03", "2024年3月")]),
    ("2008-08-08", []),
    ("2011-2020年", []),
    ("GB/T 9704-2012", []),
    ("2020-21年度", []),
])
def test_hyphenated_partial_date(text, expected):
    assert fixes(text, "NM007") == expected


def test_fullwidth_digits_fix():
    assert fixes("２０２４年增长３．５%", "NM008") == [("２０２４", "2024"), ("３．５", "3.5")]


def test_decimal_leading_zero():
    assert fixes("增长.5个百分点", "NM009") == [(".5", "0.5")]
    assert findings("PM2.5浓度，.NET平台，第3.2节", "NM009") == []


def test_date_forms_minority_and_signature_line():
    text = "2024年3月5日召开会议。\n请于二〇二四年四月一日前报送。\n本办法自2024年5月1日起施行。"
    assert fixes(text, "NM010") == [("二〇二四年四月一日", "2024年4月1日")]
    assert fixes("县人民政府\n二〇二四年三月五日", "NM010") == [("二〇二四年三月五日", "2024年3月5日")]
    mixed = findings("会议于二〇二四年3月5日召开。", "NM010")
    assert [f.text for f in mixed] == ["二〇二四年3月5日"]
    # A year alone (二〇三五年) is not a date to compare.
    assert findings("2024年3月5日召开会议。\n到二〇三五年基本实现现代化。", "NM010") == []


@pytest.mark.parametrize("text,expected", [
    ("国办发[2024]5号", "〔2024〕5号"),
    ("国发（2024）第3号", "〔2024〕3号"),
    ("中办发〔2024〕003号", "〔2024〕3号"),
    ("国办发﹝2024﹞5号", "〔2024〕5号"),
    ("国办发〔2024〕 5号", "〔2024〕5号"),
    ("豫政〔24〕12号", None),
])
def test_document_number(text, expected):
    found = findings(text, "NM011")
    assert len(found) == 1 and found[0].suggestion == expected


@pytest.mark.parametrize("text", ["国办发〔2024〕5号", "（2024）京01民初123号", "鲁迅（1881—1936）", "按照第3号令执行。"])
def test_document_number_quiet(text):
    assert findings(text, "NM011") == []


@pytest.mark.parametrize("text,expected", [
    ("下降15～30%。", [("15～30%", "15%～30%")]),
    ("投资9～16亿元。", [("9～16亿", "9亿～16亿")]),
    ("补助3-5万元。", [("3-5万", "3万～5万")]),
    ("补助500——800万元。", [("500——800万", "500万～800万")]),
    ("下降15%～30%。", []),
    ("提高1～2个百分点。", []),
    ("3-2万号", []),
])
def test_range_unit(text, expected):
    assert fixes(text, "NM012") == expected
