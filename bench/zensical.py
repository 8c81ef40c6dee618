"""MkDocs + Material and Zensical side by side on the same generated docs/ (issue #32).

`python bench/zensical.py [--mkdocs-venv .venv] [--zensical-venv .venv-zensical] [--repeat 3] [--sources 1000]`

For the shipped evidence base (and, with --sources N, a synthetic project of N sources from
bench/corpus.py) it copies the project into bench/.work/zensical-<name>/, generates docs/ once, then:

- tries `zensical build` on the configuration as shipped and records what it says;
- builds with the template changes Zensical needs (MiniJinja has no `dict.update` and no hook
  functions; its search box is its own) and `theme.variant: classic`, in the copy: nothing in the
  repository is changed;
- times `mkdocs build --strict` and `zensical build`, cold (output and Zensical's cache removed),
  `--repeat` times each, and Zensical warm (cache kept); as a control, MkDocs without the three hooks
  that exist only for speed (finished_html, pages_in_two, shared_per_folder), on the shimmed templates;
- compares the two sites: pages, search index, tooltips, glossary links, relative links that
  lead nowhere, and the findings of `generator check-site`.

Prints a summary and writes bench/zensical-results.json. Numbers are reported, never asserted.
Only the standard library here: each tool runs in its own virtual environment, as a subprocess.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / ".work"
RESULTS = BENCH / "zensical-results.json"

# The project's hooks, as mkdocs.yml names them (generator/core/layout.py MKDOCS_HOOKS; not imported:
# this script runs with any Python and imports nothing of the project).
HOOKS = (
    "generator/mkdocs/edit_links.py",
    "generator/mkdocs/glossary_links.py",
    "generator/mkdocs/finished_html.py",
    "generator/mkdocs/pages_in_two.py",
    "generator/mkdocs/shared_per_folder.py",
    "generator/mkdocs/abbreviations.py",
)
# Material's Norwegian texts with ours, written without `dict.update` (MiniJinja's maps are immutable).
CUSTOM_LANGUAGE = """{% import "partials/languages/nb.html" as language %}
{% set texts = {
  "header": "Sidetopp",
  "footer": "Sidebunn",
  "source": "Åpne kildefilene på GitHub",
  "search.result.initializer": "Søket gjøres klart …",
  "search.reset": "Tøm søkefeltet",
} %}
{% macro t(key) %}{% if key in texts %}{{ texts[key] }}{% else %}{{ language.t(key) }}{% endif %}{% endmacro %}
"""
# Overrides that call the hooks' Python functions (shared_per_folder.py) or replace a partial
# whose markup Zensical changed (its search box is a button that opens a dialog).
DROPPED_OVERRIDES = ("partials/header.html", "partials/nav.html", "partials/search.html")
SHIMS = [
    "overrides/partials/languages/custom.html without dict.update (MiniJinja: map has no method named update)",
    *(f"overrides/{name} left out" for name in DROPPED_OVERRIDES),
    "theme.variant: classic (Material's look; Zensical's default is modern)",
]
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
_HREF = re.compile(r'href="([^"]*)"')
_FINDING = re.compile(r"^[^:\s]+:\d+: (.*)$")
_QUOTED = re.compile(r"'[^']*'")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Tools:
    mkdocs_python: Path
    zensical: Path

    def versions(self) -> dict[str, str]:
        code = (
            "import importlib.metadata as m, sys;"
            "print(sys.version.split()[0], m.version('mkdocs'), m.version('mkdocs-material'), m.version('pymdown-extensions'))"
        )
        python, mkdocs, material, pymdownx = _output([str(self.mkdocs_python), "-c", code]).split()
        zensical_python = self.zensical.with_name("python")
        zensical_pymdownx = _output(
            [str(zensical_python), "-c", "import importlib.metadata as m; print(m.version('pymdown-extensions'))"]
        )
        return {
            "python": python,
            "mkdocs": mkdocs,
            "mkdocs-material": material,
            "pymdown-extensions (mkdocs)": pymdownx,
            "zensical": _output([str(self.zensical), "--version"]),
            "pymdown-extensions (zensical)": zensical_pymdownx,
        }


def _output(command: list[str]) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


# A repository address for the one build that looks at the edit buttons (synthetic, never fetched).
REPOSITORY = "https://github.com/eksempel/samverdi"
_EDIT = re.compile(r'href="([^"]*)"[^>]*rel="edit"|rel="edit"[^>]*href="([^"]*)"')


def _environment(repository: str | None = None) -> dict[str, str]:
    """Locally unset, as in `make site`: no published address, no repository (so no edit buttons)."""
    environment = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "REPO_URL")}
    return environment | {"NO_MKDOCS_2_WARNING": "1"} | ({"REPO_URL": repository} if repository else {})


def prepare_shipped(tools: Tools, root: Path) -> None:
    """This repository's project with docs/ generated (as `make generate`), copied to `root`."""
    subprocess.run([str(tools.mkdocs_python), "-m", "generator", "build", "--root", str(REPO)], check=True, cwd=REPO)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "docs", root / "docs")
    for hook in HOOKS:
        (root / hook).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / hook, root / hook)


