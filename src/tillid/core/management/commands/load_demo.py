import logging
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tillid.core import demo


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent) and print a summary and the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded when TILLID_ENV=production.")
        # Wagtail logs every page it creates, edits and publishes at INFO; the loaders' own
        # lines say what was loaded, so everything below a warning is held back meanwhile.
        previous = logging.root.manager.disable
        logging.disable(logging.INFO)
        try:
            for loader in demo.loaders():
                with transaction.atomic():
                    lines = loader.load()
                for line in lines:
                    self.stdout.write(line)
        finally:
            logging.disable(previous)
