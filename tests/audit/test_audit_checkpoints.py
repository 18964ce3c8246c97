"""Issue 14: signed checkpoints catch a motivated rewrite; verify checks the schema; proofs an
employee can check offline."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from engine.audit.chain import Header, sha256
from engine.audit.note import Checkpoint, Verifier, open_note, split_notes
from tests.audit import tamper
from tests.audit.conftest import FINANCE, SALES


def _key() -> Path:
    return Path(os.environ["PERFDX_AUDIT_KEY"])


def _rehash(rows: list[dict], start: int) -> list[dict]:
    """Recompute every hash from rows[start] on, as someone who edits a record and covers it."""
    out = [dict(r) for r in rows]
    for i in range(start, len(out)):
        r = out[i]
        if i > 0:
            r["prev_hash"] = out[i - 1]["record_hash"]
        r["content_hash"] = sha256(r["content"].encode())
        h = Header(r["id"], r["kind"], r["created"], r["operator"], r["perfdx"], r["kb_hash"],
                   r["subject"], r["content_hash"], r["prev_hash"])
        r["record_hash"] = h.hash()
    return out


@pytest.fixture
def history(audit, record) -> list[str]:
    """Two decisions, a rejection of the first, a third decision: four checkpoints."""
    first, second = record(SALES), record(FINANCE)
    assert audit("review", first, "--by", "Chen Li", "--decision", "reject",
                 "--note", "The evidence does not show it").exit_code == 0
    return [first, second, record(SALES)]


def test_every_recording_command_signs_a_checkpoint(db: Path, history) -> None:
    conn = sqlite3.connect(str(db))
    sizes = [s for (s,) in conn.execute("SELECT size FROM checkpoints ORDER BY seq")]
    conn.close()
    assert sizes == [1, 2, 3, 4]
    pub = Verifier.parse(Path(str(_key()) + ".pub").read_text())
    notes = split_notes((_key().parent / "witness.txt").read_text(encoding="utf-8"))
    assert [Checkpoint.parse(open_note(n, pub)).size for n in notes] == [1, 2, 3, 4]


def test_a_rewritten_review_with_every_later_hash_recomputed_fails_verify(audit, db: Path,
                                                                          history) -> None:
    rows = tamper.rows(db)
    assert audit("verify").exit_code == 0
    review = json.loads(rows[2]["content"])
    rows[2]["content"] = json.dumps({**review, "decision": "approve"}, sort_keys=True,
                                    separators=(",", ":"), ensure_ascii=False)
    tamper.rewrite(db, _rehash(rows, 2))
    result = audit("verify")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[1] == "chain broken: 4 problem(s); the first at checkpoint 3 (3 records)"
    assert lines[2].startswith("  checkpoint 3 (3 records, signed ")
    assert lines[2].endswith("a record among them was altered, inserted, deleted or reordered")
    assert lines[3].startswith("  checkpoint 4 (4 records, signed ")
    assert lines[4].startswith("  witness entry 3 (3 records) no longer matches the log: the first")
    assert lines[5].startswith("  witness entry 4 (4 records) no longer matches the log: the first")
    assert lines[6:] == []  # nothing says the witness matches
    # and list / show no longer show the forged approval without a word
    listed = audit("list")
    assert ("perfdx: warning: the log no longer matches its latest signed checkpoint (4 records)"
            ": records were altered, inserted, deleted or reordered (run 'perfdx audit verify')"
            ) in listed.stderr.splitlines()


def test_a_rewrite_that_also_empties_the_checkpoints_is_caught_by_the_witness(audit, db: Path,
                                                                               history) -> None:
    rows = tamper.rows(db)
    rows[2]["content"] = rows[2]["content"].replace('"reject"', '"approve"')
    tamper.rewrite(db, _rehash(rows, 2))
    conn = tamper.connect(db)
    conn.execute("DELETE FROM checkpoints")
    conn.close()
    result = audit("verify")
    assert result.exit_code == 1
    assert "  witness entry 3 (3 records) no longer matches the log" in result.stdout
    (_key().parent / "witness.txt").unlink()  # the witness lost too: nothing vouches for it
    result = audit("verify")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == ("no signed checkpoint: nothing outside the log "
                                              "vouches for its 4 records (perfdx audit "
                                              "checkpoint)")
    strict = audit("verify", "--strict")
    assert strict.exit_code == 1
    assert strict.stdout.splitlines()[1] == "chain broken: 1 problem(s); the first at the log"


def test_records_after_the_last_checkpoint_are_reported_and_fail_strict(audit, record) -> None:
    record()
    record(FINANCE, checkpoint=False)
    result = audit("verify")
    assert result.exit_code == 0
    assert ("1 record(s) after the latest signed checkpoint (1 records): nothing outside the "
            "log vouches for them") in result.stdout.splitlines()
    assert audit("verify", "--strict").exit_code == 1
    assert audit("checkpoint").exit_code == 0
    assert audit("verify", "--strict").exit_code == 0


def test_records_cut_off_the_end_are_caught_without_a_head_kept(audit, db: Path, history
                                                                ) -> None:
    rows = tamper.rows(db)
    conn = tamper.connect(db)
    conn.execute("DELETE FROM records WHERE id = ?", (rows[-1]["id"],))
    conn.close()
    result = audit("verify")
    assert result.exit_code == 1
    assert ("  checkpoint 4 signs 4 records but the log holds 3: records were cut off the end"
            ) in result.stdout.splitlines()


def test_a_checkpoint_signed_by_another_key_fails(audit, db: Path, history, tmp_path) -> None:
    other = tmp_path / "other.key"
    assert audit("verify").exit_code == 0
    from engine.audit.keys import keygen
    keygen(other, "mallory")
    result = audit("verify", "--pub", str(other) + ".pub")
    assert result.exit_code == 1
    ref = Verifier.parse(Path(str(other) + ".pub").read_text()).ref
    assert f"  checkpoint 1 (1 records): no signature by key {ref}" in result.stdout.splitlines()


def test_the_log_key_alone_is_reported_as_untrusted(audit, history) -> None:
    _key().unlink()
    result = audit("verify")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[3].startswith("note: checked against the public key "
                                                    "stored in the log itself")


@pytest.mark.parametrize("attack, line", [
    ("DROP TRIGGER records_no_delete", "  the log: trigger records_no_delete is missing: the "
     "append-only guard is gone, so records can be changed without an error"),
    ("DROP TRIGGER checkpoints_no_update", "  the log: trigger checkpoints_no_update is missing: "
     "the append-only guard is gone, so records can be changed without an error"),
    ("CREATE TABLE notes (x)", "  the log: table notes is not part of perfdx's schema (added by "
     "hand)"),
])
def test_schema_tampering_fails_verify(audit, db: Path, record, attack: str, line: str) -> None:
    record()
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute(attack)
    conn.close()
    result = audit("verify")
    assert result.exit_code == 1
    assert line in result.stdout.splitlines()


def test_a_trigger_replaced_by_a_harmless_one_fails_verify(audit, db: Path, record) -> None:
    record()
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("DROP TRIGGER records_no_update")
    conn.execute("CREATE TRIGGER records_no_update BEFORE UPDATE ON records WHEN 0 "
                 "BEGIN SELECT 1; END")
    conn.close()
    result = audit("verify")
    assert result.exit_code == 1
    assert ("  the log: trigger records_no_update differs from perfdx's schema: the append-only "
            "guard is gone, so records can be changed without an error") in result.stdout


def test_a_secret_added_to_the_meta_table_is_reported(audit, db: Path, record) -> None:
    record()
    conn = tamper.connect(db)
    conn.execute("INSERT INTO meta VALUES ('redaction_key', 'abc')")
    conn.close()
    assert ("  the log: the meta table holds 'redaction_key', which perfdx never writes"
            in audit("verify").stdout.splitlines())


# -- proofs -------------------------------------------------------------------------------------

@pytest.fixture
def proof(audit, history, tmp_path: Path) -> Path:
    out = tmp_path / "proof.json"
    assert audit("proof", history[1], "-o", str(out)).exit_code == 0
    return out


def _check(proof: Path, pub: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """check-proof in a bare process: no log, no key but the public one, another folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PERFDX_")}
    return subprocess.run([sys.executable, "-m", "cli", "audit", "check-proof", str(proof),
                           "--pub", str(pub)], capture_output=True, text=True, env=env, cwd=cwd,
                          check=False)


