"""The markers the render stage writes around HTML it wrote finished, for the hook that keeps
Python-Markdown out of it (generator/mkdocs/finished_html.py). Here, below both, so that the
render stage does not import a hook.
"""

START = "<!-- ferdig-html -->"
START_UNSEARCHED = "<!-- ferdig-html, utenfor søket -->"
END = "<!-- /ferdig-html -->"
