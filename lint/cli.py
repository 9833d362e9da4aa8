"""The ``gwlint`` command. It only parses options and chooses; the work is elsewhere."""

from __future__ import annotations

import gc
import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .analysis.document_type import ALL_TYPES
from .errors import GwlintError, UsageError
from .model.finding import SEVERITIES
from .formats import DOC_FORMATS, FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gwlint")
def cli() -> None:
    """gwlint：公文（讲话稿、通知、请示、报告、总结……）文稿检查工具。"""




def _selection_options(f):
    """Options shared by check, waive and baseline: what to check and how."""
    for opt in reversed([
        click.option("-c", "--config", "config", type=click.Path(dir_okay=False),
                     help="配置文件（gwlint.yaml 或 pyproject.toml）；不指定时从被检查文件所在文件夹向上查找。"),
        click.option("--select", multiple=True, help="只运行这些规则（代码、名称、代码前缀或类别，逗号分隔）。"),
        click.option("--ignore", multiple=True, help="不运行这些规则（同上）。"),
        click.option("--preview", is_flag=True, help="同时运行预览（preview）状态的规则。"),
        click.option("--doctype", type=click.Choice(ALL_TYPES), help="文种；不指定时取配置，再不然从标题推断。"),
        click.option("--public/--no-public", default=None, help="文稿将公开发布：检查密级、“内部”等不应公开的标志。"),
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="并行检查的进程数（默认：CPU 核数）。"),
    ]):
        f = opt(f)
    return f


def _overrides(select, ignore, preview, doctype, public, fail_level=None, timing=False):
    from .config.settings import Overrides

    return Overrides(select=_split(select) or None, ignore=_split(ignore), preview=preview,
                     fail_level=fail_level, doctype=doctype, public=public, timing=timing)


def _run(paths, config, overrides, jobs, want_progress=True, keep_docs=False):
    """Plan, check and apply waivers: (report, plan). ``keep_docs``: the report prints the
    drafts' text (HTML, Markdown, Word comments), so the documents must come back from workers."""
    from .model.report import Report
    from .app.collect import Plan
    from .app.jobs import ProgressBar, default_jobs, run
    from .policy.waivers import apply, load_waivers

    plan = Plan(list(paths), overrides, config)
    timing_data: dict[str, float] | None = {} if overrides.timing else None
    stdin_data = sys.stdin.buffer.read() if "-" in paths else None
    bar = ProgressBar() if want_progress and sys.stderr.isatty() else None
    try:
        results = run(plan, jobs or default_jobs(), stdin_data, timing_data, bar, keep_docs=keep_docs)
    finally:
        if bar:
            bar.close()
    fail_levels = {s.fail_level for s, _ in plan.contexts.values()}
    report = Report(results, fail_level=min(fail_levels, key=SEVERITIES.index) if fail_levels else "warning",
                    rules=plan.rules, timing=timing_data, excluded=plan.excluded)
    for key, (settings, rules) in plan.contexts.items():
        mine = [r for t, r in zip(plan.tasks, results) if t.context == key]
        if settings.waivers_path is None or not mine:
            continue
        waivers = load_waivers(settings.waivers_path, settings.root)
        if waivers.entries:
            report.stale_waivers += apply(waivers, mine, {r.code for r in rules})
            report.waivers_path = str(settings.waivers_path)
    return report, plan


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="输出格式。")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="把结果写入文件，而不是标准输出。")
@_selection_options
@click.option("--fail-level", type=click.Choice(SEVERITIES), default=None,
              help="达到此级别的问题使退出码为 1（默认取配置，再不然为 warning）。")
@click.option("--annotate", type=click.Path(dir_okay=False),
              help="另存一份带批注的 Word 文稿：每个问题一条批注（只能检查一个文件）。")
