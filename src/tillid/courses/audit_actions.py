"""Audit actions of courses: courses, sessions, registrations and the lists that name people."""

from django.utils.translation import gettext_lazy as _

from tillid.core.audit_actions import declare

COURSE = "the course (courses.course)"
SESSION = "the session (courses.coursesession)"
REGISTRATION = "the registration (courses.registration)"

declare("courses.course.created", _("Kursus oprettet"), target=COURSE)
declare("courses.course.updated", _("Kursus ændret"), target=COURSE)
declare("courses.session.created", _("Hold oprettet"), target=SESSION)
declare("courses.session.updated", _("Hold ændret"), target=SESSION)
declare("courses.session.cancelled", _("Hold aflyst"), target=SESSION)
declare("courses.session.messaged", _("Besked sendt til holdets deltagere"), target=SESSION)
declare("courses.session.participants_viewed", _("Deltagerliste vist"), target=SESSION)
declare("courses.session.participants_exported", _("Deltagerliste hentet"), target=SESSION)
declare("courses.session.attendance_viewed", _("Fremmødeliste vist"), target=SESSION)
declare("courses.evaluation.invited", _("Deltagere inviteret til evaluering"), target=SESSION)
declare("courses.registration.created", _("Tilmelding oprettet"), target=REGISTRATION)
declare("courses.registration.requested", _("Tilmelding uden konto modtaget"), target=REGISTRATION)
declare(
    "courses.registration.email_confirmed",
    _("Tilmelding bekræftet via e-mail"),
    target=REGISTRATION,
)
declare("courses.registration.expired", _("Ubekræftet tilmelding udløbet"), target=REGISTRATION)
declare("courses.registration.promoted", _("Rykket op fra ventelisten"), target=REGISTRATION)
declare("courses.registration.cancelled", _("Tilmelding afmeldt"), target=REGISTRATION)
declare("courses.registration.attendance_marked", _("Fremmøde registreret"), target=REGISTRATION)
