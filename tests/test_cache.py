"""The start-up cache: a second run reads parsed rule files and pattern analyses back instead of
recomputing them, gives exactly the same result, never serves an edited file stale, and is
ignored (never an error) when it is damaged, unwritable or turned off."""

from __future__ import annotations

import re
import shutil

import pytest

import lint.yamlsafe as yamlload
from lint import cache as cache_mod
from lint.engine import load_rules
from lint.errors import RuleFileError
from lint.text.fastregex import FastPattern
from lint.resources import rules_dir
from tests.helpers import run

DRAFT = "关于召开会议的通知\n各乡镇：\n会议定于X月X日召开，此项工作涉及到全县。全年完成投资120亿元。\n"




def _no_parsing(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("parsed YAML although the cache holds it")
    monkeypatch.setattr(yamlload, "load_text", refuse)


def _summary(ruleset):
    return [(r.code, r.message, r.params.keys(), r.spec.lines, r.spec.line_of("message")) for r in ruleset]


def test_a_second_load_reads_the_rule_files_from_the_cache(cache_dir, monkeypatch):
    first = load_rules()
    assert list(cache_dir.glob("startup-*.json"))
    cache_mod._CACHES.clear()  # as a new process would
    _no_parsing(monkeypatch)
    second = load_rules()
    assert _summary(second) == _summary(first)


def test_the_same_findings_with_the_cache_cold_and_warm(cache_dir, tmp_path):
    (tmp_path / "稿.txt").write_text(DRAFT * 3, encoding="utf-8")
    cold = run("check", "-f", "json", str(tmp_path / "稿.txt"))
    assert list(cache_dir.glob("startup-*.json"))
    cache_mod._CACHES.clear()
    warm = run("check", "-f", "json", str(tmp_path / "稿.txt"))
    assert cold.code == warm.code == 1 and cold.out == warm.out


def _own_rule(tmp_path):
    d = tmp_path / "rules"
    d.mkdir()
    shutil.copy(rules_dir() / "wording" / "redundant-wording.yml", d / "redundant-wording.yml")
    return d, d / "redundant-wording.yml"


def test_an_edited_rule_file_is_parsed_again(cache_dir, tmp_path):
    d, f = _own_rule(tmp_path)
    assert list(load_rules([d], builtin=False))[0].message != "改过的提示：{text}"
    text = re.sub(r"(?m)^message:.*$", 'message: "改过的提示：{text}"', f.read_text(encoding="utf-8"))
    f.write_text(text, encoding="utf-8")
    cache_mod._CACHES.clear()
    assert list(load_rules([d], builtin=False))[0].message == "改过的提示：{text}"


def test_a_broken_rule_file_is_reported_with_its_line_every_time(cache_dir, tmp_path):
    d, f = _own_rule(tmp_path)
    lines = f.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "  : [未闭合")
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for _ in range(2):  # errors are not cached: the second run fails the same way
        cache_mod._CACHES.clear()
        with pytest.raises(RuleFileError) as exc:
            load_rules([d], builtin=False)
        assert exc.value.line is not None and "redundant-wording.yml" in str(exc.value)


def test_pattern_analysis_from_the_cache_equals_a_fresh_one(cache_dir):
    patterns = [r"(?<![一二三四五六七八九十])[一二三四五六七八九十]是", r"第[一二三]+[章节条]", r"(?P<n>\d+)%以上",
                r"(?i)abc[d-f]+", r"[，、]{2,}"]
    fresh = {}
    for p in patterns:
        fp = FastPattern(p).validate()
        fresh[p] = (fp._groups, fp._groupindex, fp._first_src, fp._required_src, fp._literal_sets, fp._source)
    cache_mod.get_cache().save()
    cache_mod._CACHES.clear()
    for p in patterns:
        c = cache_mod.get_cache()
        assert c.get("pattern", (p, 0)) is not None
        fp = FastPattern(p).validate()
        assert (fp._groups, fp._groupindex, fp._first_src, fp._required_src, fp._literal_sets, fp._source) == fresh[p]
        text = "一是第三章说的，、很好；二是 ABCDEF 达90%以上"
        assert [m.span() for m in fp.finditer(text)] == [m.span() for m in re.finditer(p, text)]


