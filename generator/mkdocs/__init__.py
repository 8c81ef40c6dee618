"""The MkDocs side: hooks mkdocs.yml names by path, the check of the built site, and the PDF.

Takes the pages the write stage left in docs/ (and, for `check-site` and `pdf`, the built site);
gives MkDocs its edit links, glossary links, finished HTML, two-process page building, shared
navigation and abbreviations, `make serve`'s rebuilds, the allow-list check and the PDF.
"""
