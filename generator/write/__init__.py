"""Write stage: `{path under docs/: text}` -> files on disk.

Takes the rendered pages; writes those that changed, each swapped in whole inside the folders the
generator owns, removes what it no longer writes, and keeps the build cache that lets an unchanged
rebuild stop early. Also writes the citation files at the project root.
"""
