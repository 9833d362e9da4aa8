"""套话 density: stock phrases per 1,000 Chinese characters of a whole document.

One 高度重视 in a 5,000-character speech is normal; ten are padding. The phrases come from
reference/stock-phrases.tsv; the threshold is set above what carefully edited reports reach
(bench/RESULTS.md), and a short text is judged only once it holds a few stock phrases.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterator

from ..model.document import TEXT_SCOPES
from ..model.finding import Hit
from ..engine.kinds import Param


@lru_cache(maxsize=8)
def _matcher(path):
    from ..engine.matcher import Entry, PhraseMatcher
    from ..engine.wordlists import load_list

    rows = load_list(path)
    key = rows.columns[0]
    return PhraseMatcher([Entry(r[key], None, r.get("note", "")) for r in rows])


def count_phrases(doc, rule, list_name: str) -> Counter:
    from .facts import list_path

    matcher = _matcher(list_path(rule, list_name))
    counts: Counter = Counter()
    for p in doc.iter(rule.scope or TEXT_SCOPES):
        for _, _, e in matcher.finditer(p.text):
            counts[e.term] += 1
    return counts


def stock_density(doc, rule, options) -> Iterator[Hit]:
    chars = doc.text_chars
    if not chars:
        return
    counts = count_phrases(doc, rule, options["list"])
    total = sum(counts.values())
    density = total * 1000 / chars
    if total < options["min_count"] or density <= options["max_per_1000"]:
        return
    top = "、".join(f"“{w}”（{n}次）" for w, n in counts.most_common(options["top"]))
    yield Hit(None, 0, 0, None, {"count": total, "chars": chars, "density": f"{density:.1f}",
                                 "max": options["max_per_1000"], "top": top})


stock_density.FIELDS = frozenset({"count", "chars", "density", "max", "top"})
stock_density.OPTIONS = {
    "list": Param("str", default="stock-phrases", doc="reference list of stock phrases"),
    "max_per_1000": Param("number", default=1.5, tunable=True,
                          doc="stock phrases per 1,000 Chinese characters that pass"),
    "min_count": Param("int", default=5, tunable=True, doc="fewest stock phrases that can make a finding"),
    "top": Param("int", default=5, doc="how many of the most frequent phrases the message names"),
}
