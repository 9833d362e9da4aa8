"""Where a draft names a person, and with what post (for FC017–FC019).

Official drafts introduce people in a few fixed ways, and only these are read:

- a post, possibly after the body it belongs to, then the name: 县农业农村局局长吴国平,
  常务副县长陈海涛, 分管副局长王志刚, 我局局长周明华;
- the name, then the post, after a boundary: 由赵永刚局长作动员;
- a contact: 联系人：孙立华（市应急管理局执法监督科）, 联系人及电话：孙立华，0536-…;
- a desk or section, then the name, before a mark: 报市局执法监督科孙丽华。;
- a name before 同志: 李晓明同志, 王刚、李红同志;
- a name with its post in brackets or after a blank, as leading-group lists write it:
  组长：周明华（局长）, 孙春兰　国务院副总理;
- a list of three or more names after a colon (出席会议的有：张明、李红、王强).

A name is two or three Han characters starting with a common surname (or a compound one), not a
frequent word of the lexicon (单位, 高度 and 任期 follow titles too: 组长单位, 局长高度重视). Where
the text after the surname allows a two- or a three-character name, the shorter one is taken
when the next word starts right after it (局长李明指出), else the longer (局长吴国平带队).

Each mention carries the post as written (局长, 副局长, 常务副县长), the body before it or in the
contact's brackets, and whether its sentence marks the post as a past or changing one (原, 时任,
曾任, 任命, 免去, a year two or more years before the draft's date): such mentions name people
but do not take part in the comparisons of posts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..cache import compile_regex
from ..text.chinese import HAN_BASIC, SENTENCE_MARKS, after_mark, is_han, next_mark
from ..text.fastregex import fast
from ..text.segment import dictionary_names
from .dates import years_in
from .people_lexicon import NameLexicon, lexicon

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
            "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
            "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒"
            "阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司"
            "卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁"
            "沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪赖冀储郁鞠廉粟蔺揭封钮茅伏练仝逯郜檀阎芮惠雍")
COMPOUND = "欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|令狐|夏侯"

# Posts. The heads of places and bodies (…长) are built from the unit they head; 主任 and 书记 and
# a few others are listed. 主任科员 is a rank, not a post.
_HEAD_UNITS = "县市区镇乡省州旗局厅处科股所站院校队组部社庭馆团台行署"
TITLES = (rf"(?:常务|第一|专职|执行)?副?[{_HEAD_UNITS}]长|(?:常务|第一|专职)?副?书记|(?:常务)?副?主任(?!科员)|副?主席|"
          r"副?秘书长|副?检察长|副?总经理|副?董事长|副?理事长|副?会长|副?总监|副?总工程师|"
          r"副?总?(?:河湖|林)长")  # 市总河湖长杨振东: the chiefs of the river and forest systems
_TITLE = compile_regex(rf"^(?:{TITLES})$")

# What may follow a name: a mark, the end, 同志, or the next word (checked with the lexicon).
_MARKS = set("、，。；：！？（）()“”‘’《》〔〕\t \u3000,.;:!?0123456789０１２３４５６７８９")
# single characters that start what follows a name (局长王刚在会上讲话, 王刚和李红)
_AFTER_ONE = set("在和与及就对到向将也还作做等为是的被把给从让于同任率带已均共兼现说要经由于请负每")
_BREAK = set("由请和与及同向对在将把被给到从至于的是为经让使等并、，。；：！？（）“”《》 \u3000")
# 和 is part of many bodies' names (县发展和改革局, 县住房和城乡建设局)
_BODY_BREAK = _BREAK - {"和", "经"}  # 经营, 经济 inside a body; a leading 经 is trimmed (_LEADING)

# 原 before the post (原局长), 时任, 曾任, and sentences about appointments and removals.
_PAST_BEFORE = compile_regex(r"(?:原|前任|时任|曾任|历任|曾经|老|已故|退休|离任|卸任)[^，。；]{0,12}$")
_CHANGE = fast(r"任命|免去|免职|拟任|拟提名|提名|调任|转任|改任|不再担任|聘任|当选|选举|辞去|辞职|离任|卸任|"
               r"到龄|退休|接任|继任|升任|任职|就任|代理|主持工作|挂职|交流任职|试用期|新任|接替|前任|原任")

NAME = rf"(?:{COMPOUND}|[{SURNAMES}])[{HAN_BASIC}]{{1,2}}"

# a post then a name: the body is read backwards from the post (see _body)
_TITLE_NAME = fast(rf"(?P<title>{TITLES})(?=(?:{COMPOUND}|[{SURNAMES}])[{HAN_BASIC}])")
# a name then a post, after a boundary
_NAME_TITLE = fast(rf"(?:^|(?<=[{''.join(sorted(_BREAK))}]))(?P<name>{NAME}?)(?P<title>{TITLES})")
_CONTACT = fast(rf"联系(?:人(?:及(?:联系)?(?:电话|方式))?|电话|方式)[：:]\s*(?P<body>[{HAN_BASIC}]{{2,16}}?(?:科|处|室|股|办|中心|站|所|局|委))?"
                rf"[ \u3000]?(?P<name>{NAME}?)(?=[，,；;、（(\s\d]|$|电话|手机|同志)")
# the next contacts of a list: 联系人：市林业和草原局副局长王德明，市应急管理局罗文彬
_CONTACT_MORE = fast(rf"[，,、；;]\s*(?P<body>[{HAN_BASIC}]{{2,16}}?(?:科|处|室|股|办|中心|站|所|局|委))"
                     rf"(?P<title>[科股处]长)?[ \u3000]?(?P<name>{NAME}?)(?=[，,；;、。（(\s\d]|$|电话|手机|同志)")
_CONTACT_START = compile_regex(r"联系人[：:]")
_DESK_AFTER = compile_regex(rf"[，,](?P<b>[{HAN_BASIC}]{{2,20}}?(?:科|处|室|股|办|中心|站|所|局|委|厅))(?=[；;，,。]|$)")
_CONTACT_SEP = compile_regex(r"[，,、；;]")
# 联系电话：0551-6210000（张丽萍）: the name in brackets after the number
_CONTACT_AFTER = fast(rf"联系(?:人|电话|方式)[：:][0-9０-９\-－—、，,/ \u3000转]{{5,40}}[（(](?P<name>{NAME}?)[）)]")
_DESK_NAME = fast(rf"(?P<body>[{HAN_BASIC}]{{1,14}}?(?:科|处|室|股|办|中心))(?P<name>{NAME}?)"
                  rf"(?=[，。；、（(\s\d]|$|同志|联系)")
_COMRADE = fast(rf"(?:^|(?<=[{''.join(sorted(_BREAK))}]))(?P<name>{NAME}?)同志(?!们)")
_BRACKETED = fast(rf"(?:^|(?<=[：:、，\s]))(?P<name>{NAME}?)[（(](?P<post>[{HAN_BASIC}、]{{0,16}}?(?:{TITLES}))[）)]")
# a leading-group list written name, blank, post: 孙春兰　国务院副总理, 组长：张明　县长
_SPACED = fast(rf"(?:^|[：:])[ \u3000]*(?P<name>{NAME}?)[ \u3000\t]+(?P<post>[{HAN_BASIC}]{{0,20}}?(?:{TITLES}))(?=[、，；。\s]|$)")
# a table's cells: 常务副县长　王建林　县交通运输局 (the post, then the name, each a cell of its own)
_CELLS = fast(rf"(?:^|[ \u3000\t])(?P<post>[{HAN_BASIC}]{{0,20}}?(?:{TITLES}))[ \u3000\t]+(?P<name>{NAME}?)(?=[ \u3000\t]|$)")
_LIST = fast(rf"[：:](?P<names>{NAME}?(?:、{NAME}?){{2,}}|{NAME}?(?:\u3000{NAME}?){{2,}})(?=同志|等|[，。；）\s]|$)")

# a party group's post right before another of the same body (局党组书记、局长)
_GROUP_POST = compile_regex(r"(?:党组|党委|党工委)(?:副书记|书记|成员)、$")
# words that end a post's body when read backwards from the post (推动县农业农村局局长: 县农业农村局)
_BODY_END = set("省市县区州旗盟镇乡村局厅委办部院会所站校队组科处室股中心府庭馆行社团署厂司协")  # 县政协主席


@dataclass(frozen=True)
class Mention:
    """One place where the draft names a person."""

    p: object            # the paragraph
    start: int           # the name's span in p.text
    end: int
    name: str
    title: str = ""      # the post as written (局长, 副局长); "" when none
    body: str = ""       # the body of the post, or of the contact ("" when none or 我局/本局)
    how: str = "title"   # title | name-title | contact | desk | comrade | bracket | list
    past: bool = False   # the sentence marks the post as past or changing
    span_start: int = -1  # where the whole mention (body, post, name) starts

    @property
    def post(self) -> str:
        return self.body + self.title


def plausible_name(name: str, lex=None) -> bool:
    """A surname and one or two more characters that do not make a common word (单位, 高度,
    任期内)."""
    if not 2 <= len(name) <= 4:
        return False
    lex = lex or lexicon()
    freq = lex.freq
    if name[:2] in COMPOUND.split("|"):
        return len(name) in (3, 4)
    if len(name) == 4 or name[0] not in SURNAMES or name[-1] in _UNIT_END:
        return False  # 纪委书记: a body, not 纪委 the person
    if len(name) == 3 and freq.get(name, 0) >= 20 and freq.get(name[:2], 0) >= 300 \
            and name not in dictionary_names():
        return False  # 任期内, 高度重; the dictionary's own names (李国华, 王国栋 though 王国 is a word) stay
    if len(name) == 2:
        return freq.get(name, 0) < 300  # 李强 is in the dictionary (159); 高度, 单位, 马上 far above
    if name[0] in _WORDY_SURNAMES and freq.get(name[1:], 0) >= 300:
        return False  # 会长和顾问, 向前进
    return freq.get(name[:2], 0) < 3000  # 任期内, 单位的; 王国华 stays (王国: 2,631)


_UNIT_END = set("委局办厅处科室院所站队组府署区村街镇乡县市省路")
# surnames that are also common words before another word (和, 向, 于, 全, 常…)
_WORDY_SURNAMES = set("和向于时全常高万单成管应党解连关司车文明安方路金白惠练封伏")


def _next_starts(text: str, pos: int, lex) -> bool:
    """Whether a word starts at ``pos`` (what follows a name): a mark, the end, 同志, a word of
    two or more characters of the lexicon's segmentation, or a one-character word that often
    follows a name (在, 和, 作…)."""
    if pos >= len(text) or text[pos] in _MARKS or not is_han(text[pos]):
        return True
    if text.startswith("同志", pos):
        return True
    if text.startswith(_VERBS_AFTER, pos):
        return True
    words = lex.cut(text[pos:pos + 6])
    w = words[0]
    return len(w) >= 2 and lex.freq.get(w, 0) >= 20 or w in _AFTER_ONE


# what an official does, written right after a name, that jieba's dictionary lacks (高廷平约谈)
_VERBS_AFTER = ("约谈", "包抓", "包联", "包保", "领办")


def name_at(text: str, start: int, lex=None, longest: int = 3) -> str | None:
    """The name starting at ``start`` (after a post), or None: the shorter reading when the next
    word starts right after it, else the longer one."""
    lex = lex or lexicon()
    compound = text[start:start + 2] in COMPOUND.split("|")
    sizes = (3, 4) if compound else (2, 3)
    sizes = [n for n in sizes if n <= longest + compound and start + n <= len(text)
             and all(is_han(c) for c in text[start:start + n])]
    ok = [n for n in sizes if plausible_name(text[start:start + n], lex) and _next_starts(text, start + n, lex)]
    if not ok:
        return None
    n = ok[0]
    if len(ok) == 2 and text[start + n] not in _FUNCTION:
        # both readings work (周明华为项目: 周明 + 华为 or 周明华 + 为; 高雨担任: 高雨 + 担任 or
        # 高雨担 + 任). A character that often ends a name (华, 刚, 平) makes the longer name, one
        # that hardly ever does (担, 作) the shorter; in between, the segmentations of what
        # follows are compared, the longer name paying for its extra character as a rare word would
        ends = given_name_ends().get(text[start + n], 0)
        if ends >= _OFTEN_ENDS:
            n = ok[1]
        elif ends >= _SELDOM_ENDS:
            rest2 = lex.best(text[start + n:start + n + 7])[0]
            rest3 = lex.best(text[start + n + 1:start + n + 7])[0]
            if rest3 + _NAME_CHAR_COST > rest2:
                n = ok[1]
    return text[start:start + n]


_OFTEN_ENDS = 20   # names of jieba's dictionary ending in the character (华: 366, 刚: 99)
_SELDOM_ENDS = 3   # 担: 0, 作: 2


@lru_cache(maxsize=1)
def given_name_ends() -> dict[str, int]:
    """How many three-character names of jieba's dictionary end in each character
    (reference/given-name-chars.tsv, built by tools/people_build.py)."""
    from ..resources import reference_dir

    out = {}
    for line in (reference_dir() / "given-name-chars.tsv").read_text(encoding="utf-8").splitlines()[3:]:
        c, last, _ = line.split("\t", 2)
        out[c] = int(last)
    return out


# a character that ends a name more often than it ends a sentence's next word costs about this
# much (natural log) against the lexicon's words
_NAME_CHAR_COST = -4.0
# characters after a two-character name that are read as the next word, never as the name's third
_FUNCTION = set("在和与及就对到向将也还等是的被把给从让于了着过为同作做任率带讲说要已均共兼现请经由")


def _body(text: str, end: int) -> tuple[int, str]:
    """The body written right before a post ending at ``end``: the Han characters back to a
    break (推动县农业农村局 -> 县农业农村局 is read as the run after the last break; a leading verb
    stays, which the comparison of bodies tolerates), if the run ends in a unit (局, 科, 委…).
    我局, 本局, 我委… stand for the draft's own body: ""."""
    i = end
    while i > 0 and end - i < 16 and is_han(text[i - 1]) and text[i - 1] not in _BODY_BREAK:
        i -= 1
    run = text[i:end]
    if not run:
        # 市水利局党组书记、局长: the body written before the party group's post is the post's too
        group = _GROUP_POST.search(text, max(0, end - 8), end)
        if group:
            return _body(text, group.start())
        return end, ""
    # the run must end at a unit (县水利局局长); 分管副局长, 具体负责人 have no body
    if run[-1] not in _BODY_END and not run.endswith("中心"):
        # 县委副书记: 县委 + 副书记 is read by the post pattern itself; 分管 is no body
        return end, ""
    run = _trim(run)
    if re.fullmatch(r"[我本该]?[局委厅办部院所站队组科处室]|本单位", run):  # 我局; 局 of 局党组书记、局长
        return end - len(run), ""
    return end - len(run), run


