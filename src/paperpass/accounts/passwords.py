"""Password hashing with argon2id (argon2-cffi), its parameters in one place."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 1024


@lru_cache(maxsize=1)
def hasher() -> PasswordHasher:
    """argon2id with the library's RFC 9106 low-memory defaults (64 MiB, 3 passes)."""
    return PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash string (salt and parameters included)."""
    return hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``; a malformed hash never matches."""
    try:
        return hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's."""
    try:
        return hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash to verify against for unknown usernames, so their answer takes as long as a wrong password."""
    return hash_password("no such user: not a password anyone types")
