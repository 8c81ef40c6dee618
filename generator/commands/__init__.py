"""Commands beside the build: `new`, `import` (files and DOIs, Crossref), `import --berik` and `utgave`.

Takes a project root and what the researcher asked for; gives new or changed files under
literature/ (source files, BibTeX entries, editions), each written through the write stage.
"""
