"""Render stage: `Model` -> `{path under docs/: text}`.

Takes the model; gives every generated page as Markdown (front matter, templates in
`templates/`), the downloads (BibTeX, RIS, CSL-JSON, CSV) and the citation files' text. Writes
nothing: the write stage does.
"""
