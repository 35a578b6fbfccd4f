"""Encryption at rest for backup archives (scripts/backup.py; docs/production.md §9).

An encrypted backup is the `.tar.gz` archive sealed with AES-256-GCM, under a key derived
from the passphrase in BACKUP_KEY by scrypt. The file is:

    header   MAGIC (12 bytes), VERSION (1 byte), salt (16 bytes, random), nonce (12 bytes, random)
    sealed   the archive encrypted, followed by GCM's 16-byte tag

The header is authenticated as GCM's associated data, so changing any byte of the file,
header included, makes decrypting fail. VERSION 1 means exactly: scrypt with n=2**15, r=8,
p=1 and a 32-byte key, then AES-256-GCM; any change to these makes a new version, and a file
of a version this code does not know is refused, not guessed at.

The whole archive is encrypted in memory, in one piece. This app's backups are small (the demo's
content pack is 200 KB; a council's databases after a year of enquiries, tens of MB), so this
is simpler and safer than a chunked format of our own. AES-GCM in `cryptography` takes at most
2**31 - 1 bytes at once: a bigger archive is refused with a plain message (`TooBig`).
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"KINSHIP-ENC\n"  # never the start of a gzip file (1f 8b), so old archives still restore
VERSION = 1
SALT_BYTES = 16
NONCE_BYTES = 12
HEADER_BYTES = len(MAGIC) + 1 + SALT_BYTES + NONCE_BYTES
TAG_BYTES = 16
MIN_KEY_CHARS = 16
MAX_PLAIN_BYTES = 2**31 - 1  # the most AESGCM.encrypt takes in one call
SUFFIX = ".enc"  # kinship-backup-<when>.tar.gz.enc


class KeyRefused(ValueError):
    """BACKUP_KEY cannot be used: the message says why, in plain words."""


class Unreadable(ValueError):
    """The file cannot be decrypted (wrong key, changed, damaged or from a newer version)."""


class TooBig(ValueError):
    """The archive is too big to encrypt in one piece."""


def is_encrypted(head: bytes) -> bool:
    """Whether a file starting with these bytes is one of our encrypted backups."""
    return head.startswith(MAGIC)


def check_key(passphrase: str) -> None:
    """KeyRefused unless the passphrase is long enough to be worth deriving a key from."""
    if len(passphrase) < MIN_KEY_CHARS:
        raise KeyRefused(
            f"BACKUP_KEY is shorter than {MIN_KEY_CHARS} characters: use a long passphrase, "
            "e.g. the output of `openssl rand -base64 32`."
        )


def _key(passphrase: str, salt: bytes) -> bytes:
    check_key(passphrase)
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))


def encrypt(plain: bytes, passphrase: str) -> bytes:
    """The archive, sealed with a key derived from the passphrase (a new salt and nonce each
    time): header + ciphertext + tag."""
    check_key(passphrase)
    if len(plain) > MAX_PLAIN_BYTES:
        raise TooBig(
            f"the archive is {len(plain) / 2**30:.1f} GiB, more than the 2 GiB this script "
            "can encrypt in one piece: unset BACKUP_KEY and let the backup store encrypt it."
        )
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    header = MAGIC + bytes([VERSION]) + salt + nonce
    return header + AESGCM(_key(passphrase, salt)).encrypt(nonce, plain, header)


def decrypt(sealed: bytes, passphrase: str) -> bytes:
    """The archive inside a file made by `encrypt`. Unreadable when it is not ours, from a newer
    version, or the key is wrong or the file was changed; its message says why in plain words,
    to follow "... could not be decrypted: "."""
    if not is_encrypted(sealed):
        raise Unreadable("it is not an encrypted backup (its first bytes are not ours).")
    version = sealed[len(MAGIC)] if len(sealed) > len(MAGIC) else None
    if version is not None and version > VERSION:
        raise Unreadable(
            f"it was encrypted in format {version} by a newer version of scripts/backup.py; "
            f"this code reads format {VERSION}. Restore it with the version that made it."
        )
    if version != VERSION or len(sealed) < HEADER_BYTES + TAG_BYTES:
        raise Unreadable("it is damaged: too short, or its header is not one we wrote.")
    header = sealed[:HEADER_BYTES]
    salt = header[len(MAGIC) + 1 : len(MAGIC) + 1 + SALT_BYTES]
    nonce = header[-NONCE_BYTES:]
    try:
        return AESGCM(_key(passphrase, salt)).decrypt(nonce, sealed[HEADER_BYTES:], header)
    except InvalidTag:
        raise Unreadable(
            "BACKUP_KEY is not the passphrase it was made with, or the file was changed or "
            "damaged since (AES-GCM checks every byte)."
        ) from None
