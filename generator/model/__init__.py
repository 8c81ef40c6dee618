"""Model stage: checked `RawEvidence` -> `Model`.

Takes the evidence the check stage passed; gives the model the pages are rendered from: sources
with their APA references and records, themes, related sources, the evidence map's facets, gaps,
and the editions recorded in literature/utgaver/ with what changed between them.
"""
