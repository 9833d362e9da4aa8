"""Build reference/places.tsv from the CC0 areacodes summary (yescallop/areacodes result.csv).

Usage: python bench/tools/build_places.py result.csv > reference/places.tsv

Keeps every division in use (province, prefecture, county level) and the names given up since
1990 that no division in use still bears (a renamed or abolished place), with the year and what
took its place. The source data is the Ministry of Civil Affairs' code lists as collected by
areacodes (CC0 1.0).
"""

from __future__ import annotations

import csv
import re
import sys

SOURCE = "民政部行政区划代码（areacodes）"
GENERIC = {"城区", "郊区", "矿区", "市区", "新区", "市中区", "新市区", "开发区", "新城区", "老城区"}
STEM = re.compile(r"(?:地区|自治州|自治县|自治旗|特区|林区|矿区|新区|市|县|区|盟|旗|州)$")


def stem(name: str) -> str:
    return STEM.sub("", name)


def main(path: str) -> None:
    rows = list(csv.DictReader(open(path, encoding="utf-8-sig")))
    current = [r for r in rows if r["状态"] == "在用"]
    by_code = {}
    for r in rows:
        by_code.setdefault(r["代码"], []).append(r)
    now_code = {r["代码"]: r for r in current}
    current_names = {r["名称"] for r in current}
    out = []
    for r in current:
        level = r["级别"]
        prov = r["一级行政区"]
        pref = "" if level == "省级" else r["二级行政区"] if r["二级行政区"] != "直辖" else ""
        if level == "地级":
            pref = ""
        out.append((r["名称"], level, prov, pref, "在用", "", ""))
    seen = set()
    for r in sorted(rows, key=lambda r: -int(r["变更/弃用时间"] or 0)):
        if r["状态"] == "在用" or not r["变更/弃用时间"]:
            continue
        name, year = r["名称"], int(r["变更/弃用时间"])
        # a one-character stem is kept only for a county's two-character name (赣县, 郫县, 横县):
        # 城区 or 郊区 name no place
        short_county = len(name) == 2 and name.endswith("县")
        if year < 1990 or name in current_names or name in GENERIC or (len(stem(name)) < 2 and not short_county):
            continue
        # what took its place: the code's current name, else the new codes' names, else a
        # division in use in the same province with the same stem (毕节地区 -> 毕节市)
        succ = []
        if r["状态"] == "变更" and r["代码"] in now_code:
            succ = [now_code[r["代码"]]["名称"]]
        if not succ and r["新代码"]:
            for c in r["新代码"].split(";"):
                c = c.split("[")[0]
                if c in now_code:
                    n = now_code[c]
                    parent = n["二级行政区"] if n["级别"] == "县级" and n["二级行政区"] != "直辖" else ""
                    succ.append(parent + n["名称"] if parent and parent != n["名称"] else n["名称"])
        if not succ:
            same = [c for c in current if c["一级行政区"] == r["一级行政区"] and c["级别"] == r["级别"]
                    and stem(c["名称"]) == stem(name)]
            succ = [c["名称"] for c in same[:1]]
        key = (name, r["一级行政区"])
        if key in seen:
            continue
        seen.add(key)
        status = "更名" if succ and len(succ) == 1 and stem(succ[0]).endswith(stem(name)[-1:]) is False else "撤销"
        if r["状态"] == "变更" or (len(succ) == 1 and stem(succ[-1].split("市")[-1]) != stem(name)):
            status = "更名" if r["状态"] == "变更" else "撤销"
        pref = r["二级行政区"] if r["级别"] == "县级" and r["二级行政区"] not in ("直辖", name) else ""
        out.append((name, r["级别"], r["一级行政区"], pref, status, str(year), "、".join(dict.fromkeys(succ))))
    w = sys.stdout
    w.write("# 县级以上行政区划：在用的全部名称，以及1990年以来撤销、更名且现已不再使用的名称。\n")
    w.write("# 数据日期：2024年12月31日（areacodes data/2024.txt）。year 为变更生效的年份（民政部代码表所载年份）。\n")
    w.write("name\tlevel\tprovince\tprefecture\tstatus\tyear\tnow\tsource\n")
    for row in sorted(out, key=lambda x: (x[4] != "在用", x[2], x[3], x[0])):
        w.write("\t".join(row) + "\t" + SOURCE + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
