"""Shared tools every stage may use; imports no stage.

Takes plain values (text, paths, numbers); gives diagnostics and their codes, where things live
(`layout`), identifiers, the character gate, LaTeX and Markdown escaping (`latex`, `markup`),
citation keys in text (`citations`), the APA 7 reference formatter (`apa`, which normalising and
checking already need), collation, dates, CERQual rules, kept-finding rules, which provenance
hosts readers are sent to, SVG charts, and the two-process map (`parallel`).
"""
