"""What gwlint finds on the bundled example and the shared real corpora, kept as a snapshot: a
change that moves code (a new layout, a faster check, a rule moved onto a generic kind) must
leave every finding where it was. A change of findings on purpose rewrites the snapshot with
``GWLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_findings_snapshot.py``, and the diff of
``tests/snapshots/findings/`` shows a reviewer exactly what changed."""

from __future__ import annotations

import os

import pytest

from tests.helpers import CORPUS, REPO, run

UPDATE = os.environ.get("GWLINT_UPDATE_SNAPSHOTS") == "1"
SETS = {"examples": REPO / "examples", "real-drafts": CORPUS / "real-drafts", "gov-reports": CORPUS / "gov-reports"}


def _lines(path, preview: bool) -> str:
    args = ["check", "-f", "json", "--jobs", "1", *(["--preview"] if preview else []), str(path)]
    r = run(*args)
    assert r.code in (0, 1), r.err
    rows = sorted((f["path"].replace(str(path), "").lstrip("/"), f["line"], f["column"], f["end_column"],
                   f["code"], f["severity"], f["text"], f["suggestion"] or "") for f in r.json["findings"])
    return "".join("\t".join(map(str, row)) + "\n" for row in rows)


@pytest.mark.parametrize("preview", [False, True], ids=["default", "preview"])
@pytest.mark.parametrize("name", sorted(SETS))
def test_findings_are_where_they_were(name, preview):
    folder = SETS[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    got = _lines(folder, preview)
    snap = REPO / "tests" / "snapshots" / "findings" / f"{name}.{'preview' if preview else 'default'}.tsv"
    if UPDATE:
        snap.write_text(got, encoding="utf-8")
    assert snap.exists(), f"no snapshot {snap.name}: run with GWLINT_UPDATE_SNAPSHOTS=1"
    assert got == snap.read_text(encoding="utf-8"), f"findings changed: rewrite {snap.name} if on purpose"
