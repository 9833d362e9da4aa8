"""The rule engine: loading and validating rule files, the rule kinds, matching, running."""

from .rules import (CATEGORIES, Rule, RuleSet, check_document, example_text,  # noqa: F401
                    rule_files, load_rules)
