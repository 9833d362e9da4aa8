#!/usr/bin/env python3
"""Generate .docx drafts at the GB/T 9704-2012 layout from plain paragraphs (for the bench).

    write_draft_docx(paragraphs, path)       # the bench's hook: first paragraph is the title
    make_pages_docx(path, pages=30)          # ~30 pages of gov-reports text (22 × 28 a page)
    python bench/make_docx.py out.docx [pages]

The layout is the conforming one of tests/docx_fixtures.py (A4, 37/35/28/26 mm margins,
仿宋_GB2312 3号 body with a two-字 first-line indent and 28.95 pt exact line spacing, 方正小标宋简体
2号 title, 黑体/楷体 level-1/level-2 headings, a "— PAGE —" footer in 4号 宋体), so that reading
and checking it exercises every layout rule on a file none of them should report.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOV = REPO.parent / "shared" / "corpus" / "gov-reports"
PAGE_CHARS = 22 * 28  # characters a GB/T 9704 page holds
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def _spec(paragraphs: list[str]) -> dict:
    paras: list = []
    title = None
    for i, text in enumerate(paragraphs):
        t = text.strip()
        if i == 0 and title is None and len(t) <= 60 and not t.endswith("。"):
            title = t
            continue
        if title is not None and i <= 3 and t.startswith(("——", "—")):
            paras.append({"text": t, "font": "楷体_GB2312", "align": "center", "indent": 0})
        else:
            paras.append(t)
    return {"title": title, "paragraphs": paras}


def write_draft_docx(paragraphs: list[str], path) -> Path:
    """A GB/T 9704 .docx with ``paragraphs`` (the first, if short, as the title)."""
    from tests.docx_fixtures import build

    return build(_spec(list(paragraphs)), Path(path))


def gov_paragraphs(pages: int = 30, source: str = "gwr_2024.txt") -> list[str]:
    """Paragraphs of a gov-reports text (continuing into the next files) filling ``pages``."""
    from lint.model.document import han_count

    files = sorted(GOV.glob("gwr_*.txt"))
    names = [f.name for f in files]
    start = names.index(source) if source in names else 0
    out: list[str] = []
    total = 0
    for f in files[start:] + files[:start]:
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            out.append(line)
            total += han_count(line) + line.count("，") + line.count("。")
            if total >= pages * PAGE_CHARS:
                return out
    return out


def make_pages_docx(path, pages: int = 30, source: str = "gwr_2024.txt") -> Path:
    """A ~``pages``-page .docx of gov-reports text at the GB/T 9704 layout."""
    return write_draft_docx(gov_paragraphs(pages, source), path)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python bench/make_docx.py OUT.docx [PAGES]")
    p = make_pages_docx(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30)
    print(p)
