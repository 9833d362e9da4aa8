"""parse_marker tries only the forms that can start with the text's first character: the same
markers as trying every form in order."""

from __future__ import annotations

import random

from lint.text import numbering


def _every_form(text: str, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(numbering, "_BY_FIRST", {k: numbering._FORMS for k in numbering._BY_FIRST})
        return numbering.parse_marker(text)


def test_dispatch_by_first_character_finds_the_same_markers(monkeypatch):
    rng = random.Random(5)
    alphabet = "一二三四五六七八九十（()）①②⑳0123456789٣、，,．.：: \u3000是年月人甲"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert numbering.parse_marker(text) == _every_form(text, monkeypatch), repr(text)


def test_examples():
    assert numbering.parse_marker("（一）总体要求").family == "cn-paren"
    assert numbering.parse_marker("(3)做好").family == "arabic-paren"
    assert numbering.parse_marker("①加强").family == "circled"
    assert numbering.parse_marker("12．任务").family == "arabic"
    assert numbering.parse_marker("三、保障").family == "cn"
    assert numbering.parse_marker("一年来") is None
