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
# Exit codes (README "Exit codes"): findings, usage/input/config error, internal error, interrupted.
from .policy.exit import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_INTERRUPT
from . import cli_zh
from .cli_zh import Choice, IntRange, OutputPath, option


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _echo_err(text: str) -> None:
    click.echo(text, err=True)


@click.group(cls=cli_zh.Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="gwlint", message="%(prog)s %(version)s",
                      help="显示版本并退出。")
def cli() -> None:
    """gwlint：公文（讲话稿、通知、请示、报告、总结……）文稿检查工具。"""


def _selection_options(f):
    """Options shared by check, waive and baseline: what to check and how."""
    for opt in reversed([
        option("-c", "--config", "config", type=OutputPath(), metavar="文件",
               help="配置文件（gwlint.yaml 或 pyproject.toml）；不指定时从被检查文件所在文件夹向上查找。"),
        option("--select", multiple=True, metavar="规则",
               help="只运行这些规则：代码、名称、代码前缀、类别或 ALL，不分大小写，逗号分隔。"),
        option("--extend-select", multiple=True, metavar="规则", help="在默认（或配置所选）的规则之外再运行这些规则。"),
        option("--ignore", multiple=True, metavar="规则", help="不运行这些规则（写法同 --select）。"),
        option("--preview", is_flag=True, help="同时运行预览（preview）状态的规则。"),
        option("--doctype", type=Choice(ALL_TYPES), help="文种；不指定时取配置，再不然从标题推断。"),
        option("--public/--no-public", default=None, help="文稿将公开发布：检查密级、“内部”等不应公开的标志。"),
        option("--exclude", multiple=True, metavar="GLOB", help="不检查这些文件（取代配置中的 exclude；逗号分隔）。"),
        option("--extend-exclude", multiple=True, metavar="GLOB", help="在配置的 exclude 之外，另外不检查这些文件。"),
        option("--stdin-filename", metavar="文件名",
               help="从标准输入（-）读入的文稿的文件名：用于报告、判断格式和查找配置。"),
        option("-j", "--jobs", type=IntRange(min=1), default=None, metavar="N",
               help="并行检查的进程数（默认：CPU 核数）。"),
    ]):
        f = opt(f)
    return f


def _overrides(select, extend_select, ignore, preview, doctype, public, exclude=(), extend_exclude=(),
               fail_level=None, timing=False):
    from .config.settings import Overrides

    return Overrides(select=_split(select) or None, extend_select=_split(extend_select), ignore=_split(ignore),
                     preview=preview, fail_level=fail_level, doctype=doctype, public=public, timing=timing,
                     exclude=_split(exclude) or None, extend_exclude=_split(extend_exclude))


def _fix_options(f):
    """--fix, --diff, --unsafe-fixes, --no-backup, --tracked: the work is in lint/app/fix_command.py."""
    for opt in reversed([
        option("--fix", is_flag=True, help="按可靠的改法直接修改文稿（.txt、.md；原稿另存为 .bak）；与 -o 同用时把修改后的文稿写到 -o。"),
        option("--diff", is_flag=True, help="只显示将作的修改（unified diff），不写任何文件。"),
        option("--unsafe-fixes", is_flag=True, help="也采用不保证正确、需要人工确认的改法。"),
        option("--no-backup", is_flag=True, help="--fix 时不保留 .bak 备份。"),
        option("--tracked", type=OutputPath(), metavar="文件",
               help="另存一份 Word 文稿：每处修改是一条修订（作者 gwlint），其余问题是批注（只能检查一个文件）。"),
    ]):
        f = opt(f)
    return f


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="文稿...")
@option("-f", "--format", "--output-format", "fmt", type=Choice(FORMATS), default="text",
        show_default=True, help="输出格式（--output-format 为同义写法）。")
@option("-o", "--output", type=OutputPath(), metavar="文件", help="把结果写入文件，而不是标准输出。")
@_selection_options
@option("--fail-level", type=Choice(SEVERITIES), default=None,
        help="达到此级别的问题使退出码为 1（默认取配置，再不然为 warning）。")
@option("--exit-zero", is_flag=True, help="有问题时退出码也为 0（无法检查的文件仍为 2）。")
@option("--statistics", is_flag=True, help="只输出每条规则的问题数，从多到少。")
@option("-q", "--quiet", count=True, help="-q 只输出问题，不要汇总；-qq 只输出汇总。")
@option("--show-source/--no-show-source", default=None,
        help="在每个问题下列出所在文句并标出位置（默认：输出到终端时列出）。")
@option("--annotate", type=OutputPath(), metavar="文件",
        help="另存一份带批注的 Word 文稿：每个问题一条批注（只能检查一个文件）。")
