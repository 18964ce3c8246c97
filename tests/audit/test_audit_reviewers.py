"""Issue 14: only registered reviewers review; each review records who entered it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from engine.audit.keys import keygen
from engine.audit.reviewers import os_identity
from tests.audit import tamper


def _review(audit, rid: str, by: str, *extra: str):
    return audit("review", rid, "--by", by, "--decision", "approve", "--note", "Checked", *extra)


def test_an_unregistered_reviewer_is_refused(audit, db: Path, record, reviewers: Path) -> None:
    rid = record()
    result = _review(audit, rid, "Chen Lee")
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {reviewers}: 'Chen Lee' is not a registered "
                             "reviewer (did you mean 'Chen Li'?)\n")
    assert len(tamper.rows(db)) == 1


def test_without_a_reviewers_file_every_review_is_refused(audit, record, reviewers: Path) -> None:
    rid = record()
    reviewers.unlink()
    result = _review(audit, rid, "Chen Li")
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {reviewers}: 'Chen Li' is not a registered "
                             f"reviewer (no reviewers file at {reviewers}: the log's owner "
                             "creates it (see README, Audit trail))\n")


def test_a_registered_reviewer_is_recorded_with_their_identity(audit, db: Path, record) -> None:
    rid = record()
    assert _review(audit, rid, "Chen Li").exit_code == 0
    content = json.loads(tamper.rows(db)[1]["content"])
    assert content["by"] == "Chen Li" and content["role"] == "HRBP"
    assert content["entered_by"] == os_identity()
    assert content["entered_by"]["uid"] == os.geteuid()


def test_a_reviewer_registered_to_another_account_is_refused(audit, record,
                                                            reviewers: Path) -> None:
    rid = record()
    reviewers.write_text("reviewers:\n  - name: Chen Li\n    role: HRBP\n    account: chenli-x\n",
                         encoding="utf-8")
    result = _review(audit, rid, "Chen Li")
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {reviewers}: Chen Li is registered to review from "
                             f"the OS account 'chenli-x'; this is {os_identity()['account']!r}\n")


def test_a_reviewer_with_a_key_must_sign_and_the_signature_is_verified(
        audit, db: Path, record, reviewers: Path, tmp_path: Path) -> None:
    rid = record()
    key = tmp_path / "wang.key"
    signer = keygen(key, "wang-fang")
    reviewers.write_text("reviewers:\n  - name: Wang Fang\n    role: Head of Sales\n"
                         f"    public_key: {signer.verifier.text}\n", encoding="utf-8")
    unsigned = _review(audit, rid, "Wang Fang")
    assert unsigned.exit_code == 1
    assert unsigned.stderr == (f"perfdx: error: {reviewers}: Wang Fang is registered with a "
                               "public key: sign the review with --sign-key (or "
                               "$PERFDX_REVIEWER_KEY)\n")
    assert _review(audit, rid, "Wang Fang", "--sign-key", str(key)).exit_code == 0
    content = json.loads(tamper.rows(db)[1]["content"])
    assert content["signature"]["key"] == signer.verifier.text
    assert audit("verify").exit_code == 0
    row = tamper.rows(db)[1]
    forged = row["content"].replace('"Checked"', '"Checked twice"')
    conn = tamper.connect(db)
    conn.execute("UPDATE records SET content = ?, content_hash = ? WHERE seq = 2",
                 (forged, tamper.sha256(forged.encode())))
    conn.close()
    assert "the reviewer's signature does not verify" in audit("verify").stdout


def test_a_contest_is_never_refused_and_records_who_entered_it(audit, db: Path, record,
                                                              reviewers: Path) -> None:
    rid = record()
    reviewers.unlink()
    result = audit("contest", rid, "--by", "E1187", "--note", "I was never trained")
    assert result.exit_code == 0
    content = json.loads(tamper.rows(db)[1]["content"])
    assert content == {"by": "E1187", "note": "I was never trained",
                       "entered_by": os_identity()}


def test_a_tampered_review_is_flagged_under_its_decision(audit, db: Path, record) -> None:
    rid = record()
    _review(audit, rid, "Chen Li")
    row = tamper.rows(db)[1]
    conn = tamper.connect(db)
    conn.execute("UPDATE records SET content = ? WHERE seq = 2",
                 (row["content"].replace('"Checked"', '"Fine"'),))
    conn.close()
    warning = (f"perfdx: warning: review {row['id']} of decision {rid} no longer matches its "
               "hashes: the review state shown rests on an altered record (run 'perfdx audit "
               "verify')")
    listed = audit("list")
    assert warning in listed.stderr.splitlines()
    assert "approved (TAMPERED)" in listed.stdout
    shown = audit("show", rid, "--format", "markdown")
    assert warning in shown.stderr.splitlines()
    assert "TAMPERED" not in shown.stdout
