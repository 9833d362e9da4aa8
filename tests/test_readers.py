"""Readers: encodings and line ends of text drafts; order, scopes and locations of .docx."""

from __future__ import annotations

import codecs

import pytest

from lint.readers import read_path
from tests.helpers import make_docx

TEXT = "关于做好春节期间安全工作的通知\n各乡镇：\n一、加强领导\n请于1月20日前报送。\n"


@pytest.mark.parametrize("encoding,label", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8（带 BOM）"), ("gbk", "GBK"), ("gb18030", "GBK"),
    ("utf-16", "UTF-16（带 BOM）"),
])
def test_text_encodings(tmp_path, encoding, label):
    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.encode(encoding))
    doc = read_path(p)
    assert doc.encoding == label
    assert [x.text for x in doc.paragraphs] == TEXT.splitlines()


def test_utf16_big_endian_bom(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"))
    assert read_path(p).paragraphs[0].text == "关于做好春节期间安全工作的通知"


def test_gb18030_only_characters(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("㐀字与𠀀字\n".encode("gb18030"))  # outside GBK
    doc = read_path(p)
    assert doc.encoding == "GB18030" and doc.paragraphs[0].text == "㐀字与𠀀字"


def test_crlf_lines_and_columns(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("第一行\r\n\r\n第三行，X年\r\n".encode("utf-8"))
    doc = read_path(p)
    assert [(x.line, x.text) for x in doc.paragraphs] == [(1, "第一行"), (2, ""), (3, "第三行，X年")]
    from tests.helpers import run

    r = run("check", "--select", "FC001", "--format", "json", str(p))
    f = r.json["findings"][0]
    assert (f["line"], f["column"], f["end_column"], f["location"]) == (3, 5, 7, "第3行")


def test_scopes_of_a_text_draft(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT + "（一）压实责任。各单位要明确专人负责，建立工作台账，每周报送进展情况。\n", encoding="utf-8")
    doc = read_path(p)
    scopes = [(x.scope, x.level) for x in doc.paragraphs]
    assert scopes == [("title", None), ("body", None), ("heading", 1), ("body", None), ("body", 2)]


def test_speech_subtitle_is_part_of_the_title(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("在全县办公室工作会议上的讲话\n——县委副书记　张三\n同志们：\n", encoding="utf-8")
    doc = read_path(p)
    assert [x.scope for x in doc.paragraphs] == ["title", "title", "body"]
    from lint.analysis.document_type import infer

    assert infer(doc) == "讲话稿"


def test_docx_order_tables_header_footer(tmp_path):
    path = make_docx(tmp_path / "a.docx", ["一、总体要求", "正文第一段。", ("工作目标", "Heading 2")],
                     tables=[[["序号", "任务"], ["1", "完成X项"]]], header="页眉文字",
                     footer="— 1 —", title="关于做好安全工作的通知")
    doc = read_path(path)
    got = [(p.line, p.scope, p.location, p.text) for p in doc.paragraphs if p.text]
    assert got == [
        (1, "title", "第1段", "关于做好安全工作的通知"),
        (2, "heading", "第2段", "一、总体要求"),
        (3, "body", "第3段", "正文第一段。"),
        (4, "heading", "第4段", "工作目标"),
        (5, "table", "表格1 第1行第1列", "序号"),
        (6, "table", "表格1 第1行第2列", "任务"),
        (7, "table", "表格1 第2行第1列", "1"),
        (8, "table", "表格1 第2行第2列", "完成X项"),
        (9, "header", "页眉 第1段", "页眉文字"),
        (10, "footer", "页脚 第1段", "— 1 —"),
    ]
    assert doc.paragraphs[3].level == 2 and doc.paragraphs[3].style == "Heading 2"
    assert doc.paragraphs[0].style == "Title"


def test_docx_runs_keep_east_asian_font_size_and_bold(tmp_path):
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = docx.Document()
    para = d.add_paragraph()
    r1 = para.add_run("仿宋正文")
    r1.font.size = Pt(16)
    r1._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    r2 = para.add_run("加粗")
    r2.bold = True
    path = tmp_path / "runs.docx"
    d.save(path)
    p = read_path(path).paragraphs[0]
    assert [(r.text, r.start, r.end, r.font_east_asia, r.size, r.bold) for r in p.runs] == [
        ("仿宋正文", 0, 4, "仿宋_GB2312", 16.0, None), ("加粗", 4, 6, None, None, True)]


def test_docx_hyperlink_and_deleted_text(tmp_path):
    """Text inside a hyperlink is read; tracked deletions are not."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    p = d.add_paragraph("见")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    p._p.append(parse_xml(f'<w:hyperlink {w}><w:r><w:t>附件</w:t></w:r></w:hyperlink>'))
    p._p.append(parse_xml(f'<w:del {w} w:id="1" w:author="a"><w:r><w:delText>删掉的</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:r {w}><w:t>。</w:t></w:r>'))
    path = tmp_path / "h.docx"
    d.save(path)
    assert read_path(path).paragraphs[0].text == "见附件。"


def test_docx_footnotes_are_their_own_scope(tmp_path):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    d = docx.Document()
    d.add_paragraph("正文。")
    xml = ('<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>—</w:t></w:r></w:p></w:footnote>'
           '<w:footnote w:id="1"><w:p><w:r><w:t>数据来源：县统计局。</w:t></w:r></w:p></w:footnote>'
           '</w:footnotes>').encode()
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", xml, d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    path = tmp_path / "f.docx"
    d.save(path)
    doc = read_path(path)
    notes = [(p.scope, p.location, p.text) for p in doc.paragraphs if p.scope == "footnote"]
    assert notes == [("footnote", "脚注1", "数据来源：县统计局。")]


def test_docx_finding_location(tmp_path):
    from tests.helpers import run

    path = make_docx(tmp_path / "a.docx", ["正文。"], tables=[[["任务"], ["完成XX项"]]])
    r = run("check", "--select", "FC001", "--format", "json", str(path))
    f = r.json["findings"][0]
    assert (f["line"], f["column"], f["location"], f["text"]) == (3, 3, "表格1 第2行第1列", "XX项")


def test_utf8_with_a_damaged_tail_is_read_with_replacement(tmp_path):
    p = tmp_path / "a.txt"
    data = ("关于召开会议的通知\n" * 20).encode("utf-8")
    p.write_bytes(data + "会".encode("utf-8")[:2])  # the last character cut in half
    doc = read_path(p)
    assert doc.encoding == "UTF-8（1 处无效字节已替换为 �）"
    assert doc.paragraphs[0].text == "关于召开会议的通知" and doc.paragraphs[-1].text == "\ufffd"


def test_plausibility_counted_on_utf8_bytes_agrees_with_the_text_count():
    from lint.readers import text as T

    samples = ["通知正文。\n" * 50,
               "正文\x01\x02\x03\x1b\x1f\t\r\n\x1a" * 30,  # controls (tab, CR, DOS EOF do not count)
               "\ue000\uefff\uf000\uf8ff\uf900豈，。“”" * 40,  # private use up to U+F8FF, not beyond
               "𠀀𪚥😀\U0010fffd汉字" * 40,  # beyond U+FFFF
               "汉字" * 300 + "\ue123" * 5 + "\x05" * 2]
    for s in samples:
        data = s.encode("utf-8")
        assert len(data.translate(None, T._NOT_CONTROL_BYTES)) == len(T._CONTROLS.findall(s))
        odd = len(data.translate(None, T._NOT_ODD_LEADS)) + len(T._ODD_EF.findall(data))
        assert odd == len(T._ODD.findall(s))
        assert T._plausible(s, data) == T._plausible(s)