_LEADING = compile_regex(r"^(?:.*(?:分管|主管|负责|带领|邀请|陪同|推动|组织(?!部)|协调|指导|督促|要求|会同|联合|配合|报送|"
                         r"报请|提请|呈报|报|时任|原任|原|前任|现任|担任|兼任|兼|任|经(?![营济信贸开])|由|听取了|听取|请))(?=[^管责领请同动织调导促求会合送]{2})")


def _trim(run: str) -> str:
    m = _LEADING.match(run)
    return run[m.end():] if m else run


def _past(p, pos: int, doc_year: int | None, name: tuple[int, int] = (0, 0)) -> bool:
    text = p.text
    clause_start = after_mark(text, pos, "，。；：")
    if _PAST_BEFORE.search(text[clause_start:pos]) or text[pos - 1:pos] == "代":  # 代县长: acting
        return True
    s0, s1 = 0, len(text)
    for s in p.sentences:
        if s.start <= pos < s.end:
            s0, s1 = s.start, s.end
            break
    sentence = text[s0:s1]
    # a word of change, not one read across a name's end (县长陈立新任组长 holds no 新任) nor across
    # another word's (整改任务 holds no 改任), nor one that follows another person named with a
    # post (……局长钟国华兼任: his change, not ours)
    if any(not name[0] <= c.start() < name[1] and not (
            text[c.start()] != "任" and _POST_NAME_END.search(text, max(0, c.start() - 12), c.start() + 1))
           and not (c.start() != name[1] and _POST_NAME_END.search(text, max(0, c.start() - 12), c.start()))
           and lexicon().aligned(text, c.start(), c.end())
           for c in _CHANGE.finditer(text, s0, s1)):
        return True
    if doc_year is not None and any(y <= doc_year - 2 for y in years_in(sentence)):
        return True
    return False


