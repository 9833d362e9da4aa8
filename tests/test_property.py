"""Property-based tests: random text, random bytes and random (valid and invalid) .docx parts go
through the readers and every rule (preview rules included). Whatever the input: a document or a
one-line InputError, never another exception, never a hang; and the command exits 0, 1 or 2.

The examples are few per run (the suite must stay quick) but differ between runs; a failure is
printed by hypothesis with the smallest input that shows it."""

from __future__ import annotations

import io
import os
import time
import zipfile

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from lint.app.checking import check_one  # noqa: E402
from lint.config.settings import Settings  # noqa: E402
from lint.engine.rules import load_rules  # noqa: E402
from lint.policy.selection import select_rules  # noqa: E402
from lint.errors import InputError  # noqa: E402
from lint.readers.docx import read_docx_bytes  # noqa: E402
from tests.helpers import make_docx, run  # noqa: E402

RULES = select_rules(load_rules(), None, [], preview=True)
SETTINGS = Settings()
LIMIT = 20.0  # seconds for one example: far above any real draft of this size, far below a hang

# Text that looks like a draft more often than uniform random text does: Chinese characters,
# both kinds of punctuation, digits, list markers, placeholders, odd spaces and control characters.
ALPHABET = st.sampled_from(list(
    "关于召开会议的通知各乡镇人民政府县直单位现将有关事项如下一二三四五六七八九十百千万亿零〇年月日"
    "，。、；：？！“”‘’（）《》【】……——·,.;:?!\"'()[]-～~ 　\t0123456789０１２３４５X×％%"
    "第条款章节附件抄送印发请示报告妥否请批复特此通知此项工作涉及到全县绝密机密秘密★\u200b\ufeff\x00\x1b\r"))
DRAFTLIKE = st.lists(st.text(ALPHABET, max_size=120), max_size=12).map("\n".join)
ANY_TEXT = st.text(max_size=400)


def check_bytes(data: bytes, name: str = "<stdin>") -> None:
    t0 = time.perf_counter()
    result = check_one(name, None, RULES, SETTINGS, stdin_data=data)
    assert time.perf_counter() - t0 < LIMIT
    assert result.error is None or "\n" not in result.error


def check_docx(data: bytes) -> None:
    t0 = time.perf_counter()
    try:
        doc = read_docx_bytes(data, "random.docx")
    except InputError as exc:
        assert "\n" not in exc.reason
        return
    from lint.analysis.document_type import infer
    from lint.engine.rules import check_document

    doc.meta["doctype"] = infer(doc)
    doc.meta["public"] = True
    check_document(doc, RULES)
    assert time.perf_counter() - t0 < LIMIT


# No shrinking (a failing example is printed as found: shrinking a .docx can take minutes) and no
# example database in the working tree.
EXAMPLES = int(os.environ.get("GWLINT_PROPERTY_EXAMPLES", "30"))  # more for a longer hunt
COMMON = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow],
                  phases=[Phase.explicit, Phase.generate])


@COMMON
@given(DRAFTLIKE)
def test_draftlike_text(text):
    check_bytes(text.encode("utf-8"))


