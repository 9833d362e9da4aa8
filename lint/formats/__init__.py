"""Output formats: one module per format, each ``render(report, **options) -> str``."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "html", "markdown", "sarif", "github")


def render(name: str, report, **options) -> str:
    return importlib.import_module(f"{__name__}.{name}").render(report, **options)
