"""`perfdx audit keygen | checkpoint | proof | check-proof`: trust in the log that does not rest
on whoever holds its file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from engine.audit.checkpoint import checkpoint as sign_checkpoint
from engine.audit.errors import AuditError
from engine.audit.keys import (
    KEY_ENV,
    WITNESS_ENV,
    key_path,
    keygen,
    load_signer,
    load_verifier,
    public_path,
    witness_path,
)
from engine.audit.proofs import ProofError, Proved, check_proof, export_proof
from engine.audit.store import AuditLog
from engine.audit.words import w
from engine.i18n import Lang

from ..options import lang_option, output_option
from ..output import emit
from ..record_options import db_option


def key_option(f: Any) -> Any:
    return click.option("--key", metavar="FILE", envvar=KEY_ENV, default=None,
                        help="The signing key. Default: $PERFDX_AUDIT_KEY, then audit.key in "
                             "your config directory.")(f)


def witness_option(f: Any) -> Any:
    return click.option("--witness", metavar="FILE", envvar=WITNESS_ENV, default=None,
                        help="The witness file every checkpoint is appended to (e.g. on a "
                             "shared drive). Default: $PERFDX_AUDIT_WITNESS, then witness.txt "
                             "beside the signing key.")(f)


@click.command("keygen")
@key_option
@click.option("--name", metavar="NAME", help="The key's name in signatures (no spaces or '+'). "
              "Default: perfdx-audit/USER@HOST.")
@click.option("--force", is_flag=True, help="Replace an existing key (checkpoints it signed "
              "can then only be checked with its old KEY.pub).")
def keygen_(key: str | None, name: str | None, force: bool) -> None:
    """Create the Ed25519 key that signs the log's checkpoints.

    Writes KEY (readable by you only) and KEY.pub, in Go's signed-note key format. Keep KEY
    away from whoever holds the decision log; give KEY.pub to anyone who checks a proof.
    The first recording creates a key by itself if there is none.
    """
    path = key_path(key)
    signer = keygen(path, name, force=force)
    click.echo(f"signing key: {path}\npublic key:  {public_path(path)}\n{signer.verifier.text}")


@click.command("checkpoint")
@db_option
@key_option
@witness_option
def checkpoint_(db: str | None, key: str | None, witness: str | None) -> None:
    """Sign the log as it stands: its size and Merkle root, as a C2SP checkpoint.

    The checkpoint is stored in the log, appended to the witness file, and printed (a signed
    note that transparency-log tools can read). Recording commands do this by themselves.
    """
    signer = load_signer(key_path(key))
    with AuditLog.open(db) as log:
        cp, new, problem = sign_checkpoint(log, signer, witness_path(witness, key))
    if problem:
        click.echo(f"perfdx: warning: {problem}", err=True)
    if not new:
        click.echo(f"perfdx: the log has not grown since checkpoint of {cp.size} records; "
                   "it still stands", err=True)
    click.echo(cp.note, nl=False)


@click.command("proof")
@click.argument("record_id", metavar="ID")
@db_option
@key_option
@witness_option
@output_option
def proof(record_id: str, db: str | None, key: str | None, witness: str | None,
          output: str | None) -> None:
    """Export one decision with its inclusion proof and the latest signed checkpoint.

    The file lets anyone, the employee included, check with 'perfdx audit check-proof FILE
    --pub KEY.pub' that the decision is in the log exactly as recorded, without the log. If
    no checkpoint covers the record yet, one is signed (needs the signing key).
    """
    path = key_path(key)
    with AuditLog.open(db) as log:
        row = log.find(record_id)
        signer = load_signer(path) if path.exists() else None
        doc, signed = export_proof(log, row, signer, witness_path(witness, key))
    if signed:
        click.echo(f"perfdx: signed a checkpoint of {doc['tree_size']} records to cover it",
                   err=True)
    emit(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", output)


@click.command("check-proof")
@click.argument("proof_file", metavar="FILE", type=click.Path(dir_okay=False))
@click.option("--pub", required=True, metavar="KEY.pub", type=click.Path(dir_okay=False),
              help="The log owner's public key (KEY.pub), obtained from them, not from the "
                   "proof file.")
@lang_option
@click.pass_context
def check_proof_(ctx: click.Context, proof_file: str, pub: str, lang: Lang) -> None:
    """Check a proof file offline: it needs only the file and the public key.

    Says what the proof shows and what it does not. Exit code 0 when it holds, 1 otherwise.
    """
    verifier = load_verifier(Path(pub))
    try:
        text = Path(proof_file).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AuditError("no such file", file=proof_file) from None
    except (OSError, UnicodeDecodeError) as err:
        raise AuditError(f"cannot read the proof: {err}", file=proof_file) from None
    try:
        proved = check_proof(text, verifier)
    except ProofError as err:
        click.echo(w("proof_bad", lang, file=proof_file, why=str(err)))
        click.echo(w("proof_bad_means", lang))
        ctx.exit(1)
    click.echo(render_proved(proof_file, proved, lang), nl=False)


def render_proved(name: str, p: Proved, lang: Lang) -> str:
    r = p.record
    kind = w(str(r["kind"]), lang)
    lines = [w("proof_ok", lang, file=name), w("proof_proves", lang),
             "  - " + w("proof_p1", lang, id=r["id"], kind=kind,
                        when=str(r["created"])[:19].replace("T", " "), operator=r["operator"],
                        version=r["perfdx"], kb=str(r["kb"] or "-")[:12]),
             "  - " + w("proof_p2", lang, n=p.leaf_index + 1, size=p.tree_size, log=p.log,
                        signer=p.key),
             "  - " + w("proof_p3", lang),
             w("proof_not", lang)]
    lines += ["  - " + w(k, lang, signer=p.key) for k in ("proof_n1", "proof_n2", "proof_n3",
                                                      "proof_n4")]
    return "\n".join(lines) + "\n"
