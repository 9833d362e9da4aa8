"""han_count counts a long text on its UTF-16 bytes: the same number as counting each character
of the HAN class, whatever the characters (block edges, hexagrams, surrogates, astral ones)."""

from __future__ import annotations

import random
import re

from lint.model.document import TEXT_SCOPES, Document, Paragraph
from lint.text import chinese


def test_long_and_short_texts_count_as_the_class_does():
    one = re.compile(f"[{chinese.HAN}]")
    rng = random.Random(2)
    ranges = [(0, 0x10FFFF), (0x3300, 0xA100), (0xF800, 0xFB00), (0x4DB0, 0x4E10), (0xD7F0, 0xE010), (0x20, 0x7F)]
    for _ in range(600):
        chars = []
        for _ in range(rng.randint(0, 1500)):
            lo, hi = rng.choice(ranges)
            chars.append(chr(rng.randint(lo, hi)))
        text = "".join(chars)
        assert chinese.han_count(text) == len(one.findall(text))
    edges = "\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000\uf8ff\uf900\ufaff\ufb00\U00020000"
    assert chinese.han_count(edges * 100) == 600


def test_document_counts_its_text_scopes_once():
    paras = [Paragraph(text=t, line=i + 1, location="", scope=s) for i, (t, s) in
             enumerate([("标题", "title"), ("正文一段。" * 200, "body"), ("页脚", "footer"), ("表格", "table")])]
    doc = Document("t.txt", paras, "txt")
    assert doc.text_chars == sum(chinese.han_count(p.text) for p in doc.iter(TEXT_SCOPES)) == 2 + 800 + 2
