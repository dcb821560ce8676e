"""The office seal (signing certificate) as plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class SealMaterial:
    key_pem: bytes  # PKCS#8, unencrypted: it is stored only inside the encrypted database
    cert_pem: bytes
    chain_pem: bytes  # further certificates of an imported PKCS#12, PEM, may be empty
    subject: str  # RFC 4514 string of the certificate's subject
    fingerprint_sha256: str  # hex, lower case
    not_after: dt.datetime  # naive UTC
    self_signed: bool
