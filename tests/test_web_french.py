"""The UI's French labels and dates (guillemet.web.french)."""

from __future__ import annotations

import pytest

pytest.importorskip("jinja2")

from guillemet.web.french import KINDS, SPEAKER_TYPES, date_fr, month_fr  # noqa: E402
from guillemet.record import QUOTE_KINDS, SPEAKER_TYPES as CODES  # noqa: E402


@pytest.mark.parametrize("value,expected", [
    ("2024-03-15", "15 mars 2024"), ("2024-03-01T08:00:00+01:00", "1er mars 2024"),
    ("2019-12-31", "31 décembre 2019"), (None, ""), ("bientôt", "bientôt"),
])
def test_date_fr(value, expected):
    assert date_fr(value) == expected


def test_month_fr():
    assert (month_fr("2020-01"), month_fr("2020-02", short=True)) == ("janvier 2020", "févr. 20")


def test_every_code_has_a_french_label():
    assert set(KINDS) == set(QUOTE_KINDS) and set(SPEAKER_TYPES) == set(CODES)
