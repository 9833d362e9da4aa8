"""``gwlint new-rule CATEGORY NAME``: the skeleton of a new rule file, the way ruff's and
sqlfluff's contributors start one. The file names the next free code of the category, the
keys every rule needs and one fail and one pass example to replace; until they are replaced
with real sentences the rule's own example test fails, so a skeleton cannot ship unnoticed."""

from __future__ import annotations

import re
from pathlib import Path

from ..engine.rules import CATEGORIES, load_rules, rule_files
from ..errors import UsageError
from ..yamlsafe import load

KIND_PARAMS = {
    "pattern": 'pattern: "（正则表达式：每一处匹配报告一次）"\n',
    "phrase": "phrases:\n  - （要报告的词语）\n",
    "substitution": "pairs:\n  - {wrong: （错误写法）, right: （正确写法）}\n",
    "metric": "measure: sentence-length\nmax: 60\n",
    "python": "function: lint.checks.{module}:{function}\n",
}

MESSAGES = {
    "pattern": "（写明问题和改法，例如：“{text}”应为“{suggestion}”。）",
    "metric": "（写明问题和改法，例如：这一句有{length}字，超过{max}字，请拆开。）",
}


def next_code(category: str, extra_dirs: list[Path]) -> str:
    """The first code of ``category``'s prefix not used by a built-in rule or a rule file in
    ``extra_dirs``."""
    prefix = CATEGORIES[category][0]
    used = {r.code for r in load_rules()}
    for d in extra_dirs:
        for f in rule_files(d) if d.is_dir() else []:
            try:
                spec = load(f)
            except Exception:  # a broken file still holds its code
                spec = None
            if isinstance(spec, dict) and isinstance(spec.get("code"), str):
                used.add(spec["code"])
    n = 1
    while f"{prefix}{n:03d}" in used:
        n += 1
    return f"{prefix}{n:03d}"


def new_rule(category: str, name: str, kind: str = "pattern", folder: Path | None = None) -> Path:
    """Write the skeleton and return its path; never over an existing file."""
    from .. import __version__

    if category not in CATEGORIES:
        raise UsageError(f"没有类别“{category}”；可用的类别：{'、'.join(CATEGORIES)}")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
        raise UsageError(f"规则名称“{name}”不合格式：只用小写字母、数字和连字符，如 long-title")
    if kind not in KIND_PARAMS:
        raise UsageError(f"没有规则种类“{kind}”；可用的种类：{'、'.join(KIND_PARAMS)}")
    base = folder if folder is not None else Path("rules")
    target = base / category / f"{name}.yml"
    code = next_code(category, [base])
    params = KIND_PARAMS[kind]
    if kind == "python":
        params = params.format(module=category.replace("-", "_"), function=name.replace("-", "_"))
    text = (f"code: {code}\nname: {name}\ncategory: {category}\nseverity: warning\nstatus: preview\n"
            f"since: {__version__}\n"
            f"message: \"{MESSAGES.get(kind, MESSAGES['pattern'])}\"\n"
            "why: |\n  （为什么这是问题：读者会怎样误解，审稿人为什么会圈出它。）\n"
            "basis: \"GB/T 15834-2011 4.1（改成所依据的标准编号、条款及条文，或讲话标题与讲话人职务，"
            "如：县长在全县政府系统办公室工作会议上的讲话：“……”）\"\n"
            f"kind: {kind}\n{params}"
            "examples:\n  fail:\n    - \"（一句应当报告的真实句子）\"\n"
            "  pass:\n    - \"（一句相近而不应报告的句子）\"\n")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise UsageError(f"{target} 已经存在：gwlint 不会覆盖它，请换一个名称") from None
    return target
