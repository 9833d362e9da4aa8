"""Peer linters (autocorrect-py, zhlint, @lint-md/cli, textlint): installed pinned, run side by side."""

from __future__ import annotations

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from common import NPM_PEERS, PEERS, PY_PEERS, TEXTLINTRC, log  # noqa: E402

# --- peers -------------------------------------------------------------------------------------

def install_peers() -> dict:
    """Install the pinned peers into bench/.peers (once); return {peer: problem or None}."""
    PEERS.mkdir(exist_ok=True)
    status = {}
    pkg = PEERS / "package.json"
    if not pkg.exists():
        pkg.write_text(json.dumps({"name": "gwlint-bench-peers", "private": True, "version": "0.0.0"}) + "\n")
    (PEERS / ".textlintrc.json").write_text(json.dumps(TEXTLINTRC, indent=2) + "\n")
    missing = [f"{n}@{v}" for n, v in NPM_PEERS.items() if npm_version(n) != v]
    npm = shutil.which("npm")
    if missing and npm:
        log(f"npm install into bench/.peers: {' '.join(missing)}")
        r = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--loglevel=error", *missing],
                           cwd=PEERS, capture_output=True, text=True, timeout=600)
        if r.returncode:
            log(f"npm install failed: {r.stderr.strip()[-300:]}")
    for name in ("zhlint", "@lint-md/cli", "textlint"):
        status[name] = None if npm_version(name) else ("npm is not installed" if not npm else "npm install failed")
    pydir = PEERS / "python"
    if py_peer_version() != PY_PEERS["autocorrect-py"]:
        log("pip install --target bench/.peers/python autocorrect-py")
        r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--upgrade", "--target", str(pydir),
                            f"autocorrect-py=={PY_PEERS['autocorrect-py']}"], capture_output=True, text=True,
                           timeout=600)
        if r.returncode:
            log(f"pip install failed: {r.stderr.strip()[-300:]}")
    status["autocorrect-py"] = None if py_peer_version() else "pip install failed"
    return status


def npm_version(name: str) -> str | None:
    p = PEERS / "node_modules" / name / "package.json"
    try:
        return json.loads(p.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def py_peer_version() -> str | None:
    for d in (PEERS / "python").glob("autocorrect_py-*.dist-info"):
        return d.name[len("autocorrect_py-"):-len(".dist-info")]
    return None


def peer_command(peer: str, draft: dict) -> tuple[list[str], Path | None]:
    bin_ = PEERS / "node_modules" / ".bin"
    if peer == "autocorrect-py":
        code = ("import sys; sys.path.insert(0, sys.argv[1]); import autocorrect_py as a; "
                "t = open(sys.argv[2], encoding='utf-8').read(); r = a.lint_for(t, sys.argv[2]); "
                "print(len(r.lines))")
        return [sys.executable, "-c", code, str(PEERS / "python"), str(draft["txt"])], None
    if peer == "zhlint":  # zhlint wants a path relative to its working directory
        return [str(bin_ / "zhlint"), draft["md"].name], draft["md"].parent
    if peer == "@lint-md/cli":
        return [str(bin_ / "lint-md"), str(draft["md"])], None
    if peer == "textlint":
        return [str(bin_ / "textlint"), "--config", str(PEERS / ".textlintrc.json"), str(draft["txt"])], PEERS
    raise KeyError(peer)


