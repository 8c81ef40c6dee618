"""Model stage: checked `RawEvidence` -> `Model`.

Takes the evidence the check stage passed; gives the model the pages are rendered from: sources
with their APA references and records, themes, related sources, gaps, and the editions recorded
in literature/utgaver/ with what changed between them.
"""
