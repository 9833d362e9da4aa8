"""``gwlint check --fix / --diff / --tracked``: what the command does with each draft, and the
summary it prints (fixes applied and findings left, per rule). The fixing itself is in
:mod:`lint.app.fixing`, the Word copy in :mod:`lint.formats.docx_tracked`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..errors import InputError
from .fixing import MAX_PASSES, Outcome, fix_docx, fix_text, unified_diff, write_atomic, write_back

_SAFETY = {"safe": "可靠改法", "unsafe": "改法需确认"}


def run_cli(plan, report, opts: dict, output: str | None, echo) -> tuple[str | None, int | None]:
    """Fix the drafts of a checked ``plan``. ``opts``: fix, diff, unsafe_fixes, no_backup,
    tracked. Returns (where the report goes now, an exit code when the run ends here)."""
    from ..errors import UsageError

    fix, diff, unsafe, tracked = opts.get("fix"), opts.get("diff"), opts.get("unsafe_fixes"), opts.get("tracked")
    if not (fix or diff or tracked):
        if unsafe or opts.get("no_backup"):
            raise UsageError("--unsafe-fixes、--no-backup 需与 --fix、--diff 或 --tracked 同用")
        return output, None
    if diff and (fix or tracked):
        raise UsageError("--diff 只显示改动、不写文件，不能与 --fix 或 --tracked 同用")
    tasks = [t for t in plan.tasks if t.error is None and not report.results[t.index].error]
    if any(t.path is None for t in tasks):
        raise UsageError("标准输入的文稿无法修改：请指定文件")
    if (tracked or fix and output) and len(tasks) != 1:
        raise UsageError(f"{'--tracked' if tracked else '--fix 与 -o'} 只能用于一个文稿（这次有 {len(tasks)} 个）")
    if tracked:
        _refuse_input(Path(tracked), tasks)
        if output and Path(output).resolve() == Path(tracked).resolve():
            raise UsageError("--tracked 与 -o 不能是同一个文件")
    elif fix and output and tasks and Path(output).suffix.lower() != tasks[0].path.suffix.lower():
        # With --fix, -o receives the corrected draft, not the report: a .json or .html there
        # is almost surely a report path, which the corrected text must not fill.
        raise UsageError(f"--fix 时 -o 是修改后文稿的保存位置，扩展名应与原稿（{tasks[0].path.suffix}）一致：{output}")
    outcomes, changed = [], 0
    for t in tasks:
        result = report.results[t.index]
        try:
            out = _fix_one(plan, t, opts, output, echo, tasks)
        except InputError as exc:  # read-only, encoding that cannot be kept: the others go on
            result.error = exc.reason
            continue
        if out is None:
            continue
        outcomes.append(out)
        changed += out.changed
        if not out.stable:
            echo(f"gwlint: {t.display}: 修改没有收敛（{MAX_PASSES} 轮后仍有可修改处或改动互相抵消），请检查结果", err=True)
        if diff:
            echo(unified_diff(out), nl=False)
        elif fix and not tracked:
            result.findings, result.fingerprints = out.remaining, out.last.fingerprints
    codes = {r.code: r for _, rules in plan.contexts.values() for r in rules}
    echo(summary(outcomes, codes, bool(unsafe), dry=bool(diff)), err=True, nl=False)
    if diff:
        for r in report.errors:
            echo(f"gwlint: {r.path}: {r.error}", err=True)
        return output, 2 if report.errors else 1 if changed else 0
    return (None if fix and not tracked else output), None


def _fix_one(plan, t, opts: dict, output: str | None, echo, tasks) -> Outcome | None:
    """Fix one draft as ``opts`` say: a tracked copy, a diff, or the file (or -o) rewritten;
    None for a .docx in a batch --fix (Word drafts change only in a tracked copy)."""
    from ..errors import UsageError
    from ..policy.waivers import load_waivers
    from ..readers import read_path

    settings, rules = plan.contexts[t.context]
    waivers = load_waivers(settings.waivers_path, settings.root) if settings.waivers_path else None
    unsafe, tracked = bool(opts.get("unsafe_fixes")), opts.get("tracked")
    docx = t.path.suffix.lower() == ".docx"
    if tracked:
        doc = read_path(t.path, t.display)
        if not docx:
            from ..formats.docx_comments import _text_to_docx
            from ..readers.docx import read_docx_bytes

            doc = read_docx_bytes(_text_to_docx(doc), t.display)
        out = fix_docx(doc, rules, settings, unsafe, waivers)
        from ..formats.docx_tracked import write_tracked

        from .outputs import mark_docx

        data, n = write_tracked(doc, out, Path(tracked), unsafe, mark=mark_docx)  # marked: not a draft next time
        write_atomic(tracked, data)
        left = f"；{n['left']} 段的改动涉及域、超链接边界或特殊内容，改为批注" if n["left"] else ""
        echo(f"已写入带修订的文稿 {tracked}（{n['revisions']} 处修订，{n['comments']} 条批注{left}）", err=True)
        return out
    if docx:
        if opts.get("fix"):
            message = f"{t.display}：Word 文稿不就地修改，请用 --tracked 输出.docx 另存一份带修订的副本"
            if len(tasks) == 1:
                raise UsageError(message)
            echo(f"gwlint: {message}（已跳过）", err=True)
            return None
        return fix_docx(read_path(t.path, t.display), rules, settings, unsafe, waivers)
    fmt = "md" if t.path.suffix.lower() == ".md" else "txt"
    try:
        data = t.path.read_bytes()
    except OSError as exc:
        raise InputError(t.display, f"无法读取文件（{exc.strerror or exc}）") from None
    out = fix_text(data, t.display, fmt, rules, settings, unsafe, None, waivers)
    if opts.get("fix"):
        if output:
            _refuse_input(Path(output), tasks)
            write_atomic(Path(output), out.data)
            echo(f"已把修改后的文稿写入 {output}", err=True)
        elif out.changed:
            bak = write_back(t.path, out, backup=not opts.get("no_backup"))
            echo(f"已修改 {t.display}" + (f"（原稿备份为 {bak}）" if bak else ""), err=True)
    return out


def _refuse_input(out: Path, tasks) -> None:
    from ..errors import UsageError

    for t in tasks:
        if t.path is not None and out.exists() and out.resolve() == t.path.resolve():
            raise UsageError(f"输出文件 {out} 就是被检查的文件：gwlint 不会覆盖原稿，请换一个文件名")


def summary(outcomes: list[Outcome], rules_by_code: dict, unsafe: bool, dry: bool = False) -> str:
    """Per rule: fixes applied (``dry``: that --fix would apply), findings left for a person
    (--statistics style)."""
    applied: Counter = Counter()
    left: Counter = Counter()
    unsafe_left = 0
    for out in outcomes:
        applied.update(out.counts())
        for f in out.remaining:
            if not f.waived:
                left[f.code] += 1
                unsafe_left += bool(f.fix is not None and not f.fixable(unsafe))
    codes = sorted(set(applied) | set(left))
    rows = []
    for code in codes:
        r = rules_by_code.get(code)
        rows.append(f"{applied[code]:6d} {left[code]:6d}  {code}  {r.name if r else ''}"
                    + (f"（{_SAFETY[r.fix]}）" if r is not None and r.fix else ""))
    verb = "可修改" if dry else "已修改"
    head = f"{verb}   待处理  规则"
    total = f"{'共可修改' if dry else '共修改'} {sum(applied.values())} 处，{sum(left.values())} 处需人工处理"
    if unsafe_left:
        total += f"（其中 {unsafe_left} 处有不保证正确的改法，可加 --unsafe-fixes 一并修改）"
    return "\n".join([head, *rows, total]) + "\n"
