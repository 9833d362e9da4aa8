"""Shared by the benchmark's jobs: paths, the corpus, small formatting helpers, the inputs."""

from __future__ import annotations

from __future__ import annotations

import importlib.util
import shutil
import sys
import time
from pathlib import Path


REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
CORPUS = REPO.parent / "shared" / "corpus"
GOV = CORPUS / "gov-reports"
PEERS = BENCH / ".peers"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from lint import __version__ as GWLINT_VERSION  # noqa: E402,F401 - for results.py
from lint.model.document import han_count  # noqa: E402

# Pinned peers: the versions the numbers in RESULTS.md were taken with.
NPM_PEERS = {
    "zhlint": "0.8.2",
    "@lint-md/cli": "2.2.4",
    "textlint": "15.8.0",
    # textlint checks nothing by itself; these are its rules that apply to Chinese text.
    "textlint-rule-ja-space-between-half-and-full-width": "3.0.3",
    "@textlint-rule/textlint-rule-no-unmatched-pair": "2.0.4",
    "textlint-rule-sentence-length": "5.2.1",
    "textlint-rule-no-zero-width-spaces": "1.0.1",
}
PY_PEERS = {"autocorrect-py": "2.14.0"}
TEXTLINTRC = {"rules": {"ja-space-between-half-and-full-width": {"space": "never"},
                        "@textlint-rule/no-unmatched-pair": True,
                        "sentence-length": {"max": 100},
                        "no-zero-width-spaces": True}}

PEER_CHECKS = {
    "autocorrect-py": "spaces between Chinese and Latin letters/digits, full-width vs half-width "
                      "punctuation next to Chinese, a few fixed spellings (Rust core, Python binding)",
    "zhlint": "punctuation and spacing per Chinese copywriting guides: half/full-width marks, "
              "spaces around Latin letters and digits, brackets and quotes (Markdown)",
    "@lint-md/cli": "Markdown Chinese copywriting: spaces between Chinese/Latin/digits, full-width "
                    "punctuation, repeated punctuation, Markdown structure",
    "textlint": "with 4 rules: spacing between half- and full-width characters, unmatched "
                "brackets/quotes, sentences over 100 characters, zero-width spaces",
}

GWLINT_SCRIPT = Path(sys.executable).parent / "gwlint"
GWLINT = [str(GWLINT_SCRIPT)] if GWLINT_SCRIPT.exists() else [sys.executable, "-m", "lint"]

# A GB/T 9704-2012 page holds 22 lines of 28 characters.
PAGE_CHARS = 22 * 28



# --- small helpers -----------------------------------------------------------------------------

