"""A cache of start-up work that depends only on text: rule files as parsed YAML, each
pattern's analysis (see :mod:`lint.text.fastregex`), each regular expression's compiled program
(see :func:`compile_regex`) and the verdict on each python rule's check function (see
:mod:`lint.engine.kinds.python`). Parsing 80-odd rule files, analysing their expressions and
compiling them is over a third of a short draft's whole run; with the cache warm, the results
are read back in a few milliseconds.

Entries are keyed by content (a rule file's bytes, a pattern and its flags), so an edited rule
file can never be served stale; the file's name carries gwlint's version, Python's and the
modification times of the modules that produce the entries (PyYAML's among them), so a new
gwlint or PyYAML (or an edit to those modules) starts afresh. The cache is only ever an aid:
a missing, unreadable, corrupt or unwritable cache is silently ignored and everything is
computed as without it.

Where: ``$GWLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/gwlint``, else ``~/.cache/gwlint``
(``%LOCALAPPDATA%\\gwlint`` on Windows). ``GWLINT_NO_CACHE=1`` turns it off.

The cache is data, never code: a JSON file of strings, numbers and lists, read only when it and
its folder belong to the user running gwlint and no one else can write to them (the folder is
created 0700, the file 0600). A planted or shared cache is ignored, not trusted.
"""

from __future__ import annotations

import hashlib
import os
import json
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

try:  # the regular-expression engine's internals, for compile_regex below
    import _sre
    import re._compiler as _re_compiler  # type: ignore[import-not-found]
    import re._constants as _re_constants  # type: ignore[import-not-found]
    import re._parser as _re_parser  # type: ignore[import-not-found]

    _SRE_MAGIC = _sre.MAGIC
    _FAST_COMPILE = sys.implementation.name == "cpython" and callable(getattr(_sre, "compile", None)) \
        and callable(getattr(_re_compiler, "_code", None))
except (ImportError, AttributeError):  # another Python, or one before 3.11
    _SRE_MAGIC = None
    _FAST_COMPILE = False

FORMAT = 3  # 3: JSON with tuple keys written as Python writes them (2: as JSON; 1 was a pickle)
MAX_ENTRIES = 4000  # per table; entries used by this run are kept first
KEEP_FILES = 4  # cache files of different stamps (versions) kept side by side


