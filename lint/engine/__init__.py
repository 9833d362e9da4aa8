"""The rule engine: loading and validating rule files, the rule kinds, matching, running."""

from .rules import (CATEGORIES, Rule, RuleSet, at_or_above, check_document, example_text,  # noqa: F401
                    known_selector, rule_files,
                    load_rules, select_rules)