# a post and a name ending where a word of change starts (县长王立新|任双组长)
_POST_NAME_END = compile_regex(rf"(?:{TITLES})(?:{COMPOUND}|[{SURNAMES}])[{HAN_BASIC}]{{1,2}}$")

_NEEDS = fast(rf"(?:{TITLES})|联系|同志|[科处室股办心：:](?:{COMPOUND}|[{SURNAMES}])")


def mentions(doc, scope) -> list[Mention]:
    """Every mention of a person in the paragraphs of ``scope``, in document order (kept on the
    document: three rules ask)."""
    memo = doc.meta.setdefault("_people_mentions", {})
    key = tuple(scope) if scope is not None else None
    got = memo.get(key)
    if got is None:
        got = memo[key] = _mentions(doc, scope)
    return got


def _doc_year(doc) -> int | None:
    from .facts_common import document_date

    found = document_date(doc)
    return found[0][0] if found else None


def _mentions(doc, scope) -> list[Mention]:
    where = doc.paragraph_index.matching(_NEEDS)
    out: list[Mention] = []
    lex = None
    year = None
    for p in doc.iter(scope):
        if p.index not in where:
            continue
        if lex is None:
            lex, year = NameLexicon(), _doc_year(doc)
        found = list(paragraph_mentions(p, lex, year))
        found.sort(key=lambda m: m.start)
        taken: list[tuple[int, int]] = []
        for m in found:  # one reading per stretch of text: the first found (the richest) wins
            if any(m.start < e and s < m.end for s, e in taken):
                continue
            taken.append((m.start, m.end))
            out.append(m)
    out.sort(key=lambda m: (m.p.index, m.start))
    return out


