"""`perfdx schema case|diagnosis`: the JSON Schema of perfdx's input and output."""

from __future__ import annotations

import json

import click

from engine.authoring.io_schema import case_schema, diagnosis_schema
from engine.case.tabular import mapping_schema

from ..options import output_option
from ..output import emit


@click.command()
@click.argument("what", type=click.Choice(["case", "diagnosis", "mapping"]))
@output_option
def schema(what: str, output: str | None) -> None:
    """Print the JSON Schema of a case file (input), of `diagnose --format json` (output), or
    of an export mapping file (`perfdx batch run --map`)."""
    data = case_schema() if what == "case" else diagnosis_schema() if what == "diagnosis" \
        else mapping_schema()
    emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