@click.option("-v", "--verbose", is_flag=True, help="显示每个文件的编码、文种和字数。")
@click.option("--color/--no-color", default=None, help="是否使用颜色（默认：输出到终端时使用）。")
@click.option("--timing", is_flag=True, help="在标准错误输出每条规则的耗时（也可设 GWLINT_TIMING=1）。")
def check(paths, fmt, output, config, select, ignore, preview, doctype, public, jobs, fail_level,
          annotate, verbose, color, timing):
    """检查文稿（.docx、.txt、.md，文件夹，或 - 表示标准输入）。

    退出码：0 没有达到 --fail-level 的问题；1 有；2 用法错误、文件无法读取或规则、配置有误。
    """
    from .engine.rules import at_or_above

    if output:
        _refuse_overwrite(output, paths)
    if annotate:
        _refuse_overwrite(annotate, paths)
        if output and Path(output).resolve() == Path(annotate).resolve():
            raise UsageError("--annotate 与 -o 不能是同一个文件")
    overrides = _overrides(select, ignore, preview, doctype, public, fail_level,
                           timing or os.environ.get("GWLINT_TIMING") == "1")
    report, plan = _run(paths, config, overrides, jobs,
                        keep_docs=bool(annotate) or fmt in DOC_FORMATS)
    if annotate:
        _annotate(plan, report, annotate)
    for r in report.errors:
        click.echo(f"gwlint: {r.path}: {r.error}", err=True)
    for w in report.stale_waivers:
        click.echo(f"gwlint: {w.origin}:{w.line}: 豁免 {w.rule}（{w.file}，原文“{w.text}”）已不再匹配任何问题，可以删去",
                   err=True)
    from .formats import render

    use_color = (color if color is not None else (output is None and sys.stdout.isatty()
                                                    and "NO_COLOR" not in os.environ))
    text = render(fmt, report, color=use_color, verbose=verbose)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False, color=use_color)
    if report.timing is not None:
        _print_timing(report.timing, report)
    if report.errors:
        sys.exit(EXIT_ERROR)
    levels = {t.display: plan.contexts[t.context][0].fail_level for t in plan.tasks}
    failing = any(at_or_above(r.findings, levels.get(r.path, report.fail_level)) for r in report.results)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


def _annotate(plan, report, out: str) -> None:
    from .formats.docx_comments import annotate

    tasks = [t for t in plan.tasks if t.error is None]
    if len(tasks) != 1:
        raise UsageError(f"--annotate 只能用于一个文稿（这次要检查 {len(tasks)} 个）")
    result = report.results[tasks[0].index]
    if result.error:
        return
    annotate(result, tasks[0].path, Path(out))
    click.echo(f"已写入带批注的文稿 {out}（{sum(1 for f in result.findings if not f.waived)} 条批注）", err=True)


def _refuse_overwrite(output: str, paths) -> None:
    out = Path(output).resolve()
    for p in paths:
        if p != "-" and Path(p).exists() and Path(p).resolve() == out:
            raise UsageError(f"输出文件 {output} 就是被检查的文件：gwlint 不会覆盖原稿，请换一个文件名")


