"""gwlint: a linter for Chinese official drafts (公文).

The public API is :func:`lint.check` (defined in :mod:`lint.app.api`)::

    report = lint.check(pathlib.Path("通知.docx"))   # or a folder, a list of paths, a str of text
    report.findings, report.errors, report.summary()

It is imported on first use, so ``import lint`` stays cheap for the command line.
"""

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .app.api import check
    from .model.report import FileResult, Report


def __getattr__(name: str):
    if name == "check":
        from .app.api import check

        return check
    if name in ("Report", "FileResult"):
        from .model import report

        return getattr(report, name)
    raise AttributeError(f"module 'lint' has no attribute {name!r}")


__all__ = ["check", "Report", "FileResult", "__version__"]
