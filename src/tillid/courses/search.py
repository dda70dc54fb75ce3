"""The "courses" source of the site search (``tillid.core.search``): published courses only."""

from __future__ import annotations

import re
import unicodedata

from django.db.models import F, Min, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillid.core import clock
from tillid.core.search import SearchHit, SearchSource
from tillid.courses.models import Course, CourseSession

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+", re.UNICODE)
SEARCHED_FIELDS = ("title", "summary", "description", "audience", "organiser")


def _words(query: str) -> list[str]:
    text = unicodedata.normalize("NFC", query or "")[:MAX_QUERY_LENGTH]
    return [word for word in _WORD.findall(text) if len(word) > 1][:10]


def search_courses(
    *, query: str, topic: str | None = None, audience: str | None = None, limit: int = 20
) -> list[SearchHit]:
    """Published courses whose text holds every word of ``query``; those with the soonest
    upcoming session first. ``topic`` and ``audience`` are slugs of the shared taxonomy."""
    words = _words(query)
    if not words:
        return []
    now = clock.now()
    courses = Course.objects.filter(is_published=True)
    for word in words:
        condition = Q()
        for name in SEARCHED_FIELDS:
            condition |= Q(**{f"{name}__icontains": word})
        courses = courses.filter(condition)
    if topic:
        courses = courses.filter(topics__slug=topic)
    if audience:
        courses = courses.filter(audiences__slug=audience)
    courses = (
        courses.annotate(
            next_start=Min(
                "sessions__starts_at",
                filter=Q(sessions__starts_at__gt=now)
                & ~Q(sessions__status=CourseSession.Status.CANCELLED),
            )
        )
        .prefetch_related("topics", "audiences")
        .distinct()
        .order_by(F("next_start").asc(nulls_last=True), "title")
    )
    hits = []
    for course in courses[:limit]:
        extra = {"type": course.get_kind_display()}
        if course.next_start is not None:
            extra["next"] = _("Næste hold %(date)s") % {
                "date": formats.date_format(timezone.localtime(course.next_start), "DATE_FORMAT")
            }
        hits.append(
            SearchHit(
                title=course.title,
                url=course.get_absolute_url(),
                snippet=course.summary,
                topics=tuple(topic.name for topic in course.topics.all()),
                audiences=tuple(audience.name for audience in course.audiences.all()),
                extra=extra,
            )
        )
    return hits


COURSE_SEARCH_SOURCE = SearchSource(
    name="courses", label=gettext_lazy("Kurser"), order=30, search=search_courses
)
