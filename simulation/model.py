"""The province as a Mesa model, month by month.

``ProvinceModel`` owns the clock (one step = one month), the random streams, the persons
and firms (columns) and the training schools (Mesa agents).  Its ``step`` runs the
mechanisms in a fixed order, lets the scenario's levers act, checks the accounting and
measures the indicators::

    model = ProvinceModel(settings)
    model.run()              # or: while model.month <= model.end: model.step()
    model.history            # one dict of indicators per recorded month

Spin-up (run setting ``spin_up_months``, default 0): before the first recorded month the
model steps that many *stationary* months from the synthetic base state, so that the
labour market (who works where, for how many hours, who searches and for how long, who
is insured voluntarily) settles into the model's own allocation before January 2022.
While ``model.spinning_up`` is true:

- the clock stands still: ``model.month`` stays at the base month, so every input read
  by year or calendar month (minimum wages, FDI, retirement ages, the crop calendar) is
  the base month's; the random draws are keyed by ``model.draw_month`` (months before the
  base month, one per spin-up month), so each spin-up month draws afresh and the run's
  own months draw exactly as in a run without spin-up;
- nothing ages or trends: demography, schooling (streaming, courses, retraining) and
  migration (except how searchers weigh jobs next door) are held, and so are the
  life-cycle flows out of the labour force (retirement, old-age exits), technical
  progress, the growth of enterprises' demand, firm entry and exit, FDI projects, farm
  mechanisation and land conversion (the push off the land) and farm workers' search for
  jobs off the farm (its pull: structural change is a trend, held on both sides), the
  trend in voluntary insurance, and enterprises' wage posting (their premiums stay at 1,
  the base year's pay);
- what re-allocates runs: separations, vacancies, matching, farms' releases and take-backs,
  informal work and household start-ups, prime-age exits and re-entries, hours and wages,
  voluntary insurance joins and lapses at the base year's balance;
- levers do not act, and nothing is recorded (flows are reset every month).

Mechanisms consult ``model.spinning_up``; nothing else differs, and with no spin-up the
run is the same bit for bit.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import mesa
import numpy as np

from simulation import accounting, randomness, spell_exits
from simulation.calendar import month_label, year_of
from simulation.config import RunSettings
from simulation.district_panel import measure_districts
from simulation.firms import Firm
from simulation.indicators import MILLION_PER_BILLION, MONTHLY_INDICATORS, State, measure
from simulation.labour_law import retirement_age_months
from simulation.mechanisms import MECHANISMS
from simulation.policy import Policy
from simulation.population import SECTORS, STATUSES, Status, Worker
from simulation.schools import TrainingSchool
from simulation.skills_panel import SkillsPanel
from simulation.synthesis import synthesise

UNITS = {key: declaration.unit for key, declaration in MONTHLY_INDICATORS.items()}


def _recorded(model, key: str) -> float | str:
    """The month's recorded value of ``key``: a model reporter of the DataCollector, as
    ``partial(_recorded, key=key)`` (a closure would keep the model from being pickled;
    see :mod:`analysis.population_cache`)."""
    return model.history[-1][key]


class ProvinceModel(mesa.Model):
    """A province's labour market: workers, firms and training schools interacting monthly."""

    def __init__(
        self,
        settings: RunSettings,
        levers: list | None = None,
        population_cache: Callable | None = None,
    ):
        """``population_cache(settings, build)``, if given, returns the synthetic base
        year, from a cache or by calling ``build()`` (grids share one per seed, see
        :mod:`analysis.population_cache`); it depends only on ``settings``' data, scale,
        base month and seed."""
        super().__init__(rng=settings.seed)
        self.settings = settings
        self.data = settings.province
        self.scale = settings.scale
        self.seed = settings.seed
        self.start = settings.start
        self.end = settings.end
        self.month = settings.base_month
        self.spin_up_left = 0  # stationary months still to step before the clock runs
        self.params = self.data.parameter_values()
        self.levers = list(levers or [])
        self.policy = Policy()
        self.returnees = np.zeros(0, dtype=np.int64)  # person ids of last month's returnees
        # persons the levers helped: lever -> [(month, person ids)] (see record_helped)
        self.helped: dict[str, list[tuple[int, np.ndarray]]] = {}
        self.vacancies = np.zeros(0, dtype=np.int64)
        # jobs residents can hold in neighbouring provinces (agents), and the factor by
        # which searchers without and with a certificate weigh them: set by migration
        self.outside_jobs = 0.0
        self.commuting_appeal = np.ones(2)

        self.schools: list[TrainingSchool] = []
        for spec in self.data.schools:
            district = (
                self.data.districts.index(spec.district)
                if spec.district in self.data.districts
                else -1
            )
            school = TrainingSchool(self, spec, district, self.scale)
            school.index = len(self.schools)
            self.schools.append(school)

        def build():
            return synthesise(
                self.data, self.scale, self.month, self.schools, self.stream("synthesis")
            )

        base = population_cache(settings, build) if population_cache else build()
        self.persons = base.persons
        self.firms = base.firms
        self.next_pid = int(self.persons.pid.max()) + 1
        self.sector_level = base.sector_productivity
        self.short_hours_level = base.short_hours_level
        self.value_added = 0.0
        self.value_added_without_capital = 0.0  # the same without capital deepening
        self.value_added_by_sector = np.zeros(len(SECTORS))
        self.satisfaction = self.params["satisfaction_base"]
        self.taxes_share = self.data.figures.value("grdp_structure", "taxes")

        self.flows: dict[str, float] = {}
        self.transitions = np.zeros((len(Status), len(Status)), dtype=np.int64)
        self.entries = np.zeros(len(Status), dtype=np.int64)
        self.exits = np.zeros(len(Status), dtype=np.int64)
        self.stocks = self.status_counts()
        self.history: list[dict[str, float]] = []
        self.district_history: list[dict[str, object]] = []  # one row per district and month
        # built in order; a mechanism may use one built before it (registration uses the
        # insurance mechanism's compliance choice)
        self.mechanisms: list[Callable] = []
        for mechanism in MECHANISMS:
            self.mechanisms.append(mechanism(self))
        self.spin_up(settings.spin_up_months)
        # labour demand and supply by sector and skill level (read only; analysis/forecast.py)
        self.skills_panel = SkillsPanel(self)
        for lever in self.levers:
            lever.setup(self)
        # Mesa's conventions: every monthly indicator as a model reporter, collected each
        # recorded month (the same values as ``history``), and ``running`` until the end
        self.datacollector = mesa.DataCollector(
            model_reporters={"month": partial(_recorded, key="month")}
            | {key: partial(_recorded, key=key) for key in MONTHLY_INDICATORS}
        )
        self.running = self.month <= self.end

    def go_on_as(self, settings: RunSettings, levers: list) -> None:
        """Go on as the run of ``settings`` with ``levers``: this model's state was kept, at
        a month before any of the levers acts, by a run that differs only in its scenario
        (a grid's runs of a seed share those months: :mod:`analysis.population_cache`)."""
        self.settings = settings
        self.levers = list(levers)
        for lever in self.levers:
            lever.setup(self)

    # ------------------------------------------------------------------ randomness

    @property
    def draw_month(self) -> int:
        """The month that keys this month's random draws and new firms' ids: the clock's
        month, or during the spin-up one of the months before the base month (the clock
        stands still, the draws must not)."""
        return self.month - self.spin_up_left

    def stream(self, name: str) -> np.random.Generator:
        """The random stream of one mechanism (or part of one) in the current month; see
        :mod:`simulation.randomness` for why draws are organised this way."""
        return randomness.stream(self.seed, name, self.draw_month)

    def uniform(self, purpose: str, rows: np.ndarray) -> np.ndarray:
        """One uniform number per person at ``rows`` for ``purpose`` this month, fixed by
        the person's id: the same in every scenario run with this seed."""
        return randomness.person_uniform(
            self.seed, purpose, self.draw_month, self.persons.pid[rows]
        )

    def normal(self, purpose: str, rows: np.ndarray) -> np.ndarray:
        """One standard normal number per person at ``rows`` (see :meth:`uniform`)."""
        return randomness.person_normal(self.seed, purpose, self.draw_month, self.persons.pid[rows])

    def firm_uniform(self, purpose: str) -> np.ndarray:
        """One uniform number per firm for ``purpose`` this month, fixed by the firm's id
        (see :func:`simulation.firms.new_firm_ids`)."""
        return randomness.person_uniform(
            self.seed, "firm:" + purpose, self.draw_month, self.firms.fid
        )

    def firm_normal(self, purpose: str) -> np.ndarray:
        """One standard normal number per firm (see :meth:`firm_uniform`)."""
        return randomness.person_normal(
            self.seed, "firm:" + purpose, self.draw_month, self.firms.fid
        )

    def trait_normal(self, purpose: str, rows: np.ndarray) -> np.ndarray:
        """A lasting standard normal trait of each person at ``rows``: drawn once, the same
        in every month and every scenario run with this seed."""
        return randomness.person_normal(
            self.seed, purpose, randomness.TRAIT_MONTH, self.persons.pid[rows]
        )

    def firm_trait_normal(self, purpose: str, rows: np.ndarray) -> np.ndarray:
        """A lasting standard normal trait of each firm at ``rows`` (see
        :meth:`trait_normal`)."""
        return randomness.person_normal(
            self.seed, "firm:" + purpose, randomness.TRAIT_MONTH, self.firms.fid[rows]
        )

    # ------------------------------------------------------------------ bookkeeping

    def status_counts(self) -> np.ndarray:
        status = self.persons.status
        # plain codes (.value): see simulation.population.Status
        return np.array([np.count_nonzero(status == code.value) for code in Status], dtype=np.int64)

    def set_status(self, rows: np.ndarray, new: int | np.ndarray) -> None:
        """Move persons to a new status, recording the flows for the accounting check."""
        if len(rows) == 0:
            return
        old = self.persons.status[rows]
        new_arr = np.broadcast_to(np.asarray(new, dtype=np.int8), old.shape)
        k = len(Status)
        self.transitions += np.bincount(
            old.astype(np.int64) * k + new_arr, minlength=k * k
        ).reshape(k, k)
        self.persons.status[rows] = new_arr

    def update_population(self, leaving: np.ndarray, *arrivals) -> None:
        """Remove the rows where ``leaving`` is True (deaths, departures) and append the
        ``arrivals`` (births, in-migrants) with fresh ids, in one pass over the columns."""
        self.exits += np.bincount(self.persons.status[leaving], minlength=len(Status))
        for people in arrivals:
            n = len(people)
            people.pid[:] = np.arange(self.next_pid, self.next_pid + n)
            self.next_pid += n
            self.entries += np.bincount(people.status, minlength=len(Status))
        self.persons.replace(~leaving, *arrivals)

    def count(self, flow: str, n: float) -> None:
        self.flows[flow] = self.flows.get(flow, 0.0) + float(n)

    def record_helped(self, lever: str, rows: np.ndarray) -> None:
        """Record the persons at ``rows`` as helped this month by ``lever`` (their ids), for
        measuring the lever's deadweight and displacement (analysis/additionality.py)."""
        if len(rows):
            self.helped.setdefault(lever, []).append((self.month, self.persons.pid[rows].copy()))

    # ------------------------------------------------------------------ time

    def state(self) -> State:
        return State(
            persons=self.persons,
            firms=self.firms,
            scale=self.scale,
            retirement_age=retirement_age_months(self.data, year_of(self.month)),
            value_added=self.value_added,
            value_added_without_capital=self.value_added_without_capital,
            value_added_by_sector=self.value_added_by_sector,
            taxes_share=self.taxes_share,
            satisfaction=self.satisfaction,
            flows=self.flows,
            month=self.month,
        )

    @property
    def spinning_up(self) -> bool:
        """Whether the model is in its stationary spin-up (see the module's docstring)."""
        return self.spin_up_left > 0

    def spin_up(self, months: int) -> None:
        """Step ``months`` stationary months from the current state, the clock standing
        still; called once by the constructor with the run setting ``spin_up_months``."""
        self.spin_up_left = months
        while self.spinning_up:
            self.step()

    def step(self) -> None:
        """Simulate one month: levers, then every mechanism in order, then measure."""
        if self.month > self.end:
            raise RuntimeError(
                f"the run ended with {month_label(self.end)}; build the model with a later "
                "end=YYYY-MM to go on"
            )
        self.flows = {}
        self.transitions[:] = 0
        self.entries[:] = 0
        self.exits[:] = 0
        levers = [] if self.spinning_up else self.levers
        for lever in levers:
            lever.apply(self)
        for mechanism in self.mechanisms:
            mechanism.step(self)
        for lever in levers:
            lever.after(self)
        spell_exits.count_entries(self)
        self.stocks = accounting.check(self)
        if self.spinning_up:
            self.spin_up_left -= 1  # the clock stands still
            return
        recording = self.month >= self.start
        state = self.state() if recording else None
        self.skills_panel.observe(self, recording, state)
        if recording:
            values = measure(state)
            label = month_label(self.month)
            self.district_history.extend(
                {"month": label, **row} for row in measure_districts(state, self.data.districts)
            )
            accounting.check_rates(values, UNITS, label)
            self.history.append({"month": label, **values})
            self.datacollector.collect(self)
        self.month += 1
        self.running = self.month <= self.end

    def run(self, progress: Callable[[int], None] | None = None) -> list[dict[str, float]]:
        """Step until the end month; ``progress(months_done)`` is called after each step."""
        while self.month <= self.end:
            self.step()
            if progress is not None:
                progress(1)
        return self.history

    @property
    def months_to_run(self) -> int:
        return self.end - self.month + 1

    def reference(self) -> dict[str, tuple[int, float]]:
        """GRDP and labour productivity of the year before the base year, from the data, at
        constant base-year prices: the starting point of the growth indicators."""
        year = year_of(self.settings.base_month)
        grdp = self.data.figures.value("grdp_current", year=year) / (
            1 + self.data.figures.value("grdp_real_growth", year=year)
        )
        employed = self.data.figures.value("employed")
        return {
            "grdp": (year - 1, grdp),
            "productivity": (year - 1, grdp * MILLION_PER_BILLION / employed),
        }

    # ------------------------------------------------------------------ inspection

    def worker(self, pid: int) -> Worker:
        """The person with id ``pid`` as a readable view."""
        return Worker(self.persons, self.persons.row(pid))

    def firm(self, index: int) -> Firm:
        """The firm in row ``index`` of ``model.firms`` (0 to number of firms - 1) as a
        readable view; rows change as firms enter and exit, the id ``fid`` does not."""
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
            raise TypeError(f"a firm row is a whole number, got {index!r}")
        if not 0 <= index < len(self.firms):
            raise IndexError(f"no firm in row {index}: rows run from 0 to {len(self.firms) - 1}")
        return Firm(self.firms, int(index))

    @property
    def current_month(self) -> str:
        """The month the next step will simulate, as YYYY-MM."""
        return month_label(self.month)

    def status_table(self) -> dict[str, int]:
        return dict(zip(STATUSES, self.status_counts().tolist(), strict=True))
