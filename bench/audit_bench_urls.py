"""Tillid's URLs plus ``/bench/audit/?n=N``: N audited writes, each in its own transaction.

Used by bench/audit.py only (through audit_bench_settings); it is not part of the application.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from tillid.core import access, audit, audit_actions
from tillid.urls import urlpatterns as tillid_urlpatterns

audit_actions.declare("bench.audit.write", "Bench: audited write", target="none")


@access.public
def write(request: HttpRequest) -> HttpResponse:
    count = min(int(request.GET.get("n", "1")), 100)
    for index in range(count):
        audit.record(actor=None, action="bench.audit.write", index=index, path=request.path)
    return HttpResponse(str(count), content_type="text/plain")


urlpatterns = [path("bench/audit/", write), *tillid_urlpatterns]
