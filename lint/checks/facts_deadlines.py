"""Deadlines that have passed when the draft is dated (FC032): 要在2月20日前完成 in a speech of
26 February, 完成时限：2026年1月底 in a plan signed on 10 February.

A deadline is a date with 前 (以前, 之前) after it and a verb of doing or sending next to it
(完成, 报送, 上报, 提交, 落实…; an act written before the date needs 要, 须, 请, 确保… in its
clause: 合同成立于8月20日之前 is a condition), a date after 完成时限 / 时限 / 截止时间, or a phase's date in
brackets (筹备阶段（8月10日前）); a time of day may follow the date (7月6日18时前, 2月2日下午5:00前). A date without a
year is read as lying ahead: a month six or more before the document's is the next year's (a
December notice may fix a January deadline), any other the document's year. 底 and 下旬 end with
the month, 中旬 on the 20th, 上旬 on the 10th; 3月前 is before March. A sentence that reports work
done (已, 均已, 提前, 按期, 如期) is not a deadline.
"""

from __future__ import annotations

import calendar
from typing import Iterator

from ..model.finding import Hit
from ..text.chinese import after_mark
from ..text.fastregex import fast
from .dates import document_date

_DATE = (r"(?:(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]"
         r"(?:(?:上午|下午|晚上|中午)?\d{1,2}(?:[时点](?:\d{1,2}分)?|[:：]\d{2}))?"
         r"|(?P<part>底|末|上旬|中旬|下旬))?|(?P<ye>(?:19|20)\d{2})年(?:底|末))")
_ACTS = (r"(?:完成|完工|竣工|报送|上报|报|提交|报请|落实|到位|建成|办结|整改|印发|拨付|出台|制定|部署|启动|开工|验收|反馈|汇总|"
         r"成立|建立|组建|召开|举办|开展|确定|明确|形成|编制|修订|签订|下达|下拨)")
# the act may come after what it is done to: 于9月5日前将调整后的项目计划报送
_BY_DATE = fast(rf"(?:于|在|到|截至|截止)?{_DATE}(?P<by>前|以前|之前)(?:[，,](?:各[^\d，。；]{{1,5}}?)?)?(?:将[^，。；（]{{0,30}}?(?:（[^）]{{0,60}}）)?)?"
                rf"(?:全部|全面|基本|逐项|按要求|依法)?(?P<act>{_ACTS})")
_BY_DATE_BEFORE = fast(rf"(?P<act>{_ACTS})[^，。；]{{0,12}}?(?:于|在){_DATE}(?:前|以前|之前)")
_TIME_LIMIT = fast(rf"(?:完成时限|时限|截止时间|截止日期|完成时间)[：:]\s*{_DATE}(?:前)?")
_PHASE = fast(rf"(?<=阶段)[（(]{_DATE}(?:前|以前|之前)[）)]")  # 筹备阶段（8月10日前）
_DONE = fast(r"已|均已|提前|按期|如期|顺利|圆满|此前|曾")
_MODAL = fast(r"要|须|应|请|务必|确保|力争|争取|负责|牵头")
_DAY = {"上旬": 10, "中旬": 20}
_RELATIVE_YEAR = {"明年": 1, "今年": 0, "次年": 1}


def _last_day(year: int, month: int, day: str | None, part: str | None, before: bool) -> tuple[int, int, int] | None:
    """The last day the deadline allows (None for an impossible date)."""
    if not 1 <= month <= 12:
        return None
    end = calendar.monthrange(year, month)[1]
    if day:
        d = int(day)
        return (year, month, d) if 1 <= d <= end else None
    if part in _DAY:
        return year, month, _DAY[part]
    if part:  # 底, 末, 下旬
        return year, month, end
    if before:  # 3月前: by the end of February
        return (year, month - 1, calendar.monthrange(year, month - 1)[1]) if month > 1 else (year - 1, 12, 31)
    return year, month, end  # 时限：2026年3月


def deadline_passed(doc, rule, options) -> Iterator[Hit]:
    found = document_date(doc)
    if not found:
        return
    (y0, m0, d0), where = found
    for p in doc.iter(rule.scope):
        text = p.text
        if "月" not in text and "年底" not in text and "年末" not in text:
            continue
        reported: set[int] = set()  # one finding per date, however many patterns read it
        for rx in (_BY_DATE, _BY_DATE_BEFORE, _TIME_LIMIT, _PHASE):
            for m in rx.finditer(text):
                if m.start("m") in reported or text.startswith("的", m.end()):
                    continue  # 2000年底前建成的老旧小区: a description, not a task
                s0 = after_mark(text, m.start(), "。；！？")
                if m.group("ye"):  # 2025年底前: by the year's end
                    if (int(m.group("ye")), 12, 31) < (y0, m0, d0) and not _DONE.search(text, s0, m.start()) \
                            and _MODAL.search(text, s0, m.start()) and m.start() not in reported:
                        reported.add(m.start())
                        yield Hit(p, m.start(), m.end(), None, {"deadline": f"{m.group('ye')}年12月31日",
                                                                "signed": f"{where}是{y0}年{m0}月{d0}日"})
                    continue
                if _DONE.search(text, s0, m.start("m")):
                    continue  # 已于3月底前完成: work done
                if rx is _BY_DATE_BEFORE and not _MODAL.search(text, s0, m.start()):
                    continue  # 合同成立于2020年8月20日之前: a condition, not a task
                month = int(m.group("m"))
                # a deadline lies ahead: a month well before the document's is next year's
                year = int(m.group("y")) if m.group("y") else y0 + _RELATIVE_YEAR.get(
                    text[m.start("m") - 2:m.start("m")], 1 if m0 - month >= 6 else 0)  # 明年6月底前
                before = rx is not _TIME_LIMIT or text.startswith("前", m.end() - 1)
                last = _last_day(year, month, m.group("d"), m.group("part"), before)
                if last is None or last >= (y0, m0, d0):
                    continue
                start = m.start("m") - (len(m.group("y")) + 1 if m.group("y") else 0)
                # 8月10日前: not the phase's closing bracket, nor the act after the date
                end = m.end("by") if rx is _BY_DATE else m.end() - (1 if rx is _PHASE else 0)
                reported.add(m.start("m"))
                yield Hit(p, start, end, None, {
                    "deadline": f"{last[0]}年{last[1]}月{last[2]}日",
                    "signed": f"{where}是{y0}年{m0}月{d0}日"})


deadline_passed.FIELDS = frozenset({"text", "deadline", "signed"})
