"""Run settings: what to check and how strictly. The command line fills them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Settings:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    preview: bool = False
    fail_level: str = "warning"
    severities: dict[str, str] = field(default_factory=dict)  # code -> severity
    options: dict[str, dict] = field(default_factory=dict)  # code -> tunable options
    doctype: str | None = None
    public: bool = False  # the draft is for public release: 保密 rules report 密级 marks
    rule_dirs: list[Path] = field(default_factory=list)
    reference_dirs: list[Path] = field(default_factory=list)
    timing: bool = False
