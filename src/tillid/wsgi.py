"""WSGI entry point for gunicorn: ``gunicorn tillid.wsgi`` with ``src`` on the path."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tillid.settings")
application = get_wsgi_application()
