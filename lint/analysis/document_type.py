"""The document type (文种): from the configuration, or from the title.

The 15 types of the 《党政机关公文处理工作条例》 (第八条) are legal types; 讲话稿 and 总结 (and
方案, 计划, 要点) are 事务文书, to which only the writing rules apply.

A draft is a 讲话稿 when its title or the lines under it say it is delivered at a meeting
(……——在……会议上的讲话, ——2024年3月5日在……大会上), or when it opens with a salutation
(同志们：, 各位代表：). So the 政府工作报告, a report delivered as a speech, is a 讲话稿 and the
rules of the legal type 报告 (no request in it, one addressee) do not apply to it.
"""

from __future__ import annotations

import re
from ..cache import compile_regex

LEGAL_TYPES = ("决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报",
               "报告", "请示", "批复", "议案", "函", "纪要")
OTHER_TYPES = ("讲话稿", "总结", "方案", "计划", "要点")
ALL_TYPES = LEGAL_TYPES + OTHER_TYPES
# Names of 事务文书 and of rules issued under a 通知: a title ending in one has a type, though
# not a legal one (关于……的说明, ……实施办法).
DOCUMENT_WORDS = ("讲话", "发言", "致辞", "说明", "汇报", "办法", "规定", "细则", "规则", "规划",
                  "制度", "章程", "条例", "简报", "预案", "清单", "指南", "标准", "守则", "公约",
                  "须知", "倡议书", "协议", "合同", "提纲", "材料", "调研报告", "总结", "方案", "计划",
                  "要点", "安排", "汇编", "目录", "名单", "公示")

_SPEECH = compile_regex(r"(讲话|致辞|发言|报告会|动员会|座谈会)(稿)?$|在.{2,40}上的(讲话|报告|发言|致辞)")
# The line under a speech's title: ——在……会议上的讲话 / ——2024年3月5日在……大会上.
_SPEECH_SUB = compile_regex(r"^[—\-]{1,2}.{0,20}在.{2,60}(会议|大会|会|论坛|仪式|典礼|开幕式|闭幕式|培训班|座谈会)"
                         r"[上中](的(讲话|报告|发言|致辞|总结讲话))?[\s\u3000]*$")
_SALUTATION = compile_regex(r"^(同志们|各位代表|各位委员|各位领导|各位来宾|各位同事|同事们|女士们|先生们|朋友们|"
                         r"同学们|老师们)[，,、！!：:\s\u3000]")
_BY_SUFFIX = sorted(LEGAL_TYPES + ("总结", "方案", "计划", "要点"), key=len, reverse=True)
_HEAD_LINES = 6  # how many non-blank paragraphs at the top may hold the title block


def normalise_title(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def title_type(title: str) -> str | None:
    """The type a title ends with (legal, or 总结/方案/计划/要点), or None."""
    t = normalise_title(title)
    for typ in _BY_SUFFIX:
        if t.endswith(typ):
            return "命令" if typ == "令" else typ
    return None


def is_speech(doc) -> bool:
    """The title block or the opening salutation marks a speech (讲话稿)."""
    head = [p for p in doc.paragraphs if p.text.strip()][:_HEAD_LINES]
    titles = [normalise_title(p.text) for p in head if p.scope == "title"]
    if titles and _SPEECH.search(titles[0]):
        return True
    for p in head:
        t = p.text.strip()
        if _SPEECH_SUB.search(t) or (t.startswith(("—", "-")) and _SPEECH.search(normalise_title(t))):
            return True
        if _SALUTATION.match(t + "\n"):
            return True
    return False


def infer(doc) -> str | None:
    """The type named by the title; a report or speech delivered at a meeting is a 讲话稿."""
    from .structure import prepare  # the structure module reads this one's type words

    prepare(doc)
    if is_speech(doc):
        return "讲话稿"
    titles = []
    for p in doc.paragraphs:
        if p.scope == "title":
            if p.text.strip().startswith(("—", "-")):
                break
            titles.append(p.text.strip())
    if not titles:
        return None
    return title_type("".join(titles))  # a title wrapped over several lines
