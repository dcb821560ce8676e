from __future__ import annotations

import contextlib
import datetime as dt
import gettext
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import i18n
from app.domain.residence import (
    DEFAULT_STATUS_CODES,
    STATUS_CODES,
    StatusEntry,
    StatusTable,
    TargetGroupClass,
    sorted_history,
    status_display,
    status_on,
    validate_status_entry,
)
from app.errors import FieldErrors

P = TargetGroupClass.PERMANENT
T = TargetGroupClass.TEMPORARY
N = TargetGroupClass.NOT_RECOGNISED
U = TargetGroupClass.UNKNOWN

EXPECTED_CLASSES = {
    "de": P,
    "spaet": P,
    "eu": P,
    "ne": P,
    "fam": T,
    "erw": T,
    "h22": T,
    "h23": P,
    "h24": T,
    "h25_1": P,
    "h25_2": P,
    "h25_3": T,
    "h25_45": T,
    "h25ab": P,
    "h104c": T,
    "gest": N,
    "dul": N,
    "fikt": U,
    "none": N,
    "unk": U,
}


def test_code_list_is_the_domain_list() -> None:
    codes = [status.code for status in DEFAULT_STATUS_CODES]
    assert codes == list(EXPECTED_CLASSES)
    assert len(set(codes)) == len(codes)
    assert all(code.isascii() for code in codes)


@pytest.mark.parametrize(("code", "expected"), list(EXPECTED_CLASSES.items()))
def test_default_class_of_each_code(code: str, expected: TargetGroupClass) -> None:
    status = STATUS_CODES[code]
    assert status.default_class is expected
    assert StatusTable().classify(code) is expected
    # Only a permanent class starts the newcomer clock as a permanent status.
    assert status.permanent == (expected is P)
    assert status.label
    assert status.display.startswith(status.label)


def test_display_with_legal_basis() -> None:
    assert status_display("gest") == "Aufenthaltsgestattung im Asylverfahren (§ 55 AsylG)"
    assert status_display("none") == "Kein Aufenthaltsstatus"
    assert status_display("legacy") == "legacy"


class _Marked(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return "[" + message + "]"


def test_labels_are_translated_at_display(monkeypatch: pytest.MonkeyPatch) -> None:
    assert N.label == "nicht anerkannt"
    assert P.label == "dauerhaft/bleibeberechtigt"
    assert T.label == "vorübergehend"
    monkeypatch.setattr(i18n, "_translations", _Marked())
    assert N.label == "[nicht anerkannt]"
    # The pattern around label and legal basis is translated too.
    assert STATUS_CODES["gest"].display == "[[Aufenthaltsgestattung im Asylverfahren] (§ 55 AsylG)]"


def test_unlisted_code_is_unknown() -> None:
    assert StatusTable().classify("xyz") is U


def test_override_and_back_to_default() -> None:
    table = StatusTable().with_override("h22", P)
    assert table.classify("h22") is P
    assert table.classify("h24") is T
    assert dict(table.overrides) == {"h22": P}
    back = table.with_override("h22", T)
    assert back == StatusTable()
    assert not back.overrides
    assert hash(back) == hash(StatusTable())


def test_override_rejects_unknown_code() -> None:
    with pytest.raises(ValueError, match="xyz"):
        StatusTable().with_override("xyz", P)
    with pytest.raises(ValueError, match="xyz"):
        StatusTable({"xyz": P})


def test_entries_list_every_code() -> None:
    table = StatusTable().with_override("dul", T)
    entries = table.entries()
    assert [status.code for status, _ in entries] == list(EXPECTED_CLASSES)
    assert dict((status.code, cls) for status, cls in entries)["dul"] is T


_overrides = st.dictionaries(
    st.sampled_from(list(EXPECTED_CLASSES)), st.sampled_from(list(TargetGroupClass))
)


@given(_overrides)
def test_json_round_trip(overrides: dict[str, TargetGroupClass]) -> None:
    table = StatusTable(overrides)
    text = table.to_json()
    again = StatusTable.from_json(text)
    assert again == table
    assert again.to_json() == text
    for code, default in EXPECTED_CLASSES.items():
        assert again.classify(code) is overrides.get(code, default)


def test_json_format() -> None:
    text = StatusTable().with_override("gest", T).to_json()
    assert json.loads(text) == {"version": 1, "classes": {"gest": "temporary"}}


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("{", "kein gültiges JSON"),
        ("[]", "„version“ und „classes“"),
        ('{"version": 1}', "„version“ und „classes“"),
        ('{"version": 1, "classes": {}, "extra": 0}', "„version“ und „classes“"),
        ('{"version": 2, "classes": {}}', "Version 2"),
        ('{"version": true, "classes": {}}', "Version True"),
        ('{"version": 1, "classes": []}', "JSON-Objekt"),
        ('{"version": 1, "classes": {"xyz": "permanent"}}', "„xyz“"),
        ('{"version": 1, "classes": {"dul": "PERMANENT"}}', "„PERMANENT“"),
        ('{"version": 1, "classes": {"dul": 1}}', "„1“"),
        ('{"version": 1, "classes": {"dul": "temporary", "dul": "permanent"}}', "doppelt"),
    ],
)
def test_bad_json_is_rejected(text: str, needle: str) -> None:
    with pytest.raises(ValueError) as info:
        StatusTable.from_json(text)
    assert needle in str(info.value)


