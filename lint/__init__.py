"""gwlint: a linter for Chinese official drafts (公文)."""

__version__ = "0.1.0"
