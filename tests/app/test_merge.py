"""Merging two records of the same person, on a real encrypted file."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.domain.client import ClientDraft
from app.domain.counselling import ConsentDraft, ConsentKind, ContactDraft, ContactForm, ContactKind
from app.domain.family import FamilyMemberDraft, LanguageSkill, Relation
from app.domain.merge import (
    MERGEABLE_FIELDS,
    MergeChoice,
    MergeRequest,
    check_request,
    field_values,
    merged_values,
)
from app.domain.name_matching import PersonKey, blocking_keys
from app.domain.residence import StatusEntry
from app.errors import FieldErrors, UsageError
from app.services.client_records import (
    add_consent,
    add_status,
    consents,
    record_contact,
    status_history,
    timeline,
    withdraw_consent,
)
from app.services.clients import add_client, find_duplicates, scan_duplicates, search_clients
from app.services.family import add_family_member, family_members, languages, set_language
from app.services.merge import _values, merge_clients, merge_preview
from app.services.session import OfficeSession
from app.storage import models

TODAY = dt.date(2026, 11, 25)
SAME_DAY = dt.date(2024, 2, 12)


def _contact(day: dt.date, note: str) -> ContactDraft:
    return ContactDraft(ContactKind.CONTACT, day, 30, ContactForm.PHONE, note=note)


def _consent(day: dt.date, kind: ConsentKind = ConsentKind.PROCESSING) -> ConsentDraft:
    third = "Jobcenter Kiel" if kind is ConsentKind.RELEASE else ""
    return ConsentDraft(kind, day, "Einwilligung 2024-01", "uk", third_party=third)


@pytest.fixture
def pair(session: OfficeSession) -> tuple[int, int]:
    """Olga Petrenko twice, each record with its own history (one contact on the same day)."""
    keep = add_client(
        session,
        ClientDraft(
            "Petrenko",
            "Olga",
            dt.date(1980, 5, 1),
            nationality="UKR",
            arrival_date=dt.date(2015, 3, 1),
        ),
        TODAY,
    ).id
    remove = add_client(
        session,
        ClientDraft(
            "Petrenko-Koval",
            "Olha",
            dt.date(1980, 5, 1),
            sex="f",
            language="uk",
            arrival_date=dt.date(2022, 3, 10),
            counsellor_id=session.user.id,
        ),
        TODAY,
    ).id
    add_status(session, keep, StatusEntry("fam", dt.date(2015, 4, 1)), TODAY)
    add_status(session, keep, StatusEntry("ne", dt.date(2020, 4, 1)), TODAY)
    add_status(session, remove, StatusEntry("h24", dt.date(2022, 4, 1)), TODAY)
    record_contact(session, keep, _contact(dt.date(2015, 5, 5), "Sprachkurs"), TODAY)
    record_contact(session, keep, _contact(SAME_DAY, "Wohnung"), TODAY)
    record_contact(session, remove, _contact(SAME_DAY, "Wohnung"), TODAY)  # same day, same text
    record_contact(session, remove, _contact(dt.date(2024, 6, 1), "Kita"), TODAY)
    add_consent(session, keep, _consent(dt.date(2015, 5, 5)), TODAY)
    given = add_consent(session, remove, _consent(dt.date(2022, 4, 2), ConsentKind.RELEASE), TODAY)
    withdraw_consent(session, given.id, dt.date(2023, 1, 1), TODAY)
    add_consent(session, remove, _consent(dt.date(2022, 4, 2)), TODAY)
    return keep, remove


def _stored(session: OfficeSession, client_id: int) -> models.Client | None:
    with session.orm() as orm:
        return orm.get(models.Client, client_id)


def _name_keys(session: OfficeSession, client_id: int) -> set[str]:
    with session.orm() as orm:
        return set(
            orm.scalars(
                select(models.ClientNameKey.key).where(models.ClientNameKey.client_id == client_id)
            )
        )


def _history(session: OfficeSession, client_id: int) -> tuple[list[Any], list[Any], list[Any]]:
    """Statuses, contacts and consents without the client id (which moves)."""
    return (
        status_history(session, client_id),
        [dataclasses.replace(c, client_id=0) for c in timeline(session, client_id)],
        [dataclasses.replace(c, client_id=0) for c in consents(session, client_id)],
    )


def _snapshot(session: OfficeSession, *client_ids: int) -> list[object]:
    """Everything a failed merge must leave as it was."""
    state: list[object] = []
    for cid in client_ids:
        client = _stored(session, cid)
        assert client is not None
        state += [_values(client), client.number, client.search_text, client.updated_at]
        state += [_history(session, cid), _name_keys(session, cid)]
    return state


def _ids(rows: list[Any]) -> set[int]:
    return {r.id for r in rows}


def test_preview_shows_both_records_side_by_side(
    session: OfficeSession, pair: tuple[int, int]
) -> None:
    keep, remove = pair
    preview = merge_preview(session, keep, remove)
    assert (preview.keep.id, preview.remove.id) == (keep, remove)
    assert (preview.keep.statuses, preview.keep.contacts, preview.keep.consents) == (2, 2, 1)
    assert (preview.remove.statuses, preview.remove.contacts, preview.remove.consents) == (1, 2, 2)
    assert set(preview.keep.display) == set(MERGEABLE_FIELDS)
    assert preview.keep.display["birth_date"] == "01.05.1980"
    assert preview.keep.display["sex"] == "keine Angabe"
    assert preview.remove.display["sex"] == "weiblich"
    assert preview.keep.display["language"] == "–"
    assert preview.remove.display["counsellor_id"] == "Anna Alt"
    assert preview.remove.values.arrival_date == dt.date(2022, 3, 10)
    assert "birth_date" not in preview.differing
    assert set(preview.differing) == {
        "family_name",
        "given_name",
        "sex",
        "nationality",
        "language",
        "arrival_date",
        "counsellor_id",
    }


def test_merge_moves_all_history_and_applies_the_chosen_fields(
    session: OfficeSession, pair: tuple[int, int]
) -> None:
    keep, remove = pair
    assert any({p.first.id, p.second.id} == {keep, remove} for p in scan_duplicates(session))
    before_keep, before_remove = _history(session, keep), _history(session, remove)
    removed_number = merge_preview(session, keep, remove).remove.number
    choices: dict[str, MergeChoice] = {
        "given_name": "remove",
        "sex": "remove",
        "language": "remove",
        "counsellor_id": "remove",
        "arrival_date": "keep",
    }

    result = merge_clients(session, MergeRequest(keep, remove, choices), TODAY)

    assert result.kept.id == keep
    assert result.removed_number == removed_number
    assert (result.moved_statuses, result.moved_contacts, result.moved_consents) == (1, 2, 2)
    # Nothing lost, nothing deduplicated: the kept record has the history of both.
    statuses, contacts, given = _history(session, keep)
    assert sorted(statuses, key=lambda s: s.valid_from) == sorted(
        before_keep[0] + before_remove[0], key=lambda s: s.valid_from
    )
    assert sorted(contacts, key=lambda c: c.id) == sorted(
        before_keep[1] + before_remove[1], key=lambda c: c.id
    )
    assert sorted(given, key=lambda c: c.id) == sorted(
        before_keep[2] + before_remove[2], key=lambda c: c.id
    )
    assert [c.date for c in contacts].count(SAME_DAY) == 2
    assert any(c.withdrawn_on == dt.date(2023, 1, 1) for c in given)
    assert _history(session, remove) == ([], [], [])

    client = _stored(session, keep)
    assert client is not None
    assert (client.family_name, client.given_name) == ("Petrenko", "Olha")
    assert (client.sex, client.nationality, client.language) == ("f", "UKR", "uk")
    assert client.arrival_date == dt.date(2015, 3, 1)
    assert client.counsellor_id == session.user.id
    assert client.updated_by == session.user.id
    assert _stored(session, remove) is None
    assert _name_keys(session, remove) == set()
    assert _name_keys(session, keep) == set(
        blocking_keys(PersonKey("Petrenko", "Olha", dt.date(1980, 5, 1)))
    )

    # Found under the chosen names only; the removed record is gone everywhere.
    assert _ids(search_clients(session, "Olha Petrenko")) == {keep}
    assert search_clients(session, "Koval") == []
    assert _ids(search_clients(session, "Petrenko")) == {keep}
    twin = PersonKey("Petrenko-Koval", "Olha", dt.date(1980, 5, 1))
    assert remove not in {d.client.id for d in find_duplicates(session, twin)}
    assert scan_duplicates(session) == []


def test_a_client_number_is_not_reused_after_a_merge(
    session: OfficeSession, pair: tuple[int, int]
) -> None:
    keep, remove = pair
    later = add_client(session, ClientDraft("Schmidt", "Anna", None), TODAY)
    gone = merge_clients(session, MergeRequest(keep, remove), TODAY).removed_number
    new = add_client(session, ClientDraft("Nowak", "Jan", None), TODAY)
    assert new.number not in {gone, later.number}


def test_the_newest_number_is_not_reused_after_a_merge(
    session: OfficeSession, pair: tuple[int, int]
) -> None:
    keep, remove = pair  # remove is the newest record
    gone = merge_clients(session, MergeRequest(keep, remove), TODAY).removed_number
    new = add_client(session, ClientDraft("Nowak", "Jan", None), TODAY)
    assert new.number != gone
    assert new.id != remove  # a stale reference to the removed record must not find someone else


def test_merging_a_record_with_itself_or_a_missing_one_is_refused(
    session: OfficeSession, pair: tuple[int, int]
) -> None:
    keep, remove = pair
    before = _snapshot(session, keep, remove)
    with pytest.raises(FieldErrors) as same:
        merge_clients(session, MergeRequest(keep, keep), TODAY)
    assert "mit sich selbst" in same.value.errors["remove_id"]
    with pytest.raises(FieldErrors):
        merge_preview(session, keep, keep)
    with pytest.raises(UsageError, match="nicht \\(mehr\\) gespeichert"):
        merge_clients(session, MergeRequest(keep, 999), TODAY)
    with pytest.raises(UsageError, match="nicht \\(mehr\\) gespeichert"):
        merge_clients(session, MergeRequest(999, remove), TODAY)
    with pytest.raises(UsageError):
        merge_preview(session, 999, remove)
    assert _snapshot(session, keep, remove) == before


def test_an_unknown_field_or_choice_is_a_programming_error(
    session: OfficeSession, pair: tuple[int, int]
) -> None:
    keep, remove = pair
    before = _snapshot(session, keep, remove)
    with pytest.raises(ValueError, match="number"):
        merge_clients(session, MergeRequest(keep, remove, {"number": "remove"}), TODAY)
    bad: Any = {"given_name": "both"}
    with pytest.raises(ValueError, match="both"):
        check_request(MergeRequest(keep, remove, bad))
    assert _snapshot(session, keep, remove) == before


def test_an_invalid_combination_rolls_back_completely(
    session: OfficeSession, pair: tuple[int, int]
) -> None:
    keep, _ = pair
    late = add_client(session, ClientDraft("Petrenko", "Olga", dt.date(2016, 1, 1)), TODAY).id
    record_contact(session, late, _contact(dt.date(2020, 1, 1), "Beratung"), TODAY)
    before = _snapshot(session, keep, late)
    # A date of birth after the kept arrival date.
    with pytest.raises(FieldErrors) as exc:
        merge_clients(session, MergeRequest(keep, late, {"birth_date": "remove"}), TODAY)
    assert set(exc.value.errors) == {"arrival_date"}
    # A date of birth after statuses and contacts of the kept record.
    request = MergeRequest(keep, late, {"birth_date": "remove", "arrival_date": "remove"})
    with pytest.raises(FieldErrors) as exc:
        merge_clients(session, request, TODAY)
    assert set(exc.value.errors) == {"birth_date"}
    assert "01.04.2015" in exc.value.errors["birth_date"]
    assert _snapshot(session, keep, late) == before
    assert _ids(search_clients(session, "Olga Petrenko")) >= {keep, late}


def test_a_year_only_birth_date_travels_with_its_flag(session: OfficeSession) -> None:
    keep = add_client(session, ClientDraft("Rahimi", "Sara", dt.date(1990, 3, 4)), TODAY).id
    remove = add_client(
        session, ClientDraft("Rahimi", "Sara", dt.date(1990, 1, 1), birth_year_only=True), TODAY
    ).id
    preview = merge_preview(session, keep, remove)
    assert preview.remove.display["birth_date"] == "1990"
    assert preview.differing == ("birth_date",)
    merge_clients(session, MergeRequest(keep, remove, {"birth_date": "remove"}), TODAY)
    client = _stored(session, keep)
    assert client is not None
    assert (client.birth_date, client.birth_year_only) == (dt.date(1990, 1, 1), True)


_DRAFTS = st.builds(
    ClientDraft,
    st.text(max_size=5),
    st.text(max_size=5),
    st.one_of(st.none(), st.dates()),
    st.booleans(),
    st.sampled_from("fmdu"),
    st.sampled_from(["", "SYR", "UKR"]),
    st.sampled_from(["", "ar", "uk"]),
    st.one_of(st.none(), st.dates()),
    st.one_of(st.none(), st.dates()),
    st.one_of(st.none(), st.integers(1, 5)),
)
_CHOICES = st.dictionaries(
    st.sampled_from(list(MERGEABLE_FIELDS)), st.sampled_from(["keep", "remove"])
)


@given(_DRAFTS, _DRAFTS, _CHOICES)
def test_merged_values_take_each_field_from_the_chosen_side(
    keep: ClientDraft, remove: ClientDraft, choices: dict[str, MergeChoice]
) -> None:
    merged = merged_values(keep, remove, choices)
    for field in MERGEABLE_FIELDS:
        side = remove if choices.get(field) == "remove" else keep
        assert field_values(merged, field) == field_values(side, field)


KEEP = ClientDraft(
    "Bondarenko",
    "Iryna",
    dt.date(1980, 1, 1),
    birth_year_only=True,
    sex="f",
    nationality="UKR",
    language="uk",
    arrival_date=dt.date(2014, 5, 1),
    permanent_since=dt.date(2019, 1, 1),
)
REMOVE = ClientDraft(
    "Bondarenko-Melnyk",
    "Irina",
    dt.date(1981, 6, 15),
    sex="u",
    language="ru",
    arrival_date=dt.date(2016, 2, 2),
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_CHOICES)
def test_each_merged_field_equals_one_sides_value(
    session: OfficeSession, choices: dict[str, MergeChoice]
) -> None:
    keep = add_client(session, KEEP, TODAY).id
    remove = add_client(
        session, dataclasses.replace(REMOVE, counsellor_id=session.user.id), TODAY
    ).id
    record_contact(session, keep, _contact(dt.date(2020, 1, 1), "a"), TODAY)
    record_contact(session, remove, _contact(dt.date(2020, 1, 1), "b"), TODAY)
    preview = merge_preview(session, keep, remove)

    result = merge_clients(session, MergeRequest(keep, remove, choices), TODAY)

    client = _stored(session, keep)
    assert client is not None and _stored(session, remove) is None
    merged = _values(client)
    for field in MERGEABLE_FIELDS:
        side = preview.remove if choices.get(field) == "remove" else preview.keep
        assert field_values(merged, field) == field_values(side.values, field)
    assert result.moved_contacts == 1
    assert len(timeline(session, keep)) == 2


def test_family_members_and_languages_move_with_the_merge(
    session: OfficeSession, pair: tuple[int, int]
) -> None:
    keep, remove = pair
    son = add_client(session, ClientDraft("Petrenko", "Maksym", dt.date(2010, 1, 1)), TODAY).id
    neighbour = add_client(session, ClientDraft("Koval", "Ivan", None), TODAY).id
    add_family_member(session, keep, FamilyMemberDraft(Relation.CHILD, linked_client_id=son))
    add_family_member(session, remove, FamilyMemberDraft(Relation.CHILD, linked_client_id=son))
    add_family_member(
        session, remove, FamilyMemberDraft(Relation.PARTNER, given_name="Taras", birth_year=1978)
    )
    add_family_member(session, remove, FamilyMemberDraft(Relation.OTHER, linked_client_id=keep))
    neighbourly = FamilyMemberDraft(Relation.OTHER, linked_client_id=remove)
    add_family_member(session, neighbour, neighbourly)
    set_language(session, keep, LanguageSkill("de", "A2"))
    set_language(session, remove, LanguageSkill("de", "B1"))
    set_language(session, remove, LanguageSkill("uk", "C2"))

    result = merge_clients(session, MergeRequest(keep, remove), TODAY)

    assert (result.moved_family, result.moved_languages) == (3, 2)
    members = family_members(session, keep)
    # The son once (both records listed him), the partner moved, the link to itself gone.
    assert [(m.relation, m.name) for m in members] == [
        (Relation.PARTNER, "Taras"),
        (Relation.CHILD, "Maksym Petrenko"),
    ]
    assert family_members(session, remove) == []
    linked = family_members(session, neighbour)[0].linked
    assert linked is not None and linked.id == keep  # others' links follow the kept record
    assert [(s.language, s.level) for s in languages(session, keep)] == [("de", "B1"), ("uk", "C2")]
    assert languages(session, remove) == []