@option("-v", "--verbose", is_flag=True, help="显示每个文件的编码、文种和字数（机器格式时写到标准错误）。")
@option("--color/--no-color", default=None, help="是否使用颜色（默认：输出到终端时使用）。")
@option("--timing", is_flag=True, help="在标准错误输出每条规则的耗时（也可设 GWLINT_TIMING=1）。")
@_fix_options
def check(paths, fmt, output, config, select, extend_select, ignore, preview, doctype, public, exclude,
          extend_exclude, stdin_filename, jobs, fail_level, exit_zero, statistics, quiet, show_source,
          annotate, verbose, color, timing, **fix_opts):
    """检查文稿（.docx、.txt、.md，文件夹，或 - 表示标准输入）。

    退出码：0 没有达到 --fail-level 的问题；1 有；2 用法错误、文件无法读取或规则、配置有误；3 内部错误；130 被中断。
    """
    from .app.run import annotate as write_annotated, exit_code, run_check, write_report
    from .formats import render
    from .formats.common import printable

    if annotate and Path(annotate).suffix.lower() != ".docx":
        raise UsageError(f"--annotate 的输出文件应以 .docx 结尾：{printable(annotate)}")
    if stdin_filename and "-" not in paths:
        raise UsageError("--stdin-filename 只用于从标准输入（-）读入的文稿")
    overrides = _overrides(select, extend_select, ignore, preview, doctype, public, exclude, extend_exclude,
                           fail_level, timing or os.environ.get("GWLINT_TIMING") == "1")
    to_terminal = output is None and sys.stdout.isatty()
    if show_source is None:
        show_source = to_terminal
    report, plan = run_check(paths, config, overrides, jobs, stdin_name=stdin_filename,
                             # reports that print the drafts need their text back from the
                             # workers; the text report only the paragraphs it quotes
                             keep_docs=bool(annotate) or (not statistics and fmt in DOC_FORMATS)
                             or ("quoted" if not statistics and fmt == "text" else False),
                             outputs=[("output", output), ("annotate", annotate), ("fix", fix_opts.get("tracked"))],
                             say=_echo_err)
    if annotate:
        n = write_annotated(plan, report, annotate)
        if n is not None:
            _echo_err(f"已写入带批注的文稿 {printable(annotate)}（{n} 条批注）")
    if any(fix_opts.values()):  # --fix, --diff, --tracked (lint/app/fix_command.py)
        from .app.fix_command import run_cli

        output, code = run_cli(plan, report, fix_opts, output, click.echo)
        if code is not None:
            sys.exit(code)
    for r in report.errors:
        _echo_err(f"gwlint: {printable(r.path)}: {printable(r.error)}")
    for w in report.stale_waivers:
        _echo_err(f"gwlint: {printable(w.origin)}:{w.line}: 豁免 {w.rule}（{printable(w.file)}，"
                  f"原文“{printable(w.text)}”）已不再匹配任何问题，可以删去")
    use_color = color if color is not None else (to_terminal and "NO_COLOR" not in os.environ)
    if verbose and fmt != "text":  # machine formats stay machine-readable: the notes go to stderr
        from .formats.text import verbose_line

        for r in report.results:
            if not r.error:
                _echo_err(verbose_line(r))
    if statistics:
        from .formats.statistics import render as render_statistics

        text = render_statistics(report, "json" if fmt == "json" else "text")
    else:
        text = render(fmt, report, color=use_color, verbose=verbose, quiet=quiet, show_source=show_source)
    if output:
        if write_report(output, fmt, text):
            _echo_err(f"gwlint: 已新建文件夹 {printable(Path(output).parent)}")
    else:
        click.echo(text, nl=False, color=use_color)
    if report.timing is not None:
        _print_timing(report.timing, report)
    sys.exit(exit_code(report, plan, exit_zero))


@cli.command("config")
@option("--show", is_flag=True, help="显示合并后的配置（预设、配置文件与命令行）。")
@option("-c", "--config", "config", type=OutputPath(), metavar="文件", help="配置文件；不指定时从当前文件夹向上查找。")
@click.argument("path", required=False, metavar="[文稿或文件夹]")
def config_cmd(show, config, path):
    """查看配置：gwlint config --show [文稿或文件夹]。"""
    from .app.config_view import describe

    view = describe(config, path)
    if not show:
        click.echo(f"配置文件：{view.path or '（无，使用默认设置）'}；运行 {view.rules} 条规则。用 --show 查看详情。")
        return
    click.echo(view.yaml, nl=False)
    # Where runs keep their start-up cache: a comment, so the output stays a valid configuration.
    click.echo(f"# 启动缓存：{view.cache if view.cache else '已关闭（GWLINT_NO_CACHE）'}")


