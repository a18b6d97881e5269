"""The client secret in the real keychain, and the plain messages when a keychain fails."""

from __future__ import annotations

import logging
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest

from wizard.domain.secret import MAX_SECRET_LENGTH, Secret, fingerprint
from wizard.services.profile import Profile
from wizard.services.secret_store import SERVICE_NAME, SecretStore, SecretStoreError, account_name

# Mixed case and the signs / + = that LinkedIn secrets contain.
SECRET = "Wq7/Zr+e=Hk2LmNpXy"
# How the secret store names the backend below: its module and class.
BACKEND_LABEL = f"{__name__}.RecordingKeyring"


def make_backend(set_error: type[Exception] | None = None) -> keyring.backend.KeyringBackend:
    """Return a keyring backend that records what it is given and raises `set_error` on store.

    keyring registers every backend class when it is defined and chains the ones it
    finds on its first use. Resolving the default keychain first keeps this class out
    of that list, so other tests still get the real keychain.
    """
    keyring.get_keyring()

    class RecordingKeyring(keyring.backend.KeyringBackend):
        priority = 1

        def __init__(self) -> None:
            super().__init__()
            self.stored: dict[tuple[str, str], str] = {}

        def set_password(self, service: str, username: str, password: str) -> None:
            if set_error is not None:
                # The error text repeats the secret, as a careless backend might.
                raise set_error(f"could not store {password!r}")
            self.stored[(service, username)] = password

        def get_password(self, service: str, username: str) -> str | None:
            return self.stored.get((service, username))

        def delete_password(self, service: str, username: str) -> None:
            if self.stored.pop((service, username), None) is None:
                raise keyring.errors.PasswordDeleteError("not found")

    return RecordingKeyring()


def files_containing(directory: Path, text: str) -> list[Path]:
    if not directory.exists():
        return []
    return [path for path in directory.rglob("*") if path.is_file() and text.encode() in path.read_bytes()]


# --- the real keychain ------------------------------------------------------------------


def test_keychain_round_trip(keychain: SecretStore, profile: Profile) -> None:
    backend = keychain.save(Secret(SECRET))

    loaded = keychain.load()
    fresh = SecretStore(profile.id).load()

    assert backend == "SecretService.Keyring"
    assert loaded is not None
    assert loaded.reveal() == SECRET
    assert fresh is not None
    assert fresh.reveal() == SECRET
    assert not keychain.in_memory


def test_keychain_holds_exact_value(keychain: SecretStore, profile: Profile) -> None:
    keychain.save(Secret(SECRET))

    stored = keyring.get_keyring().get_password(SERVICE_NAME, account_name(profile.id))

    assert stored == SECRET


def test_keychain_save_replaces(keychain: SecretStore) -> None:
    keychain.save(Secret(SECRET))
    keychain.save(Secret(SECRET.lower()))

    loaded = keychain.load()

    assert loaded is not None
    assert loaded.reveal() == SECRET.lower()


def test_keychain_empty_then_deleted(keychain: SecretStore) -> None:
    assert keychain.load() is None

    keychain.save(Secret(SECRET))
    keychain.delete()

    assert keychain.load() is None
    keychain.delete()


def test_keychain_nothing_on_disk(keychain: SecretStore, config_dir: Path, tmp_path: Path) -> None:
    keychain.save(Secret(SECRET))

    assert files_containing(config_dir, SECRET) == []
    assert files_containing(tmp_path, SECRET) == []


def test_profiles_use_own_entries(keychain: SecretStore, profile: Profile) -> None:
    other = SecretStore(profile.id + "-other")

    keychain.save(Secret(SECRET))

    assert other.load() is None


# --- no usable keychain -----------------------------------------------------------------


def test_fail_backend_named_in_message(config_dir: Path) -> None:
    store = SecretStore("jazzhr", backend=keyring.backends.fail.Keyring())

    with pytest.raises(SecretStoreError) as caught:
        store.save(Secret(SECRET))

    message = str(caught.value)
    assert "no usable keychain" in message
    assert "fail.Keyring" in message
    assert "in memory" in message
    assert caught.value.backend == "fail.Keyring"
    assert SECRET not in message
    assert not store.usable()
    assert files_containing(config_dir, SECRET) == []


