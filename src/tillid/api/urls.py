"""URLs of the public API, under the namespace "api". Every operation is public and read-only, so
each of ninja's views is marked with the public access policy here (the check in
``tillid.core.checks`` then accepts them). An operation that ever needs a login must use ninja's
``auth=`` and change this marking."""

from tillid.api.api import api
from tillid.core.access import POLICY_ATTRIBUTE, AccessPolicy

app_name = "api"  # equals api.urls_namespace, which ninja reverses its own URLs with
urlpatterns = api.urls[0]
for _pattern in urlpatterns:
    setattr(_pattern.callback, POLICY_ATTRIBUTE, AccessPolicy(public=True))
