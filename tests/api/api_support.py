"""Constants shared by the API tests (a module of its own: `conftest` names clash across test folders)."""

TOKEN = "test-token-7c1f"  # test only; the real token comes from $VEDTAK_API_TOKEN or a file
