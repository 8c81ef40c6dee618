"""SAMVERDI knowledge-summary generator: `literature/` -> Markdown pages for MkDocs.

Stages, one package each, in the order a build runs them: `load` -> `check` -> `model` ->
`render` -> `write`; `core` holds what they share, `mkdocs` the MkDocs side (hooks, site check,
PDF), `commands` the commands beside the build. A package imports only from those before it
(`core` from none); `lint-imports` holds them to that (the contract in pyproject.toml).
`pipeline` runs the stages and `cli` is the command line. Public API: `pipeline.check`,
`pipeline.build`.

`schemas/` and `data/` stay here, outside the stages: every source file under
literature/sources/ names `../../generator/schemas/source.schema.json` for editors (and
`generator new` writes that line), and the schemas and data are read by more than one stage.
"""