@given(st.text(max_size=40))
def test_from_json_only_raises_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        StatusTable.from_json(text)


D = dt.date


def test_status_on_picks_latest_entry_not_after_day() -> None:
    history = [
        StatusEntry("fam", D(2024, 6, 1)),
        StatusEntry("gest", D(2022, 1, 10)),
        StatusEntry("dul", D(2023, 3, 1)),
    ]
    assert [e.code for e in sorted_history(history)] == ["gest", "dul", "fam"]
    assert status_on(history, D(2022, 1, 9)) is None
    assert status_on(history, D(2022, 1, 10)) == history[1]
    assert status_on(history, D(2023, 2, 28)) == history[1]
    assert status_on(history, D(2023, 3, 1)) == history[2]
    assert status_on(history, D(2024, 5, 31)) == history[2]
    assert status_on(history, D(2030, 1, 1)) == history[0]
    assert status_on([], D(2030, 1, 1)) is None


def test_same_day_entries_last_recorded_wins() -> None:
    history = [StatusEntry("dul", D(2024, 1, 1)), StatusEntry("gest", D(2024, 1, 1))]
    assert status_on(history, D(2024, 1, 1)) == history[1]
    assert status_on(list(reversed(history)), D(2024, 1, 1)) == history[0]


_days = st.dates(min_value=D(1950, 1, 1), max_value=D(2050, 12, 31))
_histories = st.lists(
    st.builds(StatusEntry, st.sampled_from(list(EXPECTED_CLASSES)), _days), max_size=8
)


@given(_histories, _days)
def test_status_on_matches_brute_force(history: list[StatusEntry], day: dt.date) -> None:
    ordered = sorted_history(history)
    assert [e.valid_from for e in ordered] == sorted(e.valid_from for e in history)
    found = status_on(history, day)
    candidates = [e for e in history if e.valid_from <= day]
    if not candidates:
        assert found is None
    else:
        latest = max(e.valid_from for e in candidates)
        assert found is not None
        assert found.valid_from == latest
        assert found == [e for e in candidates if e.valid_from == latest][-1]


TODAY = D(2025, 5, 20)
BIRTH = D(1990, 4, 2)


def test_valid_entry_passes() -> None:
    validate_status_entry(StatusEntry("dul", D(2020, 1, 1)), BIRTH, TODAY)
    validate_status_entry(StatusEntry("de", BIRTH), BIRTH, TODAY)
    validate_status_entry(StatusEntry("de", TODAY), None, TODAY)


def test_future_valid_from_is_rejected() -> None:
    with pytest.raises(FieldErrors) as info:
        validate_status_entry(StatusEntry("dul", TODAY + dt.timedelta(days=1)), BIRTH, TODAY)
    assert set(info.value.errors) == {"valid_from"}
    assert "Zukunft" in info.value.errors["valid_from"]


def test_valid_from_before_birth_is_rejected() -> None:
    with pytest.raises(FieldErrors) as info:
        validate_status_entry(StatusEntry("dul", D(1990, 4, 1)), BIRTH, TODAY)
    assert set(info.value.errors) == {"valid_from"}
    assert "02.04.1990" in info.value.errors["valid_from"]


def test_unknown_code_is_rejected_with_date_error() -> None:
    with pytest.raises(FieldErrors) as info:
        validate_status_entry(StatusEntry("xyz", D(2030, 1, 1)), BIRTH, TODAY)
    assert set(info.value.errors) == {"code", "valid_from"}
