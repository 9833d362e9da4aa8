"""格式关: effective-style resolution (lint/styles.py) and the GB/T 9704 layout rules on .docx
fixtures built by tests/docx_fixtures.py."""

from __future__ import annotations

import pytest

from lint.engine import check_document, load_rules
from lint.readers import read_path, read_stdin
from lint.readers.docx_styles import Styles, canonical, family, styles_of
from tests.docx_fixtures import build
from tests.helpers import run

RULES = load_rules()
LAYOUT = [r for r in RULES if r.category == "format"]
# Rules that need a layout (.docx); FM010-FM012 check lines of text and run on text drafts too.
LAYOUT_ONLY = [r for r in LAYOUT if r.code <= "FM009"]

CONFORMING = {
    "title": "县人民政府办公室关于做好春节期间安全生产工作的通知",
    "paragraphs": [
        {"text": "各乡镇人民政府，县政府各部门：", "indent": 0},
        "为切实做好春节期间安全生产工作，确保人民群众过一个安全祥和的节日，现将有关事项通知如下。",
        "一、总体要求",
        "全县各单位要认真做好安全生产工作，坚决防范和遏制各类生产安全事故。",
        "（一）压实工作责任",
        "各乡镇、各部门要把安全生产责任落实到岗位、落实到人。",
        "1.明确牵头单位",
        "县应急管理局负责统筹协调，及时通报工作进展情况。",
        "附件：1.春节期间安全生产检查表",
        "　　　2.春节期间值班安排表",
        {"text": "县人民政府办公室", "align": "right"},
        {"text": "2024年2月1日", "align": "right"},
        {"text": "抄送：县委办公室，县人大常委会办公室，县政协办公室。", "size": 14},
    ],
}


def _doc(spec, tmp_path, name="draft.docx"):
    doc = read_path(build(spec, tmp_path / name))
    doc.meta["doctype"] = None
    return doc


def _check(doc, codes):
    rules = [r for r in LAYOUT if r.code in codes] if codes else LAYOUT
    return check_document(doc, rules)


# --- resolution ------------------------------------------------------------------------------------

def test_run_font_resolution_order(tmp_path):
    spec = {
        "styles": {"Body2": {"based_on": "Normal", "size": 15},
                   "Strong": {"font": "黑体"}},
        "paragraphs": [
            {"runs": [{"text": "直接设置楷体", "font": "楷体_GB2312"},
                      {"text": "字符样式黑体"},
                      {"text": "继承正文样式"}]},
            {"text": "基于正文的样式", "style": "Body2"},
        ],
    }
    d = build(spec, tmp_path / "r.docx")
    doc = read_path(d)
    # put the character style on the second run
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    pd = docx.Document(d)
    st = pd.styles.add_style("CharHei", WD_STYLE_TYPE.CHARACTER)
    st.font.element.get_or_add_rPr()
    from lxml import etree

    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rpr = st.element.find(W + "rPr")
    f = etree.SubElement(rpr, W + "rFonts")
    f.set(W + "eastAsia", "黑体")
    pd.paragraphs[0].runs[1].style = st
    pd.save(tmp_path / "r2.docx")
    doc = read_path(tmp_path / "r2.docx")
    s = styles_of(doc)
    p = doc.paragraphs[0]
    vals = [s.run_value(p.element, r.element, "east_asia") for r in p.runs]
    assert [v.value for v in vals] == ["楷体_GB2312", "黑体", "仿宋_GB2312"]
    assert [v.source.kind for v in vals] == ["run", "character-style", "paragraph-style"]
    assert vals[2].source.style == "Normal"
    # a style based on Normal inherits its East Asian font and overrides the size
    q = doc.paragraphs[1]
    assert s.run_value(q.element, q.runs[0].element, "east_asia").value == "仿宋_GB2312"
    size = s.run_value(q.element, q.runs[0].element, "size")
    assert size.value == 15 and size.source.style == "Body2"


