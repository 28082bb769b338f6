"""The late-2022 fall in export orders as a moment: how its affected workers split between
layoffs and cut hours.

In the last months of 2022 export orders fell and enterprises cut hours far more often
than jobs: of 637,491 workers affected in 63 provinces, 8.4 % lost their job (MOLISA;
VGCL's count to end-November, 8.8 %; figures in labour.csv).  The model gives the same
split from its enterprises' decisions (``simulation/short_time.py``) when the
``export_downturn`` lever cuts industrial-zone demand over those months: the statistic is
:func:`analysis.stylised_facts.affected_split` of that run against the same run without
it, both ending in December 2022 (no data from 2023 on).  The window and the depth of the
fall are the data's ``slump_2022_setting`` rows (estimation.csv: named assumptions).
"""

from __future__ import annotations

import pandas as pd

from analysis.stylised_facts import affected_split
from simulation.data import ProvinceData

STATISTIC = "slump_laid_off_share_2022"
SETTING = "slump_2022_setting"  # estimation.csv: the window and the depth of the fall
YEAR = 2022
LEVER = "scenario.levers.export_downturn"


def overrides(data: ProvinceData) -> list[str]:
    """The run's overrides that add the late-2022 fall in export orders."""
    settings = data.figures.table(SETTING)
    return [
        "scenario=export_downturn",
        f"{LEVER}.start={YEAR}-{int(settings['start_month']):02d}",
        f"{LEVER}.end={YEAR}-{int(settings['end_month']):02d}",
        f"{LEVER}.depth={settings['depth']}",
        f"{LEVER}.recovery_months={settings['recovery_months']}",
    ]


def laid_off_share(baseline: list[dict[str, float]], shock: list[dict[str, float]]) -> float:
    """The share of the workers the fall affected who were laid off, from the monthly
    histories of the run without and with it."""
    frames = [pd.DataFrame(history).set_index("month") for history in (baseline, shock)]
    return affected_split(frames[1], frames[0])["laid_off_share"]
