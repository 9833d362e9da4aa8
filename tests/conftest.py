"""Test-wide settings: gwlint's start-up cache lives in a folder of this test run's own, never
in the user's cache. Set on import, before any test module loads rules while being collected;
tests that run gwlint in a subprocess inherit it."""

from __future__ import annotations

import os
import shutil
import tempfile

_CACHE_DIR = tempfile.mkdtemp(prefix="gwlint-test-cache-")
os.environ["GWLINT_CACHE_DIR"] = _CACHE_DIR
os.environ.pop("GWLINT_NO_CACHE", None)
os.environ.pop("GWLINT_CSC_MODEL", None)  # the neural spelling model (WD015): only the tests' own


def pytest_unconfigure(config):
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)