def prepare_corpus(tools: Tools, root: Path, sources: int) -> None:
    """A synthetic project of `sources` sources (bench/corpus.py), generated."""
    subprocess.run([str(tools.mkdocs_python), str(BENCH / "corpus.py"), str(sources), str(root)], check=True, cwd=REPO)
    subprocess.run([str(tools.mkdocs_python), "-m", "generator", "build", "--root", str(root)], check=True, cwd=REPO)


# A control: MkDocs without the three hooks that exist only for build speed, on the same templates as
# Zensical, so that the difference between the two builders is not only what those hooks save.
SPEED_HOOKS = (
    "generator/mkdocs/finished_html.py",
    "generator/mkdocs/pages_in_two.py",
    "generator/mkdocs/shared_per_folder.py",
)


def write_zensical_configs(root: Path) -> None:
    """As shipped (only the output folder differs), with the shims, and the MkDocs control: each INHERITs mkdocs.yml."""
    (root / "zensical-as-shipped.yml").write_text("INHERIT: mkdocs.yml\nsite_dir: site-zensical\n", "utf-8")
    shimmed = root / "overrides-zensical"
    shutil.rmtree(shimmed, ignore_errors=True)
    shutil.copytree(root / "overrides", shimmed)
    (shimmed / "partials" / "languages" / "custom.html").write_text(CUSTOM_LANGUAGE, "utf-8")
    for name in DROPPED_OVERRIDES:
        (shimmed / name).unlink()
    (root / "zensical.yml").write_text(
        "INHERIT: mkdocs.yml\nsite_dir: site-zensical\ntheme:\n  custom_dir: overrides-zensical\n  variant: classic\n",
        "utf-8",
    )
    kept = "".join(f"  - {hook}\n" for hook in HOOKS if hook not in SPEED_HOOKS)
    (root / "mkdocs-without-speed-hooks.yml").write_text(
        f"INHERIT: mkdocs.yml\nhooks:\n{kept}theme:\n  name: material\n  custom_dir: overrides-zensical\n", "utf-8"
    )


def run(
    command: list[str], root: Path, repository: str | None = None
) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    environment = _environment(repository)
    completed = subprocess.run(command, cwd=root, capture_output=True, text=True, env=environment, check=False)
    return time.perf_counter() - started, completed


def edit_buttons(site: Path) -> dict[str, str | None]:
    """Where the edit button of the home page, the first theme and the first source leads, after REPOSITORY."""
    found: dict[str, str | None] = {}
    for folder in ("", "tema", "kilder"):
        pages_in = sorted(path for path in (site / folder).glob("*/index.html") if path.parent.name != folder)
        page = site / "index.html" if not folder else pages_in[0]
        button = _EDIT.search(page.read_text("utf-8"))
        href = (button.group(1) or button.group(2)) if button else None
        found[str(page.relative_to(site))] = href.removeprefix(REPOSITORY) if href else None
    return found


def mkdocs_command(tools: Tools, root: Path, config: str = "mkdocs.yml", output: str = "site-mkdocs") -> list[str]:
    # cwd is root: pymdownx.snippets reads its base_path (docs/_generert) from the working directory.
    mkdocs = str(tools.mkdocs_python.with_name("mkdocs"))
    return [mkdocs, "build", "--strict", "-q", "-f", str(root / config), "-d", str(root / output)]


def zensical_command(tools: Tools, root: Path, config: str) -> list[str]:
    return [str(tools.zensical), "build", "-f", str(root / config)]


def cold(root: Path, *outputs: str) -> None:
    for output in outputs:
        shutil.rmtree(root / output, ignore_errors=True)
    os.sync()  # the removal's work must not land in the next build's time


