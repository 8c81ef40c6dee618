"""What a build that asks for it (`mkdocs serve`) made per key, kept for the next such build in
the process, with what each was made from (generator/model/build.py, generator/check/validate.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

Given = TypeVar("Given")
Made = TypeVar("Made")


class KeptPerKey(Generic[Given, Made]):
    """What the last call made for each key: made again for a key whose inputs are not the same
    (`same`), and for every key when the context they were made in changed."""

    def __init__(self) -> None:
        self._context: object = None
        self._kept: dict[str, tuple[Given, Made]] = {}

    def made(
        self,
        inputs: Mapping[str, Given],
        context: object,
        same: Callable[[Given, Given], bool],
        make: Callable[[str, Given], Made],
    ) -> dict[str, Made]:
        """`make(key, given)` for every key of `inputs`, in its order, or what was kept for it."""
        kept = self._kept if context == self._context else {}
        built: dict[str, tuple[Given, Made]] = {}
        for key, given in inputs.items():
            previous = kept.get(key)
            built[key] = previous if previous is not None and same(previous[0], given) else (given, make(key, given))
        self._context, self._kept = context, built
        return {key: made for key, (_, made) in built.items()}
