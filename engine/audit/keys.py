"""Files kept outside the decision log: the signing key, its public half, the witness file, the
redaction keys and the reviewers file.

They live together in one folder, the user's config directory by default (~/.config/perfdx on
Linux), or the folder of the key that --key / $PERFDX_AUDIT_KEY names:

    audit.key             the Ed25519 signing key (0600): whoever holds it can sign checkpoints
    audit.key.pub         its public half: give it to anyone who checks a proof or the log
    witness.txt           every checkpoint signed, appended ($PERFDX_AUDIT_WITNESS elsewhere)
    redaction-<log>.key   the key that hashes --redact fields of one log (0600)
    reviewers.yaml        who may review ($PERFDX_REVIEWERS elsewhere)
"""

from __future__ import annotations

import getpass
import os
import re
import socket
from pathlib import Path

import platformdirs

from .errors import AuditError
from .note import Signer, Verifier

KEY_ENV = "PERFDX_AUDIT_KEY"
WITNESS_ENV = "PERFDX_AUDIT_WITNESS"
REVIEWERS_ENV = "PERFDX_REVIEWERS"
KEY_NAME = "audit.key"


def default_key_path() -> Path:
    return Path(platformdirs.user_config_dir("perfdx", appauthor=False)) / KEY_NAME


def key_path(key: str | os.PathLike[str] | None = None) -> Path:
    """--key, then $PERFDX_AUDIT_KEY, then the user's config directory."""
    if key:
        return Path(key).expanduser()
    env = os.environ.get(KEY_ENV)
    return Path(env).expanduser() if env else default_key_path()


def public_path(key: Path) -> Path:
    return key.with_name(key.name + ".pub")


def witness_path(witness: str | os.PathLike[str] | None = None,
                 key: str | os.PathLike[str] | None = None) -> Path:
    """--witness, then $PERFDX_AUDIT_WITNESS, then witness.txt beside the signing key."""
    if witness:
        return Path(witness).expanduser()
    env = os.environ.get(WITNESS_ENV)
    return Path(env).expanduser() if env else key_path(key).parent / "witness.txt"


def reviewers_path(reviewers: str | os.PathLike[str] | None = None,
                   key: str | os.PathLike[str] | None = None) -> Path:
    """--reviewers, then $PERFDX_REVIEWERS, then reviewers.yaml beside the signing key."""
    if reviewers:
        return Path(reviewers).expanduser()
    env = os.environ.get(REVIEWERS_ENV)
    return Path(env).expanduser() if env else key_path(key).parent / "reviewers.yaml"


def redaction_key_path(log_id: str, key: str | os.PathLike[str] | None = None) -> Path:
    return key_path(key).parent / f"redaction-{log_id}.key"


def default_key_name() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = f"uid{os.getuid()}" if hasattr(os, "getuid") else "user"
    return re.sub(r"[\s+]", "-", f"perfdx-audit/{user}@{socket.gethostname() or 'localhost'}")


def private_folders(path: Path) -> None:
    """Create every missing folder above `path` as 0700 (the log, key and witness live there)."""
    missing = []
    parent = path.parent
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:  # another process made it meanwhile
            continue
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask


def write_secret(path: Path, text: str) -> None:
    """Create a file readable by its owner only; never overwrite one."""
    private_folders(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(text)
    os.chmod(path, 0o600)


def keygen(path: Path, name: str | None = None, *, force: bool = False) -> Signer:
    """A new signing key at `path` (0600) and its public half at path.pub."""
    if path.exists() and not force:
        raise AuditError("a signing key already exists here", file=str(path),
                         hint="checkpoints signed with it could no longer be checked by a new "
                              "one; give another --key, or --force to replace it")
    signer = Signer.generate(name or default_key_name())
    try:
        if force and path.exists():
            path.unlink()
        write_secret(path, signer.text + "\n")
        public_path(path).write_text(signer.verifier.text + "\n", encoding="ascii")
    except OSError as err:
        raise AuditError(f"cannot write the signing key: {err.strerror}", file=str(path)) from None
    return signer


def load_signer(path: Path) -> Signer:
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise AuditError("no signing key here", file=str(path),
                         hint="create one with 'perfdx audit keygen'") from None
    except (OSError, UnicodeDecodeError) as err:
        raise AuditError(f"cannot read the signing key: {err}", file=str(path)) from None
    return Signer.parse(text, f"{path}")


def signer_for_recording(key: str | os.PathLike[str] | None = None) -> tuple[Signer, Path, bool]:
    """The signing key, created on first use: (signer, its path, whether it was just created)."""
    path = key_path(key)
    if path.exists():
        return load_signer(path), path, False
    try:
        return keygen(path), path, True
    except AuditError:
        if path.exists():  # another process created it this very moment
            return load_signer(path), path, False
        raise


def load_verifier(path: Path) -> Verifier:
    """A public key from a .pub file, or the public half of a signing key file."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise AuditError("no public key here", file=str(path),
                         hint="give the KEY.pub file that 'perfdx audit keygen' wrote") from None
    except (OSError, UnicodeDecodeError) as err:
        raise AuditError(f"cannot read the public key: {err}", file=str(path)) from None
    if text.startswith("PRIVATE+KEY+"):
        return Signer.parse(text, str(path)).verifier
    return Verifier.parse(text, str(path))
