"""Registration rules: seats, waiting list, cancellation, promotion and the refusals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from tillid.accounts.models import User
from tillid.core.models import AuditEntry, OutgoingMail
from tillid.core.refusals import NotPermittedError
from tillid.courses import services
from tillid.courses.models import Course, CourseSession, Registration
from tillid.courses.services import CourseActionRefusedError

pytestmark = pytest.mark.django_db

Status = Registration.Status


def templates() -> list[str]:
    return list(OutgoingMail.objects.order_by("id").values_list("template", flat=True))


def register(session: CourseSession, user: User, **kwargs: object) -> services.Placement:
    return services.registration_create_for_user(session_id=session.pk, user=user, **kwargs)


def test_first_registrations_get_seats_then_the_waiting_list_in_order(
    session: CourseSession, make_professional: Callable[[str], User]
) -> None:
    people = [make_professional(name) for name in ("Ada Aa", "Bo Bb", "Cy Cc", "Di Dd")]
    placements = [register(session, person) for person in people]

    assert [placement.registration.status for placement in placements] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITING,
        Status.WAITING,
    ]
    assert [placement.position for placement in placements] == [None, None, 1, 2]
    assert [placement.registration.arrival_number for placement in placements] == [1, 2, 3, 4]
    session.refresh_from_db()
    assert session.seats_taken == 2
    assert templates() == [
        "courses/email/registration_confirmed",
        "courses/email/registration_confirmed",
        "courses/email/registration_waiting",
        "courses/email/registration_waiting",
    ]
    entry = AuditEntry.objects.filter(action="courses.registration.created").first()
    assert entry is not None
    assert entry.details["status"] == Status.WAITING


def test_registering_twice_is_refused_and_changes_nothing(
    session: CourseSession, professional: User
) -> None:
    register(session, professional)
    with pytest.raises(CourseActionRefusedError, match="allerede tilmeldt") as refused:
        register(session, professional)
    assert refused.value.code == "already_registered"
    assert Registration.objects.count() == 1
    assert len(templates()) == 1


def test_a_waiting_person_registering_again_is_told_their_place(
    make_session: Callable[..., CourseSession], make_professional: Callable[[str], User]
) -> None:
    session = make_session(capacity=1)
    register(session, make_professional("Ada Aa"))
    waiting = make_professional("Bo Bb")
    register(session, waiting)
    with pytest.raises(CourseActionRefusedError, match=r"ventelisten til dette hold \(nr. 1\)"):
        register(session, waiting)


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        ({"status": CourseSession.Status.CANCELLED}, "cancelled", "aflyst"),
        ({"status": CourseSession.Status.PLANNED}, "not_open", "ikke åbnet"),
    ],
)
def test_a_session_that_takes_no_registrations_refuses_them(
    session: CourseSession, professional: User, change: dict[str, str], code: str, message: str
) -> None:
    CourseSession.objects.filter(pk=session.pk).update(**change)
    with pytest.raises(CourseActionRefusedError, match=message) as refused:
        register(session, professional)
    assert refused.value.code == code
    assert not Registration.objects.exists()


def test_after_the_deadline_and_after_the_start_registration_is_refused(
    session: CourseSession, professional: User
) -> None:
    after_deadline = session.registration_deadline + timedelta(minutes=1)
    with pytest.raises(CourseActionRefusedError, match="Tilmeldingsfristen udløb") as refused:
        register(session, professional, now=after_deadline)
    assert refused.value.code == "deadline"
    with pytest.raises(CourseActionRefusedError, match="begyndt eller afholdt"):
        register(session, professional, now=session.starts_at)
    assert not Registration.objects.exists()


def test_only_professionals_register_with_their_account(
    session: CourseSession, course_admin: User
) -> None:
    with pytest.raises(NotPermittedError, match="Kun fagpersoner"):
        register(session, course_admin)


def test_a_cpr_number_in_the_needs_is_refused(session: CourseSession, professional: User) -> None:
    with pytest.raises(CourseActionRefusedError, match="CPR"):
        register(session, professional, needs="Min søns CPR er 010203-1234")
    assert not Registration.objects.exists()


def test_cancelling_a_seat_promotes_the_first_waiting_at_once(
    session: CourseSession, make_professional: Callable[[str], User]
) -> None:
    first, _second, third, fourth = (
        register(session, make_professional(name)).registration
        for name in ("Ada Aa", "Bo Bb", "Cy Cc", "Di Dd")
    )
    OutgoingMail.objects.all().delete()

    services.registration_cancel(registration_id=first.pk, actor=first.user)

    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == Status.CONFIRMED
    assert fourth.status == Status.WAITING
    session.refresh_from_db()
    assert session.seats_taken == 2
    assert templates() == [
        "courses/email/registration_cancelled",
        "courses/email/registration_promoted",
    ]
    assert OutgoingMail.objects.get(template="courses/email/registration_promoted").to == (
        third.email
    )
    promoted = AuditEntry.objects.get(action="courses.registration.promoted")
    assert promoted.target_id == str(third.pk)
    assert promoted.details["manual"] is False


def test_after_the_deadline_a_freed_seat_stays_free(
    session: CourseSession, make_professional: Callable[[str], User]
) -> None:
    first, _second, third = (
        register(session, make_professional(name)).registration
        for name in ("Ada Aa", "Bo Bb", "Cy Cc")
    )
    after_deadline = session.registration_deadline + timedelta(hours=1)

    services.registration_cancel(registration_id=first.pk, actor=first.user, now=after_deadline)

    third.refresh_from_db()
    assert third.status == Status.WAITING
    session.refresh_from_db()
    assert session.seats_taken == 1


def test_leaving_the_waiting_list_moves_the_others_up(
    make_session: Callable[..., CourseSession], make_professional: Callable[[str], User]
) -> None:
    session = make_session(capacity=1)
    register(session, make_professional("Ada Aa"))
    second = register(session, make_professional("Bo Bb")).registration
    third = register(session, make_professional("Cy Cc")).registration

    services.registration_cancel(registration_id=second.pk, actor=second.user)

    assert services.registrations.waiting_position(third) == 1
    session.refresh_from_db()
    assert session.seats_taken == 1


def test_cancelling_twice_or_after_the_start_is_refused(
    session: CourseSession, professional: User
) -> None:
    registration = register(session, professional).registration
    with pytest.raises(CourseActionRefusedError, match="begyndt"):
        services.registration_cancel(
            registration_id=registration.pk, actor=professional, now=session.starts_at
        )
    services.registration_cancel(registration_id=registration.pk, actor=professional)
    with pytest.raises(CourseActionRefusedError, match="allerede afmeldt"):
        services.registration_cancel(registration_id=registration.pk, actor=professional)


def test_a_cancelled_person_may_register_again_and_goes_to_the_back(
    make_session: Callable[..., CourseSession], make_professional: Callable[[str], User]
) -> None:
    session = make_session(capacity=1)
    ada = make_professional("Ada Aa")
    first = register(session, ada).registration
    register(session, make_professional("Bo Bb"))
    services.registration_cancel(registration_id=first.pk, actor=ada)

    again = register(session, ada)

    assert again.waiting
    assert again.position == 1
    assert again.registration.arrival_number == 3


def test_capacity_below_the_seats_taken_is_refused_with_an_explanation(
    session: CourseSession, make_professional: Callable[[str], User], course_admin: User
) -> None:
    register(session, make_professional("Ada Aa"))
    register(session, make_professional("Bo Bb"))
    data = services.SessionData(
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        registration_deadline=session.registration_deadline,
        capacity=1,
        place=session.place,
        venue=session.venue,
    )
    with pytest.raises(CourseActionRefusedError, match="allerede 2 deltagere") as refused:
        services.session_update(session_id=session.pk, actor=course_admin, data=data)
    assert refused.value.code == "capacity_below_taken"
    session.refresh_from_db()
    assert session.capacity == 2


def test_raising_capacity_gives_seats_to_the_waiting_list_in_order(
    session: CourseSession, make_professional: Callable[[str], User], course_admin: User
) -> None:
    registrations = [
        register(session, make_professional(name)).registration
        for name in ("Ada Aa", "Bo Bb", "Cy Cc", "Di Dd", "Ed Ee")
    ]
    data = services.SessionData(
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        registration_deadline=session.registration_deadline,
        capacity=4,
        place=session.place,
        venue=session.venue,
    )
    services.session_update(session_id=session.pk, actor=course_admin, data=data)

    statuses = [Registration.objects.get(pk=r.pk).status for r in registrations]
    assert statuses == [Status.CONFIRMED] * 4 + [Status.WAITING]
    session.refresh_from_db()
    assert session.seats_taken == 4
    # Capacity is not time or place: no updated invitations, only the two promotions.
    assert templates().count("courses/email/session_changed") == 0
    assert session.sequence == 0


def test_moving_a_session_raises_its_sequence_and_tells_everyone_with_a_seat(
    session: CourseSession, make_professional: Callable[[str], User], course_admin: User
) -> None:
    register(session, make_professional("Ada Aa"))
    register(session, make_professional("Bo Bb"))
    register(session, make_professional("Cy Cc"))
    OutgoingMail.objects.all().delete()
    data = services.SessionData(
        starts_at=session.starts_at + timedelta(hours=1),
        ends_at=session.ends_at + timedelta(hours=1),
        registration_deadline=session.registration_deadline,
        capacity=session.capacity,
        place=session.place,
        venue="Nyt sted 2, 2200 København N",
    )
    services.session_update(session_id=session.pk, actor=course_admin, data=data)

    session.refresh_from_db()
    assert session.sequence == 1
    assert templates() == ["courses/email/session_changed"] * 2
    entry = AuditEntry.objects.get(action="courses.session.updated")
    assert set(entry.details["changed"]) == {"starts_at", "ends_at", "venue"}


def test_an_administrator_promotes_out_of_turn_only_into_a_free_seat(
    make_session: Callable[..., CourseSession],
    make_professional: Callable[[str], User],
    course_admin: User,
) -> None:
    session = make_session(capacity=1)
    first = register(session, make_professional("Ada Aa")).registration
    register(session, make_professional("Bo Bb"))
    third = register(session, make_professional("Cy Cc")).registration
    with pytest.raises(CourseActionRefusedError, match="ingen ledige pladser"):
        services.registration_promote(registration_id=third.pk, actor=course_admin)

    after_deadline = session.registration_deadline + timedelta(hours=1)
    services.registration_cancel(
        registration_id=first.pk, actor=course_admin, by_administrator=True, now=after_deadline
    )
    services.registration_promote(registration_id=third.pk, actor=course_admin, now=after_deadline)

    third.refresh_from_db()
    assert third.status == Status.CONFIRMED
    assert AuditEntry.objects.get(action="courses.registration.promoted").details["manual"]
    removed = AuditEntry.objects.get(action="courses.registration.cancelled")
    assert removed.details["by_administrator"] is True
    assert removed.actor_id == course_admin.pk


def test_attendance_is_marked_from_the_first_day_only(
    session: CourseSession, professional: User, course_admin: User
) -> None:
    registration = register(session, professional).registration
    with pytest.raises(CourseActionRefusedError, match="kursusdagen"):
        services.registration_mark_attendance(
            registration_id=registration.pk, attended=True, actor=course_admin
        )
    services.registration_mark_attendance(
        registration_id=registration.pk,
        attended=False,
        actor=course_admin,
        now=session.starts_at + timedelta(minutes=30),
    )
    registration.refresh_from_db()
    assert registration.status == Status.NO_SHOW
    session.refresh_from_db()
    assert session.seats_taken == 1  # a no-show still held the seat


def test_cancelling_a_session_tells_everyone_and_keeps_it_out_of_reach(
    session: CourseSession, make_professional: Callable[[str], User], course_admin: User
) -> None:
    for name in ("Ada Aa", "Bo Bb", "Cy Cc"):
        register(session, make_professional(name))
    OutgoingMail.objects.all().delete()

    told = services.session_cancel(session_id=session.pk, actor=course_admin, reason="Sygdom")

    assert told == 3
    assert templates() == ["courses/email/session_cancelled"] * 3
    cancel_invites = [
        mail for mail in OutgoingMail.objects.all() if mail.attachments
    ]  # only those with a seat had an invitation to withdraw
    assert len(cancel_invites) == 2
    assert all("method=CANCEL" in mail.attachments[0]["mimetype"] for mail in cancel_invites)
    with pytest.raises(CourseActionRefusedError, match="aflyst"):
        register(session, make_professional("Di Dd"))
    with pytest.raises(CourseActionRefusedError, match="allerede aflyst"):
        services.session_cancel(session_id=session.pk, actor=course_admin)


def test_the_database_refuses_more_seats_than_capacity(session: CourseSession) -> None:
    """The last line of defence holds even for code that skips the services."""
    with pytest.raises(IntegrityError), transaction.atomic():
        CourseSession.objects.filter(pk=session.pk).update(seats_taken=F("capacity") + 1)


def test_the_database_refuses_two_active_registrations_for_one_address(
    session: CourseSession, professional: User
) -> None:
    register(session, professional)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            session=session, name="Igen", email=professional.email, status=Status.PENDING
        )


class TestExternalRegistration:
    """Double opt-in for professionals without an account."""

    def request(self, session: CourseSession, email: str, **kwargs: object) -> Registration:
        return services.registration_request_external(
            session_id=session.pk,
            name="Lise Holm",
            email=email,
            organisation="Skolen i Byen",
            **kwargs,
        )

    def test_the_link_confirms_and_places_the_registration(self, session: CourseSession) -> None:
        from tillid.courses import tokens

        registration = self.request(session, "Lise.Holm@KK.dk")
        assert registration.status == Status.PENDING
        assert registration.email == "lise.holm@kk.dk"
        assert registration.arrival_number is None
        assert templates() == ["courses/email/confirm_email"]
        session.refresh_from_db()
        assert session.seats_taken == 0

        token = tokens.confirm_email_token(registration.public_id)
        placement = services.registration_confirm_email(token=token)
        assert placement.confirmed
        again = services.registration_confirm_email(token=token)
        assert again.registration.pk == registration.pk
        assert again.confirmed
        session.refresh_from_db()
        assert session.seats_taken == 1
        assert templates() == [
            "courses/email/confirm_email",
            "courses/email/registration_confirmed",
        ]

    def test_an_address_outside_the_municipality_is_refused_for_staff_only_courses(
        self, session: CourseSession
    ) -> None:
        with pytest.raises(CourseActionRefusedError, match="kun for ansatte") as refused:
            self.request(session, "lise@gmail.com")
        assert refused.value.code == "audience"
        assert not Registration.objects.exists()
        Course.objects.filter(pk=session.course_id).update(
            eligibility=Course.Eligibility.ANY_PROFESSIONAL
        )
        assert self.request(session, "lise@gmail.com").status == Status.PENDING

    def test_a_municipal_subdomain_counts_and_a_lookalike_does_not(
        self, session: CourseSession
    ) -> None:
        assert self.request(session, "lise@bif.kk.dk").status == Status.PENDING
        with pytest.raises(CourseActionRefusedError):
            self.request(session, "lise@notkk.dk")

    def test_a_second_request_while_pending_is_refused_a_stale_one_replaced(
        self, session: CourseSession
    ) -> None:
        first = self.request(session, "lise@kk.dk")
        with pytest.raises(CourseActionRefusedError, match="allerede en tilmelding"):
            self.request(session, "lise@kk.dk")
        later = first.created_at + timedelta(hours=25)
        second = self.request(session, "lise@kk.dk", now=later)
        first.refresh_from_db()
        assert first.status == Status.CANCELLED
        assert second.status == Status.PENDING

    @pytest.mark.parametrize("token", ["", "forged", "abc:def:ghi"])
    def test_a_forged_link_is_refused(self, session: CourseSession, token: str) -> None:
        self.request(session, "lise@kk.dk")
        with pytest.raises(CourseActionRefusedError, match="ugyldigt eller udløbet"):
            services.registration_confirm_email(token=token)

    def test_an_expired_link_is_refused(self, session: CourseSession) -> None:
        from django.core import signing

        from tillid.courses import tokens

        registration = self.request(session, "lise@kk.dk")
        with pytest.MonkeyPatch.context() as patch:
            # Sign as if 25 hours ago: signing reads time.time().
            import time

            real = time.time()
            patch.setattr(signing.time, "time", lambda: real - 25 * 3600)
            token = tokens.confirm_email_token(registration.public_id)
        with pytest.raises(CourseActionRefusedError, match="udløbet"):
            services.registration_confirm_email(token=token)
        registration.refresh_from_db()
        assert registration.status == Status.PENDING

    def test_a_cancel_link_cannot_confirm_and_a_confirm_link_cannot_cancel(
        self, session: CourseSession
    ) -> None:
        from tillid.courses import tokens

        registration = self.request(session, "lise@kk.dk")
        with pytest.raises(CourseActionRefusedError):
            services.registration_confirm_email(token=tokens.cancel_token(registration.public_id))
        with pytest.raises(CourseActionRefusedError):
            services.registration_cancel_by_link(
                token=tokens.confirm_email_token(registration.public_id)
            )
