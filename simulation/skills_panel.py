"""Labour demand and supply by sector and skill level, month by month: the panel behind the
skills forecast (``analysis/forecast.py``, issue #18).

Each recorded month the panel measures, in persons, by sector (agriculture, industry and
construction, services) and certificate level (none, elementary, intermediate, college,
university):

- *stocks*: the workers firms want (``wanted``: each firm's wanted workers this month, its
  ``demand``, split by its own wanted share of certified workers, ``certified_wanted``; a
  farm's are its members, since its demand is the work its land needs, shared among them,
  and it posts no vacancy; a household business's demand is its size),
  the employed (``employed``), and the jobseekers (``jobseekers``, by level, sector
  ``none``: a jobseeker has no sector until hired);
- *replacement flows*: the employed of last month who left employment for good this month,
  by the sector and level they held: ``retired`` (out of the labour force at or past the
  statutory retirement age), ``left_labour_force`` (out of it younger), ``went_abroad``
  (contract work abroad), ``back_to_school`` and ``died_or_moved_away`` (no longer in the
  province's population: deaths and out-migration);
- *new supply* (sector ``none``): ``graduates`` (persons whose certificate rose to the level
  this month: full-time and part-time completers), and labour-force entrants at their
  level: ``school_leavers`` (from school), ``returned`` (from inactivity or work abroad) and
  ``in_migrants`` (new residents in the labour force).

Firms state how many workers they want (``demand``) and which share of them should hold a
certificate (``certified_wanted``: the base year's share of each firm, the domestic share
for new enterprises, more for high-tech FDI projects; see ``mechanisms/fdi.py``), not the
level.  Within the certified workers a firm wants, the split by level is that of the
certified workers its sector and ownership employed in the base month (measured here, when
the panel is built): a firm's requirement by level is its own certified share times its
kind's base-year mix.  Workers of employers in other provinces are wanted where they work
(their jobs are counted on both sides).

Nothing here draws a random number or changes the model: the panel only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulation.calendar import month_label, year_of
from simulation.firms import Ownership
from simulation.indicators import State
from simulation.labour_law import retirement_age_months, working_age
from simulation.population import CERTIFICATES, SECTORS, Certificate, Status

STOCK, FLOW = "stock", "flow"  # a stock is averaged over a year's months, a flow summed
NO_SECTOR = "none"  # jobseekers and new supply: not yet in a sector
LEVELS = CERTIFICATES


@dataclass(frozen=True)
class Quantity:
    kind: str  # STOCK or FLOW
    side: str  # "demand", "supply" or "replacement"
    definition: str


QUANTITIES: dict[str, Quantity] = {
    "wanted": Quantity(STOCK, "demand", "workers firms want (their demand) at this level"),
    "employed": Quantity(STOCK, "supply", "employed persons at this level"),
    "jobseekers": Quantity(STOCK, "supply", "unemployed persons at this level"),
    "retired": Quantity(
        FLOW, "replacement", "left employment and the labour force at or past the retirement age"
    ),
    "left_labour_force": Quantity(
        FLOW, "replacement", "left employment and the labour force below the retirement age"
    ),
    "went_abroad": Quantity(FLOW, "replacement", "left employment for contract work abroad"),
    "back_to_school": Quantity(FLOW, "replacement", "left employment for full-time study"),
    "died_or_moved_away": Quantity(
        FLOW, "replacement", "employed last month, no longer a resident (death, out-migration)"
    ),
    "graduates": Quantity(FLOW, "supply", "persons whose certificate rose to this level"),
    "school_leavers": Quantity(FLOW, "supply", "entered the labour force from school"),
    "returned": Quantity(FLOW, "supply", "entered the labour force from inactivity or work abroad"),
    "in_migrants": Quantity(FLOW, "supply", "new residents in the labour force"),
}
REPLACEMENT = tuple(name for name, q in QUANTITIES.items() if q.side == "replacement")
NEW_SUPPLY = ("graduates", "school_leavers", "returned", "in_migrants")
# the status a replacement exit leads to (retirement is told from other inactivity by age)
EXIT_STATUS = {
    "left_labour_force": Status.INACTIVE,
    "went_abroad": Status.ABROAD,
    "back_to_school": Status.STUDENT,
}
# the status a labour-force entrant comes from
ENTRY_FROM = {
    "school_leavers": (Status.STUDENT, Status.CHILD),
    "returned": (Status.INACTIVE, Status.ABROAD),
}
SECTOR_COUNT, LEVEL_COUNT = len(SECTORS), len(LEVELS)
NOT_PRESENT = -1  # the status of last month's person who is no longer a resident
OWNERSHIP_COUNT = len(Ownership)


def certified_level_mix(
    sector: np.ndarray, ownership: np.ndarray, certificate: np.ndarray
) -> np.ndarray:
    """The split by level (elementary to university) of certified workers, by sector and
    ownership of their employer: an array sector x ownership x level (levels above none; a
    kind of firm with no certified worker takes its sector's split, a sector with none the
    province's).  ``sector``, ``ownership`` and ``certificate`` are those of the employed."""
    certified = certificate > Certificate.NONE.value
    index = (
        sector[certified].astype(np.int64) * OWNERSHIP_COUNT + ownership[certified]
    ) * LEVEL_COUNT + certificate[certified]
    size = SECTOR_COUNT * OWNERSHIP_COUNT * LEVEL_COUNT
    counts = np.bincount(index, minlength=size).reshape(SECTOR_COUNT, OWNERSHIP_COUNT, LEVEL_COUNT)
    counts = counts[:, :, Certificate.ELEMENTARY :].astype(float)
    province = counts.sum(axis=(0, 1))
    by_sector = counts.sum(axis=1)
    by_sector = np.where(by_sector.sum(axis=1, keepdims=True) > 0, by_sector, province)
    mix = np.where(counts.sum(axis=2, keepdims=True) > 0, counts, by_sector[:, None, :])
    return mix / np.maximum(mix.sum(axis=2, keepdims=True), np.finfo(float).tiny)


def wanted_by_level(
    sector: np.ndarray,
    ownership: np.ndarray,
    demand: np.ndarray,
    certified_wanted: np.ndarray,
    mix: np.ndarray,
) -> np.ndarray:
    """Workers wanted by sector x level (agents) of the firms given (active ones): each
    firm's demand times its wanted certified share, split by its kind's ``mix``, and the
    rest at no certificate."""
    out = np.zeros((SECTOR_COUNT, LEVEL_COUNT))
    certified = demand * certified_wanted
    out[:, Certificate.NONE] = np.bincount(
        sector, weights=demand - certified, minlength=SECTOR_COUNT
    )
    kinds = np.bincount(
        sector * OWNERSHIP_COUNT + ownership,
        weights=certified,
        minlength=SECTOR_COUNT * OWNERSHIP_COUNT,
    ).reshape(SECTOR_COUNT, OWNERSHIP_COUNT)
    out[:, Certificate.ELEMENTARY :] = (kinds[:, :, None] * mix).sum(axis=1)
    return out


def by_sector_and_level(sector: np.ndarray, certificate: np.ndarray) -> np.ndarray:
    """Counts by sector x level (sectors of persons without one are left out)."""
    kept = sector >= 0
    index = sector[kept].astype(np.int64) * LEVEL_COUNT + certificate[kept]
    return (
        np.bincount(index, minlength=SECTOR_COUNT * LEVEL_COUNT)
        .reshape(SECTOR_COUNT, LEVEL_COUNT)
        .astype(float)
    )


def by_level(certificate: np.ndarray) -> np.ndarray:
    return np.bincount(certificate, minlength=LEVEL_COUNT).astype(float)


class SkillsPanel:
    """Measures the panel each month from the model's persons and firms (see the module's
    docstring); ``rows`` holds one dict per month, sector, level and quantity."""

    def __init__(self, model):
        persons, firms = model.persons, model.firms
        employed = np.flatnonzero(
            (persons.status == Status.EMPLOYED.value) & (persons.employer >= 0)
        )
        employer = persons.employer[employed]
        self.mix = certified_level_mix(
            firms.sector[employer], firms.ownership[employer], persons.certificate[employed]
        )
        self.rows: list[dict[str, object]] = []
        self._remember(model)

    def _remember(self, model) -> None:
        persons = model.persons
        self.pid = persons.pid.copy()
        self.status = persons.status.copy()
        self.certificate = persons.certificate.copy()
        self.sector = persons.sector.copy()

    def observe(self, model, record: bool, state: State | None = None) -> None:
        """Measure this month against the last (appending rows if ``record``), then
        remember this month's persons.  ``state``: the month's :class:`State`, if the model
        made it already for the indicators (its masks of the employed, the unemployed and
        the labour force are then made once)."""
        if record:
            label = month_label(model.month)
            if state is None:
                limits = retirement_age_months(model.data, year_of(model.month))
                state = State(model.persons, model.firms, model.scale, limits)
            for quantity, sector, values in self._measure(model, state):
                for level, value in zip(LEVELS, values, strict=True):
                    self.rows.append(
                        {
                            "month": label,
                            "sector": sector,
                            "level": level,
                            "quantity": quantity,
                            "value": float(value) * model.scale,
                        }
                    )
        self._remember(model)

    def _measure(self, model, state: State):
        persons, firms = model.persons, model.firms
        status = persons.status
        # stocks
        active = np.flatnonzero(firms.active)
        ownership = firms.ownership[active].astype(np.int64)
        # a farm's demand is the work its land needs, shared among its members (it posts
        # no vacancy): the workers it wants are its members
        demand = np.where(
            ownership == Ownership.FARM.value, firms.size[active], firms.demand[active]
        )
        wanted = wanted_by_level(
            firms.sector[active].astype(np.int64),
            ownership,
            demand.astype(float),
            firms.certified_wanted[active].astype(float),
            self.mix,
        )
        outside = state.employed_rows[state.employers < 0]
        wanted += by_sector_and_level(persons.sector[outside], persons.certificate[outside])
        rows = state.employed_rows
        employed_counts = by_sector_and_level(persons.sector[rows], persons.certificate[rows])
        for index, sector in enumerate(SECTORS):
            yield "wanted", sector, wanted[index]
            yield "employed", sector, employed_counts[index]
        seekers = np.flatnonzero(state.status(Status.UNEMPLOYED))
        yield "jobseekers", NO_SECTOR, by_level(persons.certificate[seekers])

        # where last month's persons are now: ids only grow and rows keep their order, so
        # those still here are the first rows, in last month's order, and the rows after
        # them are new (``staying`` of them); ``known``: which of last month's are here
        staying, known = self._still_here(persons.pid)
        status_now = np.full(len(self.pid), NOT_PRESENT, dtype=np.int8)
        status_now[known] = status[:staying]

        # replacement: last month's employed who left employment for good (of the few who
        # are not employed now: read them only)
        was_employed = np.flatnonzero(self.status == Status.EMPLOYED.value)
        now_status = status_now[was_employed]
        left = np.flatnonzero(now_status != Status.EMPLOYED.value)
        was_employed, now_status = was_employed[left], now_status[left]
        sector, level = self.sector[was_employed], self.certificate[was_employed]
        exits = {"died_or_moved_away": now_status == NOT_PRESENT}
        for name, target in EXIT_STATUS.items():
            exits[name] = now_status == target
        inactive = now_status == Status.INACTIVE.value
        # the row now of one of last month's persons still here: its row then, less the
        # persons before it who are gone
        now_inactive = was_employed[inactive]
        person_rows = now_inactive - np.searchsorted(np.flatnonzero(~known), now_inactive)
        retired = np.zeros(len(was_employed), dtype=bool)
        retired[inactive] = ~working_age(
            persons.age_m[person_rows], persons.female[person_rows], state.retirement_age
        )
        exits["retired"] = retired
        exits["left_labour_force"] = exits["left_labour_force"] & ~retired
        for name in REPLACEMENT:
            counts = by_sector_and_level(sector[exits[name]], level[exits[name]])
            for index, sector_name in enumerate(SECTORS):
                yield name, sector_name, counts[index]

        # new supply
        certificate_now = persons.certificate[:staying]
        rose = certificate_now > self.certificate[known]
        yield "graduates", NO_SECTOR, by_level(certificate_now[rose])
        in_force = state.labour_force
        in_force_now = in_force[:staying]
        before = self.status[known]
        for name, sources in ENTRY_FROM.items():
            entered = in_force_now & ((before == sources[0]) | (before == sources[1]))
            yield name, NO_SECTOR, by_level(certificate_now[entered])
        arrived = in_force[staying:]
        yield "in_migrants", NO_SECTOR, by_level(persons.certificate[staying:][arrived])

    def _still_here(self, pid: np.ndarray) -> tuple[int, np.ndarray]:
        """How many of the rows of this month's ids ``pid`` are last month's persons (the
        first rows: ids only grow and rows keep their order), and which of last month's
        persons are still here (a mask).  A table of flags by id, filled and read in
        increasing order (cheaper than :meth:`PersonTable.locate`, which finds rows)."""
        if not len(self.pid):
            return 0, np.zeros(0, dtype=bool)
        staying = int(np.searchsorted(pid, self.pid[-1], side="right"))
        here = np.zeros(int(self.pid[-1]) + 1, dtype=bool)
        here[pid[:staying]] = True
        return staying, here[self.pid]
