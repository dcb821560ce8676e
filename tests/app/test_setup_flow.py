from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.office import OfficeInfo
from app.domain.seal import SealMaterial
from app.errors import FieldErrors, UsageError
from app.flows.setup_flow import SetupFlow, Step

GOOD = "Sonnenblume-27-Kiel"


def _to_confirm() -> SetupFlow:
    flow = SetupFlow(min_passphrase_length=10)
    flow.submit_office("MBE Kiel", "Träger e. V.", "KI", "1,5")
    flow.submit_user("Anna Alt", "Anna", GOOD, GOOD)
    flow.submit_seal_self_signed()
    return flow


def test_happy_path_and_no_way_back_after_create() -> None:
    flow = _to_confirm()
    assert flow.step is Step.CONFIRM
    assert flow.data.office == OfficeInfo("MBE Kiel", "Träger e. V.", "KI", Decimal("1.50"))
    assert flow.data.login == "anna"
    calls: list[tuple[object, ...]] = []

    def creator(*args: object) -> tuple[str, str]:
        calls.append(args)
        return "KEY", "id-1"

    flow.create(creator)
    assert calls[0][1:4] == ("anna", "Anna Alt", GOOD)
    assert flow.step is Step.RECOVERY
    assert flow.data.recovery_key == "KEY"
    assert flow.data.passphrase == ""  # not kept once used
    assert not flow.can_go_back
    with pytest.raises(FieldErrors) as exc:
        flow.acknowledge_recovery(False)
    assert "confirmed" in exc.value.errors
    flow.acknowledge_recovery(True)
    assert flow.step is Step.DONE
    assert flow.data.recovery_key == ""


def test_office_errors_name_each_field() -> None:
    flow = SetupFlow(10)
    with pytest.raises(FieldErrors) as exc:
        flow.submit_office(" ", "", "XX", "abc")
    assert set(exc.value.errors) == {"name", "district", "posts"}
    assert flow.step is Step.OFFICE


def test_user_errors_name_each_field() -> None:
    flow = SetupFlow(10)
    flow.submit_office("MBE", "", "FL", "1")
    with pytest.raises(FieldErrors) as exc:
        flow.submit_user("", "a b", "kurz", "anders")
    assert set(exc.value.errors) == {"display_name", "login", "passphrase", "repeat"}
    with pytest.raises(FieldErrors) as exc:
        flow.submit_user("Anna", "anna", "passwort123456", "passwort123456")
    assert set(exc.value.errors) == {"passphrase"}


def test_back_keeps_data() -> None:
    flow = _to_confirm()
    flow.back()
    flow.back()
    assert flow.step is Step.USER
    assert flow.data.office is not None
    flow.back()
    assert flow.step is Step.OFFICE
    with pytest.raises(RuntimeError):
        flow.back()


def test_failed_create_stays_at_confirm() -> None:
    flow = _to_confirm()

    def failing(*_args: object) -> tuple[str, str]:
        raise UsageError("Platte voll")

    with pytest.raises(UsageError):
        flow.create(failing)
    assert flow.step is Step.CONFIRM
    assert flow.data.passphrase == GOOD


def test_pkcs12_errors_land_on_the_file_field() -> None:
    flow = SetupFlow(10)
    flow.submit_office("MBE", "", "FL", "1")
    flow.submit_user("Anna", "anna", GOOD, GOOD)

    def reader(_data: bytes, _pw: str | None) -> SealMaterial:
        raise UsageError("Die Datei ist keine gültige PKCS#12-Datei.")

    with pytest.raises(FieldErrors) as exc:
        flow.submit_seal_import(b"x", "pw", reader)
    assert exc.value.errors == {"pkcs12": "Die Datei ist keine gültige PKCS#12-Datei."}
    assert flow.step is Step.SEAL
