"""The client secret as a value that cannot leak through printing, and its fingerprint."""

from __future__ import annotations

# Mixed into the fingerprint so that it matches no hash of the bare secret elsewhere.
_FINGERPRINT_PREFIX = b"csa-setup fingerprint v1\x00"
_FINGERPRINT_HEX_DIGITS = 12

# LinkedIn's secrets seen in documentation are 16 to about 40 characters. Anything
# far longer is a paste of something else (a JSON response, a whole page).
MAX_SECRET_LENGTH = 256


class Secret:
    """A secret string whose repr and str are masked.

    The plain value is only available through `reveal()`, so logging, f-strings and
    exception messages show the mask.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret(****)"

    def __str__(self) -> str:
        return "****"

    def __len__(self) -> int:
        return len(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def fingerprint(self) -> str:
        return fingerprint(self._value)


def fingerprint(value: str) -> str:
    """Return `len:hex` where hex is the start of a SHA-256 over a program prefix and the value.

    Support can compare two fingerprints without either side reading the secret.
    """
    import hashlib  # Loads OpenSSL; imported here so the first window does not wait for it.

    digest = hashlib.sha256(_FINGERPRINT_PREFIX + value.encode("utf-8")).hexdigest()
    return f"{len(value)}:{digest[:_FINGERPRINT_HEX_DIGITS]}"
