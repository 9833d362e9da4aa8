"""``gwlint waive`` and ``gwlint baseline``: record the current findings in the waiver file."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UsageError
from .run import run_check


@dataclass
class WaiveResult:
    path: object = None  # the waiver file written
    added: int = 0
    removed: int = 0
    total: int = 0
    report: object = None  # set when the run had unreadable drafts (nothing written)


def write_waivers(paths, config, overrides, jobs, reason: str, rule_codes=(), lines=(), texts=(),
                  baseline: bool = False, stdin_name: str | None = None, say=None) -> WaiveResult:
    from ..policy.waivers import Waiver, load_waivers, relative

    if not reason.strip():
        raise UsageError("--reason 不能为空：写明为什么可以保留这些问题")
    def target(plan):  # the waiver file is an output: never a draft or a file the run reads
        from .outputs import guard

        files = {plan.contexts[t.context][0].waivers_path for t in plan.tasks}
        if len(files) > 1:
            raise UsageError("这些文稿属于不同的配置（豁免文件不同），请分别运行")
        guard([("waivers", f) for f in files], plan.inputs(), plan.protected)

    report, plan = run_check(paths, config, overrides, jobs, progress=False, stdin_name=stdin_name,
                             before=target, say=say)
    if report.errors:
        return WaiveResult(report=report)
    targets = {plan.contexts[t.context][0].waivers_path for t in plan.tasks}
    if len(targets) != 1:
        raise UsageError("这些文稿属于不同的配置（豁免文件不同），请分别运行")
    path = targets.pop()
    roots = {plan.contexts[t.context][0].root for t in plan.tasks}
    waivers = load_waivers(path, roots.pop())
    known = {}
    for _settings, rules in plan.contexts.values():
        for rule in rules:
            known[rule.code] = rule
    wanted = set()
    for c in rule_codes:
        rule = next((r for r in known.values()
                     if c.upper() == r.code or c.lower() in (r.name, *(a.lower() for a in r.aliases))), None)
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
        return WaiveResult(path=path, total=len(waivers.entries))
    from .outputs import write_atomic

    write_atomic(path, waivers.dump())
    return WaiveResult(path=path, added=added, removed=removed, total=len(waivers.entries))
