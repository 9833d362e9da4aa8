"""Where the bundled rules/ and reference/ folders are.

In a wheel they sit inside the package (``lint/_data/...``, see pyproject.toml); in a source
checkout or an editable install they are the repository's top-level folders.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    packaged = _PKG / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PKG.parent / name


def rules_dir() -> Path:
    return _data_dir("rules")


def reference_dir() -> Path:
    return _data_dir("reference")
