"""Wiring of the portal: settings, URLs, WSGI, the demo loader.

The folder is called ``site/`` (as the project layout asks) but ``site`` is the
standard-library module Python imports at start-up, so the importable package is
``portal`` and ``manage.py``, ``pytest.ini`` and the WSGI entry put ``site/`` on
``sys.path``.
"""
