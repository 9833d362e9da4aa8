"""Shared test helpers: run the CLI in-process, build .docx fixtures with python-docx."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from lint.cli import main

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


class Result:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    @property
    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"Result(code={self.code}, out={self.out[:300]!r}, err={self.err[:300]!r})"


def run(*args: str, input: bytes | str | None = None, env: dict | None = None) -> Result:
    """Run ``gwlint`` in this process, as the console script would."""
    runner = CliRunner()
    with runner.isolation(input=input, env=env) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        return Result(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


def make_docx(path: Path, paragraphs=(), tables=(), header=None, footer=None, title=None) -> Path:
    """A .docx with optional title (Title style), body paragraphs, tables (lists of rows) and
    header/footer text, in that order."""
    import docx

    d = docx.Document()
    if title:
        d.add_paragraph(title, style="Title")
    for p in paragraphs:
        if isinstance(p, tuple):
            text, style = p
            d.add_paragraph(text, style=style)
        else:
            d.add_paragraph(p)
    for rows in tables:
        t = d.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
    if header is not None:
        d.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        d.sections[0].footer.paragraphs[0].text = footer
    d.save(path)
    return path


def office_or_skip(what: str) -> str:
    """LibreOffice's command, or skip the test saying what was not opened."""
    import shutil

    import pytest

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip(f"LibreOffice is not installed (apt-get install libreoffice-writer-nogui): {what}")
    return office


def office_convert(office: str, doc: Path, folder: Path, targets=("odt", "pdf")) -> Path:
    """Convert ``doc`` with LibreOffice, headless, into ``folder`` (one profile per test folder);
    every conversion must succeed. Returns ``folder``."""
    import subprocess

    profile = (folder.parent / "lo-profile").as_uri()
    for target in targets:
        proc = subprocess.run([office, f"-env:UserInstallation={profile}", "--headless",
                               "--convert-to", target, "--outdir", str(folder), str(doc)],
                              capture_output=True, timeout=180)
        assert proc.returncode == 0, proc.stderr
    return folder
