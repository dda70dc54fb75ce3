"""The shared concerns checklist: signs of social control and honour-related conflict.

Consultation requests and concern reports ask the same questions with the same codes, so figures
from both stay comparable over the years, also when the knowledge portal's topics are renamed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Concern(models.TextChoices):
    """The concerns checklist. Fixed codes (not the editors' topics) so that figures stay
    comparable over the years even when the knowledge portal's topics are renamed."""

    HONOUR_CONFLICT = "aeresrelateret_konflikt", _("Æresrelateret konflikt")
    FORCED_MARRIAGE = "tvangsaegteskab", _("Tvangsægteskab")
    REEDUCATION_TRIP = "genopdragelsesrejse", _("Genopdragelsesrejse")
    THREATS = "trusler", _("Trusler")
    VIOLENCE = "vold", _("Vold")
    RESTRICTED_MOVEMENT = "begraenset_bevaegelsesfrihed", _("Begrænset bevægelsesfrihed")
    DIGITAL_CONTROL = "digital_kontrol", _("Digital kontrol")
    ISOLATION = "isolation", _("Isolation")
    ECONOMIC_CONTROL = "oekonomisk_kontrol", _("Økonomisk kontrol")
    SEXUALITY = "seksualitet", _("Seksualitet og kønsidentitet (LGBT+)")
    OTHER = "andet", _("Andet")
