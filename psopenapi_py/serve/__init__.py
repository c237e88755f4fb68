"""``psopenapi serve``: the small backend a Realtime app needs, as a WSGI application.

* ``POST /token``: mints an ephemeral key from the configured session template (callers may change only
  the fields and values the configuration allows, and the key's lifetime within bounds).
* ``POST /session``: relays a browser's SDP offer to ``POST /realtime/calls`` with the server's key.
* ``POST /webhooks/openai``: verifies OpenAI's webhook signature and accepts or rejects incoming SIP
  calls by rules on their SIP headers.
* ``GET /healthz`` and ``GET /metrics`` (Prometheus' text format).

:func:`create_app` makes the application (run it under gunicorn or any WSGI server); :func:`load_config`
reads and checks the JSON configuration; :func:`make_server` is the threaded stdlib server the CLI uses (:func:`serve_in_thread` and
:func:`stop_server` run it in the background, as tests and notebooks do).
See docs/serve.md.

Modules: ``_config`` (the configuration and its checks), ``_strict_json`` (JSON with no key twice and no endless
numbers), ``_app`` (the WSGI application: routes and
endpoints), ``_requests`` (addresses, Host and Origin, media types of a request), ``_webhook`` (signatures,
replay memory, the incoming-call event and the rules deciding it), ``_limits`` (rate limit and metrics),
``_server`` and ``_wsgi`` (the stdlib server), ``_demo`` (the example browser page).
"""

from __future__ import annotations

import os

from ._app import ServeApp, create_app
from ._config import DEFAULT_PATHS, Rule, ServeConfig, load_config, parse_config
from ._demo import DEMO_PATH
from ._server import WSGIServer, make_server, serve_in_thread, stop_server
from ._webhook import WebhookRefused, sign, verify

__all__ = [
    "DEFAULT_PATHS",
    "DEMO_PATH",
    "Rule",
    "ServeApp",
    "ServeConfig",
    "WSGIServer",
    "WebhookRefused",
    "app_from_env",
    "create_app",
    "load_config",
    "make_server",
    "parse_config",
    "serve_in_thread",
    "sign",
    "stop_server",
    "verify",
]

#: The environment variable naming the configuration file for :func:`app_from_env`.
CONFIG_ENV = "PSOPENAPI_SERVE_CONFIG"


def app_from_env() -> ServeApp:
    """The application for the configuration file named by ``PSOPENAPI_SERVE_CONFIG``, for WSGI servers:
    ``gunicorn -w 2 'psopenapi_py.serve:app_from_env()'``."""
    import logging

    path = os.environ.get(CONFIG_ENV)
    if not path:
        raise RuntimeError(f"Set {CONFIG_ENV} to the path of the serve configuration file.")
    logger = logging.getLogger("psopenapi_py.serve")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        # Its lines go out once, here: a root handler (logging.basicConfig) would print each again.
        logger.propagate = False
    return create_app(load_config(path))
