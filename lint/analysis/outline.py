"""The outline of a document: its headings as a tree, and the numbering convention it follows.

Nodes are the numbered headings and run-in items (一、（一）1.（1）①, parsed by
:mod:`lint.text.numbering`), the articles of a regulation (第一编/章/节/条) and the lead-in
paragraphs that open a list (……如下：, 公告应包括以下内容：). Each node's parent is the nearest
node above it of a higher level; a lead-in opens a list of its own, so (一)(二) after
``公告应包括以下内容：`` and (一)…(四) after ``总平面图应包括：`` in the same article are two lists.

Numbering is read in the document's own convention. For each level and form (e.g. （一） in the
main text) the transitions from one parent to the next are counted: a list that starts again at
one (restarting, as in each 第X条 of a 办法) or one that goes on from the last number of the
previous parent (continuous, as the （一）…（十五） that run on across the 一、二、 sections of a
国务院 document). The majority is the convention; only items that fit neither, or that break the
convention the rest of the document keeps, are faults. Each attachment and the 附件说明 are
numbered on their own; a list quoted in the text (“第三条 ……（一）……”, a revision quoting the new
wording) belongs to the quoted text, not to the document's outline.

Computed once per document (``outline(doc)``, kept in ``doc.meta["outline"]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..cache import compile_regex
from ..text.chinese import HAN_BASIC, cn_to_int
from ..text.numbering import Marker, parse_marker
from .structure import structure

SCOPES = ("title", "heading", "body")
_ARTICLE = compile_regex(r"^[\s\u3000]*第(?P<num>[一二三四五六七八九十百零〇]+|\d{1,3})(?P<kind>[编章节条])"
                      rf"(?=[\s\u3000（(]|$|[{HAN_BASIC}])")
ARTICLE_LEVELS = {"编": -4, "章": -3, "节": -2, "条": -1}
# A 第X条 that a revision cites (第九条修改为：, 第十三条后增加一条, 第七条第二款中的) is no article of
# this document: the article is the other regulation's.
_CITED = compile_regex(r"[\s\u3000]*(?:第[一二三四五六七八九十百零〇\d]+[款项目]|[中后前]?(?:增加|增设|修改|改为|删去|删除|合并)"
                       r"|中的|的规定|规定的|至第)")
# 1 总则, 1.1 编制目的, 4.1.2 指挥与协调: the decimal section numbers of a 预案 (GB/T 1.1 style).
# They head sections of their own; a list under 1.2 and another under 1.3 both start at 1.
_DECIMAL = compile_regex(rf"^[\s\u3000]*(?P<num>\d{{1,2}}(?:[.．]\d{{1,2}})*)[ \u3000]+(?=[{HAN_BASIC}])")
_TOC = compile_regex(r"^[\s\u3000]*目[\s\u3000]*录[\s\u3000]*$")
_ATTACH_NOTE = compile_regex(r"^[\s\u3000]*附[\s\u3000]*件[\s\u3000]*[:：][\s\u3000]*")
_EMBEDDED_FAMILIES = {"cn": "、", "cn-paren": None, "arabic": ".．、", "arabic-paren": None}
_NUMERAL_AFTER = compile_regex(r"[一二三四五六七八九十〇零两\d]")


def _article_value(num: str) -> int | None:
    if num.isdigit():
        return int(num)
    if "百" in num:
        h, _, rest = num.partition("百")
        hv = cn_to_int(h) if h else 1
        rest = rest.lstrip("零〇")
        rv = (cn_to_int(rest) if rest else 0) if rest != "十" else 10
        if rest.startswith("十"):
            rv = cn_to_int("一" + rest) if len(rest) > 1 else 10
        return None if hv is None or rv is None else hv * 100 + rv
    return cn_to_int(num)


@dataclass(eq=False)
class Node:
    kind: str  # "marker", "article", "lead", "styled" (a Word heading style, no number), "root"
    level: float
    family: str  # numbering form: cn, cn-paren, arabic, arabic-paren, circled; 章, 条…; "" for a lead
    value: int
    paragraph: object = None
    start: int = 0
    end: int = 0
    label: str = ""
    embedded: bool = False  # run into a paragraph after a full stop
    quoted: bool = False  # inside a quotation: not part of the document's own numbering
    segment: int = 0  # 0 the main text, k the k-th attachment, -1 the 附件说明
    parent: "Node | None" = None
    prev: "Node | None" = None  # the numbered node just before, at any level
    children: list = field(default_factory=list)
    marker: Marker | None = None

    @property
    def line(self) -> int:
        return self.paragraph.line if self.paragraph is not None else 0

    @property
    def key(self) -> tuple:
        return (self.segment, self.level, self.family)


@dataclass
class Fault:
    node: Node
    expected: int
    problem: str


@dataclass
class Outline:
    root: Node
    nodes: list[Node]  # numbered nodes (markers and articles) in reading order
    conventions: dict[tuple, str]  # (segment, level, family) -> "restart", "continuous" or "single"
    faults: list[Fault]


# 108．逃汇罪: a list numbered past 99 (the numbering parser reads one or two digits).
_LONG_ARABIC = compile_regex(rf"(?P<num>\d{{3}})(?P<mark>[.．])(?=[{HAN_BASIC}“《（(])")


def _long_arabic(text: str, pos: int) -> Marker | None:
    m = _LONG_ARABIC.match(text, pos)
    if m is None or text[pos - 1:pos].isdigit():
        return None
    return Marker(3, "arabic", int(m.group("num")), pos, m.end(), m.group(0), m.group("mark"))


def paragraph_marker(p) -> Marker | None:
    """The marker a paragraph opens with (that of the numbering parser, or a three-digit 108．)."""
    if p.marker is not None:
        return p.marker
    t = p.text
    return _long_arabic(t, len(t) - len(t.lstrip(" \u3000\t")))


# Where a marker may be run into a paragraph: after 。！？ (and closing quotes, blanks), after the
# colon of a label (会议议题：一、……) for 一、 and （一）, or after blanks for 1．2．3． listed on
# one line; the lookahead keeps the regex to likely places.
_RUN_IN = compile_regex(r"[。！？!?][”’」』）)]*[ \u3000]*(?=[一二三四五六七八九十（(\d])|：(?=[一二三四五六七八九十（(])")
_RUN_IN_LISTED = compile_regex(r"[。！？!?][”’」』）)]*[ \u3000]*(?=[一二三四五六七八九十（(\d])|：(?=[一二三四五六七八九十（(])"
                            rf"|(?<=[{HAN_BASIC}）)])[ \u3000]+(?=\d{{1,3}}[.．])")


def embedded_markers(p) -> list[Marker]:
    """Heading markers that open a sentence inside ``p`` (not at its start), offsets in ``p``."""
    cached = p.__dict__.get("_gwlint_embedded")
    if cached is not None:
        return cached
    text = p.text
    out: list[Marker] = []
    rx = _RUN_IN_LISTED if ("．" in text or "." in text) and (" " in text or "\u3000" in text) else _RUN_IN
    for m in rx.finditer(text):
        pos = m.end()
        head = text[pos:pos + 12]
        mk = parse_marker(head) or _long_arabic(head, 0)
        if mk is None or mk.start != 0 or mk.family not in _EMBEDDED_FAMILIES:
            continue
        if not m.group(0).strip() and mk.family != "arabic":
            continue  # after blanks only 1．2．3． items listed on one line
        if m.group(0) == "：" and mk.family not in ("cn", "cn-paren"):
            continue  # after a colon only 一、 and （一）: 比例为：1、2 is no list
        marks = _EMBEDDED_FAMILIES[mk.family]
        if marks is not None and (not mk.mark or mk.mark not in marks):
            continue
        after = text[pos + mk.end:pos + mk.end + 1]
        # 一、二季度, 1、2月份: a range of numerals (一、2023年工作回顾 is a heading)
        if not after or _NUMERAL_AFTER.match(after) and (after.isdigit() == (mk.family == "arabic")):
            continue
        out.append(replace(mk, start=mk.start + pos, end=mk.end + pos))
    p.__dict__["_gwlint_embedded"] = out
    return out


def sequence_problem(value: int, expected: int) -> str:
    """How a list number ``value`` standing where ``expected`` was due breaks the sequence."""
    if value == expected - 1:
        return "序号重复"
    if value < expected:
        return "序号重新编号"
    if expected == 1:
        return "序号未从第一项开始"
    return "序号跳号"


def _quote_state(text: str, open_before: bool) -> bool:
    """Whether a quotation is still open after this paragraph. A quotation over several
    paragraphs opens each with “ and closes only the last (GB/T 15834-2011 4.1.3.3)."""
    t = text.lstrip(" \u3000\t")
    opens = t.count("“")
    if open_before and t.startswith("“"):
        opens -= 1
    bal = (1 if open_before else 0) + opens - t.count("”")
    return bal > 0


def build(doc) -> Outline:
    s = structure(doc)
    note = s.part("附件说明")
    root = Node("root", -10, "", 0)
    nodes: list[Node] = []
    stack: list[Node] = [root]
    prev: Node | None = None
    segment = 0
    open_quote = False
    lead = None
    decimal = any(_DECIMAL.match(p.text) and "." in _DECIMAL.match(p.text).group("num")
                  for p in doc.iter(SCOPES))
    toc: list | None = None  # the chapter labels of a 目录 being read
    for p in doc.iter(SCOPES):
        seg = s.segment_of(p.index)
        in_note = note is not None and note.first <= p.index <= note.last
        if in_note:
            seg = -1
        if seg != segment:
            segment, stack, prev, lead = seg, [root], None, None
        quoted = open_before = open_quote
        open_quote = _quote_state(p.text, open_before)
        if p.index in s.title or (s.attachments and any(p.index in a.title for a in s.attachments)):
            continue
        found: list[tuple[str, float, str, int, int, int, str, Marker | None, bool]] = []
        am = _ARTICLE.match(p.text)
        if am and _CITED.match(p.text, am.end()):
            am = None
        if _TOC.match(p.text):
            toc = []
            continue
        if toc is not None:
            # 目录 lists 第一章……第七章; the text starts when the first label comes again
            if am and am.group("kind") != "条" and am.group(0).strip() not in toc:
                toc.append(am.group(0).strip())
                continue
            toc = None
        dm = _DECIMAL.match(p.text) if decimal else None
        if dm and not am:
            level = dm.group("num").count(".") + dm.group("num").count("．")
            level = -1 + 0.1 * (level + 1)  # under the articles' levels, above the list markers
            while len(stack) > 1 and stack[-1].level >= level:
                stack.pop()
            node = Node("styled", level, "", 0, p, 0, len(p.text), p.text.strip()[:20], segment=segment,
                        parent=stack[-1])
            stack[-1].children.append(node)
            stack.append(node)
            lead = None
            continue
        mk = paragraph_marker(p)
        if in_note:
            nm = _ATTACH_NOTE.match(p.text)
            if nm:
                mk = parse_marker(p.text[nm.end():])
                if mk is not None:
                    mk = replace(mk, start=mk.start + nm.end(), end=mk.end + nm.end())
        if am:
            v = _article_value(am.group("num"))
            if v:
                found.append(("article", ARTICLE_LEVELS[am.group("kind")], am.group("kind"), v,
                              am.start(), am.end(), am.group(0).strip(), None, False))
        elif mk is not None:
            found.append(("marker", mk.level, mk.family, mk.value, mk.start, mk.end, mk.text.strip(), mk, False))
        if p.scope == "body" and not in_note:
            found += [("marker", e.level, e.family, e.value, e.start, e.end, e.text.strip(), e, True)
                      for e in embedded_markers(p)]
        if not found:
            t = p.text.rstrip(" \u3000\t")
            if (t.endswith(("：", ":")) and p.scope == "body" and not quoted
                    and s.name_of(p.index) in ("正文", "附件", None)):
                lead = p  # a lead-in: a list that starts at one after it is a list of its own
            elif p.scope == "heading" and p.level is not None:
                # a heading by its Word style (or Markdown #) with no number: a node of the tree
                # just above the numbered level of the same rank, in no numbered list
                level = p.level - 0.75
                while len(stack) > 1 and stack[-1].level >= level:
                    stack.pop()
                node = Node("styled", level, "", 0, p, 0, len(t), t.strip()[:20], segment=segment,
                            parent=stack[-1])
                stack[-1].children.append(node)
                stack.append(node)
                lead = None
            continue
        for kind, level, family, value, a, b, label, marker, embedded in found:
            q = quoted or (p.text[:a].count("“") > p.text[:a].count("”"))
            while len(stack) > 1 and stack[-1].level >= level:
                stack.pop()
            top = stack[-1]
            if top.kind == "lead" and not q:
                # a lead-in's list goes on only with the next number of its own; any other
                # number at its level (the （四） of the section around it) ends it
                own = [c for c in top.children if c.kind != "lead" and c.level == level and not c.quoted]
                if own and value != own[-1].value + 1 and value != 1:
                    stack.pop()
            if q:  # quoted wording: shown in the tree, no part of the document's numbering
                node = Node(kind, level, family, value, p, a, b, label, embedded, True, segment, stack[-1])
                stack[-1].children.append(node)
                nodes.append(node)
                continue
            if lead is not None and value == 1:
                ln = Node("lead", level - 0.5, "", 0, lead, 0, len(lead.text), lead.text.strip()[-12:],
                          segment=segment, parent=stack[-1])
                stack[-1].children.append(ln)
                stack.append(ln)
            lead = None
            node = Node(kind, level, family, value, p, a, b, label, embedded, False, segment,
                        stack[-1], prev, marker=marker)
            stack[-1].children.append(node)
            nodes.append(node)
            stack.append(node)
            prev = node
    conventions, faults = _check(nodes)
    return Outline(root, nodes, conventions, faults)


def _groups(nodes: list[Node]) -> dict[tuple, list[list[Node]]]:
    """Sibling lists by (segment, level, family), each list the children of one parent."""
    out: dict[tuple, dict[int, list[Node]]] = {}
    for n in nodes:
        if n.quoted or n.kind not in ("marker", "article"):
            continue
        out.setdefault(n.key, {}).setdefault(id(n.parent), []).append(n)
    return {k: list(v.values()) for k, v in out.items()}


def _is_lead_list(g: list[Node]) -> bool:
    return g[0].parent is not None and g[0].parent.kind == "lead"


def _check(nodes: list[Node]) -> tuple[dict, list[Fault]]:
    """Decide each level's convention and find the numbers that break it.

    A list after a lead-in (……如下：) always starts at one and stands apart: it neither counts
    towards the convention nor interrupts the run of the lists around it."""
    conventions: dict[tuple, str] = {}
    faults: list[Fault] = []
    for key, groups in _groups(nodes).items():
        main = [g for g in groups if not _is_lead_list(g)]
        restart = cont = 0
        for g0, g1 in zip(main, main[1:]):
            v = g1[0].value
            if v == 1:
                restart += 1
            elif v == g0[-1].value + 1:
                cont += 1
        # articles (第X条) run on through the chapters unless the document restarts them
        continuous = cont > restart or (cont == restart and cont > 0 and key[2] == "条")
        if len(main) >= 2:
            conventions[key] = "continuous" if continuous else "restart"
        else:  # one list of its own, or only lists after lead-ins, each from one
            conventions[key] = "restart" if len(groups) >= 2 else "single"
        last = None
        for g in groups:
            first = g[0]
            if _is_lead_list(g):
                expected = 1
            else:
                expected = last + 1 if continuous and last is not None else 1
                last = g[-1].value
            if first.value != expected:
                # a restart where the document runs on (or the reverse) is the odd one out; a
                # single list that starts past one is reported unless it is run into text
                if not first.embedded or len(g) >= 3:
                    faults.append(Fault(first, expected, sequence_problem(first.value, expected)))
            exp = first.value + 1
            for n in g[1:]:
                if n.value != exp and (not n.embedded or len(g) >= 3):
                    faults.append(Fault(n, exp, sequence_problem(n.value, exp)))
                exp = n.value + 1
    faults.sort(key=lambda f: (f.node.paragraph.index, f.node.start))
    return conventions, faults


def outline(doc) -> Outline:
    got = doc.meta.get("outline")
    if got is None:
        got = doc.meta["outline"] = build(doc)
    return got


# --- headings versus list items ------------------------------------------------------------------

_ITEM_END = ("；", ";")
_LEAD_END = ("：", ":")


def _heading_by_style(p) -> bool:
    """The reader knows it is a heading: a Word heading style or a Markdown ``#`` line."""
    style = (p.style or "").lower()
    return style.startswith(("heading", "标题")) or p.text.lstrip().startswith("#")


