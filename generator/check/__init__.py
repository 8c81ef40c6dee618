"""Check stage: `RawEvidence` -> diagnostics.

Takes what load read; gives every error and warning about it, each with file, line and fix:
schemas, the bibliography, citations and text, confidence (CERQual) against what was read, and
the PRISMA counts. Writes nothing; a build stops here when there are errors.
"""