@cli.command("config")
@click.option("--show", is_flag=True, help="显示合并后的配置（预设、配置文件与命令行）。")
@click.option("-c", "--config", "config", type=click.Path(dir_okay=False), help="配置文件；不指定时从当前文件夹向上查找。")
@click.argument("path", required=False)
def config_cmd(show, config, path):
    """查看配置：gwlint config --show [文稿或文件夹]。"""
    from .config.settings import resolve
    from .config.file import find_config, load_config

    cfg_path = Path(config) if config else find_config(Path(path) if path else Path.cwd())
    cfg = load_config(cfg_path)
    settings, rules = resolve(cfg)
    data = cfg.as_dict()
    data["fail-level"] = settings.fail_level
    data["rules-run"] = [r.code for r in rules]
    if cfg.reference_dirs:  # which word lists the folders replace or extend, from which files
        from .engine.wordlists import list_origins

        data["word-lists"] = list_origins(cfg.reference_dirs)
    import yaml

    if not show:
        click.echo(f"配置文件：{cfg_path or '（无，使用默认设置）'}；运行 {len(rules)} 条规则。用 --show 查看详情。")
        return
    click.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), nl=False)
    from .cache import get_cache

    # Where runs keep their start-up cache: a comment, so the output stays a valid configuration.
    cache_path = get_cache().path
    click.echo(f"# 启动缓存：{cache_path if cache_path else '已关闭（GWLINT_NO_CACHE）'}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_selection_options
@click.option("--rule", "rule_codes", multiple=True, help="只豁免这些规则的问题（代码或名称，可重复）。")
@click.option("--line", "lines", type=int, multiple=True, help="只豁免这些行（段）上的问题（可重复）。")
@click.option("--text", "texts", multiple=True, help="只豁免原文为此的问题（可重复）。")
@click.option("--reason", required=True, help="为什么可以保留（写入豁免文件）。")
def waive(paths, config, select, ignore, preview, doctype, public, jobs, rule_codes, lines, texts, reason):
    """把当前的问题（可按 --rule、--line、--text 筛选）记入豁免文件 gwlint-waivers.yaml。"""
    _write_waivers(paths, config, _overrides(select, ignore, preview, doctype, public), jobs,
                   reason, rule_codes, lines, texts, baseline=False)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_selection_options
@click.option("--reason", default="基线：启用 gwlint 时已有的问题，暂不处理", show_default=True,
              help="写入每条新豁免的理由。")
def baseline(paths, config, select, ignore, preview, doctype, public, jobs, reason):
    """把当前所有问题记为豁免（基线），并删去已不再匹配的旧豁免；已有豁免的理由保留。"""
    _write_waivers(paths, config, _overrides(select, ignore, preview, doctype, public), jobs,
                   reason, (), (), (), baseline=True)


def _write_waivers(paths, config, overrides, jobs, reason, rule_codes, lines, texts, baseline):
    from .policy.waivers import Waiver, load_waivers, relative

    if not reason.strip():
        raise UsageError("--reason 不能为空：写明为什么可以保留这些问题")
    report, plan = _run(paths, config, overrides, jobs, want_progress=False)
    for r in report.errors:
        click.echo(f"gwlint: {r.path}: {r.error}", err=True)
    if report.errors:
        sys.exit(EXIT_ERROR)
    targets = {plan.contexts[t.context][0].waivers_path for t in plan.tasks}
    if len(targets) != 1:
        raise UsageError("这些文稿属于不同的配置（豁免文件不同），请分别运行")
    path = targets.pop()
    roots = {plan.contexts[t.context][0].root for t in plan.tasks}
    waivers = load_waivers(path, roots.pop())
    known = {}
    for ctx_key, (settings, rules) in plan.contexts.items():
        for rule in rules:
            known[rule.code] = rule
    wanted = set()
    for c in rule_codes:
        rule = next((r for r in known.values() if c in (r.code, r.name, *r.aliases)), None)
        if rule is None:
            raise UsageError(f"这次检查没有运行规则“{c}”")
        wanted.add(rule.code)
    added = 0
    for res in report.results:
        rel = relative(res.path, waivers.root)
        for f, digest in zip(res.findings, res.fingerprints):
            if f.waived or (wanted and f.code not in wanted) or (lines and f.line not in lines) \
                    or (texts and f.text not in texts):
                continue
            added += waivers.add(Waiver(f.code, rel, digest, reason.strip(), f.text))
    removed = 0
    if baseline:
        stale = {id(w) for w in report.stale_waivers}
        keep = [w for w in waivers.entries if id(w) not in stale
                and not any(s.rule == w.rule and s.file == w.file and s.hash == w.hash for s in report.stale_waivers)]
        removed = len(waivers.entries) - len(keep)
        waivers.entries = keep
    elif not added:
        click.echo("gwlint: 没有符合条件、尚未豁免的问题，豁免文件未改动", err=True)
        sys.exit(EXIT_FINDINGS)
    waivers.save()
    extra = f"，删去 {removed} 条已失效的豁免" if removed else ""
    click.echo(f"已写入 {path}：新增 {added} 条豁免{extra}，共 {len(waivers.entries)} 条。")


def _print_timing(timing: dict[str, float], report) -> None:
    chars = sum(r.chars for r in report.results)
    total = sum(timing.values())
    click.echo(f"规则耗时（共 {total * 1000:.1f} ms，{chars} 个汉字）：", err=True)
    for code, secs in sorted(timing.items(), key=lambda kv: -kv[1]):
        rate = f"{chars / secs / 1e6:.2f} 百万字/秒" if secs > 0 else "-"
        click.echo(f"  {code}  {secs * 1000:8.2f} ms  {rate}", err=True)


@cli.command("rules")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_cmd(fmt):
    """列出所有规则：代码、名称、类别、级别、状态、依据。"""
    from .engine.rules import CATEGORIES, load_rules
    from .formats.ruledocs import STATUS_LABEL

    ruleset = load_rules()
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "category": r.category,
                                "severity": r.severity, "status": r.status, "kind": r.kind,
                                "basis": r.basis, "aliases": list(r.aliases)} for r in ruleset],
                              ensure_ascii=False, indent=2))
        return
    for r in ruleset:
        basis = r.basis.split("：")[0].split(":")[0]
        click.echo(f"{r.code}  {r.name:<32} {CATEGORIES[r.category][1]:<8} {r.severity:<10} "
                   f"{STATUS_LABEL[r.status]:<10} {basis}")


