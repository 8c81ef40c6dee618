"""What `mkdocs serve` remembers between rebuilds: the hook module itself is loaded anew for
each rebuild, this one is not. Only generator/mkdocs/serve_hook.py uses it."""

from __future__ import annotations

from generator.core.diagnostics import Diagnostic

errors: tuple[Diagnostic, ...] = ()  # the errors the pages show in a banner until they are fixed
printed_warnings: frozenset[Diagnostic] = frozenset()  # printed once, not on every save
