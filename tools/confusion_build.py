"""Build reference/confusion-words.tsv (WD016): wrong→right words from open confusion dictionaries.

    python tools/confusion_build.py --macro-correct GITDIR --pycorrector GITDIR \\
        --correct FILE_OR_DIR [--correct ...] [--dropped dropped.tsv]

``--odw-train FILE`` adds the words of the slips of ecspell-odw's odw.train (aopolin-lv/ECSpell,
MIT; the training split, the one set gwlint may be tuned on): the word of each corrected
sentence that holds a slip, and the same span of the sentence as written.

GITDIR is a git directory (a bare snapshot) of yongzhuo/macro-correct (Apache-2.0; its
``macro_correct/output/confusion_dict.json``) and of shibing624/pycorrector (Apache-2.0; its
``tests/custom_confusion.txt``). Only the facts (wrong form, right form) are taken; the notes
are written here from the sound and shape tables of reference/.

The sources are noisy (sentence fragments of learners' essays, a few pairs written the wrong way
round, right forms that are not words), so a pair is kept only when, by the dictionaries alone:

1. both forms are Han characters of the same length, two to eight, and the source gives the
   wrong form one right form only (a pair given both ways is dropped);
2. the right form is a word: in jieba's dictionary counted more than 3 times, or an idiom of
   reference/idioms.tsv, or four characters that are two words of jieba's dictionary counted at
   least 20 times each (火山爆发) while the wrong half is no word (火山暴发 is not kept: 暴发 is one);
3. the wrong form is no word: absent from jieba's dictionary (any count; RARE_SLIPS are the few
   misspellings the dictionary lists at its lowest count, 3, reviewed one by one), from gwlint's
   own vocabulary (the right forms and phrases of reference/*.tsv) and from the place names;
4. the forms differ by a swap of two neighbouring characters, or in one character, or in two
   characters of a form of four or more, each a sound-alike (same toneless reading) or shape-alike pair of
   reference/sound-alike-chars.tsv / shape-alike-chars.tsv; a form of four or more characters
   whose right form is an idiom or a word may differ in one character of another kind (不卑不吭),
   and so may a shorter one when at least CONFIRMED rows of the sources show that same pair of
   characters as their only difference (己/已 in 己经, 早己: shapes the tables do not hold);
5. a wrong form of two or three characters is not a run of words that each stand alone (the
   segmentation of the wrong form itself must hold a piece that is no word of two or more
   characters and no common single-character word on both sides: 在见 is 在 + 见);
   A pair whose right form is a phrase (a fragment of a sentence) gives the one word of it that
   holds the slip, when the differing characters all fall in one word of the right form's
   segmentation (一个分知→一个分支 gives 分知→分支); that word pair must pass the same tests.
6. it is not already a row of common-wrong-words, confused-words or variant-words, and no other
   default wording rule reports it (膨涨 of WD001 inside 通货膨涨, WD009's idiom near-misses);
7. it never matches, as whole words, in the correct text given with ``--correct`` (files or
   folders: ``.txt`` one sentence a line, a tab-separated line's last field; ``.json`` the
   ``correct_text`` of each item; ``.span`` the ``text`` of each JSON line).

Every dropped pair is written with its reason to ``--dropped`` (for bench/results/confusion.md).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "reference"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

MC_PATH = "macro_correct/output/confusion_dict.json"
PC_PATH = "tests/custom_confusion.txt"
RIGHT_MIN = 4          # a right form counted at least this often in jieba's dictionary is a word
HALF_MIN = 20          # each half of a four-character right form made of two words
SINGLE_COMMON = 3000   # a character counted this often standing alone is a word of its own
# Wrong forms of the sources that the dictionaries accept (a variant the 现代汉语词典 lists beside
# the main form, a term of a trade) or that name something: never reported.
EXCLUDED = {
    "梯己": "《现代汉语词典》列为“体己”的又写", "贺辞": "《现代汉语词典》列为“贺词”的又写",
    "判辞": "古代的判决文书", "夙儒": "与“宿儒”同义的旧词", "棉子": "《现代汉语词典》列为“棉籽”的又写",
    "精焊": "焊接工艺用语", "强焊": "焊接工艺用语", "脚指": "“脚指头”的一部分",
    "花梢": "《现代汉语词典》列为“花哨”的又写", "花稍": "《现代汉语词典》列为“花哨”的又写",
    "趼子": "《现代汉语词典》列为“茧子”的又写", "枓拱": "建筑术语“斗拱”的又写", "菾菜": "甜菜的别名",
    "端五": "《现代汉语词典》列为“端午”的又写", "美里": "地名", "红虹": "可作人名",
    "慓悍": "“剽悍”的异形词", "轰笑": "文学作品中常见的说法", "哑叭": "“哑巴”的又写",
    "委宛": "《现代汉语词典》列为“委婉”的又写", "屈伏": "古汉语中的“屈服”", "瘜肉": "医学用语",
    "悲忿": "“悲愤”的又写", "做孽": "口语中常见的又写", "吃凉": "“吃凉的”是正确的说法",
    # words taken from phrase pairs, reviewed one by one
    "二挡": "“挂二挡”的“挡”是排挡", "一滩": "“一滩水”是正确的量词用法", "冰棱": "《现代汉语词典》收“冰棱”",
    "匠心独到": "常用的正确说法", "扣响": "“扣响扳机”是正确的说法", "扣开": "“把扣子扣开”是正确的说法",
    "继承父业": "正确的说法", "张治忠": "可作人名", "彩链": "彩色的链子", "快速反映": "“快速反映社情民意”是正确的说法",
    "摘菜": "采摘蔬菜是正确的说法", "方园": "可作地名、单位名", "李魁": "可作人名", "杜娟": "可作人名",
    "消褪": "文学作品中常见的说法", "用辞": "“用词”的又写", "风狂": "“风狂雨骤”是正确的说法",
    "蹬上": "“蹬上自行车”是正确的说法", "积碳": "工程用语", "唬弄": "《现代汉语词典》收“唬弄”",
    "玲子": "可作人名", "樱子": "可作人名", "美妹": "口语词", "荣兴": "可作单位名", "溶进": "溶解于液体是正确的说法",
    "扒在": "“扒在窗台上”是正确的说法", "远方亲戚": "“远方的亲戚”也说得通", "违返": "来源所给的正确写法存疑（多为“违反”）",
    "斗趣": "《现代汉语词典》收“斗趣儿”", "铁筒": "铁制的筒", "陷人": "“陷人于不义”是正确的说法",
    "顶蓬": "车辆的“顶篷”另有写法", "马塞": "“马塞尔”等译名的一部分", "高桶": "高的桶", "洪沟": "可作地名",
    "靓点": "有意的谐音用法", "晾凉的": "“晾凉的开水”是正确的说法", "圣罗伦斯": "译名的又写",
    "斯特哥尔摩": "译名的又写", "拜占廷": "译名的又写", "罗曼提克": "译名的又写",
    "滴滴哒哒": "象声词写法不固定", "咯滋咯滋": "象声词写法不固定",
    "二万元": "“人民币二万元整”是正确的写法", "鲜灵": "方言词", "生体": "可作术语", "生上": "可能是“生”与“上”两个词",
    # words of odw.train's slips, reviewed one by one
    "颜控": "网络用语", "优鲜": "可作商标名", "报障": "“报障电话”是正确的说法", "内壳": "物体的内层外壳",
    "创芯": "可作企业名、新词", "嘉强": "可作人名", "守候服务": "也说得通", "四姐": "亲属称谓", "国友": "可作人名",
    "也震": "可能是“也”与“震”两个词", "宋廉": "可作人名", "场务": "影视行业用语", "平泰": "可作地名、人名",
    "应拆": "“应拆尽拆”是正确的说法", "凯发": "可作企业名", "康震": "可作人名", "抗振": "工程术语",
    "排屋": "建筑用语", "日昌": "可作企业名", "坤明": "可作人名", "明析": "也说得通", "有线公司": "有线电视公司的简称",
    "杜中": "可作人名", "肖除": "可能是姓氏“肖”与“除”", "水务总局": "可作机构名", "稳不": "“稳不稳”是正确的说法",
    "欠发": "“欠发工资”是正确的说法", "编织工作": "也说得通", "练习会议": "也说得通", "联系会议": "“工作联系会议”是正确的说法",
    "范韦": "可作人名", "邢政": "可作人名", "表样": "“表样”是正确的用语（表格样式）", "周整": "可作人名",
    "货比": "“货比三家”的一部分", "运勇": "可作人名", "国家药检局": "也说得通", "关锐": "可作人名", "乌三": "可作人名",
    "梁思城": "可作人名", "多馀": "来源所给的正确写法有误（应为“多余”）", "楞怔": "“愣怔”的又写", "皮簧": "“皮黄”的又写", "自记": "仪器名称用语（自记雨量计）",
}
# Slips that jieba's dictionary lists with the lowest count it gives (3 or less: words it has
# seldom seen, often its own misspellings), reviewed one by one: wrong in any context.
RARE_SLIPS = frozenset("""问侯 朱元章 提练 录相 典藉 催残 辩认 姆指 板粟 乘座 哑吧 账篷 辞汇 槽糕 寂默 摧促 坐谈会
    争求 免强 去逝 规距 锻练 印像 傍边 必竟""".split())
CONFIRMED = 3  # source rows that must show a character pair that is neither sound- nor shape-alike
HAN = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


def git(gitdir: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(gitdir), *args], capture_output=True, text=True,
                          check=True).stdout


def source_rows(mc: Path | None, pc: Path | None):
    """(wrong, right, source) from each source, in its order."""
    if mc:
        commit = git(mc, "rev-parse", "HEAD").strip()
        src = f"yongzhuo/macro-correct {MC_PATH} @{commit[:7]} (Apache-2.0)"
        for w, r in json.loads(git(mc, "show", f"HEAD:{MC_PATH}")).items():
            yield w.strip(), r.strip(), src
    if pc:
        commit = git(pc, "rev-parse", "HEAD").strip()
        src = f"shibing624/pycorrector {PC_PATH} @{commit[:7]} (Apache-2.0)"
        for line in git(pc, "show", f"HEAD:{PC_PATH}").splitlines():
            p = line.split()
            if p and not line.startswith("#") and len(p) >= 2:
                yield p[0], p[1], src


ODW_SOURCE = "aopolin-lv/ECSpell Data/domains_data/odw.train @025bf43 (MIT)"


def sentence_words(path: Path, lex):
    """(wrong word, right word, source) for each slip of ecspell-odw's odw.train (sentence pairs,
    MIT): the word of the corrected sentence (by the lexicon's segmentation) that holds the
    differing characters, and the same span of the source sentence."""
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) != 3 or cells[1] == cells[2] or len(cells[1]) != len(cells[2]):
            continue
        wrong, right = cells[1], cells[2]
        start = 0
        for piece in lex.cut(right):
            end = start + len(piece)
            if wrong[start:end] != piece and len(piece) >= 2:
                yield wrong[start:end], piece, ODW_SOURCE
            start = end


def read_table(name: str, skip: int = 0) -> list[list[str]]:
    lines = (REFERENCE / name).read_text(encoding="utf-8").splitlines()
    rows = [l.split("\t") for l in lines if l and not l.startswith("#")]
    return rows[1:]


def load_tables():
    from spelling_build import jieba_dict

    readings: dict[str, set] = defaultdict(set)
    for p, chars, _ in read_table("sound-alike-chars.tsv"):
        for c in chars:
            readings[c].add(p)
    shapes: dict[str, set] = defaultdict(set)
    for c, sim, _ in read_table("shape-alike-chars.tsv"):
        for s in sim:
            shapes[c].add(s)
            shapes[s].add(c)
    idioms = {r[0] for r in read_table("idioms.tsv")}
    from lint.text.segment import _vocabulary

    vocabulary = set(_vocabulary())
    places = {r[0] for r in read_table("places.tsv")}
    listed = set()
    for name in ("common-wrong-words.tsv", "confused-words.tsv", "variant-words.tsv"):
        listed |= {r[0] for r in read_table(name)}
    variants = set()
    t2s = ROOT / "lint" / "data" / "t2s-chars.tsv"
    for line in t2s.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            variants |= set(line.split("\t")[0])
    return jieba_dict(), readings, shapes, idioms, vocabulary, places, listed, variants


def differences(w: str, r: str, readings, shapes) -> list[tuple[str, str, str]] | str:
    """'swap', or [(wrong char, right char, 'sound'|'shape'|'other')]."""
    at = [i for i in range(len(w)) if w[i] != r[i]]
    if len(at) == 2 and at[1] == at[0] + 1 and w[at[0]] == r[at[1]] and w[at[1]] == r[at[0]]:
        return "swap"
    out = []
    for i in at:
        a, b = w[i], r[i]
        how = "sound" if readings.get(a, set()) & readings.get(b, set()) else (
            "shape" if b in shapes.get(a, ()) else "other")
        out.append((a, b, how))
    return out


def core(w: str, r: str, lex, jd) -> tuple[str, str] | None:
    """The word of a phrase pair that holds its slip (一个分知→一个分支: 分知→分支): the right
    form's words (by the lexicon's segmentation) that cover every differing character, when they
    are one word of two or more characters."""
    if len(w) != len(r) or w == r:
        return None
    at = [i for i in range(len(w)) if w[i] != r[i]]
    start = 0
    for piece in lex.cut(r):
        end = start + len(piece)
        if start <= at[0] and at[-1] < end:
            if len(piece) >= 2 and jd.get(piece, 0) >= RIGHT_MIN and piece != r:
                return w[start:end], piece
            return None
        start = end
    return None


def note(diffs) -> str:
    if diffs == "swap":
        return "两个字的次序颠倒了"
    parts = []
    for a, b, how in diffs:
        kind = {"sound": "读音相近的", "shape": "字形相近的", "other": ""}[how]
        parts.append(f"“{b}”误写成了{kind}“{a}”")
    return "，".join(parts)


def judge(w: str, r: str, t, lex, confirmed=frozenset()) -> tuple[str | None, object]:
    """(reason to drop or None, differences). ``confirmed``: the (wrong, right) character pairs
    that CONFIRMED or more source rows show as their only difference."""
    jd, readings, shapes, idioms, vocabulary, places, listed, variants = t
    if not (HAN.match(w) and HAN.match(r)) or len(w) != len(r) or w == r:
        return "not two Han forms of the same length (2-8)", None
    if w in listed:
        return "already a row of common-wrong-words, confused-words or variant-words", None
    if w in jd and not (w in RARE_SLIPS and jd[w] <= 3):
        return "wrong form is a word of jieba's dictionary", None
    if w in vocabulary or w in places:
        return "wrong form is a word of gwlint's own lists", None
    diffs = differences(w, r, readings, shapes)
    halves = False
    if not (jd.get(r, 0) >= RIGHT_MIN or r in idioms):
        halves = (len(r) == 4 and jd.get(r[:2], 0) >= HALF_MIN and jd.get(r[2:], 0) >= HALF_MIN
                  and diffs != "swap" and len(diffs) == 1)
        if not halves:
            return "right form is not a word", diffs
        i = next(k for k in range(4) if w[k] != r[k])
        half = w[:2] if i < 2 else w[2:]
        if half in jd:
            return "right form is two words and the wrong half is a word too", diffs
    if diffs != "swap":
        if len(diffs) > 2 or (len(diffs) == 2 and len(w) < 4):
            return "too many characters differ", diffs
        if any(how == "other" for _, _, how in diffs):
            if not ((len(w) >= 4 and len(diffs) == 1 and not halves)
                    or (len(diffs) == 1 and diffs[0][:2] in confirmed)):
                return "a character pair that is neither sound- nor shape-alike", diffs
    if any(a in variants for a, _, _ in (diffs if diffs != "swap" else ())):
        return "a traditional or variant character (WD007's)", diffs
    if w in EXCLUDED:
        return f"accepted form or term: {EXCLUDED[w]}", diffs
    if len(w) <= 3:
        pieces = lex.cut(w)
        if all(len(p) >= 2 or jd.get(p, 0) >= SINGLE_COMMON for p in pieces):
            return "wrong form is a run of words that stand alone", diffs
    return None, diffs


def correct_lines(paths):
    for p in paths:
        p = Path(p)
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if not f.is_file() or f.suffix not in (".txt", ".json", ".span", ".train", ""):
                continue
            text = f.read_text(encoding="utf-8", errors="replace")
            if f.suffix == ".json":
                for item in json.loads(text):
                    yield item.get("correct_text") or ""
            elif f.suffix == ".span":
                for line in text.splitlines():
                    try:
                        yield json.loads(line).get("text", "")
                    except ValueError:
                        continue
            else:
                for line in text.splitlines():
                    yield line.split("\t")[-1]


def found_by_other_rules(kept: dict) -> dict[str, str]:
    """The wrong forms that gwlint's other default wording rules already report (a listed wrong
    form inside it, an idiom near-miss): one line each, checked with WD016 left out."""
    import lint

    forms = list(kept)
    report = lint.check("\n".join(f"{w}。" for w in forms), name="forms.txt", select=["WD"],
                        ignore=["WD016"], preview=False, config=None)
    out = {}
    for f in report.findings:
        if 1 <= f.line <= len(forms):
            out.setdefault(forms[f.line - 1], f.code)
    return out


def scan(kept: dict, paths, lex) -> Counter:
    """How often each kept wrong form matches as whole words in the correct text."""
    from lint.engine.matcher import Automaton

    auto = Automaton((w, w) for w in kept)
    hits: Counter = Counter()
    for line in correct_lines(paths):
        for end, w in auto.iter(line):
            start = end - len(w) + 1
            if lex.aligned(line, start, end + 1):
                hits[w] += 1
    return hits


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--macro-correct", type=Path)
    ap.add_argument("--pycorrector", type=Path)
    ap.add_argument("--odw-train", type=Path, help="ecspell-odw odw.train (sentence pairs, MIT)")
    ap.add_argument("--correct", action="append", default=[], help="correct text to scan (file or folder)")
    ap.add_argument("--out", type=Path, default=REFERENCE / "confusion-words.tsv")
    ap.add_argument("--dropped", type=Path)
    a = ap.parse_args(argv)
    from lint.text.segment import lexicon

    lex = lexicon()
    t = load_tables()
    pairs: dict[str, dict[str, list[str]]] = defaultdict(dict)
    order = []
    rows = list(source_rows(a.macro_correct, a.pycorrector))
    if a.odw_train:
        rows += list(sentence_words(a.odw_train, lex))
    for w, r, src in rows:
        if w not in pairs:
            order.append(w)
        pairs[w].setdefault(r, [])
        if src not in pairs[w][r]:
            pairs[w][r].append(src)
    pair_rows: Counter = Counter()
    for w, rights in pairs.items():
        for r in rights:
            at = [i for i in range(min(len(w), len(r))) if w[i] != r[i]]
            if len(w) == len(r) and len(at) == 1:
                pair_rows[(w[at[0]], r[at[0]])] += 1
    confirmed = frozenset(p for p, n in pair_rows.items() if n >= CONFIRMED)
    dropped: list[tuple[str, str, str]] = []
    kept: dict[str, tuple[str, object, list[str]]] = {}
    for w in order:
        rights = pairs[w]
        if len(rights) > 1:
            dropped += [(w, r, "the sources give two right forms") for r in rights]
            continue
        (r, srcs), = rights.items()
        if w in pairs.get(r, {}):
            dropped.append((w, r, "the sources give the pair both ways"))
            continue
        why, diffs = judge(w, r, t, lex, confirmed)
        if why == "right form is not a word" or (why and len(w) > 4 and w not in t[0]):
            got = core(w, r, lex, t[0])
            if got and got[0] not in pairs and got[0] not in kept:
                cw, cr = got
                cwhy, cdiffs = judge(cw, cr, t, lex, confirmed)
                if not cwhy:
                    kept[cw] = (cr, cdiffs, srcs)
                    continue
                why = f"{why}; its word {cw}→{cr}: {cwhy}"
        if why:
            dropped.append((w, r, why))
        elif w not in kept:
            kept[w] = (r, diffs, srcs)
    for w, code in found_by_other_rules(kept).items():
        dropped.append((w, kept.pop(w)[0], f"already found by {code}"))
    if a.correct:
        hits = scan(kept, a.correct, lex)
        for w, n in hits.items():
            dropped.append((w, kept.pop(w)[0], f"matches {n} time(s) in correct text"))
    rows = sorted(kept.items(), key=lambda kv: (kv[1][0], kv[0]))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# Wrong forms from open confusion dictionaries, kept by tools/confusion_build.py (see its\n"
                "# docstring for the filters); WD016 (confusion-word) matches them as whole words.\n")
        f.write("wrong\tright\tnote\tsource\n")
        for w, (r, diffs, srcs) in rows:
            f.write(f"{w}\t{r}\t{note(diffs)}\t{'；'.join(srcs)}\n")
    if a.dropped:
        with open(a.dropped, "w", encoding="utf-8") as f:
            f.write("wrong\tright\treason\n")
            for w, r, why in dropped:
                f.write(f"{w}\t{r}\t{why}\n")
    reasons = Counter(why if not why.startswith("matches") else "matches in correct text" for *_, why in dropped)
    print(f"{len(rows)} kept, {len(dropped)} dropped")
    for why, n in reasons.most_common():
        print(f"  {n:5d}  {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