def _waiver_options(f):
    for opt in reversed([click.argument("paths", nargs=-1, required=True, metavar="文稿..."), _selection_options]):
        f = opt(f)
    return f


@cli.command()
@_waiver_options
@option("--rule", "rule_codes", multiple=True, metavar="规则", help="只豁免这些规则的问题（代码或名称，可重复）。")
@option("--line", "lines", type=cli_zh.Int(), multiple=True, metavar="N", help="只豁免这些行（段）上的问题（可重复）。")
@option("--text", "texts", multiple=True, metavar="原文", help="只豁免原文为此的问题（可重复）。")
@option("--reason", required=True, metavar="理由", help="为什么可以保留（写入豁免文件）。")
def waive(paths, config, select, extend_select, ignore, preview, doctype, public, exclude, extend_exclude,
          stdin_filename, jobs, rule_codes, lines, texts, reason):
    """把当前的问题（可按 --rule、--line、--text 筛选）记入豁免文件 gwlint-waivers.yaml。"""
    _write_waivers(paths, config, _overrides(select, extend_select, ignore, preview, doctype, public, exclude,
                                             extend_exclude), jobs, reason, rule_codes, lines, texts, baseline=False,
                   stdin_name=stdin_filename)


@cli.command()
@_waiver_options
@option("--reason", default="基线：启用 gwlint 时已有的问题，暂不处理", show_default=True, metavar="理由",
        help="写入每条新豁免的理由。")
def baseline(paths, config, select, extend_select, ignore, preview, doctype, public, exclude, extend_exclude,
             stdin_filename, jobs, reason):
    """把当前所有问题记为豁免（基线），并删去已不再匹配的旧豁免；已有豁免的理由保留。"""
    _write_waivers(paths, config, _overrides(select, extend_select, ignore, preview, doctype, public, exclude,
                                             extend_exclude), jobs, reason, (), (), (), baseline=True,
                   stdin_name=stdin_filename)


def _write_waivers(paths, config, overrides, jobs, reason, rule_codes, lines, texts, baseline, stdin_name=None):
    from .app.waive import write_waivers
    from .formats.common import printable

    done = write_waivers(paths, config, overrides, jobs, reason, rule_codes, lines, texts, baseline, stdin_name,
                         say=_echo_err)
    if done.report is not None:
        for r in done.report.errors:
            _echo_err(f"gwlint: {printable(r.path)}: {printable(r.error)}")
        sys.exit(EXIT_ERROR)
    if not baseline and not done.added:
        _echo_err("gwlint: 没有符合条件、尚未豁免的问题，豁免文件未改动")
        sys.exit(EXIT_FINDINGS)
    extra = f"，删去 {done.removed} 条已失效的豁免" if done.removed else ""
    click.echo(f"已写入 {printable(done.path)}：新增 {done.added} 条豁免{extra}，共 {done.total} 条。")


def _print_timing(timing: dict[str, float], report) -> None:
    chars = sum(r.chars for r in report.results)
    total = sum(timing.values())
    click.echo(f"规则耗时（共 {total * 1000:.1f} ms，{chars} 个汉字）：", err=True)
    for code, secs in sorted(timing.items(), key=lambda kv: -kv[1]):
        rate = f"{chars / secs / 1e6:.2f} 百万字/秒" if secs > 0 else "-"
        click.echo(f"  {code}  {secs * 1000:8.2f} ms  {rate}", err=True)


@cli.command("rules")
@option("-f", "--format", "--output-format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True,
        help="输出格式。")
def rules_cmd(fmt):
    """列出所有规则：代码、名称、类别、级别、状态、依据；最后列出 --select 可用的类别。"""
    from .engine.rules import CATEGORIES, load_rules
    from .formats.ruledocs import rule_lines

    ruleset = load_rules()
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "category": r.category,
                                "category_label": CATEGORIES[r.category][1],
                                "severity": r.severity, "status": r.status, "kind": r.kind,
                                "basis": r.basis, "aliases": list(r.aliases), "fix": r.fix} for r in ruleset],
                              ensure_ascii=False, indent=2))
        return
    click.echo("\n".join(rule_lines(ruleset)))


@cli.command()
@click.argument("code", metavar="规则")
def explain(code):
    """说明一条规则：为什么、依据、应报与不应报的例子。"""
    from .engine.rules import load_rules
    from .formats.ruledocs import explain as explain_rule

    from .policy.selection import close_matches

    ruleset = load_rules()
    rule = ruleset.get(code)
    if rule is None:
        near = [n for n in close_matches(ruleset, code) if ruleset.get(n) is not None]
        hint = f"，是否想找：{'、'.join(near)}" if near else ""
        raise UsageError(f"没有代码、名称或别名为“{code}”的规则{hint}（用 gwlint rules 查看所有规则）")
    click.echo(explain_rule(rule), nl=False)


