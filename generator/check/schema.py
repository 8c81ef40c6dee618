"""Check stage helper: JSON Schema checks of YAML documents, reported in Norwegian with positions.

The schemas in `generator/schemas/` are the same files editors use (each source file
points to `source.schema.json`), so the editor and the check agree.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Collection, Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import fastjsonschema
from fastjsonschema.draft04 import DOLLAR_FINDER  # how the compiled check reads `$`; jsonschema must agree

from generator.core.countries import codes_in
from generator.core.dates import date_readings, norwegian_date
from generator.core.diagnostics import Diagnostics
from generator.load.yamlsafe import YamlDocument

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError
    from jsonschema.protocols import Validator

_TYPE_NAMES = {
    "string": "en tekst",
    "array": "en liste",
    "object": "en tabell med felt",
    "integer": "et heltall",
    "number": "et tall",
    "boolean": "sann/usann",
    "null": "tom",
}


def _type_of(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema shipped in `generator/schemas/`, e.g. `source`."""
    text = resources.files("generator").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(name: str) -> Draft202012Validator:
    """jsonschema, told to read the schema as the editors and the compiled check do."""
    # Imported only for a file that fails the compiled check: importing jsonschema takes 0.1 s.
    from jsonschema import Draft202012Validator, ValidationError, validators  # noqa: PLC0415

    def is_integer(_: object, value: object) -> bool:
        # JSON Schema counts 3.0 as an integer; the code that uses the value (an index, a count) does not.
        return isinstance(value, int) and not isinstance(value, bool)

    def pattern(validator: Validator, expected: str, instance: object, schema: object) -> Iterator[ValidationError]:
        # `$` in the schema means the end of the text, as in the editors' JavaScript and in
        # fastjsonschema; Python's `$` also matches before a final newline ("2020-01-01\n").
        if isinstance(instance, str) and not re.search(DOLLAR_FINDER.sub(r"\\Z", expected), instance):
            yield ValidationError(f"{instance!r} does not match {expected!r}")

    strict: type[Draft202012Validator] = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator,
        validators={"pattern": pattern},
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", is_integer),
    )
    return strict(load_schema(name))


@cache
def _fast_check(name: str) -> Callable[[object], object]:
    """The schema compiled to Python: raises on the first problem, about 15 times faster than jsonschema."""
    check: Callable[[object], object] = fastjsonschema.compile(load_schema(name), use_default=False)
    return check


