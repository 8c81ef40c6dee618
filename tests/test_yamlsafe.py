from generator.core.diagnostics import Diagnostics
from generator.load.yamlsafe import load_yaml


def load(text: str) -> tuple[object, list[str]]:
    diagnostics = Diagnostics()
    document = load_yaml(text, "x.yaml", diagnostics)
    return (document.data if document else None), [str(item) for item in diagnostics]


def test_yaml_1_1_traps_keep_their_meaning() -> None:
    data, problems = load("land: [NO, no, No]\nsvar: yes\npå: on\nav: off\ndato: 2019-05-01\nkode: 010\nnull_y: y\n")
    assert problems == []
    assert data == {
        "land": ["NO", "no", "No"],
        "svar": "yes",
        "på": "on",
        "av": "off",
        "dato": "2019-05-01",
        "kode": "010",
        "null_y": "y",
    }


def test_core_schema_values_are_still_typed() -> None:
    data, _ = load("a: true\nb: false\nc: 12\nd: -3\ne: 1.5\nf: ~\ng:\nh: '12'\ni: 1e3\n")
    assert data == {"a": True, "b": False, "c": 12, "d": -3, "e": 1.5, "f": None, "g": None, "h": "12", "i": "1e3"}


def test_positions_are_recorded_for_every_value() -> None:
    diagnostics = Diagnostics()
    document = load_yaml("a: 1\nb:\n  - x\n  - y\n", "x.yaml", diagnostics)
    assert document is not None
    assert document.position(("b", 1)) == (4, 5)
    assert document.position(("b",)) == (3, 3)
    assert document.key_position(("b",)) == (2, 1)
    assert document.position(("missing", 3)) == (1, 1)


def test_tab_indentation_is_explained() -> None:
    _, problems = load("a:\n\tb: 1\n")
    assert problems == [
        "x.yaml:2:1: error[yaml-syntax]: tabulator brukt til innrykk; YAML krever mellomrom (bytt tabulatoren med to mellomrom)"
    ]


def test_unclosed_bracket_names_the_line() -> None:
    _, problems = load("temaer: [tillit,\ndesign: x\n")
    assert len(problems) == 1
    assert problems[0].startswith("x.yaml:1:9:")
    assert "error[yaml-syntax]" in problems[0]


def test_duplicate_keys_are_errors() -> None:
    data, problems = load("a: 1\na: 2\n")
    assert data == {"a": 1}
    assert problems == [
        "x.yaml:2:1: error[yaml-duplicate-key]: nøkkelen 'a' står to ganger (første gang på linje 1); slå de to sammen eller fjern den ene"
    ]


def test_python_tags_are_refused_not_executed() -> None:
    data, problems = load("a: !!python/object/apply:os.system ['echo hei']\n")
    assert data == {"a": None}
    assert problems[0].startswith("x.yaml:1:4: error[yaml-tag]:")


def test_line_offset_shifts_positions_for_front_matter() -> None:
    diagnostics = Diagnostics()
    load_yaml("a: [\n", "t.md", diagnostics, line_offset=1)
    assert [item.line for item in diagnostics] == [3]


def test_a_number_too_long_to_mean_anything_is_a_located_error_not_a_crash() -> None:
    # Python refuses int() of over 4,300 digits (it was "Intern feil"), and a long float became inf.
    data, problems = load(f"identifisert: 1{'0' * 5000}\nandel: 1{'0' * 400}.5\nkort: 123456789012345\n")
    assert problems == [
        "x.yaml:1:15: error[invalid-value]: tallet har 5001 tegn; ingen tall her trenger mer enn 15 (skriv et "
        "mindre tall, eller sett verdien i anførselstegn hvis den er en tekst)",
        "x.yaml:2:8: error[invalid-value]: tallet har 403 tegn; ingen tall her trenger mer enn 15 (skriv et "
        "mindre tall, eller sett verdien i anførselstegn hvis den er en tekst)",
    ]
    assert data == {"identifisert": None, "andel": None, "kort": 123456789012345}
