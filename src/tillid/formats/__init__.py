"""Tillid's date and time formats per language (settings.FORMAT_MODULE_PATH).

Danish as Danish people write it ("29. november 2026 kl. 15.49"); English the British way
("29 November 2026, 15:49"). Templates use the named formats (``|date:"DATETIME_FORMAT"``) or the
filters of ``tillid.core.templatetags.tillid_dates``, never a literal format string.
"""