def test_east_asian_font_is_not_the_latin_font(tmp_path):
    doc = _doc({"paragraphs": [{"text": "全县各单位要认真做好安全生产工作。", "ascii": "Times New Roman"}]}, tmp_path)
    s = styles_of(doc)
    p = doc.paragraphs[0]
    assert s.run_value(p.element, p.runs[0].element, "ascii").value == "Times New Roman"
    assert s.run_value(p.element, p.runs[0].element, "east_asia").value == "仿宋_GB2312"


def test_theme_fonts_and_document_defaults(tmp_path):
    # python-docx's template: docDefaults name the minor theme font, whose Hans face is 宋体
    doc = _doc({"base": "plain", "paragraphs": ["全县各单位要认真做好安全生产工作。"]}, tmp_path)
    s = styles_of(doc)
    p = doc.paragraphs[0]
    v = s.run_value(p.element, p.runs[0].element, "east_asia")
    assert v.value == "宋体" and v.source.kind == "defaults"
    assert s.run_value(p.element, p.runs[0].element, "size").value == 11
    # a theme whose minor East Asian font is 仿宋_GB2312 satisfies the body rule
    doc = _doc({"base": "plain", "theme_fonts": {"minorEastAsia": "仿宋_GB2312"},
                "defaults": {"size": 16}, "page": {"width": 210, "height": 297},
                "paragraphs": ["全县各单位要认真做好安全生产工作。"]}, tmp_path, "t.docx")
    assert not _check(doc, {"FM004"})


def test_font_families():
    assert family("仿宋_GB2312") == family("FangSong") == family("方正仿宋_GBK") == "仿宋"
    assert family("方正小标宋简体") == family("FZXiaoBiaoSong-B05S") == "小标宋"
    assert family("SimHei") == "黑体" and family("KaiTi") == "楷体" and family("SimSun") == "宋体"
    assert family("Calibri") is None and family(None) is None
    assert canonical(" SimSun ") == "宋体"


def test_styles_survive_a_cycle_in_based_on(tmp_path):
    doc = _doc({"styles": {"A1": {"based_on": "Normal"}}, "paragraphs": [{"text": "全县各单位要认真做好安全生产工作。", "style": "A1"}]}, tmp_path)
    s = styles_of(doc)
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    normal = s._styles["Normal"]
    from lxml import etree

    b = etree.SubElement(normal, W + "basedOn")
    b.set(W + "val", "A1")
    s2 = Styles(doc.docx)
    assert [sid for sid, _ in s2.chain("A1")] == ["A1", "Normal"]


# --- the rules on whole documents --------------------------------------------------------------

def test_conforming_document_is_silent(tmp_path):
    doc = _doc(CONFORMING, tmp_path)
    found = _check(doc, None)
    assert not found, [f"{f.code} {f.message}" for f in found]


def test_fault_in_the_normal_style_is_reported_once(tmp_path):
    spec = {"styles": {"Normal": {"font": "宋体"}}, "title": CONFORMING["title"],
            "paragraphs": [f"全县各单位要认真做好第{i}项安全生产工作。" for i in range(1, 201)]}
    doc = _doc(spec, tmp_path)
    found = _check(doc, {"FM004"})
    assert len(found) == 1
    f = found[0]
    assert f.line == 2  # the first body paragraph
    assert "“宋体”" in f.message and "段落样式“Normal”" in f.message and "共200段" in f.message
    assert "仿宋" in f.message


def test_direct_formatting_is_grouped_by_value(tmp_path):
    paras = ["全县各单位要认真做好安全生产工作。"] * 3
    spec = {"paragraphs": [{"text": t, "font": "宋体"} for t in paras]
            + [{"text": t, "font": "黑体"} for t in paras] + paras}
    found = _check(_doc(spec, tmp_path), {"FM004"})
    assert len(found) == 2
    assert {("“宋体”" in f.message, "共3段" in f.message) for f in found} == {(True, True), (False, True)}


