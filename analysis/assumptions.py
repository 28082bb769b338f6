"""Write the data documentation: the assumptions and the published figures, with sources.

    python -m analysis.assumptions            # writes docs/assumptions.md, docs/data_sources.md
    python -m analysis.assumptions --check    # fails if either is out of date

Both pages are generated from ``data/<province>/`` so that they cannot drift from the
numbers the model uses.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from analysis.cli import description_of
from simulation.config import ROOT
from simulation.data import ProvinceData, load_province

DOC = ROOT / "docs" / "assumptions.md"
SOURCES = ROOT / "docs" / "data_sources.md"
ORDER = (
    "synthesis",
    "demography",
    "schooling",
    "participation",
    "firms",
    "matching",
    "jobs",
    "production",
    "insurance",
    "registration",
    "indicators",
)


def _cell(text: str) -> str:
    return str(text).replace("|", "/").replace("\n", " ")


def render(data: ProvinceData) -> str:
    lines = [
        "# Assumptions and parameters",
        "",
        "Generated from `data/hai_duong/` by `python -m analysis.assumptions`;"
        " do not edit by hand.",
        "",
        "Every number the model uses is either a published figure, an estimate or derived",
        "figure, a national proxy, a named assumption with a plausible range, or a parameter",
        "calibrated on 2022 (see `calibration.md`).  This page lists the model's parameters",
        "(`parameters.csv`, grouped by the mechanism that uses them) and then every figure",
        "of the data tables that is not published for the province.",
        "",
    ]
    by_mechanism: dict[str, list] = defaultdict(list)
    for p in data.parameters.values():
        by_mechanism[p.used_by or "other"].append(p)
    for mechanism in sorted(by_mechanism, key=lambda m: (ORDER.index(m) if m in ORDER else 99, m)):
        lines += [
            f"## Parameters: {mechanism}",
            "",
            "| name | value | unit | plausible range | status | what it is | source or reasoning |",
            "|---|---|---|---|---|---|---|",
        ]
        for p in by_mechanism[mechanism]:
            lines.append(
                f"| `{p.name}` | {p.value:g} | {_cell(p.unit)} | {p.low:g} - {p.high:g} "
                f"| {p.status} | {_cell(p.description)} | {_cell(p.source)} |"
            )
        lines.append("")
    lines += [
        "## Figures that are not published for the province",
        "",
        "| file | variable | category | area | year | value | unit | status | source | note |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for f in data.figures.rows:
        if f.status in ("published",):
            continue
        lines.append(
            f"| {f.file} | {f.variable} | {_cell(f.category)} | {f.area} | {f.year} "
            f"| {f.value:g} | {_cell(f.unit)} | {f.status} | {_cell(f.source)} "
            f"| {_cell(f.note)} |"
        )
    lines += [
        "",
        "## Training schools",
        "",
        "| school | type | district | levels | intake a year | status | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in data.schools:
        lines.append(
            f"| {s.id} | {s.type} | {s.district} | {', '.join(s.levels)} "
            f"| {s.intake_capacity:g} | {s.status} | {_cell(s.source)} |"
        )
    return "\n".join(lines) + "\n"


def render_sources(data: ProvinceData) -> str:
    lines = [
        "# Published figures and their sources",
        "",
        "Generated from `data/hai_duong/` by `python -m analysis.assumptions`;"
        " do not edit by hand.",
        "",
        "Figures published for the province (or derived from published ones, or provincial",
        "estimates).  National figures used as proxies and assumptions are in",
        "`assumptions.md`.  Figures for 2023 onward are exogenous inputs (FDI registered,",
        "minimum wage decrees) or plan targets, never calibration targets.",
        "",
        "| file | variable | category | area | year | value | unit | status | source | note |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for f in data.figures.rows:
        if f.status not in ("published", "derived", "estimate"):
            continue
        lines.append(
            f"| {f.file} | {f.variable} | {_cell(f.category)} | {f.area} | {f.year} "
            f"| {f.value:g} | {_cell(f.unit)} | {f.status} | {_cell(f.source)} "
            f"| {_cell(f.note)} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=description_of(__doc__))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    data = load_province(ROOT / "data" / "hai_duong")
    pages = {DOC: render(data), SOURCES: render_sources(data)}
    if args.check:
        stale = [
            p.name
            for p, text in pages.items()
            if not p.exists() or p.read_text(encoding="utf-8") != text
        ]
        if stale:
            sys.exit(f"out of date: {', '.join(stale)}: run python -m analysis.assumptions")
        print("docs/assumptions.md and docs/data_sources.md are up to date")
        return
    for path, text in pages.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
