"""Every error message perfdx can raise (tests/error_sites.py reads them from the code) is put into
Chinese by the message table, or is listed in tests/data/english_error_messages.yaml as still
English (issue 16, point 11). A new English-only message fails here: add it to the table
(engine/messages/) and rewrite the list (`python -m tests.error_sites`). A listed message that
has become Chinese fails too: rewrite the list the same way."""

from __future__ import annotations

import yaml

from .conftest import DATA
from .error_sites import still_english

KNOWN = yaml.safe_load((DATA / "english_error_messages.yaml").read_text(encoding="utf-8"))


def test_every_error_message_is_chinese_or_known_to_be_english() -> None:
    found = still_english()
    new = {m: [t for t in texts if t not in KNOWN.get(m, [])] for m, texts in found.items()}
    assert {m: t for m, t in new.items() if t} == {}


def test_the_list_of_english_messages_holds_no_message_that_is_chinese_now() -> None:
    found = still_english()
    stale = {m: [t for t in texts if t not in found.get(m, [])] for m, texts in KNOWN.items()}
    assert {m: t for m, t in stale.items() if t} == {}
