"""The rule engine: loading and validating rule files, the rule kinds, matching, running."""

from .rules import (CATEGORIES, Rule, RuleSet, check_document, example_text, load_rules,
                    rule_files)

__all__ = ["CATEGORIES", "Rule", "RuleSet", "check_document", "example_text", "load_rules", "rule_files"]