def directory() -> Path | None:
    if os.environ.get("GWLINT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("GWLINT_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "gwlint"
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base:
        return Path(base) / "gwlint"
    try:
        return Path.home() / ".cache" / "gwlint"
    except (RuntimeError, KeyError):  # no home directory
        return None


@lru_cache(maxsize=1)
def _stamp() -> str:
    """What the entries depend on besides their key: gwlint, Python, and the code making them
    (ours and PyYAML's)."""
    from . import __version__

    import importlib.util

    here = Path(__file__).parent
    files = [here / name for name in ("yamlsafe.py", "text/fastregex.py", "cache.py")]
    try:  # PyYAML's own code (how it reads scalars), found without importing it
        spec = importlib.util.find_spec("yaml")
        if spec is not None and spec.origin:
            files.append(Path(spec.origin))
    except (ImportError, ValueError):
        pass
    mtimes = []
    for f in files:
        try:
            mtimes.append(str(f.stat().st_mtime_ns))
        except OSError:
            mtimes.append("-")
    raw = "|".join([str(FORMAT), __version__, sys.version, str(_SRE_MAGIC), *mtimes])
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


class Cache:
    """Tables of key -> value, loaded on first use and written back (whole, atomically) by
    :meth:`save` when this run added something."""

    def __init__(self, path: Path | None):
        self.path = path
        self.tables: dict[str, dict] = {}
        self.used: dict[str, set] = {}
        self.dirty = False
        self._loaded = path is None

    def _load(self) -> None:
        self._loaded = True
        self.tables = {}
        try:
            with open(self.path, "rb") as fh:  # type: ignore[arg-type]
                if not (_trusted(os.fstat(fh.fileno())) and _trusted(os.stat(self.path.parent))):  # type: ignore[union-attr]
                    return
                data = json.loads(fh.read())
            tables = data.get("tables") if isinstance(data, dict) and data.get("format") == FORMAT else None
            if isinstance(tables, dict) and all(isinstance(v, dict) for v in tables.values()):
                self.tables = tables
        except Exception:  # absent, unreadable or damaged: start empty
            self.tables = {}

    def get(self, table: str, key: Any) -> Any:
        """The value stored under ``key`` (a string, or a tuple of strings and numbers) as
        JSON gave it back: lists where tuples were put."""
        if self.path is None:
            return None
        if not self._loaded:
            self._load()
        key = _key(key)
        value = self.tables.get(table, {}).get(key)
        if value is not None:
            self.used.setdefault(table, set()).add(key)
        return value

    def put(self, table: str, key: Any, value: Any) -> None:
        if self.path is None:
            return
        if not self._loaded:
            self._load()
        key = _key(key)
        self.tables.setdefault(table, {})[key] = value
        self.used.setdefault(table, set()).add(key)
        self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        self.dirty = False
        out = {}
        for name, entries in self.tables.items():
            used = self.used.get(name, set())
            keep = {k: v for k, v in entries.items() if k in used}
            for k, v in entries.items():
                if len(keep) >= MAX_ENTRIES:
                    break
                keep.setdefault(k, v)
            out[name] = keep
        if private_folder() is None or self.path.parent != directory():
            return  # not this user's folder alone (or not gwlint's): nothing is written there
        try:
            payload = json.dumps({"format": FORMAT, "tables": out}, ensure_ascii=False,
                                 separators=(",", ":")).encode("utf-8")
        except (TypeError, ValueError):  # a value JSON cannot hold: the next run recomputes
            return
        write_private(self.path, payload)
        self._prune()

    def _prune(self) -> None:
        """Files of other gwlint versions (or of earlier edits of the code, for a developer):
        the newest few stay, for installations used side by side."""
        _prune(self.path.parent, "startup-*.json", self.path)  # type: ignore[union-attr]


_CACHES: dict[tuple, Cache] = {}


def get_cache() -> Cache:
    """This process's cache for the current settings (tests point it elsewhere)."""
    env = os.environ
    settings = (env.get("GWLINT_NO_CACHE"), env.get("GWLINT_CACHE_DIR"), env.get("XDG_CACHE_HOME"))
    cache = _CACHES.get(settings)
    if cache is None:
        d = directory()
        cache = _CACHES[settings] = Cache(d / f"startup-{_stamp()}.json" if d is not None else None)
    return cache


def _key(key: Any) -> str:
    # A tuple of strings and numbers as Python writes it: one form for one tuple, and quicker
    # than JSON for the few hundred lookups of every start (string keys are content hashes,
    # never "(...", and JSON never writes one).
    if isinstance(key, str):
        return key
    if isinstance(key, tuple):
        return repr(key)
    return json.dumps(key, ensure_ascii=False, separators=(",", ":"))


def _trusted(st: os.stat_result) -> bool:
    """Whether a cache file or folder may be read: this user's, and not writable by others
    (where the system knows owners: not on Windows)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return st.st_uid == getuid() and not st.st_mode & 0o022


def private_folder() -> Path | None:
    """gwlint's cache folder, created for this user alone (0700); None when caching is off or
    the folder is not this user's or others can write to it (then nothing is read or written)."""
    d = directory()
    if d is None:
        return None
    try:
        d.mkdir(mode=0o700, parents=True, exist_ok=True)
        return d if _trusted(os.stat(d)) else None
    except OSError:
        return None


def read_private(path: Path) -> bytes | None:
    """The bytes of a cache file, if it and its folder are this user's and nobody else can
    write to them; else None (a planted or shared file is never read)."""
    try:
        with open(path, "rb") as fh:
            if not (_trusted(os.fstat(fh.fileno())) and _trusted(os.stat(path.parent))):
                return None
            return fh.read()
    except OSError:
        return None


def write_private(path: Path, data: bytes) -> None:
    """Write a cache file atomically (0600, in the folder of :func:`private_folder`); a failure
    is silent: the next run computes again."""
    import tempfile

    if private_folder() is None or path.parent != directory():
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        return


def kept_data(name: str, build, files=(), salt: str = ""):
    """``build()``, kept in the cache folder as ``<name>-<hash>.marshal``: plain data (dicts,
    lists, strings, numbers; marshal reads them several times faster than JSON, and builds no
    code from them), under a hash of ``salt`` and the contents of ``files`` (a file that cannot
    be read counts by its name). Only a file of this user's is read (:func:`read_private`); a
    damaged one is built afresh and replaced. With caching off, ``build()`` alone."""
    import hashlib
    import marshal

    folder = private_folder()
    path = None
    if folder is not None:
        h = hashlib.sha1(salt.encode())
        for f in files:
            try:
                h.update(Path(f).read_bytes())
            except OSError:
                h.update(str(f).encode())
        path = folder / f"{name}-{h.hexdigest()[:16]}.marshal"
        data = read_private(path)
        if data is not None:
            try:
                return marshal.loads(data)
            except (EOFError, ValueError, TypeError):
                pass
    value = build()
    if path is not None:
        try:
            write_private(path, marshal.dumps(value))
        except ValueError:  # not plain data: kept for this run only
            return value
        _prune(folder, f"{name}-*.marshal", path)
    return value


def _prune(folder: Path, pattern: str, current: Path) -> None:
    """Of the files ``pattern`` names (one kind of data, for other versions of its sources),
    only the newest :data:`KEEP_FILES` stay: a folder that grew with every upgrade or edit of a
    word list would fill the disk (the lexicon alone is some 10 MB)."""
    try:
        files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP_FILES:]:
            if old != current:
                old.unlink()
    except OSError:
        pass


