"""One measurement in a fresh process, printed as JSON: `python bench/measure.py KIND DIR`.

Each run gets its own process so that the peak memory (ru_maxrss) belongs to that run alone.
KIND is `build` (our generator), `pybtex` (plain pybtex: parse + format every entry with its
`plain` style) or `mkdocs` (mkdocs build of DIR).
"""

# ruff: noqa: PLC0415 - each kind imports only what it measures, so peak memory is its own
from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def measure_build(root: Path) -> dict[str, object]:
    from generator.pipeline import build

    result = build(root)
    report = result.report
    return {
        "written": len(report.written) if report else None,
        "removed": len(report.removed) if report else None,
        "errors": result.diagnostics.error_count,
    }


def measure_pybtex(root: Path) -> dict[str, object]:
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    data = parse_file(str(root / "literature" / "samverdi.bib"))
    style = find_plugin("pybtex.style.formatting", "plain")()
    backend = find_plugin("pybtex.backends", "html")()
    formatted = [entry.text.render(backend) for entry in style.format_bibliography(data)]
    return {"entries": len(formatted)}


def measure_mkdocs(root: Path) -> dict[str, object]:
    """`mkdocs build`, split into its parts by bench/timing_hook.py."""
    import os
    import tempfile

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.core.layout import MKDOCS_HOOKS

    hooks = [*MKDOCS_HOOKS, str(Path(__file__).with_name("timing_hook.py"))]
    os.chdir(root)  # pymdownx.snippets reads its base_path (docs/_generert) from the working directory
    with tempfile.TemporaryDirectory() as folder:
        os.environ["BENCH_TIMINGS"] = timings = str(Path(folder) / "timings.json")
        config = load_config(str(root / "mkdocs.yml"), strict=True, hooks=hooks)
        mkdocs_build(config)
        config.plugins.on_shutdown()
        parts: dict[str, float] = json.loads(Path(timings).read_text("utf-8"))
    site = root / "site"
    return {f"{part.replace(' ', '_')}_seconds": seconds for part, seconds in parts.items()} | {
        "site_files": sum(1 for path in site.rglob("*") if path.is_file())
    }


def main() -> None:
    kind, root = sys.argv[1], Path(sys.argv[2]).resolve()
    started = time.perf_counter()
    details = {"build": measure_build, "pybtex": measure_pybtex, "mkdocs": measure_mkdocs}[kind](root)
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # From 2,000 items on, the build forks workers (related sources, pages, writing): the largest peak counts too.
    worker_peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {"seconds": round(seconds, 3), "peak_mib": round(peak_mib, 1), "worker_peak_mib": round(worker_peak_mib, 1)}
            | details
        )
    )


if __name__ == "__main__":
    main()
