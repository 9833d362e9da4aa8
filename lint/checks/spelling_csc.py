"""WD015 neural-typo: a neural Chinese spelling-correction model (optional extra ``gwlint[csc]``)
reads each sentence and says which character it would write instead.

The model is the user's own, exported once to ONNX (:mod:`lint.text.csc_model`; README: "Neural
spelling model (optional)"); its folder comes from ``csc-model`` in gwlint.yaml, the rule's
``model`` option or the ``GWLINT_CSC_MODEL`` environment variable. Without the extra or a model
the rule is inert, and a run that selects it says so once (:func:`_prepare`).

A character is reported when the model's most probable token at its place is another Chinese
character with probability at least ``threshold``, the character itself has probability at most
``keep``, and (``confusable``, on by default) the two sound alike (a toneless reading in common,
reference/sound-alike-chars.tsv) or look alike (reference/shape-alike-chars.tsv): a model that
rewrites a word into a synonym is not pointing at a typo. A character inside a word of gwlint's
own lists (an idiom, a place, a body's name, a fixed formulation) is never changed.
"""

from __future__ import annotations

import os
from typing import Iterator

from ..engine.kinds import Param
from ..model.finding import Hit
from ..text.chinese import is_han

ENV = "GWLINT_CSC_MODEL"
MAX_TERM = 6  # the longest word of gwlint's vocabulary looked for around a character


def _folder(options) -> str:
    return (options.get("model") or os.environ.get(ENV) or "").strip()


def _prepare(rule, options) -> str | None:
    """Called once per run for a selected rule, before any draft: loads the model, so that a
    missing folder, a corrupt model or a bad vocabulary stops the run (exit 2) with one line
    naming the file. Returns the note to print when the rule cannot run."""
    folder = _folder(options)
    if not folder:
        return (f"{rule.code} 未运行：没有指定神经纠错模型（在 gwlint.yaml 中设置 csc-model，"
                f"或设置环境变量 {ENV}；不需要时可加 --ignore {rule.code}）")
    from ..text import csc_model

    try:
        csc_model.load(folder)
    except csc_model.ExtraMissing as exc:
        return f"{rule.code} 未运行：{exc}"
    return None


def _validate(options, ctx) -> None:
    """Ranges of the options, checked when the rule is compiled with them (the error names the
    configuration that set them)."""
    for key in ("threshold", "keep"):
        if not 0 < options[key] <= 1:
            raise ctx.error(f"WD015 的选项“{key}”应为大于 0、不大于 1 的数")
    for key in ("max_length", "batch"):
        if not 1 <= options[key] <= 510:
            raise ctx.error(f"WD015 的选项“{key}”应为 1 到 510 之间的整数")


def _model(options):
    folder = _folder(options)
    if not folder:
        return None
    from ..text import csc_model

    try:
        return csc_model.load(folder)
    except csc_model.ExtraMissing:
        return None


def _pieces(sentence, limit: int) -> Iterator[tuple[int, str]]:
    """(offset in the paragraph, text) of a sentence cut into pieces the model takes."""
    text = sentence.text
    for a in range(0, len(text), limit):
        yield sentence.start + a, text[a:a + limit]


def _confusable(a: str, b: str) -> bool:
    from .spelling_lm import alike

    return alike(a, b) is not None


def _in_term(text: str, i: int, vocabulary) -> bool:
    """True when the character at ``i`` lies inside a word of gwlint's own lists."""
    for a in range(max(0, i - MAX_TERM + 1), i + 1):
        for b in range(max(i + 1, a + 2), min(len(text), a + MAX_TERM) + 1):
            if text[a:b] in vocabulary:
                return True
    return False


def _context(text: str, i: int) -> str:
    """Two characters either side within the piece, without the punctuation at its ends."""
    a, b = max(0, i - 2), min(len(text), i + 3)
    while a < i and not text[a].isalnum():
        a += 1
    while b > i + 1 and not text[b - 1].isalnum():
        b -= 1
    return text[a:b]


def neural_typo(doc, rule, options) -> Iterator[Hit]:
    model = _model(options)
    if model is None:
        return
    pieces = [(p, start, text) for p in doc.iter(rule.scope) for s in p.sentences
              for start, text in _pieces(s, options["max_length"]) if any(is_han(c) for c in text)]
    if not pieces:
        return
    from ..text.segment import lexicon

    vocabulary = lexicon().vocabulary
    predictions = model.predict([t for _, _, t in pieces], options["batch"])
    for (p, start, text), preds in zip(pieces, predictions):
        for pr in preds:
            right = pr.top
            if (len(right) != 1 or right == pr.char or not is_han(pr.char) or not is_han(right)
                    or pr.p_top < options["threshold"] or pr.p_char > options["keep"]):
                continue
            if options["confusable"] and not _confusable(pr.char, right):
                continue
            at = start + pr.index
            if _in_term(p.text, at, vocabulary):
                continue
            context = _context(text, pr.index)
            yield Hit(p, at, at + 1, right, {"context": context, "right": right,
                                             "confidence": f"{pr.p_top:.0%}"})


neural_typo.FIELDS = frozenset({"text", "suggestion", "context", "right", "confidence"})
neural_typo.OPTIONS = {
    "model": Param("str", default="", tunable=True,
                   doc="folder of the exported model (model.onnx, vocab.txt); empty: GWLINT_CSC_MODEL"),
    "threshold": Param("number", default=0.9, tunable=True,
                       doc="least probability of the model's replacement"),
    "keep": Param("number", default=0.1, tunable=True,
                  doc="greatest probability of the written character"),
    "confusable": Param("bool", default=True, tunable=True,
                        doc="only a sound- or shape-alike replacement (reference/*-alike-chars.tsv)"),
    "max_length": Param("int", default=126, tunable=True,
                        doc="characters per piece given to the model (a longer sentence is cut)"),
    "batch": Param("int", default=16, tunable=True, doc="pieces per model run"),
}
neural_typo.PREPARE = _prepare
neural_typo.VALIDATE = _validate
