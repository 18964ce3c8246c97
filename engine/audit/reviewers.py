"""Who may review: the reviewers file the log's owner manages, and the identity behind a review.

    # reviewers.yaml (beside the signing key, or --reviewers / $PERFDX_REVIEWERS)
    reviewers:
      - name: Chen Li
        role: HRBP
        account: chenli                  # the OS account they review from
      - name: Wang Fang
        role: Head of Sales
        public_key: "wang-fang+1a2b3c4d+AZ..."   # 'perfdx audit keygen --key F' wrote F.pub

A review is accepted only from a registered name, from the OS account registered for it, and,
where a public key is registered, signed with its private half. The OS account is the effective
user (pwd.getpwuid(os.geteuid())), never an environment variable anyone can set.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PerfdxError, did_you_mean
from ..yamlio import load_file, locate
from .chain import canonical
from .errors import AuditError
from .note import Signer, Verifier

try:
    import pwd
except ImportError:  # pragma: no cover - Windows has no pwd; the account is then unknown
    pwd = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Reviewer:
    name: str
    role: str
    account: str | None
    key: Verifier | None


def os_identity() -> dict[str, Any]:
    """The effective OS account running perfdx: what the log records as who entered a record."""
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    account = None
    if pwd is not None and uid is not None:
        try:
            account = pwd.getpwuid(uid).pw_name
        except KeyError:
            account = None
    return {"account": account, "uid": uid}


def load_reviewers(path: Path) -> list[Reviewer]:
    if not path.exists():
        return []
    try:
        name, data = load_file(path, what="reviewers file")
    except PerfdxError as err:
        raise AuditError(err.message, file=err.file or str(path), line=err.line) from None
    items = data.get("reviewers") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise AuditError("a reviewers file holds a list 'reviewers:' of name, role and account "
                         "or public_key", file=name, line=(locate(data, []) or (None,))[0])
    out = []
    for i, item in enumerate(items):
        line = (locate(data, ["reviewers", i]) or (None,))[0]
        if not isinstance(item, dict) or not str(item.get("name") or "").strip() or \
                not (item.get("account") or item.get("public_key")):
            raise AuditError("a reviewer has a name, a role, and an account or a public_key",
                             file=name, line=line, field=f"reviewers[{i}]")
        unknown = set(item) - {"name", "role", "account", "public_key"}
        if unknown:
            raise AuditError(f"unknown field {sorted(unknown)[0]!r}", file=name, line=line,
                             field=f"reviewers[{i}]",
                             hint="fields: name, role, account, public_key")
        key = None
        if item.get("public_key"):
            key = Verifier.parse(str(item["public_key"]), f"{name}:{line} public_key")
        out.append(Reviewer(str(item["name"]).strip(), str(item.get("role") or "").strip(),
                            str(item["account"]).strip() if item.get("account") else None, key))
    return out


def statement(subject_hash: str, decision: str, note: str, by: str) -> bytes:
    """What a reviewer's key signs: the decision reviewed (by its record hash) and the review."""
    return b"perfdx-review-v1\n" + canonical({"subject": subject_hash, "decision": decision,
                                              "note": note, "by": by})


def authorise(path: Path, by: str, subject_hash: str, decision: str, note: str,
              sign_key: Signer | None) -> dict[str, Any]:
    """The identity a review is recorded with; AuditError if `by` may not review."""
    reviewers = load_reviewers(path)
    found = next((r for r in reviewers if r.name == by), None)
    if found is None:
        hint = did_you_mean(by, [r.name for r in reviewers]) or (
            f"the log's owner registers reviewers in {path}" if reviewers else
            f"no reviewers file at {path}: the log's owner creates it (see README, Audit trail)")
        raise AuditError(f"{by!r} is not a registered reviewer", file=str(path), hint=hint)
    who = os_identity()
    if found.account is not None and who["account"] != found.account:
        raise AuditError(f"{by} is registered to review from the OS account {found.account!r}; "
                         f"this is {who['account']!r}", file=str(path))
    identity: dict[str, Any] = {"reviewer": {"name": found.name, "role": found.role},
                                "entered_by": who, "signature": None}
    if found.key is not None:
        if sign_key is None:
            raise AuditError(f"{by} is registered with a public key: sign the review with "
                             f"--sign-key (or $PERFDX_REVIEWER_KEY)", file=str(path))
        if sign_key.verifier != found.key:
            raise AuditError(f"the key given is {sign_key.verifier.ref}, not the key "
                             f"registered for {by} ({found.key.ref})", file=str(path))
        sig = sign_key.sign(statement(subject_hash, decision, note, by))
        identity["signature"] = {"key": found.key.text,
                                 "sig": base64.b64encode(sig).decode("ascii")}
    return identity


def signature_ok(data: dict[str, Any], subject_hash: str) -> bool | None:
    """Does a recorded review's signature verify? None when it carries none."""
    sig = data.get("signature")
    if not isinstance(sig, dict):
        return None
    try:
        key = Verifier.parse(str(sig.get("key")))
        raw = base64.b64decode(str(sig.get("sig")), validate=True)
    except (AuditError, ValueError):
        return False
    return key.verify(statement(subject_hash, str(data.get("decision")), str(data.get("note")),
                                str(data.get("by"))), raw)
