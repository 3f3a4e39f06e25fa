"""Every golden body through Validator.validate gives the server's status and bytes."""
import json

import pytest

import tfschema
from conftest import deep_recursion, golden_cases

VALIDATORS = {profile: tfschema.Validator(profile) for profile in ("pydantic-v2", "pydantic-v1")}


def check(profile, case):
    validator = VALIDATORS[profile]
    result = validator.validate(case.body)
    assert validator.is_valid(case.body) == (case.status == 200)
    if case.status == 500:
        # The server fails to render its own 422; tfschema renders a well-formed
        # one and says the server would not.
        assert result.status_code == 422
        assert result.server_cannot_render
        assert result.detail  # parses, however deep
        return
    assert not result.server_cannot_render
    assert result.status_code == case.status
    assert result.body == (b"" if case.status == 200 else case.raw)
    detail = result.detail  # at the test's own recursion limit: never raises
    with deep_recursion():
        assert detail == ([] if case.status == 200 else json.loads(case.raw)["detail"])


@pytest.mark.parametrize("case", golden_cases("pydantic-v2"), ids=repr)
def test_v2_golden(case):
    check("pydantic-v2", case)


@pytest.mark.parametrize("case", golden_cases("pydantic-v1"), ids=repr)
def test_v1_golden(case):
    check("pydantic-v1", case)
