"""Tillid's URLs plus ``/bench/audit/?n=N[&tx=page]``: N audited writes through ``audit.record``.

Each write commits on its own (autocommit, the worst case: one commit per entry), or with
``tx=page`` all N in one transaction, as a page whose service writes several entries does.
Used by bench/audit.py only (through audit_bench_settings); it is not part of the application.
"""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path

from tillid.core import access, audit, audit_actions
from tillid.urls import urlpatterns as tillid_urlpatterns

audit_actions.declare("bench.audit.write", "Bench: audited write", target="none")


def _write(count: int, path: str) -> None:
    for index in range(count):
        audit.record(actor=None, action="bench.audit.write", index=index, path=path)


@access.public
def write(request: HttpRequest) -> HttpResponse:
    count = min(int(request.GET.get("n", "1")), 1000)
    if request.GET.get("tx") == "page":
        with transaction.atomic():
            _write(count, request.path)
    else:
        _write(count, request.path)
    return HttpResponse(str(count), content_type="text/plain")


urlpatterns = [path("bench/audit/", write), *tillid_urlpatterns]
