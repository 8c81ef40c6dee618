"""Nedlastinger: every source and each theme's sources as BibTeX, RIS, CSL-JSON and CSV."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.core import layout
from generator.model.build import Model, Source
from generator.render import exports


def download_pages(model: Model, exported: Mapping[str, exports.SourceExports]) -> dict[str, str]:
    """The export files: all sources and per theme (a source page has its own in its "Siter" block)."""
    titles = {theme.id: theme.title for theme in model.themes}

    def export_files(stem: str, sources: Sequence[Source]) -> dict[str, str]:
        items = [exported[source.key] for source in sources]
        return {
            f"{stem}.bib": exports.to_bibtex(items),
            f"{stem}.ris": exports.to_ris(items),
            f"{stem}.json": exports.to_csl_json(items),
        }

    files = export_files(layout.ALL_DOWNLOADS, model.sources)
    files[f"{layout.ALL_DOWNLOADS}.csv"] = exports.to_csv(model.sources, titles)
    for theme in model.themes:
        sources = [model.by_key[key] for key in theme.sources]
        files |= export_files(f"{layout.THEME_DOWNLOADS}/{theme.id}", sources)
        files[f"{layout.THEME_DOWNLOADS}/{theme.id}.csv"] = exports.to_csv(sources, titles)
    return files
