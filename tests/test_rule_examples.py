"""Every rule's own examples: each ``fail`` example yields a finding of that rule (exactly
``count`` when given), each ``pass`` example none. Only the rule under test runs."""

from __future__ import annotations

import pytest

from lint.analysis.document_type import infer
from lint.engine import check_document, example_text, load_rules
from lint.readers import read_stdin
from tests.csc_fixtures import with_example_model

RULESET = load_rules()


def _cases():
    for rule in RULESET:
        for kind in ("fail", "pass"):
            for i, ex in enumerate(rule.examples[kind], start=1):
                yield pytest.param(rule, kind, ex, id=f"{rule.code}-{kind}-{i}")


def build_document(ex: dict, tmp_path):
    if "docx" in ex:
        from tests.docx_fixtures import build
        from lint.readers import read_path

        path = build(ex["docx"], tmp_path / "example.docx")
        doc = read_path(path)
    else:
        doc = read_stdin(example_text(ex).encode("utf-8"), "example.txt")
    doc.meta["doctype"] = ex.get("doctype") or infer(doc)
    doc.meta["public"] = ex.get("public", False)
    return doc


@pytest.mark.parametrize("rule,kind,example", list(_cases()))
def test_example(rule, kind, example, tmp_path):
    rule = with_example_model(rule, tmp_path)
    doc = build_document(example, tmp_path)
    found = [f for f in check_document(doc, [rule]) if f.code == rule.code]
    where = f"{rule.path}:{example['line']}"
    if kind == "pass":
        assert not found, f"{where}: pass example reported: {[f.message for f in found]}"
    elif "count" in example:
        assert len(found) == example["count"], f"{where}: expected {example['count']} findings, got {[f.message for f in found]}"
    else:
        assert found, f"{where}: fail example not reported"