def timed(label: str, repeat: int, before: list[str], command: list[str], root: Path) -> dict[str, object]:
    seconds: list[float] = []
    for number in range(repeat):
        cold(root, *before)
        took, completed = run(command, root)
        if completed.returncode != 0:
            raise SystemExit(f"{label} failed:\n{completed.stdout[-2000:]}{completed.stderr[-2000:]}")
        seconds.append(round(took, 3))
        say(f"  {label} {number + 1}/{repeat}: {took:.2f} s")
    return {"median_seconds": statistics.median(seconds), "runs_seconds": seconds}


def printed(completed: subprocess.CompletedProcess[str]) -> list[str]:
    """What a build printed, without Python's traceback frames: the lines a person reads."""
    lines = (completed.stdout + completed.stderr).splitlines()
    return [line for line in lines if line.strip() and not line.startswith((" ", "Traceback"))]


def pages(site: Path) -> set[str]:
    return {str(path.relative_to(site)) for path in site.rglob("*.html")}


def count_in_pages(site: Path, text: str) -> int:
    return sum(path.read_text("utf-8").count(text) for path in site.rglob("*.html"))


def links_leading_nowhere(site: Path, prefix: str) -> tuple[int, int, int]:
    """Relative links in the pages' content, resolved as a browser would with the site at `prefix`:
    how many there are, how many find no page or file, and on how many pages."""
    total = broken = 0
    broken_pages: set[Path] = set()
    for path in site.rglob("*.html"):
        content = _ARTICLE.search(path.read_text("utf-8"))
        if content is None:
            continue
        base = f"https://example.test{prefix}{str(path.relative_to(site)).removesuffix('index.html')}"
        for href in _HREF.findall(content.group(1)):
            if not href or href.startswith(("#", "http:", "https:", "mailto:")):
                continue
            total += 1
            target = urlparse(urljoin(base, href)).path
            inside = target.startswith(prefix)
            found = site / unquote(target[len(prefix) :])
            if not inside or not (found.is_file() or (found / "index.html").is_file()):
                broken += 1
                broken_pages.add(path)
    return total, broken, len(broken_pages)