def test_font_and_size_faults_of_one_run_make_one_finding(tmp_path):
    spec = {"title": {"text": "关于做好春节期间安全生产工作的通知", "font": "宋体", "size": 16},
            "paragraphs": ["全县各单位要认真做好安全生产工作。"]}
    found = _check(_doc(spec, tmp_path), {"FM003"})
    assert len(found) == 1
    assert "“宋体”" in found[0].message and "16磅（三号）" in found[0].message and "22磅（二号）" in found[0].message


def test_heading_levels_by_word_style(tmp_path):
    spec = {"styles": {"Heading 2": {"font": "黑体", "size": 16}},
            "paragraphs": [{"text": "（一）压实工作责任", "style": "Heading 2"}, "全县各单位要认真做好安全生产工作。"]}
    found = _check(_doc(spec, tmp_path), {"FM005"})
    assert len(found) == 1 and "二级标题" in found[0].message and "楷体" in found[0].message


def test_margin_tolerance_is_tunable(tmp_path):
    doc = _doc({"page": {"top": 35}, "paragraphs": ["全县各单位要认真做好安全生产工作。"]}, tmp_path)
    rule = RULES.get("FM002")
    assert check_document(doc, [rule])
    assert not check_document(doc, [rule.with_options({"tolerance": 2.5})])


def test_line_spacing_with_a_document_grid(tmp_path):
    base = {"styles": {"Normal": {"line_multiple": 1}}, "paragraphs": ["全县各单位要认真做好安全生产工作。"]}
    assert _check(_doc(base, tmp_path), {"FM007"})
    assert not _check(_doc({**base, "grid": 28.95}, tmp_path, "g.docx"), {"FM007"})


def test_page_number_as_simple_field(tmp_path):
    path = build({"paragraphs": ["全县各单位要认真做好安全生产工作。"], "footer": None}, tmp_path / "f.docx")
    import docx
    from lxml import etree

    d = docx.Document(path)
    footer = d.sections[0].footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fld = etree.SubElement(p._p, W + "fldSimple")
    fld.set(W + "instr", " PAGE  \\* MERGEFORMAT ")
    r = etree.SubElement(fld, W + "r")
    t = etree.SubElement(r, W + "t")
    t.text = "1"
    d.save(path)
    found = check_document(read_path(path), [RULES.get("FM008")])
    # the field is found; its form (no dashes) and font (no size set: 10 pt default) are reported
    assert len(found) == 1 and "“1”" in found[0].message and "页脚" in found[0].location


def test_layout_rules_are_silent_on_text(tmp_path):
    text = "关于做好春节期间安全生产工作的通知\n各乡镇人民政府：\n全县各单位要认真做好安全生产工作。\n二〇二四年三月五日\n"
    doc = read_stdin(text.encode("utf-8"), "draft.txt")
    assert not check_document(doc, LAYOUT_ONLY)


def test_cli_reports_layout_of_a_plain_word_file(tmp_path):
    path = build({"base": "plain", "title": "关于做好春节期间安全生产工作的通知",
                  "paragraphs": ["全县各单位要认真做好安全生产工作，坚决防范和遏制各类生产安全事故。"] * 20},
                 tmp_path / "plain.docx")
    r = run("check", "--select", "format", "--format", "json", str(path))
    assert r.code == 1, r
    codes = sorted({f["code"] for f in r.json["findings"]})
    assert codes == ["FM001", "FM002", "FM003", "FM004", "FM006", "FM007", "FM008"]  # 600 字, no page number
    # once per cause: 20 paragraphs with the same default font make one body-font finding
    assert sum(f["code"] == "FM004" for f in r.json["findings"]) == 1


@pytest.mark.parametrize("rule", LAYOUT, ids=lambda r: r.code)
def test_every_layout_rule_has_a_docx_example_or_is_a_text_rule(rule):
    has_docx = any("docx" in ex for ex in rule.examples["fail"])
    assert has_docx or rule.code >= "FM010"