def settle_headings(doc) -> None:
    """A numbered line is a heading only if it reads as one in its list. Its siblings decide:

    - a list whose items end with ；(一) 用地面积……；(二) ……；) is an enumeration: its items are
      sentences of the text, not headings;
    - an item that ends with a colon and is followed by a quotation (一、将第一条修改为：“……”) is an
      instruction introducing quoted wording;
    - a list whose every item opens with a title in 《》 (1.《中华人民共和国安全生产法》……) lists
      sources, not sections;
    - in a list where items are run-in paragraphs (a sentence of the text after the number), a
      short item ending with 。 (三、本批复自2021年1月1日起施行。) is one of them too.

    Called by the readers after the structure analysis; scopes change from ``heading`` to
    ``body`` only, and the outline is computed again on first use."""
    ol = outline(doc)
    paras = doc.paragraphs
    changed = False
    lists = []
    for groups in _groups(ol.nodes).values():
        for g in groups:
            items = [n for n in g if not n.embedded and n.paragraph.marker is not None
                     and n.paragraph.marker.start == n.start]
            if items:
                lists.append((items, [n.paragraph.text.rstrip(" \u3000\t")[-1:] for n in items]))
    for items, ends in lists:
        enumeration = any(e in _ITEM_END for e in ends) or (len(items) > 1 and all(
            n.paragraph.text[n.end:].lstrip(" \u3000").startswith("《") for n in items))  # 1.《……法》（主席令第13号）: a list of sources
        for n, e in zip(items, ends):
            p = n.paragraph
            if p.scope != "heading" or _heading_by_style(p):
                continue
            nxt = next((paras[k] for k in range(p.index + 1, len(paras)) if paras[k].text.strip()), None)
            if enumeration or (e in _LEAD_END and nxt is not None and nxt.text.lstrip(" \u3000").startswith("“")):
                p.scope = "body"
                changed = True
    for items, ends in lists:  # then: a list of run-in paragraphs keeps its short items in the text
        if not any(n.paragraph.scope == "body" for n in items):
            continue
        for n, e in zip(items, ends):
            if n.paragraph.scope == "heading" and e in "。." and not _heading_by_style(n.paragraph):
                n.paragraph.scope = "body"
                changed = True
    if changed:
        doc._in_scope = {}
        doc.meta.pop("outline", None)


def quotations(doc) -> list[tuple[int, int]]:
    """Quotations that run over several paragraphs, as (first, last) paragraph indices: a “ left
    open at the end of a paragraph and closed in a later one (a revision quoting the new wording
    of an article over several paragraphs). Kept in ``doc.meta["quotations"]``."""
    got = doc.meta.get("quotations")
    if got is not None:
        return got
    out: list[tuple[int, int]] = []
    start = None
    open_quote = False
    count = 0
    for p in doc.iter(SCOPES + ("table",)):
        was = open_quote
        open_quote = _quote_state(p.text, was)
        if open_quote and not was:
            start, count = p.index, 0
        elif was and open_quote:
            count += 1
            if count > 60:  # an opener never closed: not a quotation over paragraphs
                open_quote, start = False, None
        elif was and not open_quote and start is not None:
            out.append((start, p.index))
            start = None
    doc.meta["quotations"] = out
    return out
