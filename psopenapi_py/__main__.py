"""``python -m psopenapi_py`` runs the ``psopenapi`` command."""

from .cli import main

raise SystemExit(main())
