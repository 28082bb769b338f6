"""``compare``: a directory of runs in; the tables, figures and report out."""

from __future__ import annotations

from pathlib import Path

from analysis.compare.figures import draw_figures
from analysis.compare.flows import FLOWS_FILE, flow_differences, flow_lines
from analysis.compare.grid import check_grid
from analysis.compare.report import report_text
from analysis.compare.runs import CompareError
from analysis.compare.statistics import summarise
from analysis.compare.tables import write_tables
from analysis.outputs import write_atomic, write_frame


def compare(
    root: Path, out: Path | None = None, baseline: str = "baseline", year: int = 2025
) -> dict:
    """Compare the runs under ``root`` in ``year`` and write the results into ``out`` (by
    default ``root``); ``CompareError`` before anything is written if they cannot be."""
    root = Path(root)
    if not root.is_dir():
        raise CompareError(f"{root}: not a directory")
    out = Path(out) if out else root
    if out.exists() and not out.is_dir():
        raise CompareError(f"--out {out}: exists and is not a directory")
    grid = check_grid(root, baseline, year)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CompareError(f"--out {out}: cannot create it ({error.strerror})") from None
    frame = summarise(grid.runs, baseline, year)
    write_tables(frame, out, baseline, year)
    figures = draw_figures(grid.runs, frame, out, baseline)
    flows = flow_differences(grid.runs, baseline, year)
    if not flows.empty:
        write_frame(flows, out / FLOWS_FILE)
    text = report_text(frame, grid, baseline, year, figures, flow_lines(flows, year))
    write_atomic(out / "report.md", text)
    return {
        "runs": len(grid.runs),
        "failed": grid.failed,
        "missing": grid.missing,
        "unpaired": grid.unpaired,
        "out": out,
    }
