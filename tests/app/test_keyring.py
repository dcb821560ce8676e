from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.recovery_key import format_recovery_key, parse_recovery_key
from app.errors import AccessDenied, UsageError
from app.storage.keyring import (
    KdfParams,
    KeyFile,
    KeyFileDamaged,
    KeyFileMissing,
    load_keyfile,
    new_data_key,
    save_keyfile,
)
from tests.app.conftest import FAST_KDF


def test_default_kdf_meets_the_floor() -> None:
    params = KdfParams()
    assert params.memory_kib >= 64 * 1024
    assert params.time_cost >= 3


def test_round_trip_through_the_file(tmp_path: Path) -> None:
    key = new_data_key()
    kf = KeyFile.create(key)
    kf.set_user("anna", "erste Passphrase 1", key, FAST_KDF)
    kf.set_user("bert", "zweite Passphrase 2", key, FAST_KDF)
    save_keyfile(tmp_path / "k", kf)
    loaded = load_keyfile(tmp_path / "k")
    assert loaded.unwrap("anna", "erste Passphrase 1") == key
    assert loaded.unwrap("bert", "zweite Passphrase 2") == key
    assert loaded.check_recovery_key(key)
    assert not loaded.check_recovery_key(new_data_key())
    # Only the temp-file-and-rename leaves one file behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k"]
    # Nothing in the file is the key in clear.
    assert key.hex() not in (tmp_path / "k").read_text()


def test_wrong_passphrase_and_unknown_user_give_the_same_answer() -> None:
    key = new_data_key()
    kf = KeyFile.create(key)
    kf.set_user("anna", "richtig richtig 1", key, FAST_KDF)
    with pytest.raises(AccessDenied) as wrong:
        kf.unwrap("anna", "falsch falsch 1")
    with pytest.raises(AccessDenied) as unknown:
        kf.unwrap("nobody", "richtig richtig 1")
    assert wrong.value.message == unknown.value.message
    assert wrong.value.exit_code == 3


def test_a_slot_copied_to_another_user_does_not_open() -> None:
    key = new_data_key()
    kf = KeyFile.create(key)
    kf.set_user("anna", "richtig richtig 1", key, FAST_KDF)
    kf.slots["mallory"] = kf.slots["anna"]
    with pytest.raises(AccessDenied):
        kf.unwrap("mallory", "richtig richtig 1")


def test_passphrase_change_rewraps_only_that_slot() -> None:
    key = new_data_key()
    kf = KeyFile.create(key)
    kf.set_user("anna", "alt alt alt 1", key, FAST_KDF)
    kf.set_user("bert", "bert bert bert 2", key, FAST_KDF)
    bert_before = kf.slots["bert"]
    kf.set_user("anna", "neu neu neu 3", key, FAST_KDF)
    assert kf.slots["bert"] is bert_before
    assert kf.unwrap("anna", "neu neu neu 3") == key
    with pytest.raises(AccessDenied):
        kf.unwrap("anna", "alt alt alt 1")


def test_kdf_parameters_are_stored_per_slot(tmp_path: Path) -> None:
    key = new_data_key()
    kf = KeyFile.create(key)
    kf.set_user("anna", "richtig richtig 1", key, KdfParams(9 * 1024, 2, 1))
    save_keyfile(tmp_path / "k", kf)
    doc = json.loads((tmp_path / "k").read_text())
    assert doc["slots"][0]["kdf"] == {
        "name": "argon2id",
        "memory_kib": 9216,
        "time_cost": 2,
        "parallelism": 1,
    }
    assert load_keyfile(tmp_path / "k").unwrap("anna", "richtig richtig 1") == key


def test_missing_file_explains_the_recovery_key(tmp_path: Path) -> None:
    with pytest.raises(KeyFileMissing) as exc:
        load_keyfile(tmp_path / "absent")
    assert "Wiederherstellungsschlüssel" in exc.value.message


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"\xff\xfe",
        b"[]",
        b'{"format": "other"}',
        b'{"format": "lotse-keyfile", "version": 1, "db_id": "x", "recovery": {}, "slots": []}',
    ],
)
def test_damaged_file_explains_the_recovery_key(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "k").write_bytes(content)
    with pytest.raises(KeyFileDamaged) as exc:
        load_keyfile(tmp_path / "k")
    assert "Wiederherstellungsschlüssel" in exc.value.message


def test_truncated_real_file_is_damaged(tmp_path: Path) -> None:
    key = new_data_key()
    kf = KeyFile.create(key)
    kf.set_user("anna", "richtig richtig 1", key, FAST_KDF)
    raw = kf.to_json()
    (tmp_path / "k").write_bytes(raw[: len(raw) // 2])
    with pytest.raises(KeyFileDamaged):
        load_keyfile(tmp_path / "k")


@given(st.binary(min_size=32, max_size=32))
def test_recovery_key_format_round_trips(key: bytes) -> None:
    text = format_recovery_key(key)
    groups = text.split("-")
    assert len(groups) == 16
    assert all(len(g) == 4 for g in groups)
    assert parse_recovery_key(text) == key
    assert parse_recovery_key(text.lower().replace("-", " ")) == key


@settings(max_examples=200)
@given(st.text(max_size=90))
def test_recovery_key_parser_never_crashes(text: str) -> None:
    try:
        key = parse_recovery_key(text)
    except UsageError as exc:
        assert "64 Zeichen" in exc.message
    else:
        assert len(key) == 32
