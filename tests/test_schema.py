"""The compiled schema check must accept exactly what jsonschema accepts (it only skips jsonschema for valid files)."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest

from generator.check.schema import _validator, fast_accepts
from generator.core.diagnostics import Diagnostics
from generator.load.yamlsafe import load_yaml
from tests.conftest import EVIDENCE_BASE

LITERATURE = EVIDENCE_BASE

# Values that break some rule somewhere: wrong types, empty, duplicates, unknown codes, odd keys.
REPLACEMENTS: list[Any] = [
    *(None, True, False, 0, 1, 2.5, 3.0, -1, "", " ", "x", "ø", "x\n", "2026-01-01\n", "https://doi.org/x\n"),
    *([], [1], ["a", "a"], {}, {"x": 1}),
]


def _data(text: str) -> Any:
    document = load_yaml(text, "x.yaml", Diagnostics())  # as the generator reads it: dates stay text
    assert document is not None
    return document.data


def _documents() -> list[tuple[str, Any]]:
    named = {"vocabulary": "vocabulary.yaml", "summary": "summary.yaml", "glossary": "glossary.yaml"}
    documents = [(schema, _data((LITERATURE / name).read_text("utf-8"))) for schema, name in named.items()]
    documents += [("source", _data(path.read_text("utf-8"))) for path in sorted(LITERATURE.glob("sources/*"))]
    for path in sorted(LITERATURE.glob("themes/*.md")):
        front_matter = path.read_text("utf-8").split("---\n")[1]
        documents.append(("theme", _data(front_matter)))
    documents.append(("checks", {"skru_av": ["bib-missing-field"]}))
    return documents


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a document: mapping keys and list positions, at every depth."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


def _mutated(document: Any, rng: random.Random) -> Any:
    changed = copy.deepcopy(document)
    path = rng.choice(_places(changed)[1:] or [()])
    if not path:
        return rng.choice(REPLACEMENTS)
    parent = changed
    for part in path[:-1]:
        parent = parent[part]
    action = rng.randrange(4)
    if action == 0:
        del parent[path[-1]]
    elif action == 1 and isinstance(parent, dict):
        parent[rng.choice(["ukjent", "", 1, "tittel "])] = rng.choice(REPLACEMENTS)
    elif action == 2 and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[path[-1]]))  # a duplicate item
    else:
        parent[path[-1]] = copy.deepcopy(rng.choice(REPLACEMENTS))
    return changed


def test_the_shipped_documents_are_valid_for_both() -> None:
    for schema, document in _documents():
        assert _validator(schema).is_valid(document), schema
        assert fast_accepts(schema, document), schema


@pytest.mark.parametrize("seed", range(4))
def test_the_compiled_check_agrees_with_jsonschema_on_mutated_documents(seed: int) -> None:
    rng = random.Random(seed)
    documents = _documents()
    rejected = 0
    for _ in range(1500):
        schema, document = rng.choice(documents)
        mutated = _mutated(document, rng)
        expected = _validator(schema).is_valid(mutated)
        assert fast_accepts(schema, mutated) == expected, (schema, mutated)
        rejected += not expected
    assert rejected > 300  # the mutations really do break the rules, so the agreement means something
