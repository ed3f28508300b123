import os

# Qt must be headless before anything imports it.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """Never read or write the user's own dataset cache from a test."""
    monkeypatch.setenv("GOOGLENET_DATA_DIR", str(tmp_path_factory.mktemp("datasets")))