def paragraph_mentions(p, lex=None, doc_year: int | None = None):
    """The mentions of one paragraph, richest readings first (a post and a body before a bare
    name): the caller keeps one mention per stretch of text."""
    lex = lex or lexicon()
    text = p.text
    found = []
    for m in _TITLE_NAME.finditer(text):
        title = m.group("title")
        name = name_at(text, m.end(), lex)
        if not name or not (_title_ends(lex, text, m.start(), m.end())
                            or text.startswith("任何", m.end() - 1) and len(name) == 3):
            continue  # 湖北省长江流域, 北京市长安街: a place, not 省长江流域 (副主任何国强: 任何 is no word there)
        b0, body = _body(text, m.start())
        found.append((0, Mention(p, m.end(), m.end() + len(name), name, title, body, "title",
                                 _past(p, b0, doc_year, (m.end(), m.end() + len(name))), b0)))
    for m in _NAME_TITLE.finditer(text):
        name = m.group("name")
        if plausible_name(name, lex) and _is_title(m.group("title")) and _next_starts(text, m.end(), lex) \
                and lex.freq.get(text[m.start("title"):m.end() + 1], 0) < 20:  # 孙伟局长统筹; not 局长期
            found.append((1, Mention(p, m.start("name"), m.end("name"), name, m.group("title"), "", "name-title",
                                     _past(p, m.start(), doc_year, m.span("name")), m.start())))
    for m in _BRACKETED.finditer(text):
        name, post = m.group("name"), m.group("post")
        if not plausible_name(name, lex):
            continue
        t = None
        for t in _TITLE_IN.finditer(post):  # 县委副书记、县长: the last post is the one held here
            pass
        title = t.group() if t else ""
        _, body = _body(post, t.start()) if t else (0, "")
        found.append((1, Mention(p, m.start("name"), m.end("name"), name, title, body, "bracket",
                                 _past(p, m.start(), doc_year), m.start())))
    # 组长：王建林　县长 (a name, then its post) and a table's cells 常务副县长　王建林 (a post, then
    # the name): the span starts where the first of the two does
    cells = "\u3000" in text or "\t" in text
    for rx, first in ((_SPACED, "name"), (_CELLS, "post")) if cells else ((_SPACED, "name"),):
        for m in rx.finditer(text):
            name, post = m.group("name"), m.group("post")
            if not plausible_name(name, lex):
                continue
            t = _TITLE_IN.search(post)
            _, body = _body(post, t.start())
            found.append((1, Mention(p, m.start("name"), m.end("name"), name, t.group(), body, "bracket",
                                     _past(p, m.start("name"), doc_year), m.start(first))))
    for m in _CONTACT.finditer(text):
        name = m.group("name")
        if not plausible_name(name, lex):
            continue
        body = _trim(m.group("body") or "")
        after = text[m.end("name"):m.end("name") + 30]
        br = re.match(rf"\s*[（(](?P<b>[{HAN_BASIC}]{{2,20}})[）)]", after) \
            or _DESK_AFTER.match(after)  # 联系人：刘建君，省交通运输厅农村公路建设处；电话……
        if br and not body:
            body = br.group("b")
        found.append((2, Mention(p, m.start("name"), m.end("name"), name, "", body, "contact", False, m.start())))
    if "联系" in text:
        for c in _CONTACT_START.finditer(text):  # each contact after the first: a body and a name
            end = next_mark(text, c.end(), SENTENCE_MARKS + "\n")
            for sep in _CONTACT_SEP.finditer(text, c.end(), end):
                more = _CONTACT_MORE.match(text, sep.start())
                if more is not None and plausible_name(more.group("name"), lex):
                    found.append((2, Mention(p, more.start("name"), more.end("name"), more.group("name"),
                                             more.group("title") or "", _trim(more.group("body")), "contact",
                                             False, more.start("body"))))
    for m in _CONTACT_AFTER.finditer(text):
        if plausible_name(m.group("name"), lex):
            found.append((2, Mention(p, m.start("name"), m.end("name"), m.group("name"), "", "", "contact", False,
                                     m.start("name"))))
    for m in _DESK_NAME.finditer(text):
        name = m.group("name")
        if plausible_name(name, lex) and _desk(text, m.start("body"), m.start("name"), m.end("name"), lex):
            found.append((3, Mention(p, m.start("name"), m.end("name"), name, "", _trim(m.group("body")), "desk",
                                     False, m.start())))
    for m in _COMRADE.finditer(text):
        name = m.group("name")
        if plausible_name(name, lex):
            found.append((4, Mention(p, m.start("name"), m.end("name"), name, "", "", "comrade", False, m.start())))
    for m in _LIST.finditer(text):
        names = m.group("names").replace("\u3000", "、").split("、")  # 出席：王振东　刘洪涛　赵建国
        if len(set(names)) != len(names) or not all(plausible_name(n, lex) for n in names):
            continue
        pos = m.start("names")
        for n in names:
            found.append((5, Mention(p, pos, pos + len(n), n, "", "", "list", False, pos)))
            pos += len(n) + 1
    found.sort(key=lambda t: t[0])
    return [m for _, m in found]


