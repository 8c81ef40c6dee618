"""Write stage: `{path: Markdown}` -> the generated folders under docs/, all or nothing.

The generator owns the folders in `GENERATED_FOLDERS`. A build writes the complete new
folders into a staging folder (`docs/.bygg-ny/`): a file whose content is unchanged is a
hard link to the old one, so it keeps its modification time and `mkdocs serve --dirty`
leaves it alone. Only when every file is staged are the folders swapped in, one rename
each. A failure while staging removes the staging folder and leaves docs/ as it was; a
build killed during the swap is finished by the next one (the staging folder is marked
complete before the swap starts). Files elsewhere in docs/ are never touched, and no path
outside the generated folders is ever written.

Every folder anything is written into is opened through `contained_folder`, one component at a
time and never through a link: the build's staging folders here, and the files `generator import`
and `generator new` add to literature/ (`write_file`).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.diagnostics import os_reason
from generator.core.layout import GENERATED_FOLDERS
from generator.core.parallel import map_in_two

LOCK = ".bygg.lock"
STAGING = ".bygg-ny"
RETIRED = ".bygg-gammel"
_COMPLETE = ".ferdig"
# Each part of a generated path: what identifiers, extensions and the fixed names are made of.
_PATH_PART = re.compile(r"[a-z0-9_][a-z0-9_.-]{0,99}")


class WriteError(Exception):
    """A file could not be written: `path` (under docs/, or under the project for `contained_folder`),
    why, in Norwegian, and the diagnostic code to report it with."""

    def __init__(self, path: str, reason: str, code: str = "write-failed") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.code = code

    def __reduce__(self) -> tuple[type[WriteError], tuple[str, str, str]]:  # raised in a forked worker, re-raised here
        return WriteError, (self.path, self.reason, self.code)


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


class Busy(Exception):
    """Another build holds the lock on this docs/ folder."""


@contextlib.contextmanager
def exclusive(docs: Path) -> Iterator[None]:
    """Hold the build lock on `docs` (one build at a time per tree); raises Busy at once if it is held.

    The operating system releases the lock when the process ends, however it ends."""
    try:
        docs.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(docs / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as error:
        raise WriteError(LOCK, f"kunne ikke lage låsefilen: {os_reason(error)}") from error
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise Busy from error
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


_LINK = (
    "er en symbolsk lenke eller en annen spesialfil, ikke en vanlig mappe; generatoren skriver aldri gjennom en "
    "lenke, så ingenting er skrevet (gjør den til en vanlig mappe og prøv igjen)"
)


@contextlib.contextmanager
def contained_folder(base: Path, relative: str) -> Iterator[int]:
    """An open descriptor for the folder `base/relative`, made where it is missing.

    Every component of `relative` is opened from the one before it without following a link
    (O_NOFOLLOW, O_DIRECTORY), so a linked `literature/` or `literature/sources/` can never lead a
    write outside `base`. Every write of the generator goes through here: the build's staging
    folders and the files `import` and `new` add. Raises WriteError, with the component's path."""
    descriptor = _open_inside(base, relative)
    try:
        yield descriptor
    finally:
        os.close(descriptor)


def _open_inside(base: Path, relative: str) -> int:
    try:
        descriptor = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise WriteError(".", f"kunne ikke åpne mappen: {os_reason(error)}") from error
    walked = ""
    try:
        for part in relative.split("/"):
            walked = f"{walked}/{part}" if walked else part
            with contextlib.suppress(FileExistsError):  # what is there already is checked just below
                os.mkdir(part, dir_fd=descriptor)
            inner = _open_folder(descriptor, part, walked)
            os.close(descriptor)
            descriptor = inner
    except OSError as error:
        os.close(descriptor)
        raise WriteError(walked, f"kunne ikke lage mappen: {os_reason(error)}") from error
    except WriteError:
        os.close(descriptor)
        raise
    return descriptor


