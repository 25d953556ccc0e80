"""Each rule's messages and documentation, in Vietnamese and English, registered together."""

from __future__ import annotations

import string

import pytest

from mtqg_cli.check.rules import REGISTRY, Rule
from mtqg_cli.model.vocabulary import Severity


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_rule_has_both_messages(code: str) -> None:
    rule = REGISTRY[code]
    assert rule.vi.strip() and rule.en.strip()
    assert rule.vi != rule.en
    assert placeholders(rule.vi) == placeholders(rule.en)


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_rule_is_documented_in_both_languages(code: str) -> None:
    rule = REGISTRY[code]
    assert rule.doc_vi.endswith(".") and rule.doc_en.endswith(".")
    assert rule.doc_vi != rule.doc_en
    assert "{" not in rule.doc_vi + rule.doc_en
    assert rule.doc("vi") == rule.doc_vi and rule.doc("en") == rule.doc_en


def test_no_rule_is_left_undescribed() -> None:
    assert [code for code, rule in REGISTRY.items() if not (rule.doc_vi and rule.doc_en)] == []


def test_doc_falls_back_to_vietnamese_and_to_the_code() -> None:
    rule = Rule(
        "X_RULE", Severity.info, "vi {a}", "en {a}", doc_vi="Một câu.", doc_en="A sentence."
    )
    assert rule.doc("fr") == "Một câu."
    assert rule.doc("en") == "A sentence."
    assert Rule("X_RULE", Severity.info, "vi", "en").doc("en") == "X_RULE"


def test_known_sentences_are_kept() -> None:
    assert REGISTRY["NEGATIVE_AMOUNT"].doc("vi") == "Một số tiền nhỏ hơn 0."
    assert REGISTRY["NEGATIVE_AMOUNT"].doc("en") == "An amount is below zero."
    assert REGISTRY["DUPLICATE_UNIT"].doc("en").startswith("Two files of a batch report")
