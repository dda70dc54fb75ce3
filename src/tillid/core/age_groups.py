"""The one set of age bands every form and the guide use, with the legal line at 18.

Under 18 the enhanced duty to notify applies (Barnets lov); from 18 the adults' rules
(Serviceloven § 12 a). The bands split the under-18s once more at 15, as the risk instrument
and the consultant team do. Consultations and risk assessments store these codes; the
directory's guide and filters use them for ages; a test keeps the apps' choices equal to these.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LEGAL_AGE = 18

# code: (label, youngest, oldest); None is open-ended.
AGE_BANDS = {
    "barn": (_("Barn under 15 år"), 0, 14),
    "ung": (_("Ung, 15–17 år"), 15, LEGAL_AGE - 1),
    "ung_voksen": (_("Ung voksen, 18–29 år"), LEGAL_AGE, 29),
    "voksen": (_("Voksen, 30 år eller ældre"), 30, None),
}
MINORS = frozenset(
    code
    for code, (_label, _low, high) in AGE_BANDS.items()
    if high is not None and high < LEGAL_AGE
)
CHOICES = [(code, label) for code, (label, _low, _high) in AGE_BANDS.items()]
