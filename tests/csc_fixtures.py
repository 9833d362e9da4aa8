"""A tiny spelling-correction model built with onnx.helper, for the tests of the optional
``gwlint[csc]`` extra (lint/text/csc_model.py, WD015).

The graph is a BERT model in miniature: ``input_ids`` -> Gather from an embedding -> MatMul to
logits over the vocabulary (``attention_mask`` and ``token_type_ids`` are declared, as a BERT
export declares them, and unused). The embedding of every character points at the character
itself with near certainty, except for the characters of ``changes``: ``wrong -> (right, p)``
makes the model predict ``right`` with probability ``p`` where it reads ``wrong``.
"""

from __future__ import annotations

import math
from pathlib import Path

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
SELF_LOGIT = 12.0

# The model the examples of rules/wording/neural-typo.yml run with (its `why` describes it).
EXAMPLE_CHANGES = {"测": ("策", 0.99), "镜": ("境", 0.99), "末": ("未", 0.99), "好": ("优", 0.99),
                   "以": ("已", 0.5)}

BERT_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def build_model(folder: Path, chars: str, changes: dict[str, tuple[str, float]] | None = None,
                inputs=BERT_INPUTS, custom_op: bool = False, vocab_extra: int = 0,
                external: str | None = None) -> Path:
    """Write model.onnx and vocab.txt into ``folder`` (made if needed); returns ``folder``.
    ``custom_op``: the graph also runs an operator of a domain onnxruntime does not know;
    ``vocab_extra``: vocab.txt gets that many lines more than the model's logits have;
    ``external``: the embedding is stored as external data in that file (relative to ``folder``)."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    changes = changes or {}
    letters = sorted(set(c for c in chars if not c.isspace())
                     | set(changes) | {r for r, _ in changes.values()})
    vocab = SPECIAL + letters
    ids = {t: i for i, t in enumerate(vocab)}
    n = len(vocab)
    emb = np.eye(n, dtype=np.float32) * SELF_LOGIT
    for wrong, (right, p) in changes.items():
        w, r = ids[wrong], ids[right]
        emb[w, :] = 0.0
        # softmax over (right: a, every other token: 0) gives right the probability p
        emb[w, r] = math.log(p * (n - 1) / (1 - p))
    weight = np.eye(n, dtype=np.float32)
    nodes = [helper.make_node("Gather", ["embedding", "input_ids"], ["hidden"], axis=0),
             helper.make_node("MatMul", ["hidden", "weight"], ["logits" if not custom_op else "raw"])]
    opsets = [helper.make_opsetid("", 13)]
    if custom_op:
        nodes.append(helper.make_node("Mystery", ["raw"], ["logits"], domain="com.example.custom"))
        opsets.append(helper.make_opsetid("com.example.custom", 1))
    graph = helper.make_graph(
        nodes, "tiny-csc",
        [helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "length"]) for name in inputs],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "length", n])],
        initializer=[numpy_helper.from_array(emb, "embedding"), numpy_helper.from_array(weight, "weight")])
    model = helper.make_model(graph, opset_imports=opsets, producer_name="gwlint-tests")
    model.ir_version = 8
    if not custom_op:
        onnx.checker.check_model(model)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    if external is not None:
        tensor = next(t for t in model.graph.initializer if t.name == "embedding")
        (folder / external).write_bytes(tensor.raw_data)
        size = len(tensor.raw_data)
        tensor.ClearField("raw_data")
        tensor.data_location = TensorProto.EXTERNAL
        for key, value in (("location", external), ("offset", "0"), ("length", str(size))):
            entry = tensor.external_data.add()
            entry.key, entry.value = key, value
    onnx.save(model, str(folder / "model.onnx"))
    extra = [f"[unused{i}]" for i in range(vocab_extra)]
    (folder / "vocab.txt").write_text("\n".join(vocab + extra) + "\n", encoding="utf-8")
    for name in ("model.onnx", "vocab.txt"):
        (folder / name).chmod(0o644)
    return folder


def example_model(folder: Path, texts: list[str]) -> Path:
    """The model of EXAMPLE_CHANGES over the characters of ``texts``."""
    return build_model(folder, "".join(texts), EXAMPLE_CHANGES)


def with_example_model(rule, tmp_path):
    """A rule that runs a neural model (WD015, the optional extra gwlint[csc]) runs its examples
    with the tiny model of tests/csc_fixtures.py, built here over the examples' characters."""
    if rule.kind != "python" or rule.compiled[0].__module__ != "lint.checks.spelling_csc":
        return rule
    import pytest

    from lint.engine import example_text

    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    texts = [example_text(ex) for kind in ("fail", "pass") for ex in rule.examples[kind]]
    return rule.with_options({"model": str(example_model(tmp_path / "csc-model", texts))})
