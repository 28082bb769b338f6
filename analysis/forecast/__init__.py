"""Labour demand and supply by sector and skill level to 2030, for training planning
(issue #18).

    python run.py -m hydra/launcher=joblib scenario=baseline seed="range(5)" scale=20 \\
        end=2030-12 hydra.sweep.dir=multirun/forecast
    python -m analysis.forecast multirun/forecast            # writes into that directory
    python -m analysis.forecast outputs/baseline/<run>       # one run works too

For each year simulated whole: firms' wanted workers by sector and certificate level
(their own skill requirements), the employed and jobseekers, expansion and replacement
demand, entrants and graduates, and the gap (shortage or surplus), each as a mean across
seeds with a 90 % interval.  Writes ``forecast.csv`` (tidy), ``forecast.md`` (a short
text), ``forecast_heatmap.png`` and ``training_plan.csv`` (the seats a year by level that
would close each shortage by 2027 and 2030).

The modules, one job each:

- ``balance``: the arithmetic (a run's panel by year, the balance, across seeds);
- ``runs``: read the runs and their skills panels;
- ``training_plan``: seats that would close the shortages;
- ``figures``: the heat map;
- ``report``: ``forecast.md``;
- ``pipeline``: ``forecast``, all of the above in order;
- ``cli``: the command line (``__main__``).
"""

from analysis.forecast.balance import ForecastError, across_seeds, balance, yearly_panel
from analysis.forecast.cli import main
from analysis.forecast.pipeline import forecast

__all__ = ["ForecastError", "across_seeds", "balance", "forecast", "main", "yearly_panel"]