def content_key(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


# --- compiled regular expressions --------------------------------------------------------------
#
# CPython's ``re`` compiles in Python: a class of Chinese characters is expanded one code point at
# a time into a 64K-entry map before it is packed, so compiling the rules' expressions costs some
# 30 ms in every process, a fifth of a short draft's run. The packed program is a list of
# integers; :func:`compile_regex` keeps it in the cache and hands it straight to the C engine
# (``_sre.compile``, what ``re.compile`` itself ends with) in later runs. This leans on CPython's
# internals (imported at the top), so it is used only where they are as expected (CPython 3.11
# or later), the cache file's name carries Python's exact version and the engine's magic number,
# the engine checks every program it is given, and any failure falls back to ``re.compile``.


def _program(pattern: str, flags: int) -> tuple:
    """What ``re.compile`` hands the C engine for ``pattern``: (flags, code, groups,
    groupindex, indexgroup), in plain types (the code's opcodes are int subclasses)."""
    parsed = _re_parser.parse(pattern, flags)
    code = [int(c) for c in _re_compiler._code(parsed, flags)]
    state = parsed.state
    indexgroup: list = [None] * state.groups
    for name, i in state.groupdict.items():
        indexgroup[i] = name
    return int(flags | state.flags), code, state.groups - 1, dict(state.groupdict), tuple(indexgroup)


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, with the compiled program read from the start-up cache
    when an earlier run stored it. The result is the same ``re.Pattern`` either way; a bad
    pattern raises ``re.error`` as ``re.compile`` does."""
    flags = int(flags)
    if not _FAST_COMPILE or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    cache = get_cache()
    if cache.path is None:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    hit = cache.get("regex", key)
    if hit is not None:
        try:
            flags_, code, groups, groupindex, indexgroup = hit
            return _sre.compile(pattern, flags_, list(code), groups, dict(groupindex), tuple(indexgroup))
        except Exception:  # a damaged entry: compiled afresh below, and replaced
            pass
    try:
        program = _program(pattern, flags)
        rx = _sre.compile(pattern, *program)
    except re.error:  # a bad pattern: re.compile raises the proper error
        return re.compile(pattern, flags)
    except Exception:  # internals not as expected: compile as usual from now on
        _disable_fast_compile()
        return re.compile(pattern, flags)
    cache.put("regex", key, list(program))
    return rx


def _prefixed_program(pattern: str, flags: int, first: str) -> tuple | None:
    """The program of ``pattern`` with an information block saying that every match starts
    with a character of the class ``first`` (regex source of a one-character class), or None
    when the pattern can match the empty string (then the engine ignores the block)."""
    parsed = _re_parser.parse(pattern, flags)
    # the flags the parser adds (re.UNICODE for a str pattern, inline flags), as re._compiler's
    # _code merges them: without them \s, \d and \w would be compiled as their ASCII forms
    flags = int(flags | parsed.state.flags)
    lo, hi = parsed.getwidth()
    if lo < 1:
        return None
    (op, items), = _re_parser.parse(first, flags & re.ASCII).data
    if op is _re_constants.LITERAL:
        items = [(op, items)]
    elif op is not _re_constants.IN:
        return None
    charset, hascased = _re_compiler._optimize_charset(items)
    if hascased:
        return None
    maxcode = _re_compiler.MAXCODE
    code = [_re_constants.INFO, 0, _re_constants.SRE_INFO_CHARSET, min(lo, maxcode), min(hi, maxcode)]
    _re_compiler._compile_charset(charset, flags, code)
    code[1] = len(code) - 1  # the block's length, as re._compiler._compile_info writes it
    _re_compiler._compile(code, parsed.data, flags)
    code.append(_re_constants.SUCCESS)
    state = parsed.state
    indexgroup: list = [None] * state.groups
    for name, i in state.groupdict.items():
        indexgroup[i] = name
    return (int(flags | state.flags), [int(c) for c in code], state.groups - 1, dict(state.groupdict),
            tuple(indexgroup))


def compile_prefixed(pattern: str, flags: int, first: str) -> re.Pattern | None:
    """``pattern`` compiled so that the engine's search skips, in C, to the characters of the
    class ``first`` that every match starts with (as it does by itself for a pattern that opens
    with a class, but not for one that opens with a lookbehind or a group of alternatives), or
    None where this cannot be done (another Python, a pattern that may match the empty string).

    The program is ``re.compile``'s with one change: the information block at its head names
    the class, as ``re._compiler`` writes it for ``[...]x``. The engine then tries a match only
    at those characters, from there exactly as without the block (lookbehinds see the text
    before), so the matches are the pattern's own, provided every match does start with a
    character of ``first`` (lint.text.fastregex works that class out)."""
    flags = int(flags)
    if not _FAST_COMPILE or flags & re.DEBUG:
        return None
    cache = get_cache()
    key = ("prefixed-unicode", pattern, flags, first)  # (entries of "prefixed": ASCII classes)
    hit = cache.get("regex", key)
    if hit is not None:
        try:
            if hit == "none":
                return None
            flags_, code, groups, groupindex, indexgroup = hit
            return _sre.compile(pattern, flags_, list(code), groups, dict(groupindex), tuple(indexgroup))
        except Exception:  # a damaged entry: made afresh below, and replaced
            pass
    try:
        program = _prefixed_program(pattern, flags, first)
        rx = None if program is None else _sre.compile(pattern, *program)
    except Exception:  # a bad pattern (re.compile reports it) or internals not as expected
        return None
    cache.put("regex", key, "none" if program is None else list(program))
    return rx


def _disable_fast_compile() -> None:
    global _FAST_COMPILE
    _FAST_COMPILE = False
