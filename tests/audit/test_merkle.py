"""The Merkle tree against the RFC 6962 / RFC 9162 test vectors (see data/rfc6962_vectors.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.audit import merkle

V = yaml.safe_load((Path(__file__).parent / "data" / "rfc6962_vectors.yaml").read_text("utf-8"))
LEAVES = [merkle.leaf_hash(bytes.fromhex(x)) for x in V["leaves"]]
ROOTS = [bytes.fromhex(r) for r in V["roots"]]


def _hashes(items: list[str]) -> list[bytes]:
    return [bytes.fromhex(x) for x in items]


def test_the_empty_tree() -> None:
    assert merkle.root([]) == bytes.fromhex(V["empty_root"]) == merkle.Frontier().root()


@pytest.mark.parametrize("n", range(1, 9))
def test_roots_of_every_size(n: int) -> None:
    assert merkle.root(LEAVES[:n]) == ROOTS[n - 1]


@pytest.mark.parametrize("case", V["inclusion"], ids=lambda c: f"{c['index']}-of-{c['size']}")
def test_inclusion_proofs(case: dict) -> None:
    index, size, proof = case["index"], case["size"], _hashes(case["proof"])
    assert merkle.inclusion_proof(index, LEAVES[:size]) == proof
    assert merkle.verify_inclusion(index, size, LEAVES[index], proof, ROOTS[size - 1])


@pytest.mark.parametrize("case", [c for c in V["inclusion"] if c["proof"]],
                         ids=lambda c: f"{c['index']}-of-{c['size']}")
def test_corrupted_inclusion_proofs_fail(case: dict) -> None:
    index, size, proof = case["index"], case["size"], _hashes(case["proof"])
    good = ROOTS[size - 1]
    leaf = LEAVES[index]
    bad = [(index ^ 1, size, leaf, proof, good), (index, size * 2, leaf, proof, good),
           (index, size, merkle.leaf_hash(b"wrong"), proof, good),
           (index, size, leaf, proof + [good], good), (index, size, leaf, [good] + proof, good),
           (index, size, leaf, proof[:-1], good),
           (index, size, leaf, proof, bytes.fromhex(V["empty_root"]))]
    for i in range(len(proof)):
        flipped = list(proof)
        flipped[i] = bytes([flipped[i][0] ^ 8]) + flipped[i][1:]
        bad.append((index, size, leaf, flipped, good))
    for args in bad:
        assert not merkle.verify_inclusion(*args), args


@pytest.mark.parametrize("case", V["consistency"], ids=lambda c: f"{c['size1']}-to-{c['size2']}")
def test_consistency_proofs(case: dict) -> None:
    m, n, proof = case["size1"], case["size2"], _hashes(case["proof"])
    assert merkle.consistency_proof(m, LEAVES[:n]) == proof
    assert merkle.verify_consistency(m, n, ROOTS[m - 1], ROOTS[n - 1], proof)


@pytest.mark.parametrize("case", [c for c in V["consistency"] if c["proof"]],
                         ids=lambda c: f"{c['size1']}-to-{c['size2']}")
def test_corrupted_consistency_proofs_fail(case: dict) -> None:
    m, n, proof = case["size1"], case["size2"], _hashes(case["proof"])
    r1, r2 = ROOTS[m - 1], ROOTS[n - 1]
    bad = [(m - 1, n, r1, r2, proof), (m + 1, n, r1, r2, proof), (m, n * 2, r1, r2, proof),
           (m, n, r2, r1, proof), (m, n, r1, r2, []), (m, n, r1, r2, proof + [r1]),
           (m, n, r1, r2, [r2] + proof), (m, n, r1, r2, proof[:-1])]
    for i in range(len(proof)):
        flipped = list(proof)
        flipped[i] = bytes([flipped[i][0] ^ 16]) + flipped[i][1:]
        bad.append((m, n, r1, r2, flipped))
    for args in bad:
        assert not merkle.verify_consistency(*args), args


def test_every_proof_of_a_larger_tree_checks() -> None:
    leaves = [merkle.leaf_hash(str(i).encode()) for i in range(37)]
    for n in range(1, 38):
        r = merkle.root(leaves[:n])
        for i in range(n):
            assert merkle.verify_inclusion(i, n, leaves[i], merkle.inclusion_proof(i, leaves[:n]), r)
        for m in range(0, n + 1):
            assert merkle.verify_consistency(m, n, merkle.root(leaves[:m]), r,
                                             merkle.consistency_proof(m, leaves[:n]))
