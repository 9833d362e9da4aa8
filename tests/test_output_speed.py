"""The report writers' fast paths give what the plain ways give: lint.formats.json.dumps is
json.dumps(indent=2), printable/valid_text find the same characters as their definitions, and
the waiver fingerprint is the same with its shortcut."""

from __future__ import annotations

import json
import random

from lint.formats import common
from lint.formats.json import dumps


def _value(rng: random.Random, depth: int = 0):
    r = rng.random()
    if depth > 3 or r < 0.4:
        return rng.choice(["", "a\"b\\c\n\t", "中文“引号”", "\x00\x1f\u2028\ud800", 0, -5, 10 ** 20, 1.5, 1e-7,
                           3.0, True, False, None])
    if r < 0.7:
        return {rng.choice(["k", "键", "a b", "\u2028"]) + str(i): _value(rng, depth + 1) for i in range(rng.randint(0, 4))}
    items = [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return items if rng.random() < 0.8 else tuple(items)


def test_dumps_is_json_dumps_indented():
    rng = random.Random(7)
    for _ in range(3000):
        v = _value(rng)
        assert dumps(v) == json.dumps(v, ensure_ascii=False, indent=2)


def test_dumps_leaves_unusual_values_to_json():
    for v in ({1: "a"}, {"a": [float("nan")]}, {"b": float("inf")}, {None: 1}):
        assert dumps(v) == json.dumps(v, ensure_ascii=False, indent=2)


def test_unsafe_class_is_the_definition():
    for i in range(0x110000):
        ch = chr(i)
        assert (common._UNSAFE.search(ch) is not None) == common._unsafe(ch), hex(i)
        assert (common._SURROGATE.search(ch) is not None) == (0xD800 <= i < 0xE000)


def test_printable_and_valid_text_escape_as_before():
    assert common.printable("a\x1bb") == "a" + common._escape_char("\x1b") + "b"
    assert common.printable("正常的文字") == "正常的文字"
    assert common.valid_text("a\udcffb") == "a" + common._escape_char("\udcff") + "b"
    assert common.valid_text("\u2028") == "\u2028"


def test_fingerprint_skips_normalising_only_when_nothing_would_change():
    import hashlib

    from lint.policy import waivers

    def reference(code, text, before, after):
        material = "\x1f".join((code, waivers.normalise(text), waivers.normalise(before), waivers.normalise(after)))
        return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]

    rng = random.Random(1)
    alphabet = "甲乙 \u3000\t\n\x1f\x0b\u2028a"
    for _ in range(5000):
        parts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4))) for _ in range(3)]
        assert waivers.fingerprint("FC001", *parts) == reference("FC001", *parts)


class _Str(str):
    pass


def test_flat_dicts_written_by_the_c_encoder_are_json_dumps_indented():
    cases = [{"a": 1, "b": "x\u2028\"\\\n\x01中", "c": None, "d": True, "e": False, "f": -5},
             {"k": [{"a": 1, "b": 2, "c": "s", "d": None}], "m": {"x": 1, "y": 2, "z": 3, "w": {"q": 1}}},
             [{"a": 1, "b": 2, "c": 3, "d": 1.5}], {"a": 1, "b": 2, "c": 3, "d": float("nan")},
             {1: 2, "a": 1, "b": 2, "c": 3}, {"a": {"b": {"c": {"d": 1, "e": 2, "f": 3, "g": "h"}}}},
             {"a": _Str("x"), "b": 1, "c": 2, "d": 3}, {"a": "\ud800", "b": 1, "c": 2, "d": 3}]
    for v in cases:
        assert dumps(v) == json.dumps(v, ensure_ascii=False, indent=2), v


def test_the_json_report_escapes_bytes_that_are_not_utf8_as_before():
    from lint.formats.json import render, utf8
    from lint.model.report import FileResult, Report

    report = Report([FileResult("稿\udcff.txt", error="无法读取"), FileResult("好.txt", error="无法读取")])
    text = render(report)
    text.encode("utf-8")  # no lone surrogate is left
    out = json.loads(text)
    assert [e["path"] for e in out["errors"]] == ["稿\\xff.txt", "好.txt"]
    assert utf8({"p": "a\udcff"}) == {"p": "a\\xff"}