def test_fail_backend_load_and_delete(config_dir: Path) -> None:
    store = SecretStore("jazzhr", backend=keyring.backends.fail.Keyring())

    with pytest.raises(SecretStoreError, match="read the Client Secret"):
        store.load()
    with pytest.raises(SecretStoreError, match="remove the Client Secret"):
        store.delete()


def test_hold_in_memory_without_keychain() -> None:
    store = SecretStore("jazzhr", backend=keyring.backends.fail.Keyring())
    secret = Secret(SECRET)

    with pytest.raises(SecretStoreError):
        store.save(secret)
    store.hold_in_memory(secret)
    loaded = store.load()

    assert store.in_memory
    assert loaded is not None
    assert loaded.reveal() == SECRET


def test_save_after_memory_clears_it() -> None:
    backend = make_backend()
    store = SecretStore("jazzhr", backend=backend)
    store.hold_in_memory(Secret("an older secret"))

    store.save(Secret(SECRET))

    assert not store.in_memory
    assert backend.stored == {(SERVICE_NAME, account_name("jazzhr")): SECRET}


# --- a keychain that refuses ------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "cause"),
    [
        (keyring.errors.PasswordSetError, "the keychain reported PasswordSetError"),
        (keyring.errors.KeyringLocked, "the keychain is locked or the unlock request was cancelled"),
        (keyring.errors.InitError, "the keychain service did not respond"),
        (PermissionError, "access was denied"),
    ],
)
def test_refusing_backend_plain_message(
    error: type[Exception], cause: str, config_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = SecretStore("jazzhr", backend=make_backend(error))

    with pytest.raises(SecretStoreError) as caught:
        store.save(Secret(SECRET))

    message = str(caught.value)
    assert message.startswith(f"Could not save the Client Secret in the keychain ({BACKEND_LABEL})")
    assert cause in message
    assert caught.value.backend == BACKEND_LABEL
    assert caught.value.__cause__ is None
    assert SECRET not in message
    assert SECRET not in caplog.text
    assert not store.in_memory
    assert files_containing(config_dir, SECRET) == []
    assert files_containing(tmp_path, SECRET) == []


def test_refusing_backend_then_memory() -> None:
    store = SecretStore("jazzhr", backend=make_backend(keyring.errors.KeyringLocked))
    secret = Secret(SECRET)

    with pytest.raises(SecretStoreError):
        store.save(secret)
    store.hold_in_memory(secret)

    assert store.load() == secret


# --- implausible secrets ----------------------------------------------------------------


def test_too_long_secret_rejected_before_keychain() -> None:
    backend = make_backend()
    store = SecretStore("jazzhr", backend=backend)
    pasted = '{"client_secret": "' + "A" * 2000 + '"}'

    with pytest.raises(SecretStoreError) as caught:
        store.save(Secret(pasted))

    assert f"{len(pasted)} characters long" in str(caught.value)
    assert "A" * 20 not in str(caught.value)
    assert backend.stored == {}


def test_longest_plausible_secret_stored() -> None:
    backend = make_backend()
    store = SecretStore("jazzhr", backend=backend)

    store.save(Secret("A" * MAX_SECRET_LENGTH))

    assert list(backend.stored.values()) == ["A" * MAX_SECRET_LENGTH]


# --- the masked type --------------------------------------------------------------------


def test_secret_masked_when_printed() -> None:
    secret = Secret(SECRET)

    assert repr(secret) == "Secret(****)"
    assert str(secret) == "****"
    assert f"{secret}" == "****"
    assert SECRET not in repr([secret])


def test_fingerprint_hides_value() -> None:
    value = fingerprint(SECRET)

    assert value.startswith(f"{len(SECRET)}:")
    assert SECRET not in value
    assert Secret(SECRET).fingerprint() == value
    assert fingerprint(SECRET.lower()) != value


def test_missing_secret_names_other_backend(keychain):
    backend = keychain.backend_name()
    moved = keychain.missing_secret_message("Windows.WinVaultKeyring")
    assert "saved in the keychain Windows.WinVaultKeyring" in moved
    assert f"this run uses {backend}" in moved
    gone = keychain.missing_secret_message(backend)
    assert f"The keychain {backend} no longer holds the Client Secret" in gone
    never = keychain.missing_secret_message("")
    assert never.startswith("No Client Secret is stored")
