"""Encryption at rest of backup archives (scripts/backup_crypto.py): what comes out is what went
in, and anything else (a wrong key, one changed byte, a format from the future, a short key)
is refused in plain words, never decrypted into something wrong."""

from __future__ import annotations

import gzip

import pytest

from scripts.backup_crypto import (
    HEADER_BYTES,
    MAGIC,
    NONCE_BYTES,
    SALT_BYTES,
    VERSION,
    KeyRefused,
    Unreadable,
    decrypt,
    encrypt,
    is_encrypted,
)

KEY = "correct horse battery staple"
ARCHIVE = gzip.compress(b"manifest.json and the databases' copies" * 100)


@pytest.fixture(scope="module")
def sealed() -> bytes:
    return encrypt(ARCHIVE, KEY)  # scrypt takes ~0.1 s: made once for the module


def test_what_is_decrypted_is_what_was_encrypted(sealed):
    assert decrypt(sealed, KEY) == ARCHIVE
    assert is_encrypted(sealed) and sealed.startswith(MAGIC + bytes([VERSION]))
    assert ARCHIVE not in sealed
    # A new salt and nonce every time: the same archive never gives the same file.
    again = encrypt(ARCHIVE, KEY)
    assert again != sealed and again[:HEADER_BYTES] != sealed[:HEADER_BYTES]
    assert decrypt(again, KEY) == ARCHIVE


def test_an_old_unencrypted_archive_is_not_taken_for_an_encrypted_one():
    assert not is_encrypted(ARCHIVE)
    with pytest.raises(Unreadable, match="not an encrypted backup"):
        decrypt(ARCHIVE, KEY)


def test_a_wrong_key_is_refused(sealed):
    with pytest.raises(Unreadable, match="not the passphrase it was made with"):
        decrypt(sealed, KEY + "!")


SALT_AT = len(MAGIC) + 1
NONCE_AT = SALT_AT + SALT_BYTES


@pytest.mark.parametrize(
    "where",
    [
        pytest.param(SALT_AT, id="salt"),
        pytest.param(NONCE_AT + NONCE_BYTES - 1, id="nonce"),
        pytest.param(HEADER_BYTES + 10, id="archive"),
        pytest.param(-1, id="tag"),
    ],
)
def test_one_flipped_byte_is_refused(sealed, where):
    changed = bytearray(sealed)
    changed[where] ^= 0x01
    with pytest.raises(Unreadable, match="changed or damaged"):
        decrypt(bytes(changed), KEY)


def test_a_header_from_the_future_is_refused(sealed):
    future = sealed[: len(MAGIC)] + bytes([VERSION + 1]) + sealed[len(MAGIC) + 1 :]
    with pytest.raises(Unreadable, match=f"format {VERSION + 1} by a newer version"):
        decrypt(future, KEY)


def test_a_cut_off_file_is_refused(sealed):
    with pytest.raises(Unreadable, match="damaged"):
        decrypt(sealed[: HEADER_BYTES + 5], KEY)
    with pytest.raises(Unreadable, match="changed or damaged"):
        decrypt(sealed[:-1], KEY)


def test_a_key_shorter_than_16_characters_is_refused(sealed):
    with pytest.raises(KeyRefused, match="shorter than 16 characters"):
        encrypt(ARCHIVE, "fifteen chars!!")
    with pytest.raises(KeyRefused):
        decrypt(sealed, "fifteen chars!!")
    assert decrypt(encrypt(b"x", "sixteen chars!!!"), "sixteen chars!!!") == b"x"