def default_rules(tries: int = 12, wait: float = 10.0):
    """The default rules; while a rule file someone is still writing does not load, wait and retry."""
    from lint.engine import load_rules
    from lint.policy.selection import select_rules
    from lint.errors import GwlintError

    for i in range(tries):
        try:
            return select_rules(load_rules())
        except GwlintError as exc:
            if i == tries - 1:
                raise
            log(f"rules do not load ({exc}); retrying in {wait:.0f} s")
            time.sleep(wait)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def fmt_s(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


def fmt_ratio(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}×"


def pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def div(a: float, b: float) -> float | None:
    return a / b if b else None


def table(header: list[str], rows: list[list]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


# --- inputs ------------------------------------------------------------------------------------

def corpus_paragraphs() -> list[str]:
    paras = []
    for p in sorted(GOV.glob("*.txt")):
        paras += [line for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    return paras


def take(paras: list[str], han: int = 0, nbytes: int = 0, start: int = 0) -> list[str]:
    """Whole paragraphs from ``start`` on (wrapping round) until ``han`` Chinese characters or
    ``nbytes`` UTF-8 bytes are reached."""
    out, h, b, i = [], 0, 0, start
    while (han and h < han) or (nbytes and b < nbytes):
        p = paras[i % len(paras)]
        out.append(p)
        h += han_count(p)
        b += len(p.encode("utf-8")) + 1
        i += 1
    return out


def docx_writer():
    """The format developer's generator (bench/make_docx.py) when it is there, else python-docx."""
    path = BENCH / "make_docx.py"
    if path.exists():
        spec = importlib.util.spec_from_file_location("bench_make_docx", path)
        mod = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(mod)
        except Exception as exc:  # theirs may be half-written: fall back, say so
            log(f"bench/make_docx.py did not load ({exc}); using python-docx directly")
        else:
            for name in ("write_draft_docx", "make_draft_docx", "draft_docx", "make_docx", "generate"):
                fn = getattr(mod, name, None)
                if callable(fn):
                    return fn, f"bench/make_docx.py:{name}"
    return _plain_docx, "python-docx"


def _plain_docx(paragraphs: list[str], path: Path) -> Path:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    for i, text in enumerate(paragraphs):
        para = d.add_paragraph(text, style="Title" if i == 0 else None)
        for run in para.runs:
            run.font.size = Pt(16)
    d.save(path)
    return path


def write_docx(paragraphs: list[str], path: Path) -> str:
    fn, how = docx_writer()
    if how != "python-docx":
        try:
            fn(paragraphs, path)
            return how
        except TypeError:
            try:
                fn(path, paragraphs)
                return how
            except Exception as exc:
                log(f"{how} failed ({exc}); using python-docx directly")
        except Exception as exc:
            log(f"{how} failed ({exc}); using python-docx directly")
    _plain_docx(paragraphs, path)
    return "python-docx"


def make_inputs(out: Path, smoke: bool) -> dict:
    inp = out / "inputs"
    inp.mkdir(parents=True, exist_ok=True)
    paras = corpus_paragraphs()
    sizes = {"2k": dict(han=2_000)} if smoke else {
        "10k": dict(han=10_000), "70k": dict(han=70_000), "2MB": dict(nbytes=2_000_000)}
    made = {"drafts": {}, "docx_writer": None}
    for label, size in sizes.items():
        ps = take(paras, **size)
        text = "\n".join(ps) + "\n"
        txt = inp / f"draft-{label}.txt"
        md = inp / f"draft-{label}.md"  # the same text with Markdown paragraph breaks (for peers)
        txt.write_text(text, encoding="utf-8")
        md.write_text("\n\n".join(ps) + "\n", encoding="utf-8")
        docx = inp / f"draft-{label}.docx"
        made["docx_writer"] = write_docx(ps, docx)
        made["drafts"][label] = dict(txt=txt, md=md, docx=docx, han=han_count(text), chars=len(text),
                                     bytes=len(text.encode("utf-8")), paragraphs=len(ps))
    # A 30-page draft at the GB/T 9704 layout (22 lines x 28 characters a page).
    pages = 3 if smoke else 30
    ps = take(paras, han=pages * PAGE_CHARS, start=len(paras) // 3)
    made["pages_docx"] = dict(path=inp / f"draft-{pages}pages.docx", pages=pages,
                              han=sum(han_count(p) for p in ps))
    write_docx(ps, made["pages_docx"]["path"])
    # Folders of drafts for --jobs: short notices of ~2,000 characters (consecutive, so that 200
    # of them cover the corpus once) and drafts of the ~10,000 characters taken as a draft's
    # length above (draft k starts where notice k starts, so neighbours overlap).
    n = 4 if smoke else 200
    made["folders"] = []
    for key, size in (("notices", 2_000), ("drafts", 10_000)):
        folder = inp / f"{key}-{n}"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        total, at = 0, 0
        for k in range(n):
            chunk = take(paras, han=size, start=at)
            at += len(take(paras, han=2_000, start=at))
            total += sum(han_count(p) for p in chunk)
            (folder / f"draft-{k + 1:03d}.txt").write_text("\n".join(chunk) + "\n", encoding="utf-8")
        made["folders"].append(dict(key=key, path=folder, n=n, han=total, size=size,
                                    label=f"{n} drafts of ~{size:,} chars"))
    return made


