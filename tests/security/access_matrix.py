"""Expected HTTP status of a GET to every URL, per kind of user (see test_access_matrix.py).

``row(default, **columns)``: ``default`` for every column not named. Columns: ``anonymous``,
``password_only`` (a consultant without the second factor), each role (``professional``,
``consultant``, ``intake_worker``, ``course_administrator``, ``editor``, ``administrator``,
each the owner of the objects the URLs name) and ``other`` (a user of the owner's role who does
not own the object; only for URLs whose TARGETS entry names an owner).

Reading guide: 302 for anonymous or password_only is the redirect to login or to the second
factor; 403 is a missing role; 404 an object that is not the user's (never revealing that it
exists); 405 a POST-only address reached with GET after the access check passed.
"""

from __future__ import annotations

from tests.security.matrix import COLUMNS


def row(default: int, **columns: int) -> dict[str, int]:
    unknown = set(columns) - set(COLUMNS)
    if unknown:
        raise ValueError(f"unknown columns: {sorted(unknown)}")
    return {column: columns.get(column, default) for column in COLUMNS}


MATRIX: dict[str, dict[str, int]] = {
    "healthz": row(200),
    "wagtaildocs_serve": row(404),
    "wagtaildocs_authenticate_with_password": row(404),
    "sitemap": row(200),
    "robots_txt": row(200),
    "accounts:login": row(302, anonymous=200),
    "accounts:logout": row(405),
    "accounts:two_factor": row(200, anonymous=302),
    "accounts:password_change": row(200, anonymous=302, password_only=302),
    "accounts:password_reset": row(200),
    "accounts:password_reset_done": row(200),
    "accounts:password_reset_confirm": row(200),
    "accounts:password_reset_complete": row(200),
    # The municipal login: public, 404 while TILLID_OIDC_CLIENT_ID is unset (as here); configured,
    # tests/accounts/test_sso.py walks both through a real provider.
    "sso_login": row(404),
    "sso_callback": row(404),
    "my_work": row(200, anonymous=302, password_only=302),
    "admin:index": row(302, administrator=200),
    "core:home": row(200),
    "core:accessibility": row(200),
    "core:privacy": row(200),
    "core:audit_log": row(403, anonymous=302, password_only=302, administrator=200),
    "core:audit_log_export": row(403, anonymous=302, password_only=302, administrator=200),
    "core:audit_record_accesses": row(403, anonymous=302, password_only=302, administrator=200),
    "knowledge:search": row(200),
    "knowledge:research_feed": row(200),
    "directory:index": row(200),
    "directory:guide": row(200),
    "directory:referral": row(200),
    "directory:referral_pdf": row(400),
    "directory:organization": row(200),
    "directory:service": row(200),
    "directory:citizen_help": row(200),
    "risk:index": row(403, anonymous=302, password_only=302, professional=200, consultant=200),
    "risk:new": row(403, anonymous=302, password_only=302, professional=200, consultant=200),
    "risk:detail": row(
        403, anonymous=302, password_only=302, professional=200, consultant=404, other=404
    ),
    "risk:step": row(
        403, anonymous=302, password_only=302, professional=200, consultant=404, other=404
    ),
    "risk:pdf": row(
        403, anonymous=302, password_only=302, professional=200, consultant=404, other=404
    ),
    "risk:delete": row(
        403, anonymous=302, password_only=302, professional=200, consultant=404, other=404
    ),
    "risk:history": row(
        403, anonymous=302, password_only=302, professional=200, consultant=404, other=404
    ),
    "risk:reassess": row(
        403, anonymous=302, password_only=302, professional=405, consultant=404, other=404
    ),
    "courses:index": row(200),
    "courses:feed": row(200),
    "courses:mine": row(200, anonymous=302, password_only=302),
    "courses:mine_cancel": row(403, anonymous=302, password_only=302, professional=405, other=404),
    "courses:confirm_email": row(200),
    "courses:cancel_link": row(400),
    "courses:evaluate": row(400),
    "courses:manage_index": row(403, anonymous=302, password_only=302, course_administrator=200),
    "courses:manage_course_create": row(
        403, anonymous=302, password_only=302, course_administrator=200
    ),
    "courses:manage_course_edit": row(
        403, anonymous=302, password_only=302, course_administrator=200, other=200
    ),
    "courses:manage_session_create": row(
        403, anonymous=302, password_only=302, course_administrator=200, other=200
    ),
    "courses:manage_session": row(
        403, anonymous=302, password_only=302, course_administrator=200, other=200
    ),
    "courses:manage_session_edit": row(
        403, anonymous=302, password_only=302, course_administrator=200, other=200
    ),
    "courses:manage_attendance": row(
        403, anonymous=302, password_only=302, course_administrator=200, other=200
    ),
    "courses:manage_message": row(
        403, anonymous=302, password_only=302, course_administrator=200, other=200
    ),
    "courses:manage_session_cancel": row(
        403, anonymous=302, password_only=302, course_administrator=200, other=200
    ),
    "courses:manage_export_csv": row(
        403, anonymous=302, password_only=302, course_administrator=200, other=200
    ),
    "courses:manage_export_xlsx": row(
        403, anonymous=302, password_only=302, course_administrator=200, other=200
    ),
    "courses:manage_evaluation_invite": row(
        403, anonymous=302, password_only=302, course_administrator=405, other=405
    ),
    "courses:manage_registration_attendance": row(
        403, anonymous=302, password_only=302, course_administrator=405, other=405
    ),
    "courses:manage_registration_promote": row(
        403, anonymous=302, password_only=302, course_administrator=405, other=405
    ),
    "courses:manage_registration_remove": row(
        403, anonymous=302, password_only=302, course_administrator=405, other=405
    ),
    "courses:course": row(200),
    "courses:register": row(200),
    "consultations:request": row(403, anonymous=302, password_only=302, professional=200),
    "consultations:mine": row(403, anonymous=302, password_only=302, professional=200),
    "consultations:mine_detail": row(
        403, anonymous=302, password_only=302, professional=200, other=404
    ),
    "consultations:mine_message": row(
        403, anonymous=302, password_only=302, professional=405, other=404
    ),
    "consultations:mine_rating": row(
        403, anonymous=302, password_only=302, professional=405, other=404
    ),
    "consultations:queue": row(403, anonymous=302, password_only=302, consultant=200),
    "consultations:export": row(403, anonymous=302, password_only=302, consultant=200),
    "consultations:case": row(403, anonymous=302, password_only=302, consultant=200, other=404),
    "consultations:case_assign": row(
        403, anonymous=302, password_only=302, consultant=405, other=404
    ),
    "consultations:case_status": row(
        403, anonymous=302, password_only=302, consultant=405, other=404
    ),
    "consultations:case_note": row(
        403, anonymous=302, password_only=302, consultant=405, other=404
    ),
    "consultations:case_message": row(
        403, anonymous=302, password_only=302, consultant=405, other=404
    ),
    "consultations:case_meeting": row(
        403, anonymous=302, password_only=302, consultant=405, other=404
    ),
    "consultations:case_close": row(
        403, anonymous=302, password_only=302, consultant=405, other=404
    ),
    "consultations:case_risk_start": row(
        403, anonymous=302, password_only=302, consultant=405, other=404
    ),
    "consultations:case_risk_share": row(
        403, anonymous=302, password_only=302, consultant=405, other=404
    ),
    "wagtailcore_login": row(302),
    "wagtail_serve": row(200),
}
