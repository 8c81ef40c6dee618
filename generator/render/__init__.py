"""Render stage: `Model` -> `{path under docs/: text}`.

Takes the model; gives every generated page as Markdown through the templates in `templates/`
(one module per kind of page prepares its values; `site.render_site` runs them all), the
evidence map's facets, the downloads (BibTeX, RIS, CSL-JSON, CSV) and the citation files' text.
Writes nothing: the write stage does.
"""
