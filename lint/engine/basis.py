"""The sources a rule's ``basis`` may cite, and the check that it cites one a reader can find.

Every rule names the speech (by its title and the speaker's role), the standard (by its number
and clause) or the published list it rests on; a basis that names none of these, or that points
at a file of this repository instead of a source, fails to load, so that no finding reaches a
user without a source. A rule file may still use a speech's short name (``县长讲话``): it is
expanded to the full title when the rule loads, so every report prints the title.
"""

from __future__ import annotations

import re
from ..cache import compile_regex

# short name -> the title a reader can look up (speaker's role and occasion)
SPEECHES = {
    "县委副书记讲话": "县委副书记在全县党政办公室主任暨公文秘书培训班上的讲话",
    "找准定位": "韩学键《党委办公厅(室)要找准定位谋发展》",
    "办公室会议讲话": "党政机关办公室会议讲话稿（全县党政机关办公室总结表彰暨培训会议）",
    "县长讲话": "县长在全县政府系统办公室工作会议上的讲话",
    "全市办公室工作会讲话": "2022年在全市办公室工作会上的讲话",
}

STANDARDS = {
    "GB/T 9704-2012": "《党政机关公文格式》",
    "GB/T 15834-2011": "《标点符号用法》",
    "GB/T 15835-2011": "《出版物上数字用法》",
    "《党政机关公文处理工作条例》": "中办发〔2012〕14号",
    "《第一批异形词整理表》": "教育部、国家语委，2001",
    "《通用规范汉字表》": "国务院，2013",
    "《现代汉语词典》": "中国社会科学院语言研究所词典编辑室",
    "《咬文嚼字》": "《咬文嚼字》编辑部公布的常见别字与年度十大语文差错",
    "新华社《新闻信息报道中的禁用词和慎用词》": "新华社，2016年修订",
    "GB/T 7714-2015": "《信息与文献 参考文献著录规则》",
}

# A national standard is cited with a clause: "GB/T 15834-2011 4.5.3.5", "附录B.3", "B.3.8", "第5章".
_GB = compile_regex(r"GB/T \d+-\d{4}")
_CLAUSE = compile_regex(r"\s*(\d+(\.\d+)*|(附录)?[A-Z](\.\d+)+|附录[A-Z]|第\d+章|第[一二三四五六七八九十]+章)")
# What a reader cannot look up: a file of this repository.
_INTERNAL = compile_regex(r"[\w./-]+\.(md|py|ya?ml|tsv|txt)\b|GUIDANCE|STANDARDS|STYLE\b", re.I)


def authorities() -> tuple[str, ...]:
    return tuple(SPEECHES) + tuple(SPEECHES.values()) + tuple(STANDARDS)


def cite(basis: str) -> str:
    """``basis`` with each speech's short name replaced by its full title."""
    for short, title in SPEECHES.items():
        if short in basis and title not in basis:
            basis = basis.replace(short, title)
    return basis


def problem(basis: str) -> str | None:
    """Why ``basis`` does not name a source a reader can find, or None when it does."""
    if _INTERNAL.search(basis):
        return "“basis”应引用讲话或标准本身，而不是本仓库的文件"
    if not any(a in basis for a in authorities()):
        return "“basis”必须注明所依据的讲话（标题与讲话人职务）或标准（编号与条款）"
    for m in _GB.finditer(basis):
        if not _CLAUSE.match(basis, m.end()):
            return f"“basis”引用 {m.group()} 时应写明条款，如“{m.group()} 4.3”"
    return None


def names_authority(basis: str) -> bool:
    return problem(basis) is None
