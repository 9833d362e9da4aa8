"""The ``gwlint`` command. It only parses options and chooses; the work is elsewhere."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .config import Settings
from .doctype import ALL_TYPES
from .errors import GwlintError, UsageError
from .finding import SEVERITIES

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gwlint")
def cli() -> None:
    """gwlint：公文（讲话稿、通知、请示、报告、总结……）文稿检查工具。"""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="输出格式。")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="把结果写入文件，而不是标准输出。")
@click.option("--select", multiple=True, help="只运行这些规则（代码、名称、代码前缀或类别，逗号分隔）。")
@click.option("--ignore", multiple=True, help="不运行这些规则（同上）。")
@click.option("--preview", is_flag=True, help="同时运行预览（preview）状态的规则。")
@click.option("--fail-level", type=click.Choice(SEVERITIES), default="warning", show_default=True,
              help="达到此级别的问题使退出码为 1。")
@click.option("--doctype", type=click.Choice(ALL_TYPES), help="文种；不指定时从标题推断。")
@click.option("--public", is_flag=True, help="文稿将公开发布：检查密级、“内部”等不应公开的标志。")
@click.option("-v", "--verbose", is_flag=True, help="显示每个文件的编码、文种和字数。")
@click.option("--color/--no-color", default=None, help="是否使用颜色（默认：输出到终端时使用）。")
@click.option("--timing", is_flag=True, help="在标准错误输出每条规则的耗时（也可设 GWLINT_TIMING=1）。")
def check(paths, fmt, output, select, ignore, preview, fail_level, doctype, public, verbose, color, timing):
    """检查文稿（.docx、.txt、.md，文件夹，或 - 表示标准输入）。

    退出码：0 没有达到 --fail-level 的问题；1 有；2 用法错误、文件无法读取或规则、配置有误。
    """
    from .engine import known_selector, load_rules, select_rules
    from .report import Report
    from .runner import collect, check_one

    settings = Settings(select=_split(select) or None, ignore=_split(ignore), preview=preview,
                        fail_level=fail_level, doctype=doctype, public=public,
                        timing=timing or os.environ.get("GWLINT_TIMING") == "1")
    ruleset = load_rules(settings.rule_dirs, settings.reference_dirs)
    for s in (settings.select or []) + settings.ignore:
        if not known_selector(ruleset, s):
            raise UsageError(f"未知的规则、代码前缀或类别“{s}”（用 gwlint rules 查看所有规则）")
    rules = select_rules(ruleset, settings.select, settings.ignore, settings.preview)
    if output:
        _refuse_overwrite(output, paths)
    timing_data: dict[str, float] | None = {} if settings.timing else None
    stdin_data = sys.stdin.buffer.read() if "-" in paths else None
    results = [check_one(name, path, rules, settings, stdin_data, timing_data) if err is None
               else _error_result(name, err)
               for name, path, err in collect(list(paths))]
    report = Report(results, fail_level=fail_level, rules=rules, timing=timing_data)
    for r in report.errors:
        click.echo(f"gwlint: {r.path}: {r.error}", err=True)
    from .formats import render

    use_color = (color if color is not None else (output is None and sys.stdout.isatty()
                                                    and "NO_COLOR" not in os.environ))
    text = render(fmt, report, color=use_color, verbose=verbose)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False, color=use_color)
    if timing_data is not None:
        _print_timing(timing_data, report)
    from .engine import at_or_above

    if report.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if at_or_above(report.findings, fail_level) else EXIT_OK)


def _error_result(name, err):
    from .report import FileResult

    return FileResult(name, error=err)


def _refuse_overwrite(output: str, paths) -> None:
    out = Path(output).resolve()
    for p in paths:
        if p != "-" and Path(p).exists() and Path(p).resolve() == out:
            raise UsageError(f"输出文件 {output} 就是被检查的文件：gwlint 不会覆盖原稿，请换一个文件名")


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
    from .engine import CATEGORIES, load_rules
    from .ruledocs import STATUS_LABEL

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
    from .engine import load_rules
    from .ruledocs import explain as explain_rule

    rule = load_rules().get(code)
    if rule is None:
        raise UsageError(f"没有代码、名称或别名为“{code}”的规则（用 gwlint rules 查看所有规则）")
    click.echo(explain_rule(rule), nl=False)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="docs/rules.md", show_default=True)
@click.option("--check", "check_only", is_flag=True, help="只检查文件是否为最新，不写入。")
def docs(output, check_only):
    """从规则文件生成规则文档（docs/rules.md）。"""
    from .engine import load_rules
    from .ruledocs import markdown

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


def main(argv=None) -> None:
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
