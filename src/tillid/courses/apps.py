from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "tillid.courses"
    label = "courses"
    verbose_name = _("Kurser")

    def ready(self) -> None:
        from tillid.accounts.roles import Role
        from tillid.core import demo, page_cache, search
        from tillid.core.navigation import register_task_link
        from tillid.courses import demo as courses_demo
        from tillid.courses import selectors
        from tillid.courses.search import COURSE_SEARCH_SOURCE

        demo.register(order=40, name="courses", load=courses_demo.load)
        page_cache.register_expiry("courses", lambda now: selectors.next_session_change(now=now))
        search.register(COURSE_SEARCH_SOURCE)
        register_task_link(role=Role.PROFESSIONAL, label=_("Mine kurser"), url_name="courses:mine")
        register_task_link(
            role=Role.PROFESSIONAL, label=_("Find et kursus"), url_name="courses:index"
        )
        register_task_link(
            role=Role.COURSE_ADMINISTRATOR,
            label=_("Kursusadministration"),
            url_name="courses:manage_index",
        )
