"""Word's automatic numbering rendered into the numbers the reader sees (lint/readers/docx_numbering.py)."""

from __future__ import annotations


import docx
from docx.oxml.ns import qn
from lxml import etree

from lint.analysis.outline import outline
from lint.analysis.structure import prepare
from lint.engine import check_document, load_rules
from lint.readers import read_path

WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

ABSTRACT = f"""<w:abstractNum xmlns:w="{WNS}" w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""


def _numbered_docx(path, items, nums=("91",), restart_num=None):
    """items: (text, numId or None, ilvl)."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, etree.fromstring(ABSTRACT))
    for nid in nums:
        numbering.append(etree.fromstring(
            f'<w:num xmlns:w="{WNS}" w:numId="{nid}"><w:abstractNumId w:val="90"/></w:num>'))
    if restart_num:
        numbering.append(etree.fromstring(
            f'<w:num xmlns:w="{WNS}" w:numId="{restart_num}"><w:abstractNumId w:val="90"/>'
            f'<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    for text, nid, ilvl in items:
        p = d.add_paragraph(text)
        if nid is not None:
            ppr = p._p.get_or_add_pPr()
            numpr = etree.SubElement(ppr, qn("w:numPr"))
            etree.SubElement(numpr, qn("w:ilvl")).set(qn("w:val"), str(ilvl))
            etree.SubElement(numpr, qn("w:numId")).set(qn("w:val"), nid)
    d.save(path)
    return path


def labels(doc):
    return [(p.numbering, p.text) for p in doc.paragraphs if p.text]


def test_levels_restart_under_a_higher_level_and_render_chinese(tmp_path):
    path = _numbered_docx(tmp_path / "a.docx", [
        ("关于加强安全生产工作的通知", None, 0), ("总体要求", "91", 0), ("指导思想", "91", 1),
        ("工作目标", "91", 1), ("主要任务", "91", 0), ("抓项目", "91", 1), ("细化分工", "91", 2)])
    doc = read_path(path)
    prepare(doc)
    assert labels(doc)[1:] == [("一、", "总体要求"), ("（一）", "指导思想"), ("（二）", "工作目标"),
                               ("二、", "主要任务"), ("（一）", "抓项目"), ("1.", "细化分工")]
    assert [n.label for n in outline(doc).nodes] == ["一、", "（一）", "（二）", "二、", "（一）", "1."]
    assert outline(doc).faults == []


def test_two_nums_of_one_list_run_on_and_a_start_override_restarts(tmp_path):
    path = _numbered_docx(tmp_path / "b.docx", [
        ("总体要求", "91", 0), ("甲", "91", 1), ("乙", "91", 1), ("主要任务", "92", 0),
        ("丙", "92", 1), ("保障措施", "91", 0), ("丁", "93", 1)], nums=("91", "92"), restart_num="93")
    got = [lab for lab, _ in labels(read_path(path))]
    assert got == ["一、", "（一）", "（二）", "二、", "（一）", "三、", "（一）"]


def test_typed_number_after_automatic_ones_is_not_a_fault(tmp_path):
    # 一、二、 numbered by Word, then 三、 typed by hand: the reader sees 一、二、三、
    path = _numbered_docx(tmp_path / "c.docx", [
        ("总体要求", "91", 0), ("主要任务", "91", 0), ("三、保障措施", None, 0)])
    doc = read_path(path)
    rules = load_rules()
    found = [f for f in check_document(doc, [rules.get("ST001")])]
    assert found == []


def test_word_heading_styles_are_parents_in_the_outline(tmp_path):
    d = docx.Document()
    d.add_paragraph("关于做好防汛工作的通知", style="Title")
    for head, items in (("总体要求", ("提高认识", "压实责任")), ("主要任务", ("排查隐患", "落实值守"))):
        d.add_paragraph(head, style="Heading 1")
        for k, item in enumerate(items, 1):
            d.add_paragraph("一二"[k - 1] + "、" + item)
    d.save(tmp_path / "h.docx")
    doc = read_path(tmp_path / "h.docx")
    prepare(doc)
    ol = outline(doc)
    assert [(c.kind, [g.label for g in c.children]) for c in ol.root.children] == [
        ("styled", ["一、", "二、"]), ("styled", ["一、", "二、"])]
    assert ol.faults == []


# --- formats, isLgl and list styles -----------------------------------------------------------------

def _custom_docx(path, abstracts, nums, items, styles=()):
    """abstracts and nums: XML bodies (without namespace declarations); styles: w:style elements;
    items: (text, numId, ilvl)."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    for xml in abstracts:
        numbering.insert(0, etree.fromstring(xml.replace("<w:abstractNum ", f'<w:abstractNum xmlns:w="{WNS}" ', 1)))
    for xml in nums:
        numbering.append(etree.fromstring(xml.replace("<w:num ", f'<w:num xmlns:w="{WNS}" ', 1)))
    for xml in styles:
        d.styles.element.append(etree.fromstring(xml.replace("<w:style ", f'<w:style xmlns:w="{WNS}" ', 1)))
    for text, nid, ilvl in items:
        p = d.add_paragraph(text)
        if nid is not None:
            ppr = p._p.get_or_add_pPr()
            numpr = etree.SubElement(ppr, qn("w:numPr"))
            etree.SubElement(numpr, qn("w:ilvl")).set(qn("w:val"), str(ilvl))
            etree.SubElement(numpr, qn("w:numId")).set(qn("w:val"), nid)
    d.save(path)
    return path


def _lvl(ilvl, fmt, text, start=1, extra=""):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def test_formats_beyond_decimal_and_chinese_are_drawn_as_word_draws_them(tmp_path):
    abstract = ('<w:abstractNum w:abstractNumId="70">'
                + _lvl(0, "chineseCountingThousand", "%1、", start=109)
                + _lvl(1, "ideographTraditional", "%2、")
                + _lvl(2, "upperRoman", "%3.", start=3)
                + _lvl(3, "lowerRoman", "（%4）", start=8)
                + _lvl(4, "ideographZodiac", "%5．")
                + _lvl(5, "decimalEnclosedParen", "%6")
                + "</w:abstractNum>")
    path = _custom_docx(tmp_path / "f.docx", [abstract], ['<w:num w:numId="71"><w:abstractNumId w:val="70"/></w:num>'], [
        ("总则", "71", 0), ("范围", "71", 1), ("定义", "71", 1), ("术语", "71", 2), ("符号", "71", 2),
        ("说明", "71", 3), ("备注", "71", 3), ("其一", "71", 4), ("其二", "71", 4), ("细目", "71", 5),
        ("附则", "71", 0)])
    got = [lab for lab, _ in labels(read_path(path))]
    assert got == ["一百零九、", "甲、", "乙、", "III.", "IV.", "（viii）", "（ix）", "子．", "丑．", "⑴", "一百一十、"]


def test_format_table():
    from lint.readers.docx_numbering import _format

    cases = {("chineseCounting", 12): "十二", ("chineseCounting", 105): "一〇五",
             ("chineseCountingThousand", 2030): "二千零三十", ("chineseLegalSimplified", 23): "贰拾叁",
             ("ideographTraditional", 11): "甲", ("ideographZodiac", 12): "亥",
             ("upperRoman", 1994): "MCMXCIV", ("lowerRoman", 4): "iv", ("decimalEnclosedCircle", 20): "⑳",
             ("decimalEnclosedCircle", 21): "21", ("chineseLegalSimplified", 10): "壹拾",
             ("chineseLegalSimplified", 110): "壹佰壹拾", ("decimalEnclosedFullstop", 3): "⒊",
             ("decimalFullWidth", 12): "１２", ("upperLetter", 27): "AA", ("ideographEnclosedCircle", 2): "㊁",
             ("ideographDigital", 10): "一〇", ("decimal", 7): "7", ("ordinal", 7): "7"}
    assert {k: _format(k[1], k[0]) for k in cases} == cases


def test_legal_numbering_draws_every_level_in_decimal(tmp_path):
    # 第一章 … then its articles as 1.1, 1.2 (isLgl), not 一.1
    abstract = ('<w:abstractNum w:abstractNumId="60">' + _lvl(0, "chineseCounting", "第%1章")
                + _lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>") + "</w:abstractNum>")
    path = _custom_docx(tmp_path / "l.docx", [abstract], ['<w:num w:numId="61"><w:abstractNumId w:val="60"/></w:num>'], [
        ("总则", "61", 0), ("目的", "61", 1), ("范围", "61", 1), ("职责", "61", 0), ("分工", "61", 1)])
    assert [lab for lab, _ in labels(read_path(path))] == ["第一章", "1.1", "1.2", "第二章", "2.1"]


def test_a_list_that_names_a_numbering_style_takes_the_styles_levels(tmp_path):
    # abstract 50 defines the list style 公文编号 (w:styleLink); abstract 52 only names it
    # (w:numStyleLink), as Word saves a list that uses a list style.
    defining = ('<w:abstractNum w:abstractNumId="50"><w:styleLink w:val="GongwenList"/>'
                + _lvl(0, "chineseCounting", "%1、") + _lvl(1, "chineseCounting", "（%2）") + "</w:abstractNum>")
    naming = ('<w:abstractNum w:abstractNumId="52"><w:numStyleLink w:val="GongwenList"/>'
              + _lvl(0, "decimal", "%1.") + "</w:abstractNum>")
    style = ('<w:style w:type="numbering" w:styleId="GongwenList"><w:name w:val="公文编号"/>'
             '<w:pPr><w:numPr><w:numId w:val="51"/></w:numPr></w:pPr></w:style>')
    path = _custom_docx(tmp_path / "s.docx", [defining, naming], [
        '<w:num w:numId="51"><w:abstractNumId w:val="50"/></w:num>',
        '<w:num w:numId="53"><w:abstractNumId w:val="52"/></w:num>'], [
        ("关于做好防汛工作的通知", None, 0), ("总体要求", "53", 0), ("指导思想", "53", 1),
        ("工作目标", "53", 1), ("主要任务", "53", 0)], styles=[style])
    doc = read_path(path)
    prepare(doc)
    assert [lab for lab, _ in labels(doc)][1:] == ["一、", "（一）", "（二）", "二、"]
    assert [n.label for n in outline(doc).nodes] == ["一、", "（一）", "（二）", "二、"]
