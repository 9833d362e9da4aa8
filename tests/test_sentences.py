"""Paragraph.sentences, split in one regex pass, gives the spans of cutting the text after each
run of sentence-end marks (model/document.py _SENTENCE_END) and skipping leading blanks."""

from __future__ import annotations

import random

from lint.model.document import _SENTENCE_END, Paragraph

from .helpers import CORPUS


def _reference(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    ends = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for end in ends:
        start = pos
        while start < end and text[start] in " \u3000\t\n":
            start += 1
        if start < end:
            out.append((start, end))
        pos = end
    return out


def _spans(text: str) -> list[tuple[int, int]]:
    p = Paragraph(text=text, line=1, location="第1行")
    assert all(s.paragraph is p for s in p.sentences)
    return [(s.start, s.end) for s in p.sentences]


def test_edges():
    assert _spans("") == []
    assert _spans("   ") == []
    assert _spans("。") == [(0, 1)]
    assert _spans("甲。") == [(0, 2)]
    assert _spans("甲。 ") == [(0, 2)]
    assert _spans(" 甲") == [(1, 2)]
    assert _spans("甲……乙…”丙！？”\n丁") == [(0, 3), (3, 6), (6, 10), (11, 12)]
    assert _spans("甲。\n") == [(0, 2)]


def test_random_texts():
    rng = random.Random(3)
    alphabet = "甲乙 \u3000\t\n。！？；!?;…”’」』）》)]】“x"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert _spans(text) == _reference(text), repr(text)


def test_corpus_paragraphs():
    gov = CORPUS / "gov-reports"
    if not gov.is_dir():
        return
    for f in sorted(gov.glob("*.txt"))[:4]:
        for line in f.read_text(encoding="utf-8").splitlines():
            assert _spans(line) == _reference(line)
