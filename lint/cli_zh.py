"""click in Chinese: the help page and click's own usage errors, by subclassing click's classes
(a Context with a Chinese help formatter, Command and Group classes, parameter types with
Chinese messages) and by rendering each usage error from its fields. click itself is untouched.
"""

from __future__ import annotations

import difflib
import re

import click

from .text.chinese import han_count

HEADINGS = {"Options": "选项", "Commands": "命令", "Positional arguments": "参数", "Arguments": "参数"}
HELP_TEXT = "显示此帮助并退出。"


class Formatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="用法：")

    def section(self, name: str):
        return super().section(HEADINGS.get(name, name))

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """Two columns measured in display width (a Chinese character takes two), the second
        wrapped to the terminal."""
        rows = list(rows)
        first = min(max((_width(a) for a, _ in rows), default=0), col_max)
        indent = self.current_indent
        text_width = max(self.width - indent - first - col_spacing, 20)
        for term, text in rows:
            self.write(f"{'':>{indent}}{term}")
            lines = _wrap(text, text_width) if text else []
            if not lines:
                self.write("\n")
                continue
            if _width(term) <= first:
                self.write(" " * (first - _width(term) + col_spacing) + lines[0] + "\n")
            else:
                self.write("\n" + " " * (indent + first + col_spacing) + lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (indent + first + col_spacing) + line + "\n")


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` columns, at spaces or between Chinese
    characters, never before a closing mark."""
    lines, line, w = [], "", 0
    for word in re.findall(r"[A-Za-z0-9_./<>=\-\[\]|]+|\s+|.", " ".join(text.split())):
        ww = _width(word)
        if w + ww > width and line.strip() and word not in "，。；：、）］”":
            lines.append(line.rstrip())
            line, w = ("", 0) if word.isspace() else (word, ww)
            continue
        line += word
        w += ww
    if line.strip():
        lines.append(line.rstrip())
    return lines


class Context(click.Context):
    formatter_class = Formatter


class Option(click.Option):
    def get_help_record(self, ctx):
        record = super().get_help_record(ctx)  # the option's names and metavar, as click writes them
        if record is None:
            return None
        help_ = self.help or ""
        extra = self.get_help_extra(ctx)
        items = []
        if "default" in extra:
            items.append(f"默认：{extra['default']}")
        if "range" in extra:
            items.append(f"范围：{extra['range']}")
        if "required" in extra:
            items.append("必需")
        if items:
            help_ = f"{help_}［{'；'.join(items)}］"
        return record[0], help_


def _with_context(parse):
    """A usage error raised by click's option parser carries no context; give it the command's,
    so that the usage line can be shown with it."""
    def parse_args(self, ctx, args):
        try:
            return parse(self, ctx, args)
        except click.UsageError as exc:
            if exc.ctx is None:
                exc.ctx = ctx
            raise
    return parse_args


class Command(click.Command):
    context_class = Context

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    parse_args = _with_context(click.Command.parse_args)

    def get_help_option(self, ctx):
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = HELP_TEXT
        return opt


class Group(click.Group):
    context_class = Context
    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx):
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = HELP_TEXT
        return opt

    parse_args = _with_context(click.Group.parse_args)

    def resolve_command(self, ctx, args):
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None \
                and self.get_command(ctx, ctx.token_normalize_func(name) if ctx.token_normalize_func else name) is None:
            near = difflib.get_close_matches(name, self.list_commands(ctx), n=3)
            hint = f"，是否想用：{'、'.join(near)}" if near else ""
            raise click.UsageError(f"没有“{name}”这个命令{hint}", ctx)
        return super().resolve_command(ctx, args)


def option(*decls, **attrs):
    attrs.setdefault("cls", Option)
    return click.option(*decls, **attrs)


# --- parameter types with Chinese messages ------------------------------------------------------

class Choice(click.Choice):
    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(f"“{value}”不是可选的值（可选：{'、'.join(map(str, self.choices))}）", param, ctx)


class IntRange(click.IntRange):
    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            low = f"不小于 {self.min} 的" if self.min is not None else ""
            self.fail(f"“{value}”不可用：应为{low}整数", param, ctx)


class Int(click.types.IntParamType):
    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(f"“{value}”不是整数", param, ctx)


class OutputPath(click.Path):
    """A file path (never a folder) with Chinese messages."""

    def __init__(self, **kwargs):
        kwargs.setdefault("dir_okay", False)
        super().__init__(**kwargs)

    def convert(self, value, param, ctx):
        import os

        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            if os.path.isdir(value):
                self.fail(f"“{value}”是一个文件夹，这里需要文件名", param, ctx)
            self.fail(f"“{value}”不可用", param, ctx)


# --- usage errors ---------------------------------------------------------------------------------

_EXTRA = re.compile(r"^Got unexpected extra arguments? \((.*)\)$", re.S)


def describe(exc: click.ClickException) -> str:
    """A usage error in Chinese, from the exception's fields (its English text only where click
    keeps nothing else)."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.NoSuchOption):
        near = f"，是否想用：{'、'.join(exc.possibilities)}" if exc.possibilities else ""
        return f"没有选项 {exc.option_name}{near}"
    if isinstance(exc, click.BadOptionUsage):
        if "does not take a value" in exc.message:
            return f"选项 {exc.option_name} 不接受值"
        return f"选项 {exc.option_name} 需要一个值"
    if isinstance(exc, click.MissingParameter):
        param = exc.param
        if param is None:
            return "缺少参数"
        if isinstance(param, click.Argument):
            return f"缺少参数 {param.make_metavar(ctx) if _takes_ctx(param) else param.make_metavar()}"
        return f"缺少选项 {' / '.join(param.opts)}"
    if isinstance(exc, click.BadParameter):
        param = exc.param
        hint = exc.param_hint or (" / ".join(param.opts) if isinstance(param, click.Option) else
                                  (param.human_readable_name if param is not None else ""))
        if isinstance(hint, (list, tuple)):
            hint = " / ".join(hint)
        msg = exc.message if _is_chinese(exc.message) else f"值无效（{exc.message}）"
        return f"{hint} 的{msg}" if hint and msg.startswith("值") else (f"{hint}：{msg}" if hint else msg)
    m = _EXTRA.match(exc.message)
    if m:
        return f"多余的参数：{m.group(1)}"
    if exc.message == "Missing command.":
        return "缺少命令"
    if _is_chinese(exc.message):
        return exc.message
    return f"用法错误（{exc.message}）"


def _takes_ctx(param) -> bool:
    import inspect

    return "ctx" in inspect.signature(param.make_metavar).parameters


def _is_chinese(s: str) -> bool:
    return han_count(s) > 0


def show(exc: click.ClickException, echo) -> None:
    """Print a usage error the way click would, in Chinese."""
    ctx = getattr(exc, "ctx", None)
    no_args = getattr(click.exceptions, "NoArgsIsHelpError", None)
    if no_args is not None and isinstance(exc, no_args) and ctx is not None:
        echo(ctx.get_help())  # a bare `gwlint` or `gwlint check`: the help page, as click shows it
        return
    if isinstance(exc, click.UsageError) and ctx is not None:
        echo(ctx.get_usage())
        names = ctx.help_option_names or ["-h"]
        echo(f"用“{ctx.command_path} {names[0]}”查看帮助。")
    echo(f"gwlint: {describe(exc)}")
