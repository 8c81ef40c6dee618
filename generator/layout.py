"""Where things live in a project: the inputs under its root and the folders the generator owns in docs/.

Kept free of heavy imports so that a rebuild with nothing changed can find its files cheaply.
"""

from __future__ import annotations

LITERATURE = "literature"
SOURCES = f"{LITERATURE}/sources"
THEMES = f"{LITERATURE}/themes"
VOCABULARY = f"{LITERATURE}/vocabulary.yaml"
SUMMARY = f"{LITERATURE}/summary.yaml"
CHECKS = f"{LITERATURE}/checks.yaml"
GLOSSARY = f"{LITERATURE}/glossary.yaml"
DEFAULT_BIB = f"{LITERATURE}/samverdi.bib"  # where `generator import` adds new works
MKDOCS = "mkdocs.yml"
# The MkDocs hooks mkdocs.yml names by path: a project built elsewhere (tests, bench) needs them beside it.
MKDOCS_HOOKS = (
    "generator/edit_links.py",
    "generator/finished_html.py",
    "generator/pages_in_two.py",
    "generator/shared_per_folder.py",
    "generator/abbreviations.py",
)

# Folders below docs/ that hold only generated pages; the writer removes files there it did not write.
GENERATED_FOLDERS = (
    "tema",
    "kilder",
    "referanser",
    "begreper",
    "kunnskapskart",
    "nedlastinger",
    "nytt",
    "utskrift",
    "_generert",
)
