"""保密关: classification marks in a draft for public release, and personal data.

Personal data never appears in a finding as written: the hit's ``shown`` value (what
``Finding.text`` and the message's ``{text}`` carry) and its suggestion are masked
(identity number 11**************3X, mobile 138****5678, bank card 6222********0123, e-mail
z***@example.com). The finding's line and columns still point at the value in the draft.

Which checks need ``doc.meta['public']`` (``--public`` or ``public: true``): the classification
marks, mobile numbers, bank cards and e-mail addresses, which are normal in a draft that stays
inside the office (a 通知's 联系电话, an account to pay into) but must not be published. An
identity number is reported in every draft.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..model.finding import Hit
from ..text.chinese import HAN_BASIC
from ..text.fastregex import fast

# --- classification marks ------------------------------------------------------------------------

_LEVEL = "绝密|机密|秘密"
_MARKS = [
    # 密级★保密期限: 机密★1年, 秘密★6个月, 绝密★长期, 秘密★ (with or without spaces)
    (fast(rf"(?:{_LEVEL})[\s\u3000]*[★☆][\s\u3000]*(?:\d+[\s\u3000]*(?:年|个月|月)|长期)?"), "密级和保密期限标志"),
    (fast(rf"密[\s\u3000]*级[\s\u3000]*[:：][\s\u3000]*(?:{_LEVEL}|内部)"), "密级标志"),
    (fast(r"保密期限[\s\u3000]*[:：][\s\u3000]*\S{1,6}"), "保密期限标志"),
    (fast(rf"(?:内部(?:资料|文件|刊物|材料|使用|传阅|参考|发行|明电)|仅供内部[{HAN_BASIC}]{{0,4}}|注意保存|"
                r"(?:不得|严禁|禁止)(?:外传|对外公开|翻印))"
                r"(?![的地得])"), "“内部”限制标志"),
]
# A line that is only the 密级 (秘密 / 机密 / 绝密) at the top of a draft or in its header.
_LEVEL_LINE = fast(rf"^[\s\u3000]*(?:{_LEVEL})[\s\u3000]*$")


def classification_mark(doc, rule, options) -> Iterator[Hit]:
    """密级, 保密期限 and 内部 markings in a draft that is to be published."""
    if not doc.meta.get("public"):
        return
    top = {id(p) for p in list(doc.iter(("title", "heading", "body", "table")))[:5]}
    for p in doc.iter(rule.scope):
        if (id(p) in top or p.scope == "header") and _LEVEL_LINE.match(p.text):
            s = len(p.text) - len(p.text.lstrip())
            yield Hit(p, s, len(p.text.rstrip()), "", {"what": "密级标志"})
            continue
        for rx, what in _MARKS:
            for m in rx.finditer(p.text):
                yield Hit(p, m.start(), m.end(), "", {"what": what})


classification_mark.FIELDS = frozenset({"text", "suggestion", "what"})


# --- personal data ----------------------------------------------------------------------------------

# A number followed by a unit is an amount or a count, not a telephone or card number.
_UNIT = r"(?:元|万|亿|千|百|人|户|个|件|吨|次|台|辆|套|亩|公里|千米|米|平方|立方|%|％|‰)"

_ID = fast(r"(?<![0-9A-Za-z])[1-8]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                 r"\d{3}[\dXx](?![0-9A-Za-z])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit_ok(number: str) -> bool:
    """GB 11643-1999 check digit (ISO 7064 MOD 11-2) of an 18-character identity number."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper()


def _valid_birth(number: str) -> bool:
    import datetime

    try:
        datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return True


def mask(value: str, head: int, tail: int) -> str:
    """``value`` with every character but the first ``head`` and last ``tail`` as *."""
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail:]


def identity_number(doc, rule, options) -> Iterator[Hit]:
    for p in doc.iter(rule.scope):
        if len(p.text) < 18:
            continue
        for m in _ID.finditer(p.text):
            n = m.group()
            if id_check_digit_ok(n) and _valid_birth(n):
                masked = mask(n.upper(), 2, 2)
                yield Hit(p, m.start(), m.end(), masked, {}, shown=masked)


identity_number.FIELDS = frozenset({"text", "suggestion"})

# ASCII classes on purpose: a Chinese character is \w, and 电话13812345678 must match.
_MOBILE = fast(r"(?<![0-9A-Za-z.])(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?![0-9A-Za-z]|[\s\u3000]*%s)" % _UNIT)


def mobile_number(doc, rule, options) -> Iterator[Hit]:
    if not doc.meta.get("public"):
        return
    for p in doc.iter(rule.scope):
        for m in _MOBILE.finditer(p.text):
            digits = "".join(m.groups())
            masked = digits[:3] + "****" + digits[7:]
            yield Hit(p, m.start(), m.end(), masked, {}, shown=masked)


mobile_number.FIELDS = frozenset({"text", "suggestion"})

_CARD = fast(r"(?<![0-9A-Za-z.])(\d{4}(?:[ \-]?\d{4}){2,3}(?:[ \-]?\d{1,3})?)(?![0-9A-Za-z]|[\s\u3000]*%s)" % _UNIT)
_CARD_CONTEXT = fast(r"(卡号|账号|帐号|银行卡|储蓄卡|借记卡|信用卡|社保卡|存折)[^。；]{0,12}$")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def bank_card(doc, rule, options) -> Iterator[Hit]:
    if not doc.meta.get("public"):
        return
    for p in doc.iter(rule.scope):
        for m in _CARD.finditer(p.text):
            digits = re.sub(r"\D", "", m.group(1))
            if not 16 <= len(digits) <= 19 or not luhn_ok(digits):
                continue
            if len(digits) == 18 and _ID.fullmatch(digits) and id_check_digit_ok(digits):
                continue  # an identity number: reported by its own rule
            card_like = digits.startswith("62") or (len(digits) == 16 and digits[0] in "3456")
            if not card_like and not _CARD_CONTEXT.search(p.text[:m.start()]):
                continue
            masked = mask(digits, 4, 4)
            yield Hit(p, m.start(1), m.end(1), masked, {}, shown=masked)


bank_card.FIELDS = frozenset({"text", "suggestion"})

_EMAIL = fast(r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})(?![A-Za-z0-9-])")
_OFFICIAL = fast(r"(^|\.)gov(\.cn)?$", re.I)


def email_address(doc, rule, options) -> Iterator[Hit]:
    if not doc.meta.get("public"):
        return
    for p in doc.iter(rule.scope):
        if "@" not in p.text:
            continue
        for m in _EMAIL.finditer(p.text):
            local, domain = m.group(1), m.group(2)
            if _OFFICIAL.search(domain):
                continue  # a government mailbox published for the public to write to
            masked = local[0] + "***@" + domain
            yield Hit(p, m.start(), m.end(), masked, {}, shown=masked)


email_address.FIELDS = frozenset({"text", "suggestion"})
