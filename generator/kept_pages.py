"""Source pages kept between builds in one process (`mkdocs serve`), with the sources each page read.

After a saved edit, a source page is rendered again only when its own source, a source it looked
up (a citation, a related source) or anything on the model beyond the sources changed, or when
sources were added, removed or reordered. Every other page is rendered on every build: they list
many sources. What a page read is noted as it is rendered, by the model's `by_key` and `sources`
(`recording`), not declared by hand, so a template that starts to look up another source is followed too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from generator.model import Model, Source

if TYPE_CHECKING:
    from _collections_abc import dict_items, dict_keys, dict_values


class KeysRead(dict[str, Source]):
    """`Model.by_key` noting the keys looked up since `start()`; listing it counts as reading every key."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        super().__init__(sources)
        self.read: set[str] = set()

    def start(self) -> None:
        self.read = set()

    def __getitem__(self, key: str) -> Source:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Source | None = None) -> Source | None:  # type: ignore[override]
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.read.add(key)
        return super().__contains__(key)

    def read_all(self) -> None:
        self.read.update(super().keys())

    def __iter__(self) -> Iterator[str]:
        self.read_all()
        return super().__iter__()

    def keys(self) -> dict_keys[str, Source]:
        self.read_all()
        return super().keys()

    def values(self) -> dict_values[str, Source]:
        self.read_all()
        return super().values()

    def items(self) -> dict_items[str, Source]:
        self.read_all()
        return super().items()


class _SourcesRead(tuple[Source, ...]):
    """`Model.sources` noting, in `keys_read`, that going through it reads every source."""

    keys_read: KeysRead

    def __iter__(self) -> Iterator[Source]:
        self.keys_read.read_all()
        return super().__iter__()

    def __getitem__(self, index: Any) -> Any:
        self.keys_read.read_all()
        return super().__getitem__(index)


def recording(model: Model) -> tuple[Model, KeysRead]:
    """The model with a `by_key` and `sources` that note what each page reads."""
    keys_read = KeysRead(model.by_key)
    sources = _SourcesRead(model.sources)
    sources.keys_read = keys_read
    return replace(model, by_key=keys_read, sources=sources), keys_read


@dataclass(frozen=True)
class KeptPage:
    text: str
    read: frozenset[str]  # the keys of the sources the page was rendered from, its own among them


class KeptPages:
    """The source pages of the last build, and the model they were rendered from."""

    def __init__(self) -> None:
        self._rest: tuple[object, ...] | None = None
        self._sources: dict[str, Source] = {}
        self._pages: dict[str, KeptPage] = {}

    @staticmethod
    def _beyond_sources(model: Model, shared: tuple[object, ...]) -> tuple[object, ...]:
        # Everything a page can show apart from the sources themselves: the rest of the model, the
        # sources' order (citations list works in reference order) and what every page is given.
        return (
            model.info,
            model.vocabulary,
            model.themes,
            model.glossary,
            model.abbreviations,
            tuple(model.by_key),
            shared,
        )

    def still_true(self, model: Model, shared: tuple[object, ...]) -> dict[str, KeptPage]:
        """The kept pages that `model` would render the same, by path; `shared`: what every page is given."""
        if self._beyond_sources(model, shared) != self._rest:
            return {}
        changed = {key for key, source in model.by_key.items() if self._sources.get(key) != source}
        return {path: page for path, page in self._pages.items() if not page.read & changed}

    def keep(self, model: Model, shared: tuple[object, ...], pages: Mapping[str, KeptPage]) -> None:
        self._rest = self._beyond_sources(model, shared)
        self._sources = dict(model.by_key)
        self._pages = dict(pages)


# Kept for the life of the process, as generator/load.py keeps the parses; only builds that ask use it.
kept_between_builds = KeptPages()
