"""Check functions for ``kind: python`` rules: logic that YAML cannot express.

Each function takes ``(doc, rule, options)`` and yields :class:`lint.model.finding.Hit`; it may declare
``FIELDS`` (names for the rule's message template) and ``OPTIONS`` (validated at load time).
"""