_TITLE_IN = fast(rf"(?:{TITLES})$")


def _title_ends(lex, text: str, start: int, end: int) -> bool:
    """The post ends where a word of the segmentation ends (镇党委书记 may be one word, 党委书记;
    省长江 is not 省长 + 江: 长江 runs across the post's end)."""
    lo, hi = max(0, start - 8), min(len(text), end + 8)
    _, ends = lex.best(text[lo:hi])
    return (end - lo) in ends


def _desk(text: str, b0: int, n0: int, n1: int, lex) -> bool:
    """报执法监督科孙丽华: the body ends in a desk written as its own word (科, 办公室; not the 办 of
    开办 or the 处 of 地处), and no word of the text runs into the name (处于高位, 办成办好)."""
    last = lex.cut(text[max(b0, n0 - 8):n0])[-1]
    if not (len(last) == 1 or last in _DESK_WORDS or (len(last) >= 2 and last[-1] in "科股室")
            or (len(last) >= 3 and last[-1] == "处")):
        return False  # 开办, 地处, 举办: verbs
    # (a rare word inside the name is the name's own: 王|立新, 立新 counted 20 times)
    return lex.aligned(text, n0, n1) and all(len(w) == 1 or lex.freq.get(w, 0) < _RARE_IN_NAME
                                             for w in lex.cut(text[n0:n1]))


_RARE_IN_NAME = 100


_DESK_WORDS = {"办公室", "中心", "科室", "处室", "服务中心"}


def _is_title(title: str) -> bool:
    return bool(_TITLE.match(title))