@COMMON
@given(ANY_TEXT, st.sampled_from(["utf-8", "utf-16", "gb18030", "utf-8-sig"]))
def test_any_text_in_any_encoding(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    check_bytes(data)


@COMMON
@given(st.binary(max_size=2000))
def test_random_bytes_as_text_and_as_docx(data):
    check_bytes(data)
    check_docx(data)
    check_docx(b"PK\x03\x04" + data)


# --- .docx with random parts ---------------------------------------------------------------------------

def _base_docx() -> bytes:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        p = make_docx(Path(d) / "b.docx", ["关于召开会议的通知", "会议定于X月X日召开。"],
                      tables=[[["甲", "乙"], ["丙", "丁"]]], header="页眉", footer="页脚", title="标题")
        return p.read_bytes()


BASE = _base_docx()
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

VALUES = st.one_of(st.integers(-10, 100).map(str), st.sampled_from(["", "abc", "x", "1.5", "-0", "9" * 30, "全"]))
ELEMENTS = st.one_of(
    VALUES.map(lambda v: f'<w:gridSpan w:val="{v}"/>'),
    VALUES.map(lambda v: f'<w:pPr><w:outlineLvl w:val="{v}"/></w:pPr>'),
    VALUES.map(lambda v: f'<w:r><w:rPr><w:sz w:val="{v}"/><w:b w:val="{v}"/></w:rPr><w:t>字</w:t></w:r>'),
    VALUES.map(lambda v: f'<w:pPr><w:spacing w:line="{v}"/><w:ind w:firstLineChars="{v}"/></w:pPr>'),
    st.text(ALPHABET, max_size=30).map(lambda t: "<w:r><w:t>" + t.replace("&", "").replace("<", "")
                                       .replace("\x00", "").replace("\x1b", "") + "</w:t></w:r>"),
    st.just("<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"),
    st.just("<w:tbl><w:tr><w:tc><w:tcPr/></w:tc></w:tr></w:tbl>"),
    st.just("<w:sdt><w:sdtContent><w:p><w:r><w:t>控件</w:t></w:r></w:p></w:sdtContent></w:sdt>"),
    st.just("<w:p><w:pPr><w:pStyle w:val=\"NoSuchStyle\"/></w:pPr></w:p>"),
    st.just("<w:br/><w:tab/>"),
    st.just("<w:p>"),  # unbalanced: an XML error
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
)
PARTS = st.sampled_from(["word/document.xml", "word/styles.xml", "word/footnotes.xml", "word/header1.xml",
                         "docProps/core.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"])


def _rebuild(changes: dict[str, bytes], drop: set[str] = frozenset()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(BASE)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = set()
        for info in src.infolist():
            if info.filename in drop:
                continue
            names.add(info.filename)
            dst.writestr(info, changes.get(info.filename, src.read(info)))
        for name, data in changes.items():
            if name not in names and name not in drop:
                dst.writestr(name, data)
    return out.getvalue()


@COMMON
@given(st.lists(ELEMENTS, min_size=1, max_size=6), st.sampled_from(["<w:body>", "<w:p>", "<w:tc>", "<w:tcPr>"]))
def test_random_elements_in_the_body(elements, anchor):
    with zipfile.ZipFile(io.BytesIO(BASE)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    xml = xml.replace(anchor, anchor + "".join(elements), 1)
    check_docx(_rebuild({"word/document.xml": xml.encode("utf-8", "surrogatepass")}))


@COMMON
@given(PARTS, st.one_of(st.binary(max_size=300),
                        st.lists(ELEMENTS, max_size=4).map(lambda es: f"<w:footnotes {W}><w:footnote w:id=\"1\">"
                                                           f"<w:p>{''.join(es)}</w:p></w:footnote></w:footnotes>"
                                                           .encode("utf-8", "surrogatepass"))),
       st.booleans())
def test_random_or_missing_parts(part, data, drop):
    check_docx(_rebuild({} if drop else {part: data}, {part} if drop else set()))


# --- the command: exit 0, 1 or 2 only ---------------------------------------------------------------------

@settings(max_examples=max(5, EXAMPLES // 2), deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(DRAFTLIKE.map(lambda t: t.encode("utf-8")), st.binary(max_size=500)),
       st.sampled_from([".txt", ".md", ".docx"]), st.sampled_from(["text", "json", "html", "sarif"]))
def test_command_exit_codes(tmp_path, data, suffix, fmt):
    p = tmp_path / f"draft{suffix}"
    p.write_bytes(data)
    r = run("check", "-f", fmt, "--preview", "--jobs", "1", str(p))
    assert r.code in (0, 1, 2), r
    assert "Traceback" not in r.err and "内部错误" not in r.err, r.err
