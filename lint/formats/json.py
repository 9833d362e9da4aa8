"""``--format json``: ``{version, tool, findings, waived, errors, stale_waivers, summary}``; the schema is in the README."""

from __future__ import annotations

import json

from .. import __version__
from .common import _SURROGATE, valid_text

SCHEMA_VERSION = 1


def render(report, **_) -> str:
    out = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "gwlint", "version": __version__},
        "findings": [f.as_dict() for f in report.findings],
        "waived": [f.as_dict() for f in report.waived],
        "errors": [{"path": r.path, "message": r.error} for r in report.errors],
        "stale_waivers": [{"waivers": w.origin, "line": w.line, "rule": w.rule, "file": w.file,
                           "hash": w.hash, "text": w.text, "reason": w.reason} for w in report.stale_waivers],
        "summary": report.summary(),
    }
    text = dumps(out)
    if _SURROGATE.search(text) is not None:  # a name with bytes that are not UTF-8: escape them
        text = dumps(utf8(out))  # (every string is written as it is, so none had one otherwise)
    return text + "\n"


def dumps(value) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, written without the
    pure-Python encoder that ``json`` falls back to whenever it indents (a report of thousands of
    findings spent most of its time there). Strings go through json's own C escaping; a value
    of any type but dict, list, tuple, str, int, float, bool and None goes to ``json.dumps``."""
    out: list[str] = []
    try:
        _write(value, out, "\n")
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)


class _Unusual(Exception):
    pass


_string = json.encoder.encode_basestring  # the C function where there is one, as json.dumps uses
_SCALARS = frozenset({str, int, bool, type(None)})
_FLAT: dict[str, json.JSONEncoder] = {}


def _flat(value: dict, newline: str) -> str | None:
    """A non-empty dict of string keys and plain values (a finding) written by json's C encoder,
    exactly as :func:`_write` writes it: the items separated by a comma and the next line's
    indent; None for any other dict."""
    for k, v in value.items():
        if type(k) is not str or type(v) not in _SCALARS:
            return None
    inner = newline + "  "
    enc = _FLAT.get(inner)
    if enc is None:
        enc = _FLAT[inner] = json.JSONEncoder(ensure_ascii=False, separators=("," + inner, ": "))
    return "{" + inner + enc.encode(value)[1:-1] + newline + "}"


def _write(value, out: list, newline: str) -> None:
    if isinstance(value, str):
        out.append(_string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif type(value) is int:
        out.append(int.__repr__(value))
    elif type(value) is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise _Unusual
        out.append(float.__repr__(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        flat = _flat(value, newline) if len(value) > 3 else None
        if flat is not None:
            out.append(flat)
            return
        inner = newline + "  "
        first = True
        for k, v in value.items():
            if not isinstance(k, str):
                raise _Unusual  # json turns other keys into strings; leave that to it
            out.append(("{" if first else ",") + inner + _string(k) + ": ")
            first = False
            _write(v, out, inner)
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        first = True
        for v in value:
            out.append(("[" if first else ",") + inner)
            first = False
            _write(v, out, inner)
        out.append(newline + "]")
    else:
        raise _Unusual


def utf8(value):
    """``value`` with every string encodable as UTF-8: a file name's bytes that are not UTF-8
    become ``\\xNN`` text (JSON has no way to carry them, and one would make the output invalid)."""
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, dict):
        return {utf8(k): utf8(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [utf8(v) for v in value]
    return value
