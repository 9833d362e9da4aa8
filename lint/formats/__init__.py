"""Output formats: one module per format, each ``render(report, **options) -> str``."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "html", "markdown", "sarif", "github")
DOC_FORMATS = ("html", "markdown")  # they print the drafts' text around each finding


def render(name: str, report, **options) -> str:
    return importlib.import_module(f"{__name__}.{name}").render(report, **options)
