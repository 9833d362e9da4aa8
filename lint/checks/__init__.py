"""Check functions for ``kind: python`` rules: logic that YAML cannot express.

Each function takes ``(doc, rule, options)`` and yields :class:`lint.model.finding.Hit`; it may declare
``FIELDS`` (names for the rule's message template) and ``OPTIONS`` (validated at load time).
"""


def paragraphs_joined(doc, scopes):
    """The non-blank paragraphs of ``doc`` in ``scopes`` and their texts as one
    :class:`lint.text.fastregex.Joined` (to find the few paragraphs a pattern can match in),
    made once per document and scopes."""
    from ..text.fastregex import Joined

    memo = doc.meta.setdefault("_joined", {})
    key = None if scopes is None else frozenset(scopes)
    got = memo.get(key)
    if got is None:
        paragraphs = list(doc.iter(scopes))
        got = memo[key] = (paragraphs, Joined(p.text for p in paragraphs))
    return got