def site_check(tools: Tools, site: Path, root: Path) -> dict[str, int]:
    """`generator check-site`'s findings by kind (quoted values left out)."""
    completed = subprocess.run(
        [str(tools.mkdocs_python), "-m", "generator", "check-site", "--site", str(site), "--root", str(root)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    kinds: Counter[str] = Counter()
    for line in (completed.stdout + completed.stderr).splitlines():
        finding = _FINDING.match(line)
        if finding:
            kinds[_QUOTED.sub("…", finding.group(1))] += 1
    return dict(kinds.most_common())


def describe(tools: Tools, site: Path, root: Path, search_index: str) -> dict[str, object]:
    index = site / search_index
    search: dict[str, object] = {"file": search_index, "present": index.is_file()}
    if index.is_file():
        data = json.loads(index.read_text("utf-8"))
        entries = data.get("docs", data.get("items", []))
        search |= {"bytes": index.stat().st_size, "entries": len(entries), "lang": data["config"].get("lang")}
    total, broken_root, pages_root = links_leading_nowhere(site, "/")
    _, broken_project, pages_project = links_leading_nowhere(site, "/samverdi/")
    return {
        "html_pages": len(pages(site)),
        "files": sum(1 for path in site.rglob("*") if path.is_file()),
        "search_index": search,
        "sitemap": (site / "sitemap.xml").is_file(),
        "page_404": (site / "404.html").is_file(),
        "abbreviation_tooltips": count_in_pages(site, "<abbr "),
        "glossary_links": count_in_pages(site, 'class="begrep"'),
        "draft_notice_on_pages": count_in_pages(site, "kunngjoring__detalj"),
        "finished_html_markers_left": count_in_pages(site, "ferdig-html"),
        "relative_links_in_content": total,
        "links_leading_nowhere_at_root": {"links": broken_root, "pages": pages_root},
        "links_leading_nowhere_under_project_path": {"links": broken_project, "pages": pages_project},
        "check_site": site_check(tools, site, root),
    }


def compare(tools: Tools, name: str, root: Path, repeat: int) -> dict[str, object]:
    say(f"[{name}] zensical build as shipped …")
    write_zensical_configs(root)
    cold(root, "site-zensical", ".cache")
    _, as_shipped = run(zensical_command(tools, root, "zensical-as-shipped.yml"), root)
    say(f"[{name}] mkdocs build --strict (cold, {repeat}×) …")
    mkdocs = timed("mkdocs", repeat, ["site-mkdocs"], mkdocs_command(tools, root), root)
    say(f"[{name}] mkdocs build --strict without {', '.join(SPEED_HOOKS)} ({repeat}×) …")
    control = mkdocs_command(tools, root, "mkdocs-without-speed-hooks.yml", "site-mkdocs-control")
    mkdocs_control = timed("mkdocs control", repeat, ["site-mkdocs-control"], control, root)
    say(f"[{name}] zensical build with the shims (cold: output and .cache removed, {repeat}×) …")
    zensical_cold = timed(
        "zensical", repeat, ["site-zensical", ".cache"], zensical_command(tools, root, "zensical.yml"), root
    )
    say(f"[{name}] zensical build again with its cache ({repeat}×) …")
    zensical_warm = timed(
        "zensical warm", repeat, ["site-zensical"], zensical_command(tools, root, "zensical.yml"), root
    )
    _, last = run(zensical_command(tools, root, "zensical.yml"), root)  # warm: what it prints on a rebuild
    say(f"[{name}] both again with REPO_URL={REPOSITORY}, for the edit buttons …")
    run(mkdocs_command(tools, root, output="site-mkdocs-repo"), root, REPOSITORY)
    (root / "zensical-repo.yml").write_text(
        (root / "zensical.yml").read_text("utf-8").replace("site-zensical", "site-zensical-repo"), "utf-8"
    )
    run(zensical_command(tools, root, "zensical-repo.yml"), root, REPOSITORY)
    edits = {"mkdocs": edit_buttons(root / "site-mkdocs-repo"), "zensical": edit_buttons(root / "site-zensical-repo")}
    mkdocs_site, zensical_site = root / "site-mkdocs", root / "site-zensical"
    return {
        "zensical_as_shipped": {"exit_status": as_shipped.returncode, "printed": printed(as_shipped)[-5:]},
        "zensical_shims": SHIMS,
        "zensical_printed": printed(last),
        "mkdocs_build_strict": mkdocs,
        "mkdocs_build_strict_without_speed_hooks": mkdocs_control,
        "zensical_build_cold": zensical_cold,
        "zensical_build_warm": zensical_warm,
        "edit_buttons_after_repository": edits,
        "pages_only_in_mkdocs": sorted(pages(mkdocs_site) - pages(zensical_site)),
        "pages_only_in_zensical": sorted(pages(zensical_site) - pages(mkdocs_site)),
        "mkdocs": describe(tools, mkdocs_site, root, "search/search_index.json"),
        "zensical": describe(tools, zensical_site, root, "search.json"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mkdocs-venv", type=Path, default=REPO / ".venv")
    parser.add_argument("--zensical-venv", type=Path, default=REPO / ".venv-zensical")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sources", type=int, default=0, help="also a synthetic project of this many sources")
    parser.add_argument("--output", type=Path, default=RESULTS)
    arguments = parser.parse_args()
    tools = Tools(
        arguments.mkdocs_venv.resolve() / "bin" / "python", arguments.zensical_venv.resolve() / "bin" / "zensical"
    )
    results: dict[str, object] = {
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cores": os.cpu_count(),
        "load_average_before": [round(load, 2) for load in os.getloadavg()],  # the machine is shared: timings vary
        "repeat": arguments.repeat,
        "versions": tools.versions(),
    }
    shipped = WORK / "zensical-shipped"
    prepare_shipped(tools, shipped)
    sites = {"shipped": compare(tools, "shipped", shipped, arguments.repeat)}
    if arguments.sources:
        corpus = WORK / f"zensical-n{arguments.sources}"
        say(f"[{arguments.sources}] writing and generating a synthetic project …")
        prepare_corpus(tools, corpus, arguments.sources)
        sites[f"synthetic-{arguments.sources}"] = compare(tools, str(arguments.sources), corpus, arguments.repeat)
    results["sites"] = sites
    arguments.output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    for name, site in sites.items():
        medians = {}
        for key in (
            "mkdocs_build_strict",
            "mkdocs_build_strict_without_speed_hooks",
            "zensical_build_cold",
            "zensical_build_warm",
        ):
            timing = site[key]
            assert isinstance(timing, dict)
            medians[key] = timing["median_seconds"]
        print(f"{name}: " + ", ".join(f"{key} {seconds:.2f} s" for key, seconds in medians.items()))
    print(f"written: {arguments.output}")


if __name__ == "__main__":
    main()
