"""--tracked OUT.docx: every fix a Word revision (w:del/w:ins by gwlint) in the run it belongs to,
every other finding a comment; accepting all revisions gives the fixed text, rejecting all gives
the original; fields, hyperlinks and earlier revisions are left alone (comments instead)."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from lint.app.fixing import fix_docx, fix_text
from lint.config.file import load_config
from lint.config.settings import Overrides, resolve
from lint.formats.docx_tracked import write_tracked
from lint.readers.docx import read_docx_bytes
from tests.helpers import CORPUS, office_convert, office_or_skip, run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SETTINGS, RULES = resolve(load_config(None), Overrides())
REAL = sorted((CORPUS / "real-drafts").glob("*.txt"))


def to_docx(text: str, path: Path, step: int = 7) -> Path:
    """A Word draft of a text: one paragraph per line, each cut into runs of ``step``
    characters, every other run bold (so fixes cross run boundaries and formatting)."""
    d = docx.Document()
    for line in text.splitlines():
        p = d.add_paragraph()
        for i in range(0, len(line), step):
            p.add_run(line[i:i + step]).bold = (i // step) % 2 == 1
    d.save(str(path))
    return path


def _transform(data: bytes, accept: bool) -> bytes:
    """Accept (drop w:del, unwrap w:ins) or reject (drop w:ins, unwrap w:del) every revision."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(zin.read("word/document.xml"))
    drop, keep = ("del", "ins") if accept else ("ins", "del")
    for el in list(root.iter(W + drop)):
        el.getparent().remove(el)
    for el in list(root.iter(W + keep)):
        parent = el.getparent()
        i = parent.index(el)
        for child in reversed(list(el)):
            parent.insert(i, child)
        parent.remove(el)
    for t in root.iter(W + "delText"):
        t.tag = W + "t"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for item in zin.infolist():
            body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if item.filename == "word/document.xml" else zin.read(item.filename)
            zout.writestr(item, body)
    return buf.getvalue()


def texts(data: bytes) -> dict[int, str]:
    return {p.line: p.text for p in read_docx_bytes(data, "x.docx").paragraphs}


def tracked(src: Path, out: Path, unsafe: bool = False):
    doc = read_docx_bytes(src.read_bytes(), src.name)
    outcome = fix_docx(doc, RULES, SETTINGS, unsafe)
    data, counts = write_tracked(doc, outcome, out, unsafe)
    out.write_bytes(data)
    return outcome, counts


# The drafts under 12 000 bytes (all but the 31 000-character 决定): the longest adds seconds,
# not cases.
@pytest.mark.parametrize("path", [p for p in REAL if p.stat().st_size < 12_000] or REAL[:1], ids=lambda p: p.name[:24])
def test_real_drafts_accept_gives_the_fix_and_reject_gives_the_original(path, tmp_path):
    src = to_docx(path.read_text(encoding="utf-8"), tmp_path / "in.docx")
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    out = tmp_path / "out.docx"
    outcome, counts = tracked(src, out)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == digest  # the original is never touched
    data = out.read_bytes()
    docx.Document(io.BytesIO(data))  # python-docx opens it
    original = texts(src.read_bytes())
    assert texts(data) == outcome.fixed  # gwlint's reader reads insertions and skips deletions
    assert texts(_transform(data, accept=True)) == outcome.fixed
    assert texts(_transform(data, accept=False)) == original
    # the same text --fix gives for the text draft (paragraphs = lines), when nothing was left
    if counts["left"] == 0:
        as_text = fix_text(path.read_bytes(), path.name, "txt", RULES, SETTINGS)
        assert [outcome.fixed[k] for k in sorted(outcome.fixed)] == \
               [as_text.fixed[k] for k in sorted(as_text.fixed)][:len(outcome.fixed)]
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    marks = list(root.iter(W + "ins")) + list(root.iter(W + "del"))
    assert len(marks) >= counts["revisions"]
    assert all(m.get(W + "author") == "gwlint" and re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", m.get(W + "date"))
               for m in marks)
    ids = [el.get(W + "id") for el in root.iter() if el.tag in (W + "ins", W + "del")]
    assert len(ids) == len(set(ids))