def _open_folder(parent: int, name: str, shown: str) -> int:
    try:
        return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=parent)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR):
            raise WriteError(shown, _LINK, "not-regular-file") from error
        raise WriteError(shown, f"kunne ikke åpne mappen: {os_reason(error)}") from error


def write_file(folder: int, shown: str, name: str, text: str, *, replace: bool) -> None:
    """Write the file `name` in an open `contained_folder` in one step: the text goes to a hidden file
    beside it, which then takes the name; with `replace` False only if no file has it (never overwrites,
    even in a race). `shown` is the file's path for a message. Raises WriteError."""
    temporary = f".{name}.{os.getpid()}.ny"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644, dir_fd=folder)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        if replace:
            os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        else:
            os.link(temporary, name, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
    except FileExistsError as error:
        raise WriteError(shown, "finnes allerede; den blir ikke skrevet over") from error
    except OSError as error:
        raise WriteError(shown, f"kunne ikke skrive filen: {os_reason(error)}") from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary, dir_fd=folder)


def check_path(relative: str) -> None:
    """Refuse a page path that is not a plain path inside one of the generated folders."""
    parts = relative.split("/")
    if parts[0] not in GENERATED_FOLDERS or len(parts) < 2 or not all(_PATH_PART.fullmatch(part) for part in parts):
        raise WriteError(relative, "stien ligger ikke i en av de genererte mappene, eller har tegn som ikke er tillatt")


def _existing_files(docs: Path) -> set[str]:
    found: set[str] = set()
    for folder in GENERATED_FOLDERS:
        for directory, _, names in os.walk(docs / folder):
            # Files starting with "." are not pages: the build cache.
            found.update(
                Path(directory, name).relative_to(docs).as_posix() for name in names if not name.startswith(".")
            )
    return found


def _stage(docs: Path, staging: Path, existing: set[str], relative: str, content: str) -> bool:
    """Put one file into the staging folder; True when its content is new."""
    data = content.encode("utf-8")
    current, target = docs / relative, staging / relative
    try:
        if relative in existing and current.read_bytes() == data:
            try:
                os.link(current, target)
            except OSError:  # a file system without hard links: copy, keeping the time
                shutil.copy2(current, target)
            return False
        target.write_bytes(data)
    except OSError as error:
        raise WriteError(relative, f"kunne ikke skrive filen: {os_reason(error)}") from error
    return True


def recover(docs: Path) -> None:
    """Finish a swap a killed build left half done, or throw away its unfinished staging folder."""
    staging = docs / STAGING
    if (staging / _COMPLETE).exists():
        _swap(docs)
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(docs / RETIRED, ignore_errors=True)


def _swap(docs: Path) -> None:
    staging, retired = docs / STAGING, docs / RETIRED
    retired.mkdir(exist_ok=True)
    for folder in GENERATED_FOLDERS:
        new, old = staging / folder, docs / folder
        if old.exists() or old.is_symlink():
            old.rename(retired / folder)
        if new.exists():
            new.rename(old)
    shutil.rmtree(retired, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


def write_pages(docs: Path, pages: dict[str, str]) -> WriteReport:
    """Make the generated folders under `docs` hold exactly `pages`; raises WriteError, leaving docs/ as it was."""
    for relative in pages:
        check_path(relative)
    recover(docs)
    existing = _existing_files(docs)
    staging = docs / STAGING
    try:
        for folder in sorted({relative.rpartition("/")[0] for relative in pages}):
            with contained_folder(docs, f"{STAGING}/{folder}"):
                pass
    except WriteError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    items = sorted(pages.items())
    try:
        # Creating files is mostly the kernel's work, and two processes get through it about twice as fast.
        written = map_in_two(lambda item: _stage(docs, staging, existing, *item), items)
    except WriteError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    (staging / _COMPLETE).touch()
    _swap(docs)
    report = WriteReport(removed=sorted(existing - pages.keys()))
    for (relative, _), was_written in zip(items, written, strict=True):
        if was_written:
            report.written.append(relative)
        else:
            report.unchanged += 1
    return report
