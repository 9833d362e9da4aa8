"""The document type (文种): from the configuration, or from the title.

The 15 types of the 《党政机关公文处理工作条例》 (第八条) are legal types; 讲话稿 and 总结 (and
方案, 计划, 要点) are 事务文书, to which only the writing rules apply.
"""

from __future__ import annotations

import re

LEGAL_TYPES = ("决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报",
               "报告", "请示", "批复", "议案", "函", "纪要")
OTHER_TYPES = ("讲话稿", "总结", "方案", "计划", "要点")
ALL_TYPES = LEGAL_TYPES + OTHER_TYPES

_SPEECH = re.compile(r"(讲话|致辞|发言|报告会|动员会|座谈会)(稿)?$|在.{2,40}上的(讲话|报告|发言|致辞)")
_BY_SUFFIX = sorted(LEGAL_TYPES + ("总结", "方案", "计划", "要点"), key=len, reverse=True)


def infer(doc) -> str | None:
    """The type named by the title; a report or speech delivered at a meeting is a 讲话稿."""
    titles = [p.text.strip() for p in doc.paragraphs if p.scope == "title"]
    if not titles:
        return None
    title = re.sub(r"[\s\u3000]+", "", titles[0])
    subtitle = "".join(titles[1:])
    if _SPEECH.search(title) or _SPEECH.search(subtitle):
        return "讲话稿"
    for t in _BY_SUFFIX:
        if title.endswith(t):
            return "命令" if t == "令" else t
    return None
