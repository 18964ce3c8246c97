"""The on-disk cache of checked knowledge (issue 15): faster, never different.

A cached load gives exactly the KB a fresh load gives; a changed file, another perfdx or Python,
or a damaged, foreign or loosely-permitted entry means a fresh load; the cache is owner-only and
holds plain JSON data only.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import fields
from pathlib import Path

import pytest

from engine.errors import KnowledgeBaseError
from engine.kb import cache, codec
from engine.kb import load as kb_load
from engine.kb.load import default_kb_dir, load_kb
from tests.conftest import EXAMPLES, edit


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PERFDX_CACHE_DIR", str(folder))
    monkeypatch.delenv("PERFDX_NO_CACHE", raising=False)
    return folder / "kb"


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every fresh (uncached) load, by KB folder."""
    seen: list[Path] = []
    real = kb_load.load_kb_with_problems

    def spy(kb=None):  # type: ignore[no-untyped-def]
        seen.append(Path(kb))
        return real(kb)

    monkeypatch.setattr(kb_load, "load_kb_with_problems", spy)
    return seen


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def test_a_cached_load_is_the_fresh_load_field_by_field(cache_dir: Path, builds: list[Path]) -> None:
    fresh = load_kb(cache=False)
    first = load_kb()
    cached = load_kb()
    assert len(builds) == 2  # the uncached load and the one that filled the cache; not the third
    assert len(_entries(cache_dir)) == 1
    for f in fields(fresh):
        assert getattr(cached, f.name) == getattr(fresh, f.name), f.name
        assert getattr(first, f.name) == getattr(fresh, f.name), f.name
    for name in ("kpis", "observations", "interventions"):
        for a, b in zip(getattr(fresh, name).values(), getattr(cached, name).values(),
                        strict=True):
            assert type(a) is type(b) and a.model_fields_set == b.model_fields_set
    assert [type(r.branches[0].patterns[0]) for r in cached.rules] == \
        [type(r.branches[0].patterns[0]) for r in fresh.rules]
    assert [r.engine_branches for r in cached.rules] == [r.engine_branches for r in fresh.rules]


def test_the_cache_is_owner_only_and_plain_json(cache_dir: Path) -> None:
    load_kb()
    (entry,) = _entries(cache_dir)
    assert stat.S_IMODE(os.stat(cache_dir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(entry).st_mode) == 0o600
    header, body = entry.read_bytes().split(b"\n", 1)
    assert set(json.loads(header)) == {"format", "key", "sha256"}
    json.loads(body)  # plain JSON: no pickle, nothing that runs when read


def test_a_changed_file_is_loaded_again(kb_copy: Path, cache_dir: Path, builds: list[Path]) -> None:
    before = load_kb(kb_copy)
    edit(kb_copy / "knowledge_base" / "kpis.yaml", "Sales growth", "Sales growth (net)")
    after = load_kb(kb_copy)
    assert len(builds) == 2 and len(_entries(cache_dir)) == 2
    assert before.hash != after.hash
    assert after.kpis["sales_growth"].name.en == "Sales growth (net)"
    assert after == load_kb(kb_copy, cache=False)


def test_a_kb_with_errors_is_never_cached(kb_copy: Path, cache_dir: Path) -> None:
    edit(kb_copy / "knowledge_base" / "interventions.yaml",
         "addresses: [goal_misfit, motivation, skill_shortfall]", "addresses: [no_such]")
    for _ in range(2):
        with pytest.raises(KnowledgeBaseError):
            load_kb(kb_copy)
    assert _entries(cache_dir) == []


@pytest.mark.parametrize("change", ["perfdx", "python", "source"])
def test_another_version_is_another_entry(change: str, cache_dir: Path, builds: list[Path],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    load_kb()
    if change == "perfdx":
        monkeypatch.setattr(cache, "__version__", "99.0")
    elif change == "python":
        monkeypatch.setattr(cache.sys, "version", "3.99.0 (another build)")
    else:
        monkeypatch.setattr(cache, "_source_hash", "0" * 64)
    load_kb()
    assert len(builds) == 2 and len(_entries(cache_dir)) == 2


def _damage(entry: Path, how: str) -> None:
    data = entry.read_bytes()
    header, body = data.split(b"\n", 1)
    if how == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif how == "flipped byte":
        i = len(header) + 1 + len(body) // 2
        entry.write_bytes(data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:])
    elif how == "empty":
        entry.write_bytes(b"")
    elif how == "not json":
        entry.write_bytes(b"\x80\x81 garbage\n{")
    else:  # a well-formed entry (its checksum matches) naming a class the codec does not know
        meta = json.loads(header)
        forged = body.replace(b'"c":"models.Kpi"', b'"c":"os.system"', 1)
        assert forged != body
        meta["sha256"] = __import__("hashlib").sha256(forged).hexdigest()
        entry.write_bytes(json.dumps(meta).encode() + b"\n" + forged)


@pytest.mark.parametrize("how", ["truncated", "flipped byte", "empty", "not json",
                                 "unknown class"])
def test_a_damaged_entry_is_rebuilt_never_believed(how: str, cache_dir: Path,
                                                   builds: list[Path]) -> None:
    fresh = load_kb(cache=False)
    load_kb()
    (entry,) = _entries(cache_dir)
    _damage(entry, how)
    again = load_kb()
    assert again == fresh
    assert len(builds) == 3  # fresh, first fill, and the rebuild after the damage
    assert load_kb() == fresh and len(builds) == 3  # the rebuilt entry is used again


def test_an_entry_others_may_write_is_not_used(cache_dir: Path, builds: list[Path]) -> None:
    load_kb()
    (entry,) = _entries(cache_dir)
    entry.chmod(0o666)
    load_kb()
    assert len(builds) == 2
    cache_dir.chmod(0o777)
    load_kb()
    assert len(builds) == 3


def test_perfdx_no_cache_reads_and_writes_nothing(cache_dir: Path, builds: list[Path],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFDX_NO_CACHE", "1")
    load_kb()
    load_kb()
    assert len(builds) == 2 and not cache_dir.exists()


def test_the_codec_refuses_what_it_does_not_know() -> None:
    with pytest.raises(codec.Uncacheable):
        codec.dumps({"x": object()})
    with pytest.raises(KeyError):
        codec.loads('{"$": "dc", "c": "os.system", "f": []}')
    with pytest.raises(KeyError):
        codec.loads('{"$": "import", "v": "os"}')


def test_diagnose_is_byte_identical_with_a_warm_cache(run, cache_dir: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    case = str(EXAMPLES / "sales_rep_new_crm.yaml")
    outputs = []
    for no_cache in ("1", "", ""):  # uncached, filling the cache, from the cache
        monkeypatch.setenv("PERFDX_NO_CACHE", no_cache)
        result = run("diagnose", case, "--no-record", "--format", "json", "--explain")
        assert result.exit_code == 0
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(_entries(cache_dir)) == 1


def test_the_default_kb_is_cacheable() -> None:
    kb = load_kb(default_kb_dir(), cache=False)
    assert cache.decoded_fields(kb) == {f.name: getattr(kb, f.name) for f in fields(kb)
                                        if f.name not in ("root", "hash", "files")}


def test_the_no_cache_option_reads_and_writes_nothing(run, cache_dir: Path, builds: list[Path],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFDX_NO_CACHE", "")  # set by the option below; restored after
    case = str(EXAMPLES / "sales_rep_new_crm.yaml")
    result = run("--no-cache", "diagnose", case, "--no-record", "--format", "json")
    assert result.exit_code == 0
    assert len(builds) == 1 and not cache_dir.exists()
    assert "--no-cache" in run("--help").stdout
