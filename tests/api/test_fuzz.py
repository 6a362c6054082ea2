"""Schemathesis against the ASGI app: generated requests for every operation, no server error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def schema(api_app):
    import schemathesis

    return schemathesis.openapi.from_asgi("/openapi.json", api_app)


def test_fuzz_every_operation_without_server_errors(schema):
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import status_code_conformance

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        def run(case):
            response = case.call()
            try:
                case.validate_response(response, checks=[not_a_server_error, status_code_conformance])
            except Exception as exc:  # noqa: BLE001 - collect every operation's failure, then report all
                failures.append(f"{operation.label}: {str(exc)[:300]}")
                raise

        try:
            run()
        except Exception:  # noqa: BLE001
            pass
    assert not failures, "\n".join(dict.fromkeys(failures))
