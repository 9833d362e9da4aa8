"""保密关: classification marks (public drafts only) and personal data, masked in every output."""

from __future__ import annotations

import pytest

from lint.checks.secrecy import id_check_digit_ok, luhn_ok, mask
from lint.config.settings import Settings
from lint.engine import load_rules
from lint.app.checking import check_one
from tests.helpers import CORPUS, run

RULES = load_rules()
SC = [r for r in RULES if r.category == "secrecy"]
GOV = CORPUS / "gov-reports"

ID = "11010519491231002X"  # the sample number of GB 11643, not a person's
MOBILE = "13812345678"
CARD = "6222021234567890128"
EMAIL = "zhangsan1985@163.com"
DRAFT = (f"关于报送补贴发放名单的通知\n各乡镇人民政府：\n张三，身份证号{ID}，联系电话{MOBILE}，"
         f"银行卡{CARD}，邮箱{EMAIL}。\n秘密★1年\n")


def test_id_check_digit():
    assert id_check_digit_ok(ID) and id_check_digit_ok(ID.lower())
    assert id_check_digit_ok("440304198801011237")
    assert not id_check_digit_ok("440304198801011238")
    assert not id_check_digit_ok("4403041988010112")


def test_luhn():
    assert luhn_ok("4111111111111111") and luhn_ok(CARD)
    assert not luhn_ok("4111111111111112")


def test_mask():
    assert mask(ID, 2, 2) == "11**************2X"
    assert mask("1234", 2, 2) == "****"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_personal_data_never_appears_in_the_output(fmt):
    r = run("check", "--public", "--select", "secrecy", "--format", fmt, "-", input=DRAFT.encode("utf-8"))
    assert r.code == 1, r
    for raw in (ID, MOBILE, CARD, "zhangsan1985", "6222 0212"):
        assert raw not in r.out, f"{raw} leaked in --format {fmt}"
    assert "11**************2X" in r.out and "138****5678" in r.out


def test_masked_value_in_text_message_and_suggestion():
    r = run("check", "--public", "--select", "secrecy", "--format", "json", "-", input=DRAFT.encode("utf-8"))
    found = {f["code"]: f for f in r.json["findings"]}
    assert set(found) == {"SC001", "SC002", "SC003", "SC004", "SC005"}
    assert found["SC002"]["text"] == found["SC002"]["suggestion"] == "11**************2X"
    assert found["SC003"]["text"] == "138****5678"
    assert found["SC004"]["text"] == "6222***********0128"
    assert found["SC005"]["text"] == "z***@163.com"
    # the span still points at the value in the draft
    line = DRAFT.splitlines()[2]
    f = found["SC002"]
    assert line[f["column"] - 1:f["end_column"] - 1] == ID


def test_only_identity_numbers_are_reported_in_an_internal_draft():
    r = run("check", "--select", "secrecy", "--format", "json", "-", input=DRAFT.encode("utf-8"))
    assert {f["code"] for f in r.json["findings"]} == {"SC002"}


@pytest.mark.skipif(not GOV.is_dir(), reason="shared/corpus/gov-reports is not beside the repository")
def test_gov_reports_are_quiet_even_when_public():
    for p in sorted(GOV.glob("*.txt")):
        r = check_one(str(p), p, SC, Settings(public=True))
        assert not r.findings, [f"{f.code} {f.message}" for f in r.findings]


@pytest.mark.parametrize("fmt", ["html", "markdown", "text", "json", "sarif", "github"])
def test_reports_never_print_the_personal_data_they_mask(tmp_path, fmt):
    """The HTML and Markdown reports print the draft's text around findings: the masked value
    must be masked there too."""
    from tests.helpers import run

    raw_id, raw_phone = "320102198506171237", "13987654321"  # not in any rule example
    draft = tmp_path / "a.txt"
    draft.write_text(f"联系人身份证号{raw_id}，手机{raw_phone}，请于5日前报送。\n", encoding="utf-8")
    r = run("check", "--public", "-f", fmt, "--select", "secrecy", str(draft))
    assert r.code == 1, r
    assert "SC002" in r.out and "SC003" in r.out
    assert raw_id not in r.out and raw_phone not in r.out
    assert raw_id[:2] in r.out  # the masked form is shown
