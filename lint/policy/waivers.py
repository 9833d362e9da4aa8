"""Accepted findings: ``gwlint-waivers.yaml`` beside the configuration.

.docx and .txt have no comment syntax for an inline ``noqa``, so a finding is accepted in a file
of its own: rule code, file (relative to the waiver file's folder) and a hash of the normalised
matched text with a few characters of context on each side, plus a reason. The hash survives
edits elsewhere in the draft (line numbers are not part of it) and stops matching when the
passage itself changes. A waiver that matches nothing in a run that checked its file with its
rule is reported as stale (like ruff's RUF100).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..yamlsafe import Field, LList, load_cached, validate
from ..cache import compile_regex

VERSION = 1
CONTEXT = 8  # characters of context on each side that go into the hash
# The schema (lint/yamlsafe.py): the file, and each entry.
FILE_FIELDS = {"version": Field("int", doc="豁免文件格式的版本"), "waivers": Field("any", doc="豁免的列表")}
ENTRY_FIELDS = {"rule": Field("text", True, "规则代码"), "file": Field("text", True, "文件（相对于配置所在文件夹）"),
                "hash": Field("text", True, "原文及前后文的散列（数字请加引号）"), "text": Field("any", doc="原文"),
                "reason": Field("text", True, "为什么可以保留")}
_SPACE = compile_regex(r"[\s\u3000]+")


def normalise(text: str) -> str:
    """Whitespace (full-width spaces and line breaks included) does not count."""
    return _SPACE.sub("", text)


def fingerprint(code: str, text: str, before: str, after: str) -> str:
    if _SPACE.search(text + before + after) is None:  # nearly always: nothing to take out
        material = "\x1f".join((code, text, before, after))
    else:
        material = "\x1f".join((code, normalise(text), normalise(before), normalise(after)))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]


def fingerprints(findings, doc) -> list[str]:
    """The waiver hash of each finding of one document."""
    by_line = {p.line: p for p in doc.paragraphs} if doc is not None else {}
    out = []
    for f in findings:
        p = by_line.get(f.line)
        if f.scope == "document" or p is None:
            out.append(fingerprint(f.code, "", "", ""))  # one per rule and file
            continue
        s, e = f.column - 1, f.end_column - 1
        out.append(fingerprint(f.code, f.text, p.text[max(0, s - CONTEXT):s], p.text[e:e + CONTEXT]))
    return out


class LazyFingerprints:
    """The waiver hashes of a document's findings, worked out when first read: most runs have
    no waivers and print no SARIF, and never read them. It reads as a list of strings; it holds
    the document (its paragraphs) until then, so a run that must not keep documents calls
    :meth:`settle` (and a copy sent to another process carries the hashes, not the document)."""

    __slots__ = ("_findings", "_doc", "_done")

    def __init__(self, findings, doc):
        self._findings, self._doc, self._done = list(findings), doc, None

    def settle(self) -> list[str]:
        if self._done is None:
            self._done = fingerprints(self._findings, self._doc)
            self._findings = self._doc = None
        return self._done

    def __iter__(self):
        return iter(self.settle())

    def __len__(self) -> int:
        return len(self.settle())

    def __getitem__(self, i):
        return self.settle()[i]

    def __eq__(self, other) -> bool:
        return self.settle() == (other.settle() if isinstance(other, LazyFingerprints) else other)

    def __repr__(self) -> str:
        return repr(self.settle())

    def __reduce__(self):
        return list, (self.settle(),)


def relative(display: str, root: Path) -> str:
    """A checked file's name as written in the waiver file: relative to ``root``, with /."""
    if display.startswith("<"):
        return display
    p = Path(display).resolve()
    try:
        return p.relative_to(root.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


@dataclass
class Waiver:
    rule: str
    file: str
    hash: str
    reason: str
    text: str = ""
    line: int | None = None
    used: int = 0
    origin: str = ""  # the waiver file, for messages about a stale waiver

    def as_dict(self) -> dict:
        return {"rule": self.rule, "file": self.file, "hash": self.hash, "text": self.text,
                "reason": self.reason}


@dataclass
class Waivers:
    path: Path
    entries: list[Waiver] = field(default_factory=list)
    base: Path | None = None  # file names are relative to it: the configuration's folder
    source: "_Source | None" = None  # the file as read, so that saving keeps its comments

    @property
    def root(self) -> Path:
        return self.base or self.path.parent

    def match(self, code: str, file: str, digest: str) -> Waiver | None:
        for w in self.entries:
            if w.hash == digest and w.rule == code and w.file == file:
                return w
        return None

    def add(self, w: Waiver) -> bool:
        if self.match(w.rule, w.file, w.hash):
            return False
        self.entries.append(w)
        return True

    def dump(self) -> str:
        """The file's new text: entries read from the file come back as they were written,
        comments included; new entries are appended. (The command writes it, atomically and
        never through a link: lint/app/outputs.py.)"""
        import yaml

        header = ("# gwlint 豁免文件：已确认可以保留的问题。由 gwlint waive / gwlint baseline 生成，可手工编辑 reason。\n"
                  "# 每条按规则代码、文件和“原文及前后文”的散列匹配；原文改动后豁免自动失效，并在检查时报告。\n")
        if self.source is not None and self.source.blocks is not None:
            head = self.source.head
        else:
            kept = self.source.comments if self.source is not None else []
            head = (header if not kept else "".join(kept)) + f"version: {VERSION}\nwaivers:\n"
        parts = [head if head.endswith("\n") else head + "\n"]
        for w in self.entries:
            block = self.source.blocks.get(id(w)) if self.source is not None and self.source.blocks else None
            if block is None:
                block = yaml.safe_dump([w.as_dict()], allow_unicode=True, sort_keys=False, width=120)
                if self.source is not None and self.source.indent:
                    block = "".join(self.source.indent + ln for ln in block.splitlines(keepends=True))
            parts.append(block if block.endswith("\n") else block + "\n")
        if self.source is not None and self.source.tail:
            parts.append(self.source.tail)
        return "".join(parts)


@dataclass
class _Source:
    """The waiver file as written: what comes before the entries, each entry's own lines (with
    the comments above it), and what follows; ``blocks`` is None when the list is not in block
    style (then only the comment lines are kept)."""

    head: str = ""
    blocks: dict | None = None
    tail: str = ""
    comments: list = field(default_factory=list)
    indent: str = ""  # of the entries' "-", for entries added to the list


def _source(text: str, items, entries: list[Waiver]) -> _Source:
    lines = text.splitlines(keepends=True)
    comments = [ln for ln in lines if ln.lstrip().startswith("#")]
    starts = [items.line_of(i) - 1 for i in range(len(items))] if items else []
    if not starts or any(not lines[s].lstrip().startswith("-") for s in starts) or starts != sorted(starts):
        return _Source(comments=comments)
    end = len(lines)
    for n in range(starts[-1] + 1, len(lines)):  # the next top-level key ends the list
        ln = lines[n]
        if ln.strip() and not ln[0].isspace() and not ln.startswith(("#", "-")):
            end = n
            break
    bounds = starts + [end]

    def lead(a: int, b: int) -> int:  # comment and blank lines at the end of [a, b) go with what follows
        while b > a + 1 and (not lines[b - 1].strip() or lines[b - 1].lstrip().startswith("#")):
            b -= 1
        return b

    cut = [starts[0]] + [lead(bounds[i], bounds[i + 1]) for i in range(len(starts))]
    first = lead(0, starts[0]) if starts[0] > 0 else 0
    # the comments just above the first entry belong to it
    while first > 0 and lines[first - 1].lstrip().startswith("#"):
        first -= 1
    blocks = {}
    for i, w in enumerate(entries):
        a = first if i == 0 else cut[i]
        blocks[id(w)] = "".join(lines[a:cut[i + 1]])
    indent = lines[starts[0]][: len(lines[starts[0]]) - len(lines[starts[0]].lstrip())]
    return _Source(head="".join(lines[:first]), blocks=blocks, tail="".join(lines[cut[-1]:]),
                   comments=comments, indent=indent)


def load_waivers(path: Path, root: Path | None = None) -> Waivers:
    """The waiver file at ``path`` (empty when there is none); strict, with file:line errors.
    File names in it are relative to ``root`` (default: the waiver file's folder)."""
    ws = Waivers(Path(path), base=root)
    if os.path.islink(path):
        raise ConfigError(_display(path), "豁免文件是符号链接：gwlint 不通过链接读写豁免文件，请换成普通文件")
    if not path.is_file():
        if os.path.lexists(path):
            raise ConfigError(_display(path), "豁免文件不是普通文件")
        return ws
    name = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise ConfigError(name, "无法按 UTF-8 读取豁免文件") from None
    data = load_cached(text.encode("utf-8"), name, text, save=True)
    if data is None:
        ws.source = _Source(comments=[ln for ln in text.splitlines(keepends=True) if ln.lstrip().startswith("#")])
        return ws
    validate(data, FILE_FIELDS, name, shape="豁免文件的顶层必须是映射（version、waivers）")
    if data.get("version", VERSION) != VERSION:
        raise ConfigError(name, f"不支持的版本 {data.get('version')}（应为 {VERSION}）", data.line_of("version"))
    items = data.get("waivers")
    if items is None or items == []:
        items = LList()
        items.line, items.lines = 1, []
    if not isinstance(items, LList):
        raise ConfigError(name, "“waivers”应为列表", data.line_of("waivers"))
    for i, item in enumerate(items):
        line = items.line_of(i)
        if isinstance(item, dict):
            item.line = line  # a missing key is reported at the entry's "-"
        validate(item, ENTRY_FIELDS, name, shape="每条豁免应为含 rule、file、hash、reason 的映射")
        ws.entries.append(Waiver(item["rule"], item["file"], item["hash"], item["reason"],
                                 str(item.get("text", "")), line, origin=name))
    ws.source = _source(text, items, ws.entries)
    return ws


def _display(path: Path) -> str:
    """The waiver file's name in messages: relative to the current folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def apply(waivers: Waivers, results, selected_codes: set[str]) -> list[Waiver]:
    """Mark waived findings; returns the stale waivers: for a file and a rule of this run, but
    matching nothing."""
    checked = set()
    for r in results:
        if r.error:
            continue
        rel = relative(r.path, waivers.root)
        checked.add(rel)
        for f, digest in zip(r.findings, r.fingerprints):
            w = waivers.match(f.code, rel, digest)
            if w is not None:
                f.waived = True
                w.used += 1
    return [w for w in waivers.entries
            if not w.used and w.file in checked and w.rule in selected_codes]