def test_a_proof_checks_offline_with_only_the_file_and_the_public_key(proof: Path, db: Path,
                                                                     tmp_path: Path) -> None:
    alone = tmp_path / "employee"
    alone.mkdir()
    (alone / "proof.json").write_bytes(proof.read_bytes())
    (alone / "log.pub").write_bytes(Path(str(_key()) + ".pub").read_bytes())
    db.unlink()
    done = _check(alone / "proof.json", alone / "log.pub", alone)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{alone / 'proof.json'}: the proof holds."
    assert lines[1] == "It proves:"
    assert lines[3].startswith("  - it is entry 2 of the 4 records of decision log perfdx/")
    assert lines[5] == "It does not prove:"
    assert lines[6] == ("  - that the decision is right, or that anyone reviewed it: reviews and "
                        "objections are separate records, not in this file")


def _flip(text: str, at: int) -> str:
    c = text[at]
    return text[:at] + ("1" if c != "1" else "2") + text[at + 1:]


@pytest.mark.parametrize("part", ["inclusion", "record_hash", "checkpoint", "content",
                                  "leaf_index", "record"])
def test_one_changed_byte_of_the_proof_or_the_decision_fails(run, proof: Path, part: str) -> None:
    doc = json.loads(proof.read_text(encoding="utf-8"))
    if part == "inclusion":
        doc["inclusion"][0] = _flip(doc["inclusion"][0], 5)
    elif part == "record_hash":
        doc["record_hash"] = _flip(doc["record_hash"], 7)
    elif part == "checkpoint":
        sig = doc["checkpoint"].index("\u2014 ")
        at = doc["checkpoint"].index(" ", sig + 2) + 10
        doc["checkpoint"] = _flip(doc["checkpoint"], at)
    elif part == "content":
        at = doc["content"].index('"certainty":0.') + len('"certainty":0.')
        doc["content"] = _flip(doc["content"], at)
    elif part == "leaf_index":
        doc["leaf_index"] += 1
    else:
        doc["record"]["operator"] += "x"
    proof.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    result = run("audit", "check-proof", str(proof), "--pub", str(_key()) + ".pub")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(f"{proof}: the proof does NOT hold: ")
    assert result.stdout.splitlines()[1] == ("Nothing in this file can be relied on as proof "
                                             "that the decision was recorded as shown.")


def test_a_proof_of_a_record_the_log_no_longer_matches_is_refused(audit, db: Path, history,
                                                                 tmp_path: Path) -> None:
    rows = tamper.rows(db)
    rows[0]["operator"] = "someone"
    tamper.rewrite(db, _rehash(rows, 0))
    result = audit("proof", history[1], "-o", str(tmp_path / "p.json"))
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {db}: the log no longer matches its latest signed "
                             "checkpoint (run 'perfdx audit verify')\n")


def test_a_schema_version_set_back_by_hand_is_refused(audit, db: Path, record) -> None:
    record()
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    result = audit("verify")
    assert result.exit_code == 1
    assert result.stderr == (f"perfdx: error: {db}: the log says it is schema 1, but it already "
                             "has parts of schema 2: its schema version was changed by hand "
                             "(run 'perfdx audit verify' on a copy made before the change)\n")
