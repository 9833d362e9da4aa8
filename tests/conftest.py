"""Test-wide settings: gwlint's start-up cache lives in a folder of this test run's own, never
in the user's cache. Set on import, before any test module loads rules while being collected;
tests that run gwlint in a subprocess inherit it."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_CACHE_DIR = tempfile.mkdtemp(prefix="gwlint-test-cache-")
os.environ["GWLINT_CACHE_DIR"] = _CACHE_DIR
os.environ.pop("GWLINT_NO_CACHE", None)
os.environ.pop("GWLINT_CSC_MODEL", None)  # the neural spelling model (WD015): only the tests' own


def pytest_unconfigure(config):
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A cache folder of the test's own, empty, with the in-process caches forgotten."""
    from lint import cache as cache_mod

    d = tmp_path / "cache"
    monkeypatch.setenv("GWLINT_CACHE_DIR", str(d))
    monkeypatch.delenv("GWLINT_NO_CACHE", raising=False)
    cache_mod._CACHES.clear()
    yield d
    cache_mod._CACHES.clear()
