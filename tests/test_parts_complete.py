"""Missing and misplaced parts of a 公文 (lint/checks/parts_complete.py: DT009, DT010, FM015 and
the order faults FM014 reads from it), on a real 请示 with its 版头 and 版记 altered the ways a
draft goes wrong, and on the real published documents the rules must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.analysis.document_type import infer
from lint.engine import check_document, load_rules
from lint.readers import read_stdin
from tests.helpers import CORPUS

REAL = Path(__file__).parent / "data" / "real"
REQUEST = (REAL / "qingshi_banto_banji.txt").read_text(encoding="utf-8")
RULES = load_rules()
CODES = ("DT009", "DT010", "FM014", "FM015")


def found(text: str, preview: bool = True) -> list[tuple[str, int, str]]:
    doc = read_stdin(text.encode("utf-8"))
    doc.meta["doctype"] = infer(doc)  # as lint.app.checking does
    rules = [r for r in RULES if r.code in CODES and (preview or r.status != "preview")]
    return [(f.code, f.line, f.message) for f in check_document(doc, rules)]


def test_the_complete_request_has_every_part():
    assert found(REQUEST) == []


def test_request_without_its_closing_is_reported_once_at_the_end_of_the_body():
    draft = REQUEST.replace("青山县人民政府\n2026年11月20日\n", "")
    got = found(draft)
    assert [(c, line) for c, line, _ in got] == [("DT009", 14)]  # 妥否，请批示。
    assert "发文机关署名和成文日期" in got[0][2]


def test_signature_without_date_names_the_date_only():
    draft = REQUEST.replace("2026年11月20日\n（联系人", "（联系人")
    got = found(draft)
    assert [(c, line) for c, line, _ in got] == [("DT009", 17)]
    assert "缺少成文日期" in got[0][2]


def test_date_without_signature_is_a_preview_finding():
    draft = REQUEST.replace("青山县人民政府\n2026年11月20日", "2026年11月20日")
    assert [(c, line) for c, line, _ in found(draft)] == [("DT010", 17)]
    assert found(draft, preview=False) == []


def test_date_above_the_signature():
    draft = REQUEST.replace("青山县人民政府\n2026年11月20日", "2026年11月20日\n青山县人民政府")
    got = found(draft)
    assert [(c, line) for c, line, _ in got] == [("FM014", 18)]
    assert "发文机关署名应在成文日期之上" in got[0][2]


def test_document_number_under_the_title_of_a_draft_with_its_masthead():
    lines = REQUEST.split("\n")
    number = lines.pop(3)
    lines.insert(5, number)
    got = found("\n".join(lines))
    assert [(c, line) for c, line, _ in got] == [("FM014", 6)]


def test_addressee_after_the_body_has_started():
    lines = REQUEST.split("\n")
    addressee = lines.pop(6)
    lines.insert(7, addressee)
    got = found("\n".join(lines))
    assert [(c, line) for c, line, _ in got] == [("FM014", 8)]
    assert "主送机关应在标题之下" in got[0][2]


ATTACHED = "\n附件1\n青山县农村公路危桥改造项目清单\n桥名　乡镇　类别\n附件2\n青山县农村公路危桥改造资金测算表\n桥名　金额"


def test_attachments_matching_the_note():
    assert found(REQUEST.replace("2026年11月20日\n（联系人", "2026年11月20日" + ATTACHED + "\n（联系人")) == []


def test_attachment_announced_but_missing_while_others_are_attached():
    draft = REQUEST.replace("2.青山县", "2.青山县").replace(
        "附件：1.青山县农村公路危桥改造项目清单\n", "附件：1.青山县农村公路危桥改造项目清单\n3.危桥照片\n")
    draft = draft.rstrip("\n") + ATTACHED
    got = found(draft)
    assert [c for c, _, _ in got] == ["FM015"]
    assert "附件3未附在文后" in got[0][2]


def test_attachment_numbered_otherwise_than_announced():
    draft = REQUEST.rstrip("\n") + ATTACHED.replace("附件2", "附件3")
    got = sorted(found(draft))
    assert [c for c, _, _ in got] == ["FM015", "FM015"]
    assert any("“附件3”不在附件说明中" in m for _, _, m in got)
    assert any("附件2未附在文后" in m for _, _, m in got)


def test_attachment_present_but_not_announced():
    draft = REQUEST.replace("附件：1.青山县农村公路危桥改造项目清单\n2.青山县农村公路危桥改造资金测算表\n", "")
    draft = draft.rstrip("\n") + ATTACHED
    got = found(draft)
    assert [(c, line) for c, line, _ in got] == [("FM015", 14)]
    assert "没有附件说明" in got[0][2]


@pytest.mark.parametrize("corpus", ["real-drafts", "gov-reports"])
def test_published_documents_raise_no_default_finding(corpus):
    folder = CORPUS / corpus
    if not folder.is_dir():
        pytest.skip("corpus not present")
    for path in sorted(folder.glob("*.txt")):
        assert found(path.read_text(encoding="utf-8"), preview=False) == [], path.name


def test_real_documents_of_other_kinds_raise_nothing():
    for path in sorted(REAL.glob("*.txt")):
        assert found(path.read_text(encoding="utf-8")) == [], path.name


def test_attachment_note_with_its_items_on_the_lines_below():
    # 附件： alone on its line over 1、…… 2、……, as a real 公告 sets it: the 附件说明, not an attachment
    text = ("上海市绿化和市容管理局关于古树鉴定确认的公告\n经组织专家鉴定，确认3株树木为古树。\n现予公告。\n附件：\n"
            "1、古树确认目录\n2、古树死亡注销目录\n上海市绿化和市容管理局\n2025年10月10日\n附件1\n古树确认目录\n序号　区\n"
            "附件2\n古树死亡注销目录\n序号　区")
    doc = read_stdin(text.encode("utf-8"))
    from lint.analysis.structure import prepare

    s = prepare(doc)
    assert [(p.name, p.first) for p in s.parts if p.name in ("附件说明", "附件")] == [
        ("附件说明", 3), ("附件", 8), ("附件", 11)]
    assert found(text) == []
    assert [c for c, _, _ in found(text.replace("附件2", "附件3"))] == ["FM015", "FM015"]


def test_a_web_pages_download_list_is_not_evidence_of_a_whole_document():
    text = ("关于做好防汛工作的通知\n各乡镇人民政府：\n现将有关事项通知如下。请认真贯彻执行。\n"
            "附件：1.防汛责任人名单.docx\n2.防汛物资清单.pdf")
    assert found(text) == []
    assert [c for c, _, _ in found(text.replace(".docx", "").replace(".pdf", ""))] == ["DT009"]


def test_addressee_above_the_title_and_number_under_the_addressee():
    lines = REQUEST.split("\n")
    moved = lines[:4] + [lines[6], lines[4], lines[5]] + lines[7:]
    got = found("\n".join(moved[4:]))  # a draft without its 版头 that opens with the 主送机关
    assert [(c, line) for c, line, _ in got][:1] == [("FM014", 1)]
    swapped = lines[:3] + lines[4:7] + [lines[3]] + lines[7:]
    got = found("\n".join(swapped))
    assert [(c, line) for c, line, _ in got] == [("FM014", 7)]
    assert "不应在主送机关之下" in got[0][2]


@pytest.mark.parametrize("date", ["2026 年 11 月 20 日", "2026.11.20", "二〇二六年十一月二十日"])
def test_a_date_in_another_form_is_a_date_not_a_missing_one(date):
    draft = REQUEST.replace("2026年11月20日\n（联系人", date + "\n（联系人")
    assert [c for c, _, _ in found(draft) if c == "DT009"] == []


def test_a_list_of_organs_closing_the_body_is_not_a_signature():
    text = ("青山县人民政府关于表彰2026年度安全生产先进单位的通报\n各乡镇人民政府，县政府各部门：\n"
            "经研究，决定对下列单位予以通报表扬：\n县公安局\n县应急管理局\n附件：先进个人名单")
    assert [(c, line) for c, line, _ in found(text)] == [("DT009", 5)]
    got = found(text.replace("附件：先进个人名单", "希望受表扬的单位再接再厉。\n青山县人民政府"))
    assert [(c, line) for c, line, _ in got] == [("DT009", 7)]
    assert "缺少成文日期" in got[0][2]


def test_the_attachments_of_the_attached_document_are_its_own():
    text = ("青山县人民政府关于做好防汛工作的通知\n各乡镇人民政府：\n现将有关事项通知如下。\n附件：青山县防汛工作方案\n"
            "青山县人民政府\n2026年5月20日\n附件\n青山县防汛工作方案\n一、总体要求\n附件1\n防汛责任人名单\n附件2\n物资清单")
    assert found(text) == []


def test_a_closing_laid_out_in_a_word_table_is_there(tmp_path):
    import docx

    from lint.readers import read_path

    d = docx.Document()
    for t in ("青山县人民政府关于做好防汛工作的通知", "各乡镇人民政府：", "现将有关事项通知如下。请认真贯彻执行。",
              "附件：1.防汛责任人名单", "2.防汛物资清单"):
        d.add_paragraph(t)
    table = d.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "青山县人民政府"
    table.cell(1, 0).text = "2026年5月20日"
    d.save(tmp_path / "t.docx")
    doc = read_path(tmp_path / "t.docx")
    doc.meta["doctype"] = infer(doc)
    rules = [r for r in RULES if r.code in CODES]
    assert list(check_document(doc, rules)) == []
    table._tbl.getparent().remove(table._tbl)  # without the table the 落款 is missing
    d.save(tmp_path / "u.docx")
    doc = read_path(tmp_path / "u.docx")
    doc.meta["doctype"] = infer(doc)
    assert [f.code for f in check_document(doc, rules)] == ["DT009"]


def test_a_forwarding_notice_with_its_date_broken_over_lines_by_a_web_copy():
    # 嘉府发〔2014〕33号 as a web page gives it: the 批转 notice's date broken over four lines, then
    # the notice it forwards, whose 附件说明 ends the page
    text = ("上海市嘉定区人民政府关于批转《关于加强本区道路下立交设施防汛防台管理工作的通知》的通知\n"
            "各镇人民政府，区政府有关委、办、局，各街道办事处：\n"
            "区建交委和区防汛办的请示收悉，经研究同意，现批转给你们，请按照执行。\n上海市嘉定区人民政府\n2014\n年6\n月28\n日\n"
            "关于加强本区道路下立交设施防汛防台管理工作的通知\n各镇人民政府，各相关单位：\n"
            "现将有关要求通知如下：\n一、加强责任意识，完善管理体系\n请各单位认真落实。\n附件：\n1.《嘉定区道路下立交情况统计表》\n"
            "2.《道路下立交防汛应急预案编写提纲》")
    assert found(text) == []
    # the same forwarded notice with no date anywhere, not forwarding: its 落款 is missing
    alone = text.replace("上海市嘉定区人民政府\n2014\n年6\n月28\n日\n", "").replace("关于批转《", "关于《")
    alone = alone.replace("》的通知\n各镇", "》的补充通知\n各镇", 1)
    assert [c for c, _, _ in found(alone)] == ["DT009"]


def test_attachment_note_with_its_one_name_on_the_next_line():
    # 沪市监标技〔2024〕491号 as published: 附件： alone, the name below, then the 落款 and 附件
    text = ("上海市市场监督管理局关于本市地方标准目录的通知\n各区市场监管局：\n"
            "上海市市场监督管理局批准12项上海市地方标准，现予以公布。批准发布的地方标准目录详见附件。\n"
            "附件：\n批准发布的上海市地方标准目录\n上海市市场监督管理局\n2024年11月29日\n附件\n批准发布的上海市地方标准目录\n"
            "序号\n标准号\n1\nDB31/T 1518—2024")
    s = structure_of(text)
    assert [(p.name, p.first) for p in s.parts if p.name in ("附件说明", "附件")] == [("附件说明", 3), ("附件", 7)]
    assert found(text) == []
    assert [c for c, _, _ in found(text.replace("附件\n批准发布的上海市地方标准目录\n序号", "附件1\n批准发布的上海市地方标准目录\n序号"
                                                 ).rstrip() + "\n附件2\n代替标准目录\n序号")] == ["FM015"]


def structure_of(text):
    from lint.analysis.structure import prepare

    return prepare(read_stdin(text.encode("utf-8")))


def test_note_above_the_closing_and_imprint_above_the_copies():
    draft = REQUEST.replace("青山县人民政府\n2026年11月20日\n（联系人：李明，电话：0571-12345678）\n",
                            "（联系人：李明，电话：0571-12345678）\n青山县人民政府\n2026年11月20日\n")
    got = found(draft)
    assert [(c, line) for c, line, _ in got] == [("FM014", 17)]
    assert "附注应在成文日期之下" in got[0][2]
    lines = REQUEST.rstrip("\n").split("\n")
    lines[-1], lines[-2] = lines[-2], lines[-1]
    got = found("\n".join(lines))
    assert [(c, line) for c, line, _ in got] == [("FM014", 21)]
    assert "抄送机关应在印发机关和印发日期之上" in got[0][2]


def test_outline_names_the_missing_and_misplaced_parts(tmp_path):
    import json

    from tests.helpers import run

    path = tmp_path / "q.txt"
    path.write_text(REQUEST.replace("青山县人民政府\n2026年11月20日\n", ""), encoding="utf-8")
    out = run("outline", str(path)).out
    assert "【缺少或错位的部分】\n  第14行：缺少发文机关署名和成文日期\n" in out
    path.write_text(REQUEST.replace("青山县人民政府\n2026年11月20日", "2026年11月20日\n青山县人民政府"), encoding="utf-8")
    data = json.loads(run("outline", "-f", "json", str(path)).out)
    assert data["problems"] == [{"line": 18, "problem": "发文机关署名的位置不对：发文机关署名应在成文日期之上，成文日期在署名之下"}]
    path.write_text(REQUEST, encoding="utf-8")
    assert "缺少或错位" not in run("outline", str(path)).out
    assert json.loads(run("outline", "-f", "json", str(path)).out)["problems"] == []


def test_closing_types_are_the_rules_doctypes():
    from lint.checks.parts_complete import CLOSING_TYPES

    assert RULES.get("DT009").doctypes == CLOSING_TYPES == RULES.get("DT010").doctypes