def _has_float(value: object) -> bool:
    if isinstance(value, dict):
        return any(_has_float(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_float(item) for item in value)
    return isinstance(value, float)


def fast_accepts(name: str, data: object) -> bool:
    """True when the compiled check finds `data` valid, which jsonschema then would too."""
    if _has_float(data):
        return False  # the compiled check takes 3.0 for an integer, so let jsonschema judge
    try:
        _fast_check(name)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def did_you_mean(value: str, candidates: list[str]) -> str:
    """`; mente du 'x'?` when a close candidate exists, else a full stop, to end the sentence either way."""
    matches = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return f"; mente du '{matches[0]}'?" if matches else "."


# Different unknown names in one text or list that get a "mente du …?": each costs a comparison
# with every candidate (28 ms against 1,000 source keys), so 10,000 unknown keys took minutes.
MAX_SUGGESTIONS = 20


class Suggestions:
    """`did_you_mean` for many names against the same candidates: each name once, sorted once,
    and for at most `MAX_SUGGESTIONS` different names (then a full stop, as for no match)."""

    def __init__(self, candidates: Collection[str]) -> None:
        self._candidates = candidates
        self._sorted: list[str] | None = None
        self._made: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self._made:
            if len(self._made) >= MAX_SUGGESTIONS:
                return "."
            if self._sorted is None:
                self._sorted = sorted(self._candidates)
            self._made[name] = did_you_mean(name, self._sorted)
        return self._made[name]


def _field_name(path: tuple[str | int, ...]) -> str:
    name = ""
    for part in path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def check_schema(document: YamlDocument, path: str, schema_name: str, diagnostics: Diagnostics) -> bool:
    """Report every schema violation in `document`; True when there were none."""
    # Nearly every file is valid: the compiled check passes those quickly, and jsonschema,
    # which finds every problem with its place in the schema, explains the rest.
    if fast_accepts(schema_name, document.data):
        return True
    valid = True
    for error in _validator(schema_name).iter_errors(document.data):
        valid = False
        _report(error, document, path, diagnostics)
    return valid


def _report(error: ValidationError, document: YamlDocument, path: str, diagnostics: Diagnostics) -> None:
    at = tuple(error.absolute_path)
    line, column = document.position(at)
    field = _field_name(at)
    subject = f"feltet {field}" if field else "filen"
    instance = error.instance
    expected: Any = error.validator_value
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    description = schema.get("description", "")
    if error.validator == "required" and isinstance(instance, dict):
        for name in expected:
            if name not in instance:
                explanation = schema.get("properties", {}).get(name, {}).get("description", "")
                diagnostics.add(
                    path,
                    line,
                    column,
                    "missing-field",
                    f"feltet '{name}' mangler{f' i {field}' if field else ''}; legg det til"
                    + (f" ({explanation})" if explanation else ""),
                )
    elif error.validator == "additionalProperties" and isinstance(instance, dict):
        known = list(schema.get("properties", {}))
        for name in instance:
            if name not in known:
                key_line, key_column = document.key_position((*at, name))
                allowed = ", ".join(known)
                diagnostics.add(
                    path,
                    key_line,
                    key_column,
                    "unknown-field",
                    f"ukjent felt '{name}'{did_you_mean(name, known)} Tillatte felt her: {allowed}",
                )
    elif error.validator == "type":
        kinds: list[str] = expected if isinstance(expected, list) else [expected]
        wanted = " eller ".join(_TYPE_NAMES.get(kind, kind) for kind in kinds)
        found = _type_of(instance)
        hint = " (sett verdien i anførselstegn hvis den skal leses som tekst)" if "string" in kinds else ""
        if "array" in kinds and found == "string":
            # A country list is written in codes: `land: Norway, Sweden` is fixed in one round as [NO, SE].
            items = ", ".join(codes_in(instance)) if at == _COUNTRIES and isinstance(instance, str) else instance
            hint = f" (skriv den som en liste: [{items}])"
        diagnostics.add(
            path,
            line,
            column,
            "wrong-type",
            f"{subject} skal være {wanted}, men er {_TYPE_NAMES[found]}{hint}",
        )
    elif error.validator in ("minItems", "minLength", "minProperties"):
        diagnostics.add(
            path,
            line,
            column,
            "empty-field",
            f"{subject} kan ikke være tomt" + (f" ({description})" if description else ""),
        )
    elif error.validator == "uniqueItems" and isinstance(instance, list):
        _report_repeats(instance, at, subject, document, path, diagnostics)
    elif error.validator == "enum":
        choices = [str(choice) for choice in expected]
        diagnostics.add(
            path,
            line,
            column,
            "invalid-value",
            f"'{instance}' er ikke en gyldig verdi for {subject}{did_you_mean(str(instance), choices)} "
            f"Gyldige verdier: {', '.join(choices)}",
        )
    elif error.validator == "pattern":
        diagnostics.add(
            path,
            line,
            column,
            "invalid-value",
            f"{subject} har feil format: '{instance}'"
            + (f" ({description})" if description else "")
            + (_iso_date_hint(instance) if expected == DATE_PATTERN and isinstance(instance, str) else ""),
        )
    elif error.validator in _LIMITS:
        diagnostics.add(path, line, column, "invalid-value", f"{subject} {_LIMITS[error.validator].format(expected)}")
    else:  # jsonschema's own message is English and quotes the whole value
        diagnostics.add(path, line, column, "invalid-value", f"{subject} er ugyldig ({error.validator})")


DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # the schemas' dates
_COUNTRIES = ("kontekst", "land")  # a source's countries, written as ISO codes


def _report_repeats(
    items: list[Any],
    at: tuple[str | int, ...],
    subject: str,
    document: YamlDocument,
    path: str,
    diagnostics: Diagnostics,
) -> None:
    """Each item of a list that repeats an earlier one, at the repeat, with its value and where it stood first."""
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        key = json.dumps(item, sort_keys=True, default=str)  # hashable, and true is not 1
        if key not in first:
            first[key] = index
            continue
        line, column = document.position((*at, index))
        earlier_line, earlier_column = document.position((*at, first[key]))
        value = f"'{str(item)[:60]}'" if isinstance(item, (str, int, float)) else "samme verdi"
        diagnostics.add(
            path,
            line,
            column,
            "duplicate-value",
            f"{value} står allerede i {subject}, på linje {earlier_line}, kolonne {earlier_column}; fjern duplikatet",
        )
    if len(first) == len(items):  # equal only by JSON's rules (1 and 1.0): the list itself
        line, column = document.position(at)
        diagnostics.add(
            path, line, column, "duplicate-value", f"{subject} har samme verdi flere ganger; fjern duplikatet"
        )


def _iso_date_hint(value: str) -> str:
    """`; mente du 2026-12-04 (4. desember 2026)?` for a date in another form; the day named, and both
    readings of 4/12/2026, since a slash is written day first in Norway and month first in the US."""
    readings = [f"{date.isoformat()} ({norwegian_date(date.isoformat())})" for date in date_readings(value)]
    return f"; mente du {' eller '.join(readings)}?" if readings else ""


# The limits the schemas set, in Norwegian, with what to do.
_LIMITS = {
    "minimum": "må være minst {}",
    "maximum": "kan være høyst {}",
    "maxItems": "kan ha høyst {} punkter; fjern noen",
    "maxLength": "kan ha høyst {} tegn; skriv kortere",
    "maxProperties": "kan ha høyst {} felt; fjern noen",
}