def test_a_damaged_cache_is_ignored_and_replaced(cache_dir, tmp_path):
    load_rules()
    (path,) = cache_dir.glob("startup-*.json")
    path.write_bytes(b"{not json at all")
    cache_mod._CACHES.clear()
    (tmp_path / "稿.txt").write_text(DRAFT, encoding="utf-8")
    r = run("check", "-f", "json", str(tmp_path / "稿.txt"))
    assert r.code == 1 and "Traceback" not in r.err and r.json["findings"]
    cache_mod._CACHES.clear()
    c = cache_mod.get_cache()
    assert c.get("yaml", "nothing") is None and c.tables["yaml"]  # written afresh


def test_an_unusable_cache_folder_changes_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("GWLINT_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    cache_mod._CACHES.clear()
    (tmp_path / "稿.txt").write_text(DRAFT, encoding="utf-8")
    r = run("check", "-f", "json", str(tmp_path / "稿.txt"))
    cache_mod._CACHES.clear()
    assert r.code == 1 and r.err == "" and r.json["findings"]


def test_gwlint_no_cache_turns_it_off(cache_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("GWLINT_NO_CACHE", "1")
    cache_mod._CACHES.clear()
    (tmp_path / "稿.txt").write_text(DRAFT, encoding="utf-8")
    assert run("check", str(tmp_path / "稿.txt")).code == 1
    assert not cache_dir.exists()


def test_where_the_cache_lives(monkeypatch, tmp_path):
    monkeypatch.delenv("GWLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("GWLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if cache_mod.sys.platform != "win32":
        assert cache_mod.directory() == tmp_path / "xdg" / "gwlint"
    monkeypatch.setenv("GWLINT_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_mod.directory() == tmp_path / "mine"
    monkeypatch.setenv("GWLINT_NO_CACHE", "1")
    assert cache_mod.directory() is None


def test_unused_entries_are_dropped_beyond_the_limit(cache_dir, monkeypatch):
    monkeypatch.setattr(cache_mod, "MAX_ENTRIES", 3)
    c = cache_mod.get_cache()
    for k in range(5):
        c.put("t", k, k)
    c.save()
    cache_mod._CACHES.clear()
    c = cache_mod.get_cache()
    assert c.get("t", 4) == 4  # used in this run: kept first
    c.put("t", 9, 9)
    c.save()
    cache_mod._CACHES.clear()
    c = cache_mod.get_cache()
    assert c.get("t", 4) == 4 and c.get("t", 9) == 9 and len(c.tables["t"]) == 3


def test_files_of_other_versions_are_pruned(cache_dir):
    import os

    cache_dir.mkdir()
    for k in range(6):
        old = cache_dir / f"startup-old{k}.json"
        old.write_bytes(b"")
        os.utime(old, (1_000_000 + k, 1_000_000 + k))
    load_rules()
    left = sorted(p.name for p in cache_dir.glob("startup-*.json"))
    assert len(left) == cache_mod.KEEP_FILES and cache_mod.get_cache().path.name in left
    assert "startup-old5.json" in left and "startup-old0.json" not in left


def test_config_show_names_the_cache_file(cache_dir, monkeypatch):
    """As a comment: the output of config --show stays a configuration gwlint accepts."""
    out = run("config", "--show").out
    assert f"# 启动缓存：{cache_dir / 'startup-'}" in out
    monkeypatch.setenv("GWLINT_NO_CACHE", "1")
    assert run("config", "--show").out.splitlines()[-1] == "# 启动缓存：已关闭（GWLINT_NO_CACHE）"


# --- compiled expressions ----------------------------------------------------------------------

_EXPRESSIONS = [
    (r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+", 0),
    (r"(?<![一二三四五六七八九十])(?P<num>[一二三四五六七八九十]{1,3})(?P<mark>[、，])", 0),
    (r"(?i)abc[d-f]+(?=\d)", 0),
    (r"^第(?P<n>[一二三]+)条$", re.M),
    (r"(\d+)(?:%|个百分点)\1?", 0),
    (r" a  b # comment", re.X),
    (r"\w+", re.A),
    (r"(?:……|…|[。！？；!?;])+[”’」』）》)\]】]*", 0),
]
_SAMPLE = "第一条\n第二条 一是，二、ABCDEF9 达90%以上，3个百分点3。ab……”\n㐀丽句子ab"


def _behaviour(rx: re.Pattern) -> tuple:
    return (rx.pattern, rx.flags, rx.groups, dict(rx.groupindex),
            [(m.span(), m.groups()) for m in rx.finditer(_SAMPLE)])


@pytest.mark.skipif(not cache_mod._FAST_COMPILE, reason="the compiled-program cache needs CPython 3.11+")
def test_a_compiled_expression_from_the_cache_behaves_as_re_compile(cache_dir, monkeypatch):
    for p, f in _EXPRESSIONS:
        assert _behaviour(cache_mod.compile_regex(p, f)) == _behaviour(re.compile(p, f))
    cache_mod.get_cache().save()
    cache_mod._CACHES.clear()  # as a new process would

    def refuse(*a, **k):
        raise AssertionError("compiled although the cache holds the program")
    monkeypatch.setattr(cache_mod, "_program", refuse)
    for p, f in _EXPRESSIONS:
        assert cache_mod.get_cache().get("regex", (p, int(f))) is not None
        assert _behaviour(cache_mod.compile_regex(p, f)) == _behaviour(re.compile(p, f))


@pytest.mark.skipif(not cache_mod._FAST_COMPILE, reason="the compiled-program cache needs CPython 3.11+")
def test_a_damaged_program_is_compiled_afresh(cache_dir):
    p = r"(?P<a>[\u4e00-\u9fff]{2})是"
    cache_mod.compile_regex(p)
    c = cache_mod.get_cache()
    flags, code, groups, groupindex, indexgroup = c.get("regex", (p, 0))
    c.tables["regex"][(p, 0)] = (flags, code[: len(code) // 2], groups, groupindex, indexgroup)
    assert _behaviour(cache_mod.compile_regex(p)) == _behaviour(re.compile(p))
    assert c.get("regex", (p, 0))[1] == code  # replaced by a sound one


def test_a_bad_expression_raises_what_re_compile_raises(cache_dir):
    for bad in ("[未闭合", "(?P<x>a)(?P<x>b)", "a{2,1}"):
        with pytest.raises(re.error) as ours:
            cache_mod.compile_regex(bad)
        with pytest.raises(re.error) as theirs:
            re.compile(bad)
        assert str(ours.value) == str(theirs.value)
    assert not cache_mod.get_cache().tables.get("regex")


def test_compile_regex_without_a_cache(monkeypatch):
    monkeypatch.setenv("GWLINT_NO_CACHE", "1")
    cache_mod._CACHES.clear()
    try:
        for p, f in _EXPRESSIONS:
            assert _behaviour(cache_mod.compile_regex(p, f)) == _behaviour(re.compile(p, f))
    finally:
        cache_mod._CACHES.clear()


@pytest.mark.skipif(not cache_mod._FAST_COMPILE, reason="the compiled-program cache needs CPython 3.11+")
def test_unexpected_engine_internals_turn_the_program_cache_off(cache_dir, monkeypatch):
    """A Python whose engine takes programs differently: expressions compile as usual (and the
    program is not built twice for every one of them)."""
    real = cache_mod._program
    monkeypatch.setattr(cache_mod, "_program", lambda *a: (*real(*a), "one argument too many"))
    monkeypatch.setattr(cache_mod, "_FAST_COMPILE", True)
    p, f = _EXPRESSIONS[1]
    assert _behaviour(cache_mod.compile_regex(p, f)) == _behaviour(re.compile(p, f))
    assert cache_mod._FAST_COMPILE is False and not cache_mod.get_cache().tables.get("regex")


# --- the cache is data, never code (issue 15: caches are not code) -------------------------------

def test_the_cache_is_json_and_its_folder_private(cache_dir):
    import json
    import os
    import stat

    load_rules()
    (path,) = cache_dir.glob("startup-*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == cache_mod.FORMAT and data["tables"]["yaml"]
    assert stat.S_IMODE(os.stat(cache_dir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_pickle_planted_in_the_cache_folder_is_never_loaded(cache_dir, tmp_path):
    import pickle

    class Boom:
        def __reduce__(self):
            return (open, (str(tmp_path / "pwned"), "w"))

    load_rules()
    (path,) = cache_dir.glob("startup-*.json")
    path.write_bytes(pickle.dumps(Boom()))
    cache_mod._CACHES.clear()
    load_rules()
    assert not (tmp_path / "pwned").exists()


def test_a_cache_others_can_write_is_ignored(cache_dir, monkeypatch):
    import os

    load_rules()
    (path,) = cache_dir.glob("startup-*.json")
    os.chmod(path, 0o666)
    cache_mod._CACHES.clear()
    assert cache_mod.get_cache().get("yaml", next(iter(_yaml_keys(path)))) is None
    os.chmod(path, 0o600)
    os.chmod(cache_dir, 0o777)
    cache_mod._CACHES.clear()
    assert cache_mod.get_cache().get("yaml", next(iter(_yaml_keys(path)))) is None


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() != 0,
                    reason="needs root to give the file to another user")
def test_a_cache_owned_by_another_user_is_ignored(cache_dir):
    import os

    load_rules()
    (path,) = cache_dir.glob("startup-*.json")
    key = next(iter(_yaml_keys(path)))
    os.chown(path, 65534, 65534)
    cache_mod._CACHES.clear()
    assert cache_mod.get_cache().get("yaml", key) is None


def _yaml_keys(path):
    import json

    return json.loads(path.read_text(encoding="utf-8"))["tables"]["yaml"].keys()


def test_private_cache_files_are_read_only_when_trusted(cache_dir):
    import os

    folder = cache_mod.private_folder()
    assert folder == cache_dir and (os.stat(folder).st_mode & 0o777) == 0o700
    path = folder / "lexicon-test.marshal"
    cache_mod.write_private(path, b"data")
    assert cache_mod.read_private(path) == b"data"
    os.chmod(path, 0o666)  # someone else could have written it
    assert cache_mod.read_private(path) is None
    cache_mod.write_private(cache_dir.parent / "elsewhere.bin", b"x")  # only inside the folder
    assert not (cache_dir.parent / "elsewhere.bin").exists()


def test_the_idiom_index_round_trips_through_json(cache_dir):
    from lint.checks.spelling_idiom import IdiomIndex

    index = IdiomIndex(["迫不及待", "一筹莫展", "再接再厉"])
    again = IdiomIndex.from_data(__import__("json").loads(__import__("json").dumps(index.data())))
    text = "大家迫不急待地要求再接再励。"
    assert again.windows(text) == index.windows(text) and again.near == index.near
    assert list(again.candidates("迫不急待", 2)) == ["迫不及待"]
    assert list(again.candidates("再接再励", 3)) == ["再接再厉"]
    assert list(again.candidates("一愁莫展", 1)) == ["一筹莫展"]
    assert list(again.candidates("一愁莫展", 0)) == []


def test_kept_data_is_read_back_and_old_versions_are_pruned(cache_dir, tmp_path):
    import os
    import time

    src = tmp_path / "list.tsv"
    src.write_text("a\n", encoding="utf-8")
    calls = []

    def build():
        calls.append(1)
        return {"rows": ["a"]}

    assert cache_mod.kept_data("things", build, [src]) == {"rows": ["a"]}
    assert cache_mod.kept_data("things", build, [src]) == {"rows": ["a"]} and len(calls) == 1
    for k in range(cache_mod.KEEP_FILES + 3):  # the same list edited again and again
        src.write_text(f"a{k}\n", encoding="utf-8")
        cache_mod.kept_data("things", build, [src])
        time.sleep(0.01)
    kept = sorted(cache_dir.glob("things-*.marshal"))
    assert len(kept) == cache_mod.KEEP_FILES and len(calls) == 1 + cache_mod.KEEP_FILES + 3
    assert all(oct(os.stat(p).st_mode & 0o777) == "0o600" for p in kept)
    assert not list(cache_dir.glob("other-*.marshal"))


def test_kept_data_that_is_damaged_is_built_again(cache_dir, tmp_path):
    assert cache_mod.kept_data("things", lambda: [1, 2], salt="s") == [1, 2]
    (path,) = cache_dir.glob("things-*.marshal")
    path.write_bytes(b"\xff\x00damaged")
    assert cache_mod.kept_data("things", lambda: [3], salt="s") == [3]
