"""How two posts and two bodies written in a draft compare: whether two bodies may be one
(县发改局 / 县发展和改革局), and a post with its deputy and rank marks taken off (常务副县长 -> 县长).
FC017–FC019 compare the mentions of people (:mod:`lint.checks.people_mentions`) by these."""

from __future__ import annotations

import re


def compatible_bodies(a: str, b: str) -> bool:
    """Two bodies that may be one: either unknown, or the shorter's characters in the longer in
    order (县发改局 / 县发展和改革局, 市局 / 市应急管理局, 水利局 / 县水利局)."""
    if not a or not b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    it = iter(long)
    return all(c in it for c in short)


def core_title(title: str) -> str:
    """The post without its deputy and rank marks: 常务副县长 -> 县长, 副局长 -> 局长."""
    return re.sub(r"^(?:常务|第一|专职|执行)?副", "", title)


def is_deputy(title: str) -> bool:
    return core_title(title) != title
