"""--annotate: a copy of the draft with one Word comment per finding, anchored on exactly the
characters it concerns; reopened with python-docx and, when installed, converted by LibreOffice."""

from __future__ import annotations

import hashlib
import shutil
import zipfile

import docx
import pytest

from tests.helpers import REPO, office_convert, office_or_skip, run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SNAP_RULES = REPO / "tests" / "snapshots" / "rules"


def build(path):
    """A draft whose findings cut across runs of different formatting."""
    d = docx.Document()
    d.add_paragraph("关于做好值班工作的通知", style="Title")
    p = d.add_paragraph()
    p.add_run("此项工作涉")  # 涉及到 starts in this run ...
    b = p.add_run("及到千家")  # ... and ends inside this bold one
    b.bold = True
    p.add_run("万户，会议定于X月X日召开。")
    d.add_paragraph("值班电话为XXXX。")
    d.sections[0].header.paragraphs[0].text = "内部资料 XXXX"
    d.save(path)
    return path


def anchored(path) -> dict[str, str]:
    """comment id -> the text between its commentRangeStart and commentRangeEnd."""
    d = docx.Document(str(path))
    out: dict[str, list] = {}
    open_ids: set[str] = set()
    for el in d.element.body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
            out.setdefault(el.get(W + "id"), [])
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif el.tag == W + "t":
            for i in open_ids:
                out[i].append(el.text or "")
    return {i: "".join(t) for i, t in out.items()}


@pytest.fixture
def draft(tmp_path):
    shutil.copytree(SNAP_RULES, tmp_path / "rules")  # a configuration reads only inside its folder
    (tmp_path / "gwlint.yaml").write_text(
        "rule-dirs: [rules]\nselect: [FC001, WD901, LN901]\nrules:\n  LN901: {max: 10}\n",
        encoding="utf-8")
    return build(tmp_path / "稿.docx")


def test_one_comment_per_finding_on_exact_characters(draft, tmp_path):
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    out = tmp_path / "批注稿.docx"
    r = run("check", "-f", "json", "--annotate", str(out), str(draft))
    assert r.code == 1, r
    findings = r.json["findings"]
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before  # the input is untouched
    d = docx.Document(str(out))
    comments = list(d.comments)
    assert len(comments) == len(findings) == 5
    assert {c.author for c in comments} == {"gwlint"}
    ranges = anchored(out)
    by_text = {}
    for c in comments:
        by_text.setdefault(ranges[str(c.comment_id)], []).append(c.text)
    # Exactly the characters of each finding (split runs); the whole-document finding on the title.
    assert sorted(ranges.values()) == sorted(["涉及到", "X月X日", "XXXX", "关于做好值班工作的通知",
                                             "关于做好值班工作的通知"])
    note = by_text["涉及到"][0]
    assert note.startswith("“涉及到”语义重复") and "建议改为：涉及" in note and "依据：县长在全县政府系统办公室工作会议上的讲话" in note
    # The header finding (Word keeps no comments there) goes on the title, saying where it is.
    title_notes = by_text["关于做好值班工作的通知"]
    assert any(t.startswith("［页眉 第1段］“XXXX”") for t in title_notes)
    assert any(t.startswith("全文 ") and "超过 10 字" in t for t in title_notes)
    # The text and the formatting are kept: 及到 stays bold, 涉 and 千家 keep theirs.
    p = d.paragraphs[1]
    assert p.text == "此项工作涉及到千家万户，会议定于X月X日召开。"
    bold = "".join(r.text for r in p.runs if r.bold)
    assert bold == "及到千家"
    assert any(r.text == "涉" and not r.bold for r in p.runs)


def test_text_input_becomes_a_docx(tmp_path):
    shutil.copytree(SNAP_RULES, tmp_path / "rules")
    (tmp_path / "gwlint.yaml").write_text("rule-dirs: [rules]\nselect: [FC901, WD901]\n",
                                          encoding="utf-8")
    src = tmp_path / "稿.txt"
    src.write_text("关于召开会议的通知\n\n此项工作涉及到全县，会议定于X月X日召开。\n", encoding="utf-8")
    out = tmp_path / "稿-批注.docx"
    assert run("check", "--annotate", str(out), str(src)).code == 1
    d = docx.Document(str(out))
    assert [p.text for p in d.paragraphs] == ["关于召开会议的通知", "", "此项工作涉及到全县，会议定于X月X日召开。"]
    assert sorted(anchored(out).values()) == ["X月X日", "涉及到"]
    assert len(list(d.comments)) == 2


def test_refuses_to_overwrite_the_input(draft):
    before = draft.read_bytes()
    r = run("check", "--annotate", str(draft), str(draft))
    assert r.code == 2 and "不会覆盖原稿" in r.err
    assert draft.read_bytes() == before
    assert run("check", "--annotate", str(draft.with_suffix(".pdf")), str(draft)).code == 2
    other = draft.parent / "other.docx"
    other.write_bytes(before)
    two = run("check", "--annotate", str(draft.parent / "x.docx"), str(draft), str(other))
    assert two.code == 2 and "只能用于一个文稿" in two.err
    # A draft named twice is one draft: checked once, so one copy can be made.
    once = run("check", "--annotate", str(draft.parent / "y.docx"), str(draft), str(draft))
    assert once.code == 1 and "只能用于一个文稿" not in once.err


def test_clean_draft_gets_a_copy_without_comments(tmp_path):
    d = docx.Document()
    d.add_paragraph("全年完成投资120亿元。")
    d.save(tmp_path / "a.docx")
    out = tmp_path / "b.docx"
    assert run("check", "--select", "FC001", "--annotate", str(out), str(tmp_path / "a.docx")).code == 0
    assert list(docx.Document(str(out)).comments) == []


def test_libreoffice_keeps_the_comments(draft, tmp_path):
    office = office_or_skip("the Word copy was not opened by an office suite")
    out = tmp_path / "批注稿.docx"
    run("check", "--annotate", str(out), str(draft))
    conv = office_convert(office, out, tmp_path / "conv")
    assert (conv / "批注稿.pdf").stat().st_size > 1000
    with zipfile.ZipFile(conv / "批注稿.odt") as z:
        content = z.read("content.xml").decode("utf-8")
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == 5
    assert content.count("<dc:creator>gwlint</dc:creator>") == 5
    assert "“涉及到”语义重复" in content
    # Ranged comments: LibreOffice keeps where each one ends.
    assert content.count("<office:annotation-end") == 5


def test_text_draft_copy_uses_the_gbt9704_page(tmp_path):
    """The Word copy of a .txt draft is A4 with the GB/T 9704 margins, fonts and spacing: gwlint's
    own page and font rules find nothing to say about it."""
    import docx
    from docx.shared import Length

    src = tmp_path / "a.txt"
    src.write_text("关于做好值班工作的通知\n各单位：\n会议定于X月X日召开，请准时参加。\n", encoding="utf-8")
    out = tmp_path / "a-批注.docx"
    assert run("check", "--annotate", str(out), str(src)).code == 1
    s = docx.Document(str(out)).sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert (round(s.top_margin.mm), round(s.left_margin.mm)) == (37, 28)
    assert round(Length(s.page_width - s.left_margin - s.right_margin).mm) == 156
    assert round(Length(s.page_height - s.top_margin - s.bottom_margin).mm) == 225
    r = run("check", "-f", "json", "--select", "FM001,FM002,FM003,FM004,FM006,FM007", str(out))
    assert r.json["findings"] == [], r.json["findings"]
