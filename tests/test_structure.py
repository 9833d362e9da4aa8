"""The structure analysis (parts of a 公文), the outline (heading tree, numbering convention) and
``gwlint outline``, on drafts written for the tests (tests/data/real, see its SOURCE.md) and on
the real published documents of the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.analysis.outline import outline
from lint.analysis.structure import prepare, structure
from lint.readers import read_path, read_stdin
from tests.helpers import run

HERE = Path(__file__).parent / "data" / "real"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
REAL = CORPUS / "real-drafts"


def parts(doc) -> dict[str, tuple[int, str]]:
    prepare(doc)
    out = {}
    for p in structure(doc).parts:
        out.setdefault(p.name, (doc.paragraphs[p.first].line, p.text))
    return out


def tree(doc) -> list[tuple[int, str]]:
    return [(n.line, n.label) for n in outline(doc).nodes if not n.quoted]


def test_request_with_masthead_and_imprint():
    doc = read_path(HERE / "qingshi_banto_banji.txt")
    prepare(doc)
    got = parts(doc)
    assert got["份号"] == (1, "000128") and got["紧急程度"][0] == 2
    assert got["发文机关标志"] == (3, "青山县人民政府文件")
    assert got["发文字号"][0] == 4 and got["签发人"][0] == 4
    assert got["标题"] == (5, "青山县人民政府关于申请拨付2026年度农村公路危桥改造补助资金的请示")
    assert got["主送机关"] == (7, "市人民政府：")
    assert got["附件说明"][0] == 15
    assert got["发文机关署名"] == (17, "青山县人民政府")
    assert got["成文日期"] == (18, "2026年11月20日")
    assert got["附注"][0] == 19 and got["抄送机关"][0] == 20 and got["印发机关和印发日期"][0] == 21
    # both title lines are the title: the 文种 rules read it whole
    assert [p.line for p in doc.paragraphs if p.scope == "title"] == [5, 6]
    assert tree(doc) == [(9, "一、"), (10, "（一）"), (11, "（二）"), (12, "二、"), (15, "1."), (16, "2.")]
    r = run("check", "-f", "json", "--select", "DT,ST,FM", str(HERE / "qingshi_banto_banji.txt"))
    assert r.json["findings"] == []


def test_speech_parts_continuous_numbering_and_nested_series():
    doc = read_path(HERE / "jiangh_speech.txt")
    got = parts(doc)
    s = structure(doc)
    assert s.speech and s.title_text == "坚持稳中求进推动全县经济社会高质量发展"  # subtitle apart
    assert got["讲话时间"][0] == 4 and got["讲话人"][0] == 5 and got["称谓"] == (6, "同志们：")
    ol = outline(doc)
    assert ol.conventions[(0, 2, "cn-paren")] == "continuous"  # （三）（四） run on under 二、
    assert ol.faults == []
    data = json.loads(run("outline", "-f", "json", str(HERE / "jiangh_speech.txt")).out)
    second = data["outline"][0]["children"][1]  # （二）
    first_series = second["children"][0]
    assert first_series["label"] == "第一……第二"
    assert first_series["children"][0]["label"] == "一是……二是"  # nested, not merged


def test_minutes_restart_after_lead_ins():
    doc = read_path(HERE / "jiyao_minutes.txt")
    assert parts(doc)["发文字号"][0] == 2
    ol = outline(doc)
    assert ol.conventions[(0, 3, "arabic")] == "restart" and ol.faults == []


def test_outline_text_command():
    r = run("outline", str(HERE / "qingshi_banto_banji.txt"))
    assert r.code == 0
    assert "标题（第5–6行）：青山县人民政府关于申请拨付2026年度农村公路危桥改造补助资金的请示" in r.out
    assert "第9行  一、基本情况" in r.out


def test_outline_bad_input_is_one_line():
    r = run("outline", "/no/such/draft.txt")
    assert r.code == 2 and "文件不存在" in r.err


def doc_of(text: str):
    doc = read_stdin(text.encode("utf-8"), "draft.txt")
    prepare(doc)
    return doc


def test_continuous_versus_restarting_is_the_documents_own():
    cont = doc_of("一、总体要求\n（一）指导思想\n（二）目标\n二、主要任务\n（三）抓项目\n（四）抓改革")
    assert outline(cont).faults == []
    restart = doc_of("一、总体要求\n（一）指导思想\n（二）目标\n二、主要任务\n（一）抓项目\n（二）抓改革")
    assert outline(restart).faults == []
    odd = doc_of("一、甲\n（一）子\n（二）丑\n二、乙\n（三）寅\n三、丙\n（四）卯\n四、丁\n（一）辰")
    assert [(f.node.line, f.expected) for f in outline(odd).faults] == [(9, 5)]


def test_quoted_lists_are_not_the_documents_numbering():
    doc = doc_of("一、修改如下\n1.将第二条修改为：\n“下列情形除外：\n（一）甲；\n（二）乙。”\n2.删除第三条。")
    assert outline(doc).faults == []


def test_wrapped_title_is_one_title():
    doc = doc_of("杨浦区规划和自然资源局转发《上海市建设工程设计方案规\n划公示规定》的通知\n局属各部门：\n现将规定转发给你们。")
    assert structure(doc).title_text == "杨浦区规划和自然资源局转发《上海市建设工程设计方案规划公示规定》的通知"
    assert parts(doc)["主送机关"][0] == 3


def test_flattened_text_detected():
    doc = doc_of("在会议上的讲话同志们：今天讲三点。一、认清形势。形势复杂。二、明确任务。任务艰巨。三、抓好落实。")
    assert structure(doc).flattened


REAL_CASES = [
    # file, title, 文号 line, 主送 line, 署名 line, 日期
    ("17_tongbao_sh-jiaowei-shixin_2025.txt", "上海市交通委员会关于发布道路运输市场严重失信主体名单的通报", None, 2, 17, "2025年11月3日"),
    ("18_han_sh-zjw-chengshitijian_2025.txt", "上海市住房和城乡建设管理委员会关于印发《上海市城市体检促进城市更新的工作指引》的函", 1, 4, None, "2025年9月18日"),
    ("03_tongzhi_laoshebu-gongzuoshijian_2008.txt", "关于职工全年月平均工作时间和工资折算问题的通知", 2, 3, None, None),
    ("21_tongzhi-tongyi_sh-laji-jiage_2022.txt", "上海市人民政府办公厅关于同意调整本市生活垃圾运输处置结算价格标准的通知", None, 2, 4, "2022年12月29日"),
]


@pytest.mark.skipif(not REAL.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("name,title,docno,addressee,signer,date", REAL_CASES)
def test_real_documents_parts(name, title, docno, addressee, signer, date):
    doc = read_path(REAL / name)
    got = parts(doc)
    assert structure(doc).title_text == title
    assert (got.get("发文字号") or (None,))[0] == docno
    assert got["主送机关"][0] == addressee
    assert (got.get("发文机关署名") or (None,))[0] == signer
    assert (got.get("成文日期") or (None, None))[1] == date


@pytest.mark.skipif(not REAL.is_dir(), reason="shared corpus not present")
def test_regulation_articles_restart_lists_and_chapters_run_on():
    doc = read_path(REAL / "16_banfa_tousujubao-zhang-tiao_2022.txt")
    ol = outline(doc)
    assert ol.faults == []
    assert any(n.kind == "article" and n.label == "第一条" for n in ol.nodes)


@pytest.mark.skipif(not REAL.is_dir(), reason="shared corpus not present")
def test_real_drafts_raise_no_structure_warning_where_numbering_is_consistent():
    r = run("check", "-f", "json", "--select", "ST,DT", str(REAL))
    got = sorted({Path(f["path"]).name[:2] for f in r.json["findings"] if f["severity"] != "suggestion"})
    # 04: 三、 with no 一、二、 as published; 10: “13．” lost at a line start as published
    assert got == ["04", "10"]


def test_enumerations_and_amending_instructions_are_not_headings():
    doc = doc_of("第六条（公示的内容）\n公告应包括以下内容：\n（一）建设项目的地址;\n（二）组织公示的单位。\n"
                 "一、将第一条修改为：\n“上海金融法院管辖下列案件。”\n二、将第二条修改为：\n“本规定自公布之日起施行。”\n三、本决定自公布之日起施行。")
    prepare(doc)
    scopes = {p.line: p.scope for p in doc.paragraphs}
    assert scopes[3] == scopes[4] == "body"  # an enumeration ending with semicolons
    assert scopes[5] == scopes[7] == "body"  # instructions introducing quoted wording
    assert scopes[9] == "body"  # a short item among run-in items
    kept = doc_of("一、总体要求\n全县上下要统一思想。\n二、主要任务\n抓好项目建设。")
    prepare(kept)
    assert [p.scope for p in kept.paragraphs] == ["heading", "body", "heading", "body"]


def test_series_heading_interface_kept():
    from lint.analysis.series import heading_items, sibling_groups

    doc = doc_of("一、甲\n（一）子\n（二）丑\n二、乙\n（一）寅")
    groups = sibling_groups(heading_items(doc))
    assert [[it.marker.text for it in g] for g in groups] == [["一、", "二、"], ["（一）", "（二）"], ["（一）"]]



def _codes(text: str, codes: str) -> list[tuple[int, str]]:
    from lint.engine import check_document, load_rules

    rules = load_rules()
    doc = doc_of(text)
    from lint.analysis.document_type import infer

    doc.meta["doctype"] = infer(doc)
    return sorted((f.line, f.code) for f in check_document(doc, [rules.get(c) for c in codes.split(",")]))


def test_pairs_across_a_broken_line_and_multi_paragraph_quotations():
    broken = "附件：1．上海市道路运输市场严重失信主体名单（法\n人类）\n2．名单（行业从业人员）"
    assert _codes(broken, "PN002") == []
    quoted = "一、将第四十二条修改为：\n“买卖合同存在下列约定内容之一的，不属于试用买卖：\n（一）约定甲；\n（二）约定乙。”"
    assert _codes(quoted, "PN002") == []
    assert _codes("他说：“要抓好落实。\n会议结束。", "PN002") == [(1, "PN002")]


def test_blanks_that_are_layout_are_not_stray_spaces():
    listed = "第一章 危害国家安全罪\n1．背叛国家罪（第102条） 2．分裂国家罪（第103条） 3．煽动分裂国家罪（第103条）"
    assert _codes(listed, "PN012") == []
    joint = "根据《中共中央办公厅 国务院办公厅关于加强城市更新工作的意见》，制定本办法。"
    assert _codes(joint, "PN012") == []
    assert _codes("为了实施 《职工带薪年休假条例》，制定本办法。", "PN012") == [(1, "PN012")]


def test_flattened_speech_keeps_paragraph_rules_quiet():
    text = ("在全县办公室工作会议上的讲话同志们：今天召开这次会议，主要任务是总结过去一年全县办公室系统的工作，"
            "分析当前面临的形势任务，研究部署今年的重点工作，动员全县办公室系统干部职工进一步统一思想、振奋精神、"
            "真抓实干，为推动全县经济社会高质量发展提供坚强有力的服务保障。　　一、提高认识。当前形势复杂。"
            "　　二、加强领导。要建立专班。　　三、强化保障。要落实经费。")
    assert _codes(text, "LN001,LN002,PN012,FM013") == [(1, "FM013")]


def test_right_aligned_signature_is_not_a_paragraph_missing_its_indent(tmp_path):
    from tests.docx_fixtures import build

    path = build({"title": "关于做好春节期间安全生产工作的通知",
                  "paragraphs": ["各区、县人民政府，市政府各委、办、局：",
                                 "全县各单位要认真做好安全生产工作，坚决防范和遏制各类生产安全事故。",
                                 {"text": "上海市住房和城乡建设管理委员会办公室", "indent": 0, "align": "right"},
                                 {"text": "二〇二六年十一月二十日", "indent": 0, "align": "right"}]},
                 tmp_path / "signed.docx")
    r = run("check", "--select", "FM006", "--format", "json", str(path))
    assert r.json["findings"] == []
    # the same line as a body paragraph without its indent is reported
    path = build({"title": "关于做好春节期间安全生产工作的通知",
                  "paragraphs": ["各区、县人民政府，市政府各委、办、局：",
                                 {"text": "全县各单位要认真做好安全生产工作，坚决防范和遏制各类生产安全事故。", "indent": 0},
                                 {"text": "上海市住房和城乡建设管理委员会办公室", "indent": 0, "align": "right"},
                                 "2026年11月20日"]},
                 tmp_path / "unindented.docx")
    r = run("check", "--select", "FM006", "--format", "json", str(path))
    assert [f["line"] for f in r.json["findings"]] == [3]


REAL_SPEECHES = CORPUS / "gov-reports"


@pytest.mark.skipif(not REAL_SPEECHES.is_dir(), reason="shared corpus not present")
def test_real_speeches_parts_and_outline():
    doc = read_path(REAL_SPEECHES / "cpc_congress_20.txt")
    got = parts(doc)
    s = structure(doc)
    assert s.speech and s.title_text == "高举中国特色社会主义伟大旗帜为全面建设社会主义现代化国家而团结奋斗"
    assert got["讲话时间"][0] == 4 and got["讲话人"][0] == 5 and got["称谓"] == (6, "同志们：")
    heads = [n.label for n in outline(doc).nodes if n.level == 1]
    assert heads[:3] == ["一、", "二、", "三、"] and outline(doc).faults == []
    doc = read_path(REAL_SPEECHES / "gwr_2024.txt")
    got = parts(doc)
    assert got["讲话人"] == (3, "国务院总理　李　强") and got["称谓"] == (4, "各位代表：")
    ol = outline(doc)
    assert ol.conventions[(0, 2, "cn-paren")] == "single" and ol.faults == []  # （一）…（十） under 三、 only


SPEECH_FAULTS = ("在全县工作会议上的讲话\n同志们：\n下面，我讲四点意见。\n一、统一思想\n一要提高认识。二是加强学习。三是深入调研。\n"
                 "二、狠抓落实\n首先，要明确责任。二要细化措施。三要强化督查。\n三、强化保障\n"
                 "第一，落实经费。一是县级财政保障，二是争取上级支持。第二，配齐人员。首先，选优配强。其次，加强培训。"
                 "最后，严格考核。第三，完善制度。\n四、改进作风\n一是转变作风；\n二是提高效率；\n三是要严格纪律。\n"
                 "2.5亿元用于民生。\n20.2026年完成。\n5.2.5m的护栏按GB/T 9704-2012 7.3.3执行。\n")


def test_speech_parallel_point_faults_caught_and_nested_series_kept_apart():
    from lint.engine import check_document, load_rules

    doc = doc_of(SPEECH_FAULTS)
    rules = [r for r in load_rules() if r.code.startswith("ST") and r.status != "preview"]
    got = sorted((f.line, f.code, f.text) for f in check_document(doc, rules))
    # the odd item of each mixed series is named; the item whose form breaks its series too
    assert got == [(5, "ST003", "一要"), (7, "ST003", "首先"), (13, "ST010", "三是")]
    ol = outline(doc)
    assert [n.label for n in ol.nodes] == ["一、", "二、", "三、", "四、"]  # no 2. 20. 5. items
    from lint.formats.outline import outline_data

    third = outline_data(doc)["outline"][2]["children"][0]
    assert third["label"] == "第一……第二……第三"
    assert [c["label"] for c in third["children"]] == ["一是……二是", "首先……其次……最后"]


def test_addressee_found_under_a_document_number():
    text = "关于申请拨付危桥改造资金的请示\n青政〔2026〕18号\n市人民政府、市交通运输局：\n我县有危桥12座需要改造。妥否，请批示。\n青山县人民政府\n2026年11月20日\n"
    assert _codes(text, "DT004,DT005") == [(3, "DT004")]


def test_outline_reads_standard_input():
    r = run("outline", "-", input="关于做好防汛工作的通知\n各乡镇人民政府：\n一、提高认识\n二、压实责任\n")
    assert r.code == 0 and "主送机关（第2行）：各乡镇人民政府：" in r.out and "第4行  二、压实责任" in r.out


def test_docx_title_over_two_title_paragraphs(tmp_path):
    import docx as _docx

    d = _docx.Document()
    d.add_paragraph("青山县人民政府关于申请拨付2026年度", style="Title")
    d.add_paragraph("农村公路危桥改造补助资金的请示", style="Title")
    d.add_paragraph("市人民政府：")
    d.add_paragraph("我县有危桥12座需要改造，恳请市政府安排补助资金。妥否，请批示。")
    d.save(tmp_path / "t.docx")
    doc = read_path(tmp_path / "t.docx")
    prepare(doc)
    assert structure(doc).title_text == "青山县人民政府关于申请拨付2026年度农村公路危桥改造补助资金的请示"
    assert _codes_doc(doc, "DT001") == []


def _codes_doc(doc, codes: str):
    from lint.analysis.document_type import infer
    from lint.engine import check_document, load_rules

    rules = load_rules()
    doc.meta["doctype"] = infer(doc)
    return [f.code for f in check_document(doc, [rules.get(c) for c in codes.split(",")])]


def test_lists_after_lead_ins_do_not_change_a_running_convention():
    doc = doc_of("一、甲\n（一）子\n（二）丑\n二、乙\n（三）寅\n具体包括以下内容：\n（一）天\n（二）地\n（四）卯\n"
                 "三、丙\n（五）辰\n主要有：\n（一）玄\n（二）黄\n（六）巳")
    ol = outline(doc)
    assert ol.conventions[(0, 2, "cn-paren")] == "continuous" and ol.faults == []


@pytest.mark.skipif(not (CORPUS / "gov-reports").is_dir(), reason="shared corpus not present")
def test_a_whole_report_saved_as_one_line_is_said_once():
    text = (CORPUS / "gov-reports" / "gwr_2015.txt").read_text(encoding="utf-8").replace("\n", " ")
    doc = doc_of(text)
    assert structure(doc).flattened
    assert _codes(text, "FM013,PN012,LN002") == [(1, "FM013")]


FULL_DOCX = {"paragraphs": [
    {"text": "青山县人民政府文件", "font": "方正小标宋简体", "size": 26, "indent": 0, "align": "center"},
    {"text": "青政发〔2026〕12号", "indent": 0, "align": "center"},
    {"text": "青山县人民政府关于印发《青山县2026年", "style": "Title"},
    {"text": "安全生产工作要点》的通知", "style": "Title"},
    {"text": "各乡镇人民政府，县政府各部门：", "indent": 0},
    "《青山县2026年安全生产工作要点》已经县政府同意，现印发给你们，请认真贯彻执行。",
    {"text": "附件：青山县2026年安全生产工作要点", "indent": 2},
    {"text": "青山县人民政府", "indent": 0, "align": "right"},
    {"text": "2026年2月10日", "indent": 0, "align": "right"},
    {"text": "（此件公开发布）", "indent": 2},
    {"text": "附件", "font": "黑体", "indent": 0},
    {"text": "青山县2026年安全生产工作要点", "font": "方正小标宋简体", "size": 22, "indent": 0, "align": "center"},
    "一、总体要求",
    "坚持人民至上、生命至上，统筹发展和安全，全力防范化解重大安全风险，坚决遏制重特大事故。",
    "二、主要任务",
    "（一）压实安全生产责任。各乡镇要落实党政同责、一岗双责，督促企业落实主体责任。",
    {"text": "抄送：县委办公室，县人大常委会办公室，县政协办公室。", "size": 14, "indent": 0},
    {"text": "青山县人民政府办公室　　　　2026年2月10日印发", "size": 14, "indent": 0}]}


def test_a_conforming_word_document_with_masthead_attachment_and_imprint_is_clean(tmp_path):
    from tests.docx_fixtures import build

    path = build(FULL_DOCX, tmp_path / "full.docx")
    # main reported FM003 on the 发文机关标志 and PN002 on the 《 》 of the wrapped title
    r = run("check", "--format", "json", str(path))
    assert r.json["findings"] == [], r.out
    doc = read_path(path)
    got = parts(doc)
    assert got["发文机关标志"][0] == 1 and got["发文字号"][0] == 2 and got["标题"][0] == 3
    assert got["附件"][0] == 11 and got["印发机关和印发日期"][0] == 18
    assert structure(doc).attachments[0].title_text == "青山县2026年安全生产工作要点"


def test_report_organ_line_joins_the_title_and_numbering_runs_on():
    doc = read_path(HERE / "baogao_report.txt")
    got = parts(doc)
    assert got["标题"] == (1, "青山县应急管理局关于2025年度安全生产工作情况的报告")
    assert got["主送机关"] == (3, "县人民政府：") and got["发文机关署名"] == (16, "青山县应急管理局")
    assert got["成文日期"] == (17, "2026年1月15日")
    ol = outline(doc)
    assert ol.conventions[(0, 2, "cn-paren")] == "continuous" and ol.faults == []
    assert [n.label for n in ol.nodes if n.level == 1] == ["一、", "二、", "三、"]


def test_summary_without_addressee_and_its_nested_series():
    doc = read_path(HERE / "zongjie_summary.txt")
    got = parts(doc)
    assert got["标题"] == (1, "青山县交通运输局2025年工作总结和2026年工作思路")
    assert "主送机关" not in got and got["成文日期"] == (17, "2025年12月28日")
    data = json.loads(run("outline", "-f", "json", str(HERE / "zongjie_summary.txt")).out)
    lead = data["outline"][0]  # ……现将有关情况报告如下：
    assert lead["kind"] == "lead"
    first = lead["children"][0]  # 一、2025年工作总结
    assert [c["label"] for c in first["children"]] == ["（一）", "（二）", "（三）"]
    assert first["children"][1]["children"][0]["label"] == "一是……二是……三是"
    assert first["children"][2]["children"][0]["label"] == "首先……其次"
    r = run("check", "-f", "json", "--select", "ST,DT,FM", str(HERE / "zongjie_summary.txt"))
    assert r.json["findings"] == []


def test_addressee_colon_checked_under_a_document_number():
    text = "关于职工全年月平均工作时间和工资折算问题的通知\n劳社部发〔2008〕3号\n各省、自治区、直辖市劳动和社会保障厅\n现将有关问题通知如下。\n"
    assert _codes(text, "FM012") == [(3, "FM012")]
