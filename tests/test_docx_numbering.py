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