def test_each_insertion_keeps_the_formatting_of_its_run(tmp_path):
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("各单位要加强值班")
    b = p.add_run("，确保信息畅通;同时做好")
    b.bold = True
    b.font.size = docx.shared.Pt(16)
    p.add_run("应急准备，已经布署到位。")
    src = tmp_path / "in.docx"
    d.save(str(src))
    out = tmp_path / "out.docx"
    outcome, counts = tracked(src, out)
    root = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    ins = {"".join(i.itertext()): i for i in root.iter(W + "ins")}
    assert set(ins) == {"；", "部"}
    assert ins["；"].find(f"{W}r/{W}rPr/{W}b") is not None
    assert ins["；"].find(f"{W}r/{W}rPr/{W}sz").get(W + "val") == "32"
    assert ins["部"].find(f"{W}r/{W}rPr") is None
    dels = {"".join(x.itertext()) for x in root.iter(W + "del")}
    assert dels == {";", "布"}
    assert counts == {"revisions": 2, "paragraphs": 1, "comments": counts["comments"], "left": 0}


def _hard_draft(path: Path) -> Path:
    """A fix inside a hyperlink, one in a field result, one in an earlier insertion, one across a
    hyperlink's edge, one in a table cell, one beside a tab."""
    d = docx.Document()
    d.add_paragraph("关于做好值班工作的通知", style="Title")
    p = d.add_paragraph()
    p.add_run("值班表见网站")
    h = OxmlElement("w:hyperlink")
    h.set(qn("r:id"), "rId99")
    for text in ("值班,安排", "事项"):
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        r.append(t)
        h.append(r)
    p._p.append(h)
    p.add_run(",请查看。")
    f = d.add_paragraph()
    f.add_run("页码：")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "第一页,共两页"), ("end", None)):
        r = OxmlElement("w:r")
        if kind:
            c = OxmlElement("w:fldChar")
            c.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            c = OxmlElement("w:instrText")
            c.text = text
        else:
            c = OxmlElement("w:t")
            c.text = text
        r.append(c)
        f._p.append(r)
    e = d.add_paragraph()
    e.add_run("此前")
    ins = OxmlElement("w:ins")
    for k, v in (("w:id", "900"), ("w:author", "张三"), ("w:date", "2024-01-01T00:00:00Z")):
        ins.set(qn(k), v)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "已经布署,"
    r.append(t)
    ins.append(r)
    e._p.append(ins)
    e.add_run("完毕。")
    tab = d.add_paragraph()
    tab.add_run("附件")
    tab.add_run().add_tab()
    tab.add_run(" 值班表。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "工作:要求"
    table.cell(0, 1).text = "加强管理 。"
    d.save(str(path))
    return path


def test_fields_hyperlinks_and_earlier_revisions_are_not_corrupted(tmp_path):
    src = _hard_draft(tmp_path / "in.docx")
    before = src.read_bytes()
    out = tmp_path / "out.docx"
    outcome, counts = tracked(src, out)
    assert src.read_bytes() == before
    data = out.read_bytes()
    got, original = texts(data), texts(before)
    # inside the hyperlink and after it: revisions; in the field result, inside 张三's insertion,
    # next to the tab: left, with comments
    assert got[2] == "值班表见网站值班，安排事项，请查看。"
    assert got[3] == original[3] and "第一页,共两页" in got[3]
    assert got[4] == original[4]
    assert got[6] == "工作：要求" and got[7] == "加强管理。"
    assert texts(_transform(data, accept=True)) == got == outcome.fixed
    # rejecting everything also rejects 张三's insertion, as it would in the input
    assert texts(_transform(data, accept=False)) == texts(_transform(before, accept=False))
    assert counts["left"] >= 2 and counts["comments"] >= 2
    root = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    link = next(root.iter(W + "hyperlink"))
    assert link.find(W + "ins") is not None and link.find(W + "del") is not None  # inside the link
    theirs = next(i for i in root.iter(W + "ins") if i.get(W + "author") == "张三")
    assert "".join(theirs.itertext()) == "已经布署,"  # someone else's revision is not touched
    assert [c.tag for c in next(root.iter(W + "fldChar")).getparent().getparent()
            if c.tag in (W + "ins", W + "del")] == []
    comments = zipfile.ZipFile(out).read("word/comments.xml").decode("utf-8")
    assert "布署" in comments and "gwlint" in comments


def test_cli_tracked_copy_from_docx_and_from_text(tmp_path):
    src = to_docx("关于做好值班工作的通知\n请加强值班,确保信息畅通;已经布署到位。\n会议定于X月X日召开。", tmp_path / "通知.docx")
    before = src.read_bytes()
    out = tmp_path / "修订稿.docx"
    r = run("check", "--fix", "--tracked", str(out), str(src))
    assert r.code == 1 and src.read_bytes() == before
    assert "已写入带修订的文稿" in r.err and "3 处修订" in r.err and "共修改 3 处" in r.err
    assert texts(out.read_bytes())[2] == "请加强值班，确保信息畅通；已经部署到位。"
    assert "X月X日" in zipfile.ZipFile(out).read("word/comments.xml").decode("utf-8")
    txt = tmp_path / "通知.txt"
    txt.write_text("关于做好值班工作的通知\n请加强值班,确保信息畅通。\n", encoding="utf-8")
    out2 = tmp_path / "文本修订稿.docx"
    assert run("check", "--tracked", str(out2), str(txt)).code == 1
    assert texts(out2.read_bytes())[2] == "请加强值班，确保信息畅通。"
    assert txt.read_text(encoding="utf-8").endswith("值班,确保信息畅通。\n")
    assert run("check", "--tracked", str(src), str(src)).code == 2  # never over the input
    assert src.read_bytes() == before
    assert run("check", "--tracked", str(tmp_path / "x.pdf"), str(src)).code == 2


def test_libreoffice_opens_the_tracked_copy_and_lists_gwlints_changes(tmp_path):
    office = office_or_skip("the tracked copy was not opened by an office suite")
    src = to_docx((CORPUS / "real-drafts" / "15_banfa_nianxiujia_2008.txt").read_text(encoding="utf-8"),
                  tmp_path / "年休假.docx")
    out = tmp_path / "年休假-修订.docx"
    outcome, counts = tracked(src, out)
    assert counts["revisions"] >= 5
    conv = office_convert(office, out, tmp_path / "conv")
    assert (conv / "年休假-修订.pdf").stat().st_size > 1000
    content = zipfile.ZipFile(conv / "年休假-修订.odt").read("content.xml").decode("utf-8")
    regions = re.findall(r"<text:changed-region.*?</text:changed-region>", content, re.S)
    kinds = {k for r in regions for k in re.findall(r"<text:(insertion|deletion)>", r)}
    assert kinds == {"insertion", "deletion"}
    assert len(regions) >= counts["revisions"]
    assert all("<dc:creator>gwlint</dc:creator>" in r for r in regions)
    # the copy with a hyperlink, a field, someone else's revision and a table opens too, and
    # keeps both authors' changes
    hard = tmp_path / "hard-out.docx"
    tracked(_hard_draft(tmp_path / "hard.docx"), hard)
    office_convert(office, hard, conv, targets=("odt",))
    content = zipfile.ZipFile(conv / "hard-out.odt").read("content.xml").decode("utf-8")
    authors = re.findall(r"<dc:creator>(.*?)</dc:creator>", content)
    assert authors.count("gwlint") >= 4 and "张三" in authors


def test_the_tracked_copy_never_replaces_a_file_gwlint_did_not_write(tmp_path):
    src = to_docx("关于做好值班工作的通知\n请加强值班,确保信息畅通。", tmp_path / "通知.docx")
    other = to_docx("另一份文稿", tmp_path / "另一份.docx")
    before = other.read_bytes()
    r = run("check", "--tracked", str(other), str(src))
    assert r.code == 2 and "不是 gwlint 生成的文件" in r.err and other.read_bytes() == before
    out = tmp_path / "修订稿.docx"
    assert run("check", "--tracked", str(out), str(src)).code == 1
    assert run("check", "--tracked", str(out), str(src)).code == 1  # its own copy may be replaced
    # a folder run does not check the copy as a draft
    r = run("check", "-f", "json", str(tmp_path))
    assert {Path(f["path"]).name for f in r.json["findings"]} == {"通知.docx", "另一份.docx"}
