"""Signed notes (C2SP signed-note) with Ed25519, and transparency-log checkpoints (C2SP
tlog-checkpoint): the formats Go's sumdb, Trillian, Sigstore and the transparency-dev witnesses
read.

A note is a text ending in a newline, a blank line, then signature lines
``— <key name> base64(key ID || signature)``; the key ID is the first four bytes of
SHA-256(key name || 0x0A || 0x01 || Ed25519 public key). Keys are written as Go's
golang.org/x/mod/sumdb/note writes them:

    private: PRIVATE+KEY+<name>+<key ID, 8 hex digits>+base64(0x01 || 32-byte seed)
    public:  <name>+<key ID>+base64(0x01 || 32-byte public key)

A checkpoint's text is three lines: the log's origin, the tree size in decimal, and the base64
root hash (RFC 9162 Merkle tree).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .errors import AuditError

ED25519 = b"\x01"
DASH = "\u2014"
_NAME = re.compile(r"[^\s+]+")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f]")


def key_id(name: str, public: bytes) -> int:
    return int.from_bytes(hashlib.sha256(name.encode("utf-8") + b"\n" + ED25519 + public)
                          .digest()[:4], "big")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise ValueError("not base64") from None


@dataclass(frozen=True)
class Verifier:
    """A public key with its name."""

    name: str
    public: bytes

    @property
    def id(self) -> int:
        return key_id(self.name, self.public)

    @property
    def text(self) -> str:
        return f"{self.name}+{self.id:08x}+{_b64(ED25519 + self.public)}"

    @property
    def ref(self) -> str:
        """name+keyid: how signature lines and messages name the key."""
        return f"{self.name}+{self.id:08x}"

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True

    @classmethod
    def parse(cls, text: str, source: str = "public key") -> Verifier:
        parts = text.strip().split("+", 2)
        try:
            if len(parts) != 3 or not _NAME.fullmatch(parts[0]) or len(parts[1]) != 8:
                raise ValueError
            raw = _unb64(parts[2])
            if len(raw) != 33 or raw[:1] != ED25519:
                raise ValueError
            found = cls(parts[0], raw[1:])
            if found.id != int(parts[1], 16):
                raise ValueError
        except ValueError:
            raise AuditError(f"{source} is not an Ed25519 note verifier key", hint="expected "
                             "NAME+KEYID+BASE64, as 'perfdx audit keygen' writes to KEY.pub"
                             ) from None
        return found


@dataclass(frozen=True)
class Signer:
    """A private key with its name."""

    name: str
    seed: bytes

    @property
    def verifier(self) -> Verifier:
        public = Ed25519PrivateKey.from_private_bytes(self.seed).public_key()
        return Verifier(self.name, public.public_bytes(Encoding.Raw, PublicFormat.Raw))

    @property
    def text(self) -> str:
        v = self.verifier
        return f"PRIVATE+KEY+{self.name}+{v.id:08x}+{_b64(ED25519 + self.seed)}"

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.seed).sign(message)

    @classmethod
    def generate(cls, name: str) -> Signer:
        if not _NAME.fullmatch(name):
            raise AuditError(f"key name {name!r} must be non-empty, with no spaces or '+'")
        from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat
        seed = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                          NoEncryption())
        return cls(name, seed)

    @classmethod
    def parse(cls, text: str, source: str = "signing key") -> Signer:
        parts = text.strip().split("+", 4)
        try:
            if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"] or not _NAME.fullmatch(parts[2]):
                raise ValueError
            raw = _unb64(parts[4])
            if len(raw) != 33 or raw[:1] != ED25519:
                raise ValueError
            found = cls(parts[2], raw[1:])
            if found.verifier.id != int(parts[3], 16):
                raise ValueError
        except ValueError:
            raise AuditError(f"{source} is not an Ed25519 note signing key",
                             hint="expected PRIVATE+KEY+NAME+KEYID+BASE64, as 'perfdx audit "
                                  "keygen' writes") from None
        return found


def sign_note(text: str, signer: Signer) -> str:
    """The signed note: text, a blank line, one signature line."""
    if not text.endswith("\n") or "\n\n" in text:
        raise ValueError("a note text ends in a newline and has no blank line")
    v = signer.verifier
    sig = v.id.to_bytes(4, "big") + signer.sign(text.encode("utf-8"))
    return f"{text}\n{DASH} {signer.name} {_b64(sig)}\n"


class NoteError(ValueError):
    """A note that is malformed, or not signed by the expected key."""


def open_note(note: str, verifier: Verifier) -> str:
    """The text of a note that `verifier` signed; NoteError saying why otherwise."""
    if not note.endswith("\n") or "\n\n" not in note or _CONTROL.search(note):
        raise NoteError("malformed note")
    cut = note.rindex("\n\n")
    text, sigs = note[:cut + 1], note[cut + 2:]
    found = False
    for line in sigs.splitlines():
        m = re.fullmatch(DASH + r" (\S+) (\S+)", line)
        if not m:
            raise NoteError("malformed note")
        try:
            raw = _unb64(m.group(2))
        except ValueError:
            raise NoteError("malformed note") from None
        if len(raw) < 5:
            raise NoteError("malformed note")
        if m.group(1) != verifier.name or int.from_bytes(raw[:4], "big") != verifier.id:
            continue  # another key's signature (a witness, an old key): ignored, as the spec says
        if not verifier.verify(text.encode("utf-8"), raw[4:]):
            raise NoteError(f"invalid signature for key {verifier.ref}")
        found = True
    if not found:
        raise NoteError(f"no signature by key {verifier.ref}")
    return text


def note_signers(note: str) -> list[str]:
    """name+keyid of every signature line (unverified), for messages."""
    out = []
    for line in note.splitlines():
        m = re.fullmatch(DASH + r" (\S+) (\S+)", line)
        if m:
            try:
                raw = _unb64(m.group(2))
            except ValueError:
                continue
            if len(raw) >= 4:
                out.append(f"{m.group(1)}+{int.from_bytes(raw[:4], 'big'):08x}")
    return out


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    def text(self) -> str:
        return f"{self.origin}\n{self.size}\n{_b64(self.root)}\n"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        lines = text.split("\n")
        if len(lines) < 4 or lines[-1] != "" or not all(lines[:-1]):
            raise NoteError("malformed checkpoint")
        origin, size, root = lines[0], lines[1], lines[2]
        if not re.fullmatch(r"0|[1-9][0-9]*", size):
            raise NoteError("malformed checkpoint: the tree size is not a decimal number")
        try:
            raw = _unb64(root)
        except ValueError:
            raise NoteError("malformed checkpoint: the root is not base64") from None
        if len(raw) != 32:
            raise NoteError("malformed checkpoint: the root is not 32 bytes")
        return cls(origin, int(size), raw)


def split_notes(stream: str) -> list[str]:
    """Notes written one after another, each followed by a blank line (a witness file)."""
    notes, body, sigs = [], [], []  # type: ignore[var-annotated]
    state = "body"
    for line in stream.split("\n"):
        if state == "body":
            if line:
                body.append(line)
            elif body:
                state = "sigs"
        elif line.startswith(DASH + " "):
            sigs.append(line)
        else:
            if sigs:
                notes.append("\n".join(body) + "\n\n" + "\n".join(sigs) + "\n")
            body, sigs, state = ([line] if line else []), [], "body"
    if body and sigs:
        notes.append("\n".join(body) + "\n\n" + "\n".join(sigs) + "\n")
    return notes