@cli.command()
@option("-o", "--output", type=OutputPath(), default="docs/rules.md", show_default=True, metavar="文件",
        help="写入的文件。")
@option("--check", "check_only", is_flag=True, help="只检查文件是否为最新，不写入。")
@option("--force", is_flag=True, help="覆盖已有的、内容不同的文件。")
def docs(output, check_only, force):
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
    from .app.outputs import guard, write_atomic

    guard([("docs", path)], [])
    if path.is_file() and not force:
        current = path.read_bytes()
        if current == text.encode("utf-8"):
            click.echo(f"{output} 已是最新，未改动")
            return
        if "由 `gwlint docs`".encode("utf-8") not in current[:1024]:  # not a list it wrote
            raise UsageError(f"{output} 已存在且内容不同：gwlint 不会覆盖它；确认要覆盖请加 --force")
    if write_atomic(path, text):
        click.echo(f"已新建文件夹 {path.parent}")
    click.echo(f"已写入 {output}")


@cli.command("outline")
@click.argument("path")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def outline_cmd(path, fmt):
    """显示 gwlint 读出的文稿结构：组成部分（版头、标题、主送、正文、落款、附件、版记），再是带行号的层次结构（- 表示标准输入）。"""
    from .formats.outline import render
    from .readers import read_path, read_stdin

    doc = read_stdin(sys.stdin.buffer.read()) if path == "-" else read_path(Path(path))
    click.echo(render(doc, fmt), nl=False)


@cli.command("new-rule")
@click.argument("category", metavar="类别")
@click.argument("name", metavar="名称")
@option("--kind", default="pattern", show_default=True,
        type=Choice(["pattern", "phrase", "substitution", "metric", "python"]), help="规则种类。")
@option("--dir", "folder", type=click.Path(file_okay=False), default=None, metavar="文件夹",
        help="规则文件夹（默认 rules/；单位自己的规则放在配置的 rule-dirs 中）。")
def new_rule_cmd(category, name, kind, folder):
    """新建一条规则的骨架：gwlint new-rule 类别 名称（代码自动编号，状态为 preview）。"""
    from .app.scaffold import new_rule

    path = new_rule(category, name, kind, Path(folder) if folder else None)
    click.echo(f"已新建 {path}：请填写 message、why、basis 和规则内容，并把例句换成真实的句子"
               f"（fail 应报告，pass 不应报告），再运行 python -m pytest tests/test_rule_examples.py。")


def main(argv=None) -> None:
    """The command line. As the ``gwlint`` program (no ``argv``: the arguments are the
    process's), the process ends as soon as the run is done and its output flushed: tearing down
    the interpreter would free every object of the run one by one (the rules, the word lists,
    the draft's analyses), some 60 ms after a 2 MB draft for nothing. Called with ``argv`` (tests,
    programs running the command in their own process), it ends with ``SystemExit`` as usual."""
    if argv is not None:
        return _main(argv)
    try:
        _main(None)
        code = 0
    except SystemExit as exc:
        code = exc.code
    _leave(code)


def _leave(code) -> None:
    """End the process at once with ``code`` (as ``sys.exit`` reads it), after what an ordinary
    exit does that matters: the exit handlers run and the standard streams are flushed."""
    import atexit

    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None:  # not CPython: exit the ordinary way
        sys.exit(code)
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (gwlint check … | head)
            code = code or EXIT_ERROR
    os._exit(code)


def _main(argv) -> None:
    # A run is short and keeps nearly all it allocates (rules, documents) to the end: collect
    # cycles less often than Python's default of every 700 new objects (2-3% faster, same peak
    # memory on the 2 MB draft). Only the command does this, not ``import lint``.
    gc.set_threshold(100_000, 50, 100)
    try:
        cli.main(args=argv, prog_name="gwlint", standalone_mode=False)
    except click.exceptions.Abort as exc:  # click turns Ctrl-C into Abort
        click.echo("gwlint: 已中止", err=True)
        sys.exit(EXIT_INTERRUPT if isinstance(exc.__context__, KeyboardInterrupt) else EXIT_ERROR)
    except click.ClickException as exc:
        cli_zh.show(exc, _echo_err)
        sys.exit(EXIT_ERROR)
    except GwlintError as exc:
        click.echo(f"gwlint: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("gwlint: 已中止", err=True)
        sys.exit(EXIT_INTERRUPT)
    except Exception as exc:  # never a traceback for the user; GWLINT_DEBUG=1 shows one
        if os.environ.get("GWLINT_DEBUG"):
            raise
        click.echo(f"gwlint: 内部错误（{type(exc).__name__}: {exc}）。请设置 GWLINT_DEBUG=1 重新运行并报告此问题。", err=True)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
