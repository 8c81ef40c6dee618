"""SAMVERDI knowledge-summary generator: `literature/` -> Markdown pages for MkDocs.

Stages, one module each: `load` -> `validate` -> `model` -> `render` -> `write`;
`pipeline` runs them and `cli` is the command line. Public API: `pipeline.check`,
`pipeline.build`.
"""
