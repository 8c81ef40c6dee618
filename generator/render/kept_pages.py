"""Pages kept between builds in one process (`mkdocs serve`), with what each page read of the sources.

After a saved edit, a page is rendered again only when what it was given (its job's values), a
field it read of a source, or anything on the model beyond the sources changed, or when sources
were added, removed or reordered. A saved summary thus renders its own page and the pages that
show it, not the lists, which show other fields. What a page read is noted as it is rendered,
through the model's `by_key` and `sources` (`recording`), not declared by hand, so a template
that starts to show another field is followed too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import cast

from generator.model.build import Model, Source

_SOURCE_FIELDS = tuple(field.name for field in fields(Source))

FieldRead = tuple[str, str]  # (source key, field name)


class _SourceRead:
    """A source that notes, in `read`, each field a page reads of it."""

    __slots__ = ("_read", "_source")

    def __init__(self, source: Source, read: set[FieldRead]) -> None:
        self._source = source
        self._read = read

    def __getattr__(self, name: str) -> object:
        self._read.add((self._source.key, name))
        return getattr(self._source, name)


def recording(model: Model) -> tuple[Model, set[FieldRead]]:
    """The model with sources that note the fields read, and the set they note them in."""
    read: set[FieldRead] = set()
    # Each stands in for its source: pages read sources only by their fields.
    standing_in = {key: cast(Source, _SourceRead(source, read)) for key, source in model.by_key.items()}
    return replace(model, by_key=standing_in, sources=tuple(standing_in[s.key] for s in model.sources)), read


@dataclass(frozen=True)
class KeptPage:
    text: str
    values: Mapping[str, object]  # what the page's job gave its template
    read: frozenset[FieldRead]


class KeptPages:
    """The pages of the last build, and the model they were rendered from."""

    def __init__(self) -> None:
        self._rest: tuple[object, ...] | None = None
        self._sources: dict[str, Source] = {}
        self._pages: dict[str, KeptPage] = {}

    @staticmethod
    def _beyond_sources(model: Model, shared: tuple[object, ...]) -> tuple[object, ...]:
        # Everything a page can show apart from the sources' fields: the rest of the model, which
        # sources there are and in what order (citations list works in reference order), and
        # what every page is given.
        return (
            model.info,
            model.vocabulary,
            model.themes,
            model.glossary,
            model.abbreviations,
            tuple(model.by_key),
            shared,
        )

    def still_true(
        self, model: Model, shared: tuple[object, ...], given: Mapping[str, Mapping[str, object]]
    ) -> dict[str, KeptPage]:
        """The kept pages that `model` would render the same, by path. `shared`: what every page is
        given; `given`: what each page's template is given now, by path."""
        if self._beyond_sources(model, shared) != self._rest:
            return {}
        changed = {
            (key, name)
            for key, source in model.by_key.items()
            if self._sources[key] != source
            for name in _SOURCE_FIELDS
            if getattr(self._sources[key], name) != getattr(source, name)
        }
        return {
            path: page
            for path, page in self._pages.items()
            if path in given and page.values == given[path] and not page.read & changed
        }

    def keep(self, model: Model, shared: tuple[object, ...], pages: Mapping[str, KeptPage]) -> None:
        self._rest = self._beyond_sources(model, shared)
        self._sources = dict(model.by_key)
        self._pages = dict(pages)


# Kept for the life of the process, as generator/load/evidence.py keeps the parses; only builds that ask use it.
kept_between_builds = KeptPages()