@cli.command()
@click.argument("code")
def explain(code):
    """说明一条规则：为什么、依据、应报与不应报的例子。"""
    from .engine.rules import load_rules
    from .formats.ruledocs import explain as explain_rule

    rule = load_rules().get(code)
    if rule is None:
        raise UsageError(f"没有代码、名称或别名为“{code}”的规则（用 gwlint rules 查看所有规则）")
    click.echo(explain_rule(rule), nl=False)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="docs/rules.md", show_default=True)
@click.option("--check", "check_only", is_flag=True, help="只检查文件是否为最新，不写入。")
def docs(output, check_only):
    """从规则文件生成规则文档（docs/rules.md）。"""
    from .engine.rules import load_rules
    from .formats.ruledocs import markdown

    text = markdown(load_rules())
    path = Path(output)
    if check_only:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            click.echo(f"{output} 不是最新的，请运行 gwlint docs 重新生成。", err=True)
            sys.exit(EXIT_FINDINGS)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"已写入 {output}")


@cli.command("outline")
@click.argument("path")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def outline_cmd(path, fmt):
    """显示 gwlint 读出的文稿结构：组成部分（版头、标题、主送、正文、落款、附件、版记），再是带行号的层次结构。"""
    from .formats.outline import render
    from .readers import read_path

    click.echo(render(read_path(Path(path)), fmt), nl=False)


def main(argv=None) -> None:
    # A run is short and keeps nearly all it allocates (rules, documents) to the end: collect
    # cycles less often than Python's default of every 700 new objects (2-3% faster, same peak
    # memory on the 2 MB draft). Only the command does this, not ``import lint``.
    gc.set_threshold(100_000, 50, 100)
    try:
        cli.main(args=argv, prog_name="gwlint", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("gwlint: 已中止", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR)
    except GwlintError as exc:
        click.echo(f"gwlint: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # never a traceback for the user; GWLINT_DEBUG=1 shows one
        if os.environ.get("GWLINT_DEBUG"):
            raise
        click.echo(f"gwlint: 内部错误（{type(exc).__name__}: {exc}）。请设置 GWLINT_DEBUG=1 重新运行并报告此问题。", err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()
