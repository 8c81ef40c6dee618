"""Load stage: the files under literature/ -> `RawEvidence`.

Takes a project root; gives the BibTeX entries (parsed and normalised), the source and theme
files, summary, vocabulary, glossary and checks as YAML documents with line numbers, and a
diagnostic for every file it cannot read. Nothing is judged here beyond whether it can be read.
"""
