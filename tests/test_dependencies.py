"""The locks in requirements/ match pyproject.toml, carry hashes, and are what the Makefile installs.

No network: the lock is read and compared with pyproject.toml's names and ranges, never resolved again
(`make lock` does that).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import material
import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO

REQUIREMENTS = REPO / "requirements"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
PROJECT = canonicalize_name(PYPROJECT["project"]["name"])


@dataclass(frozen=True)
class Pin:
    """One `name==version` block of a lock: its marker, hashes and the `# via` annotations."""

    name: str
    version: str
    marker: Marker | None
    hashes: tuple[str, ...]
    via: tuple[str, ...]


def read_lock(path: Path) -> list[Pin]:
    """The pins of a lock written by `uv pip compile --generate-hashes` (one block per name and marker)."""
    pins: list[Pin] = []
    block: list[str] = []
    for line in [*path.read_text("utf-8").splitlines(), ""]:
        if block and (not line.startswith(" ") or not line):
            head = block[0].removesuffix("\\").strip()
            requirement, _, marker = head.partition(" ; ")
            name, version = requirement.split("==")
            pins.append(
                Pin(
                    name=canonicalize_name(name),
                    version=version,
                    marker=Marker(marker) if marker else None,
                    hashes=tuple(re.findall(r"--hash=sha256:([0-9a-f]{64})", "\n".join(block))),
                    via=tuple(
                        text.removeprefix("via").strip()
                        for text in (part.strip().removeprefix("#").strip() for part in block[1:])
                        if text and not text.startswith("--hash") and text != "via"
                    ),
                )
            )
            block = []
        if line and not line.startswith("#") and not line.startswith(" "):
            block = [line]
        elif block:
            block.append(line)
    return pins


LOCK = read_lock(REQUIREMENTS / "lock.txt")
DIRECT = [
    Requirement(text)
    for text in [*PYPROJECT["project"]["dependencies"], *PYPROJECT["project"]["optional-dependencies"]["test"]]
]
LOCK_IN = [
    Requirement(line)
    for line in (REQUIREMENTS / "lock.in").read_text("utf-8").splitlines()
    if line and not line.startswith("#")
]

# This machine (3.11.7) and GitHub's setup-python 3.11 (the newest 3.11.x) are both >= 3.11.5;
# Debian 12's python3 is 3.11.2, below pymdown-extensions 13's Requires-Python (see README).
LINUX_X86_64 = {
    "sys_platform": "linux",
    "platform_system": "Linux",
    "platform_machine": "x86_64",
    "platform_python_implementation": "CPython",
    "implementation_name": "cpython",
    "os_name": "posix",
    "python_version": "3.11",
}


def pins_for(lock: list[Pin], python: str) -> dict[str, Pin]:
    """What pip installs from the lock on Linux x86_64 with CPython `python`: exactly one pin per name."""
    environment = {**LINUX_X86_64, "python_full_version": python, "implementation_version": python}
    chosen: dict[str, Pin] = {}
    for pin in lock:
        if pin.marker is None or pin.marker.evaluate(environment):
            assert pin.name not in chosen, f"{pin.name} is pinned twice for Python {python}"
            chosen[pin.name] = pin
    return chosen


@pytest.mark.parametrize("python", ["3.11.2", "3.11.7", "3.11.14"])
def test_every_direct_requirement_is_pinned_within_its_range_with_hashes(python: str) -> None:
    pins = pins_for(LOCK, python)
    for requirement in [*DIRECT, *LOCK_IN]:
        pin = pins.get(canonicalize_name(requirement.name))
        assert pin is not None, f"{requirement} is not in requirements/lock.txt: run make lock"
        assert requirement.specifier.contains(pin.version, prereleases=True), (
            f"{pin.name}=={pin.version} is outside pyproject.toml's '{requirement}': run make lock"
        )
        assert pin.hashes, f"{pin.name} has no --hash=sha256:"


def test_every_pin_in_every_lock_has_a_hash() -> None:
    for path in sorted(REQUIREMENTS.glob("*.txt")):
        pins = read_lock(path)
        assert pins, path
        assert [pin.name for pin in pins if not pin.hashes] == [], path


def test_the_lock_holds_what_pyproject_asks_for_and_nothing_it_no_longer_asks_for() -> None:
    """A requirement removed from pyproject.toml (or lock.in) leaves its pin marked as asked for: stale."""
    asked_by_pyproject = {pin.name for pin in LOCK if f"{PROJECT} (pyproject.toml)" in pin.via}
    asked_for = {canonicalize_name(requirement.name) for requirement in DIRECT}
    assert sorted(asked_by_pyproject - asked_for) == [], "no longer in pyproject.toml but still locked: run make lock"
    assert sorted(asked_for - asked_by_pyproject) == [], "in pyproject.toml but not locked: run make lock"
    asked_by_lock_in = {pin.name for pin in LOCK if "-r requirements/lock.in" in pin.via}
    assert asked_by_lock_in == {"pip", "setuptools"}
    assert PROJECT not in {pin.name for pin in LOCK}  # installed from the tree with --no-deps, not from an index


def test_the_build_backend_in_the_lock_is_the_one_pyproject_names() -> None:
    """The project is installed with --no-build-isolation, so [build-system] requires must come from the lock."""
    assert PYPROJECT["build-system"]["requires"] == ["setuptools>=77"]
    assert [str(requirement) for requirement in LOCK_IN] == ["setuptools>=77", "pip"]


def test_the_lock_is_written_by_make_lock() -> None:
    """Forks by Python version (pymdown-extensions 13 needs 3.11.5) are the lock's to make: which pins each
    Python gets is checked above, so a routine `make lock UPGRADE=1` needs no change here."""
    header = (REQUIREMENTS / "lock.txt").read_text("utf-8").splitlines()[:2]
    assert header == ["# This file was autogenerated by uv via the following command:", "#    make lock"]


def test_cffconvert_and_uv_are_locked_from_their_own_inputs() -> None:
    cffconvert = {pin.name: pin for pin in read_lock(REQUIREMENTS / "cffconvert.txt")}
    assert cffconvert["cffconvert"].version == "2.0.0"
    assert cffconvert["cffconvert"].via == ("-r requirements/cffconvert.in",)
    assert cffconvert["jsonschema"].version.startswith("3.")  # why it has a venv of its own
    uv = read_lock(REQUIREMENTS / "uv.txt")
    assert [(pin.name, pin.via) for pin in uv] == [("uv", ("-r requirements/uv.in",))]


def makefile_recipes(makefile: str) -> dict[str, list[str]]:
    """Recipe lines per target, `$(VAR)` unexpanded; the NEWEST=1 branch under the key 'NEWEST'."""
    recipes: dict[str, list[str]] = {}
    target = ""
    newest = False
    for line in makefile.splitlines():
        if line.startswith("ifdef NEWEST"):
            newest = True
        elif line.startswith(("else", "endif")):
            newest = False
        elif line.startswith("\t") and target:
            recipes.setdefault("NEWEST" if newest else target, []).append(line.strip())
        elif match := re.match(r"^([^\s:=#]+):(?!=)", line):
            target = match.group(1)
        elif not line.startswith("\t"):
            target = ""
    return recipes


def test_makefile_installs_only_from_the_locks_with_hashes() -> None:
    recipes = makefile_recipes((REPO / "Makefile").read_text("utf-8"))
    installs = {
        target: [line for line in lines if "pip install" in line]
        for target, lines in recipes.items()
        if any("pip install" in line for line in lines)
    }
    assert installs == {
        "$(STAMP)": [
            "$(BIN)/python -m pip install --quiet --require-hashes --only-binary :all: -r $(LOCK)",
            "$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --no-index -e .",
        ],
        "$(CFF_STAMP)": [
            ".venv-cff/bin/python -m pip install --quiet --require-hashes --only-binary :all: --no-binary docopt"
            " -r $(CFF_LOCK)"
        ],
        "$(UV)": [".venv-lock/bin/python -m pip install --quiet --require-hashes -r requirements/uv.txt"],
        "NEWEST": [
            "$(BIN)/python -m pip install --quiet --upgrade pip",
            "$(BIN)/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[test]'",
        ],
    }


def test_make_lock_writes_every_lock_from_its_inputs() -> None:
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert makefile_recipes(makefile)["lock"] == [
        "$(call compile,pyproject.toml requirements/lock.in --extra test,$(LOCK))",
        "$(call compile,requirements/cffconvert.in,$(CFF_LOCK))",
        "$(call compile,requirements/uv.in,requirements/uv.txt)",
    ]
    # An unchanged lock is not rewritten: its time stays, and make rebuilds no venv.
    assert (
        "\n$(UV_COMPILE) $(1) -o $(2).new\nif cmp -s $(2).new $(2); then rm $(2).new; else mv $(2).new $(2); fi\n"
        in makefile
    )
    assert sorted(path.name for path in REQUIREMENTS.glob("*.txt")) == ["cffconvert.txt", "lock.txt", "uv.txt"]


def test_the_venvs_are_rebuilt_when_their_lock_changes() -> None:
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert "\n$(STAMP): $(LOCK) pyproject.toml\n" in makefile
    assert "\n$(CFF_STAMP): $(CFF_LOCK)\n" in makefile
    assert "VENV := $(if $(NEWEST),.venv-newest,.venv)\n" in makefile
    assert "\nLOCK := requirements/lock.txt\nCFF_LOCK := requirements/cffconvert.txt\n" in makefile
    compile_command = re.search(r"^UV_COMPILE = (.*\\\n.*)$", makefile, re.MULTILINE)
    assert compile_command
    assert compile_command.group(1) == (
        "$(UV) pip compile --quiet --no-config --universal --python-version 3.11 --generate-hashes \\\n"
        "\t--custom-compile-command 'make lock' "
        "$(if $(filter 1,$(UPGRADE)),--upgrade,$(if $(UPGRADE),--upgrade-package $(UPGRADE)))"
    )


def test_readme_says_what_the_silenced_notice_says() -> None:
    """The README quotes Material's end-of-life notice word for word, from the installed Material."""
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("## Dependencies and their lifetime\n", 1)[1].split("\n## ", 1)[0]
    source = (Path(material.__file__).parent / "templates" / "__init__.py").read_text("utf-8")
    quoted = [
        "Material for MkDocs reaches end of life on May 5, 2027.",
        "Critical fixes and security updates continue until that date.",
        "Zensical is its maintained successor, built by the same team.",
    ]
    for sentence in quoted:
        assert sentence in source
        assert sentence in section
    for words in ("requirements/lock.txt", "make lock", "make test NEWEST=1", "NO_MKDOCS_2_WARNING=1"):
        assert words in section
    for words in ("bench/zensical.md", "1 March 2027", "Switch when"):
        assert words in section
