"""Build .docx files from the ``docx:`` mapping of a rule example.

Spec keys: ``paragraphs`` (strings, or mappings {text, style}), ``title`` (text in the Title
style), ``header`` and ``footer`` (text).
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import make_docx


def build(spec: dict, path: Path) -> Path:
    paragraphs = [p if isinstance(p, str) else (p["text"], p.get("style", "Normal"))
                  for p in spec.get("paragraphs", [])]
    return make_docx(path, paragraphs, title=spec.get("title"), header=spec.get("header"),
                     footer=spec.get("footer"))
