"""The benchmark script runs: ``bench/run.py --smoke`` on a tiny input, quickly.

The benchmark itself is not part of the suite (its numbers are in bench/RESULTS.md); this only
guards against the script rotting as the engine changes.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.helpers import CORPUS, REPO

pytestmark = pytest.mark.skipif(not (CORPUS / "gov-reports").is_dir(),
                                reason="shared/corpus is not beside the repository")


def test_bench_smoke_runs_quickly_and_writes_every_section(tmp_path):
    results = tmp_path / "RESULTS.md"
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--smoke", "--no-peers",
                        "--out", str(tmp_path), "--results", str(results)],
                       capture_output=True, text=True, timeout=300, cwd=tmp_path)
    elapsed = time.perf_counter() - t0
    assert r.returncode == 0, r.stderr[-2000:]
    assert elapsed < 90, f"smoke run took {elapsed:.0f} s"
    text = results.read_text(encoding="utf-8")
    for heading in ("## Speed", "### Whole process, cold", "### Inside one process", "### Targets",
                    "### False alarms on gov-reports", "### Typo sets", "### Lintscore per rule family"):
        assert heading in text, heading
    # Machine and versions are recorded, and every cold gwlint run produced a time.
    assert "cores" in text and "gwlint 0." in text
    cold = text.split("### Whole process, cold", 1)[1].split("###", 1)[0]
    gw_rows = [line for line in cold.splitlines() if line.startswith("| gwlint")]
    assert gw_rows and all(" ms " in line or " s " in line for line in gw_rows), cold
    # The per-finding listing for review is written and the committed copy is left alone.
    assert (tmp_path / "gov-reports-findings.tsv").exists()
    assert (tmp_path / "gov-reports-findings.md").exists()
