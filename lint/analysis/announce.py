"""Announced counts: "讲三点意见", "抓好四件事", 概括起来就是“三个十分”：…, a lead-in that says how
many points follow. ``announcements`` finds them; :mod:`lint.checks.series` compares each with
the series that follows it."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.document import Document, Paragraph
from ..text.numbering import cn_to_int
from ..text.fastregex import fast

_COUNT_NUM = "(?P<num>十[一二三四五六七八九]?|[两二三四五六七八九]|[2-9])"
_NOUNS = ("意见|看法|体会|想法|建议|要求|工作|措施|举措|任务|重点|事情|大事|实事|事|原则|问题|方面|"
          "内容|目标|环节|关系|做法|经验|成效|变化|特点|举动|行动|工程|机制|制度|途径|方法|措施")
_ANNOUNCE = fast(
    # 讲三点意见 / 抓好三件事 / 采取四项措施 / 三个方面的工作
    rf"(?<![第一二三四五六七八九十两\d]){_COUNT_NUM}(?P<cls>个方面|大方面|方面|点|项|件|条|个)(?:的)?"
    rf"(?P<noun>{_NOUNS})?(?P<rest>工作|措施|任务|问题|要求|意见)?"
    r"(?P<end>[ \u3000]*(?:[：:。]|，(?=即)|(?=[ \u3000]*$)))"
    # 概括起来就是“三个十分”：/ 以下“六方面”工作：
    # 概括起来就是“三个十分”：/ 以下“六方面”工作：/ 做到“三个十分”：
    r"|(?P<lead>概括起来(?:就是)?|归纳起来(?:就是)?|概括为|归纳为|总结为|以下|如下|即|就是)?“"
    rf"{_COUNT_NUM.replace('num', 'qnum')}(?P<qcls>个|大|项|点|条|方面)?[^”“。；]{{0,6}}”"
    rf"(?P<qnoun>{_NOUNS})?(?P<qend>[ \u3000]*(?:[：:。]|(?=[ \u3000]*$)))"
    # 要做到三个“坚持”：
    rf"|(?<![第一二三四五六七八九十两\d]){_COUNT_NUM.replace('num', 'knum')}(?:个|大|项|条)“[^”“。；]{{1,6}}”"
    r"(?P<kend>[：:])")


def _count_value(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return cn_to_int(s.replace("两", "二"))


@dataclass
class Announcement:
    paragraph: Paragraph
    start: int
    end: int  # end of the lead-in, after its colon or full stop
    count: int
    text: str


def announcements(doc: Document) -> list[Announcement]:
    out = []
    for p in doc.iter(("heading", "body")):
        for m in _ANNOUNCE.finditer(p.text):
            if m.group("num"):
                if m.group("cls") == "个" and not m.group("noun"):
                    continue  # 三个 alone: 三个代表, 三个务必…
                if not (m.group("noun") or m.group("cls") in ("个方面", "大方面", "方面", "点")):
                    continue
                n = _count_value(m.group("num"))
                start = m.start("num")
            elif m.group("qnum"):
                # Without a lead word only a colon right after the quotation announces a list
                # (做到“三个十分”：); “三个代表”重要思想。 names a doctrine.
                if not m.group("lead") and (m.group("qnoun") or m.group("qend").strip() not in ("：", ":")):
                    continue
                n = _count_value(m.group("qnum"))
                start = m.start("lead") if m.group("lead") else m.start("qnum") - 1
            else:
                n = _count_value(m.group("knum"))
                start = m.start("knum")
            if n and n >= 2:
                out.append(Announcement(p, start, m.end(), n, p.text[start:m.end()].rstrip("：:。 \u3000")))
    return out

