"""The package logger, for the modules that log (the HTTP path, the mock server).

It lives apart from ``__init__`` because ``logging`` costs about 5 ms to import and building models
never logs: ``import psopenapi_py`` leaves it out until a module that logs is first used.
"""

import logging

logger = logging.getLogger("psopenapi_py")
# A library leaves output to the application: without a handler of its own, Python would print
# WARNING records and up (the mock server's) to stderr through logging.lastResort.
logger.addHandler(logging.NullHandler())
