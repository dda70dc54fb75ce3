"""Wagtail's ``publish_scheduled``, run by one machine at a time.

Wagtail's command publishes every revision whose "go live" time has come and unpublishes every
expired page without claiming them, so two machines running it in the same minute could publish
a revision twice (two log entries, two publish signals). This command (``tillid.core`` comes
before Wagtail in ``INSTALLED_APPS``, so ``manage.py publish_scheduled`` is this one) runs
Wagtail's under ``run_alone``: a second run at the same time does nothing, since the first
publishes everything due.
"""

from __future__ import annotations

from typing import Any

from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled

from tillid.core.run_alone import run_alone


class Command(WagtailPublishScheduled):
    help = (
        "Publish and unpublish pages whose scheduled time has come; safe to run from several "
        "machines at once (one runs, the others find it running and stop)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with run_alone("publish_scheduled") as alone:
            if not alone:
                self.stdout.write("Another run of publish_scheduled is busy; nothing to do.")
                return
            super().handle(*args, **options)
