"""Shared fixtures: a clean environment and configuration per test, and a loopback recording server."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from recording_server import RecordingServer, recording_server  # noqa: E402

import psopenapi_py.configuration as configuration_module  # noqa: E402
from psopenapi_py.mock_server import MockServer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No OPENAI_* variable leaks in from the machine, and every test starts from a fresh configuration."""
    for name in list(os.environ):
        if name.startswith("OPENAI_"):
            monkeypatch.delenv(name)
    fresh = configuration_module.Configuration()
    monkeypatch.setattr(configuration_module, "_CONFIGURATION", fresh)
    yield
    fresh.close()


@pytest.fixture
def server() -> Iterator[RecordingServer]:
    """A loopback server recording every request; answers 200 with a session unless scripted."""
    with recording_server() as srv:
        yield srv


@pytest.fixture
def configured(server: RecordingServer, monkeypatch: pytest.MonkeyPatch) -> RecordingServer:
    """The recording server, with OPENAI_BASE_URL and OPENAI_API_KEY pointing at it."""
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-key-123")
    return server


@pytest.fixture
def mock_server() -> Iterator[MockServer]:
    """The built-in OpenAI-compatible mock server on a free loopback port, accepting only the key sk-example."""
    with MockServer(api_key="sk-example") as srv:
        yield srv
