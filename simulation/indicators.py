"""Indicators: each declared once, as a function that carries its label, unit and definition.

A monthly indicator is a pure function of a :class:`State` (persons, firms and the month's
flows) declared with :func:`indicator`; its docstring is its official definition, and the
declaration says how it is summed over a year (mean of the months, December value, or
sum) and whether the model estimates it or it is set by inputs (an assumed formula or a
lever's setting that it only echoes).  An annual indicator (productivity growth ...) is a
function of the table of years, declared with :func:`annual_indicator`.  Targets, output
files, tables, plots and reports all read these declarations.

Rates are fractions; counts are in persons (agents times ``scale``).  Definitions follow
Vietnam's labour force survey (GSO), on which the province reports:

- labour force: people 15+ employed or unemployed;
- unemployed: no work in the reference week, looking for work and available;
- underemployed: employed, worked under 35 hours, want and are available for more;
- youth: 15-24; working age: 15 up to the Labour Code 2019 retirement age.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from simulation.calendar import MONTHS_PER_YEAR
from simulation.firms import FirmTable, Ownership
from simulation.labour_law import UNDEREMPLOYMENT_HOURS, WORKING_AGE_FROM_MONTHS, working_age
from simulation.population import (
    NEVER,
    SECTORS,
    UNEMPLOYMENT_DURATIONS,
    YOUTH_AGES_MONTHS,
    Certificate,
    Insurance,
    PersonTable,
    Sector,
    Status,
    per_employer,
)
from simulation.short_time import employer_cuts_hours, wants_more_hours
from simulation.spell_exits import (
    DESTINATION_LABELS,
    ORIGIN_LABELS,
    Destination,
    destination_flow,
    entry_flow,
    entry_origins,
    exit_flow,
    informal_exit_flow,
)
from simulation.unemployment_benefit import BENEFIT_DENIED, BENEFIT_MONTHS, BENEFIT_STARTS

MODEL = "model"  # the model estimates it: it moves with what agents decide
MILLION_PER_BILLION = 1000.0  # value added is in million VND, GRDP in bn VND
INPUTS = "inputs"  # set by inputs: an assumed formula or a lever setting it echoes


@dataclass
class State:
    """What the indicators read: the tables, the month's flows and a few fixed facts."""

    persons: PersonTable
    firms: FirmTable
    scale: int
    retirement_age: tuple[int, int]  # (men, women) in months, this year
    value_added: float = 0.0  # this month, million VND, constant 2022 prices
    # the same without the capital enterprises put in place of labour (capital deepening)
    value_added_without_capital: float = 0.0
    # the same by sector (agriculture, industry and construction, services)
    value_added_by_sector: np.ndarray = field(default_factory=lambda: np.zeros(len(SECTORS)))
    taxes_share: float = 0.0  # taxes on products as a share of GRDP
    satisfaction: float = float("nan")  # proxy index, see si_satisfaction
    flows: dict[str, float] = field(default_factory=dict)  # this month's counts, in agents
    month: int = 0  # the month measured (simulation.calendar's month number)

    # Masks used by many indicators, computed once per state.
    @cached_property
    def recently_certified(self) -> np.ndarray:
        """Rows of those who earned a certificate in the twelve months up to this one (this
        month included): a few, read by two indicators."""
        certified = self.persons.certified_month
        return np.flatnonzero((certified != NEVER) & (self.month - certified < MONTHS_PER_YEAR))

    @cached_property
    def employed(self) -> np.ndarray:
        return self.persons.status == Status.EMPLOYED.value

    @cached_property
    def labour_force(self) -> np.ndarray:
        return self.employed | self.status(Status.UNEMPLOYED)

    @cached_property
    def working_age(self) -> np.ndarray:
        return working_age(self.persons.age_m, self.persons.female, self.retirement_age)

    @cached_property
    def youth(self) -> np.ndarray:
        youngest, oldest = YOUTH_AGES_MONTHS
        return (self.persons.age_m >= youngest) & (self.persons.age_m < oldest)

    @cached_property
    def working_age_labour_force(self) -> np.ndarray:
        return self.labour_force & self.working_age

    @cached_property
    def employed_rows(self) -> np.ndarray:
        """Rows of the employed (indexing with rows is faster than with a scattered mask)."""
        return np.flatnonzero(self.employed)

    @cached_property
    def employers(self) -> np.ndarray:
        """Employer of each employed person (-2 for commuters to other provinces)."""
        return self.persons.employer[self.employed_rows]

    @cached_property
    def employed_wages(self) -> np.ndarray:
        """Monthly labour income of each employed person."""
        return self.persons.wage[self.employed_rows]

    @cached_property
    def underemployed(self) -> np.ndarray:
        """Mask of the underemployed (see :func:`_underemployed`)."""
        return _underemployed(self)

    @cached_property
    def employer_ownership(self) -> np.ndarray:
        """Ownership of each employed person's employer; -1 outside the province."""
        return per_employer(self.firms.ownership, self.employers, -1)

    @cached_property
    def short_time_rows(self) -> np.ndarray:
        """Rows of the employed whose employer cut their hours below usual this month (see
        :func:`simulation.short_time.on_short_time`; from the employers read already, and
        rows rather than a mask over every person: two indicators count them)."""
        rows = self.employed_rows[employer_cuts_hours(self.firms, self.employers)]
        return rows[self.persons.hours[rows] < self.persons.usual_hours[rows]]

    @cached_property
    def employment_by_ownership(self) -> np.ndarray:
        """The employed of firms in the province by their employer's ownership (agents),
        counted once for the five indicators of employment by ownership."""
        ownership = self.employer_ownership
        return np.bincount(ownership[ownership >= 0], minlength=len(Ownership))

    def status(self, status: Status) -> np.ndarray:
        """Mask of the persons in ``status``, made once per state (seven indicators read
        the unemployed)."""
        if status == Status.EMPLOYED.value:
            return self.employed
        masks = self.__dict__.setdefault("_status_masks", {})
        if status not in masks:
            # a plain code: see simulation.population.Status
            masks[status] = self.persons.status == int(status)
        return masks[status]

    def persons_count(self, mask: np.ndarray) -> float:
        """Persons (agents times scale) where ``mask`` holds."""
        return float(np.count_nonzero(mask) * self.scale)


@dataclass(frozen=True)
class Indicator:
    """One indicator's declaration: what every table, plot and report reads."""

    id: str
    label: str
    unit: str  # "share" (a fraction), "persons", "firms", "bn VND", "million VND", "hours/week",
    # "months"
    definition: str  # the official or model definition (the function's docstring)
    aggregate: str  # over a year: "mean", "last" (December), "sum"; or "annual"
    driven_by: str  # MODEL (estimated) or INPUTS (set by inputs: no confidence interval)
    function: Callable
    note: str = ""  # what a reader must know (e.g. why it is set by inputs)
    uses_other_years: bool = False  # annual ones: needs every year's table (growth rates)
    complete_year_only: bool = True  # annual ones: undefined for a partial year

    @property
    def estimated(self) -> bool:
        return self.driven_by == MODEL


MONTHLY_INDICATORS: dict[str, Indicator] = {}  # in the order of the output files
ANNUAL_INDICATORS: dict[str, Indicator] = {}
INDICATORS: dict[str, Indicator] = {}  # both, by id


def _register(table: dict[str, Indicator], declaration: Indicator) -> None:
    if declaration.id in INDICATORS:
        raise ValueError(f"indicator {declaration.id} is declared twice")
    if declaration.driven_by not in (MODEL, INPUTS):
        raise ValueError(f"indicator {declaration.id}: driven_by must be {MODEL} or {INPUTS}")
    if not declaration.definition:
        raise ValueError(f"indicator {declaration.id} has no definition (docstring)")
    table[declaration.id] = declaration
    INDICATORS[declaration.id] = declaration


def indicator(
    label: str,
    unit: str,
    aggregate: str,
    *,
    driven_by: str = MODEL,
    note: str = "",
    id: str | None = None,
) -> Callable[[Callable[[State], float]], Callable[[State], float]]:
    """Declare a monthly indicator: ``@indicator(label, unit, aggregate)`` on a function of
    a :class:`State` whose docstring is its definition."""
    if aggregate not in ("mean", "last", "sum"):
        raise ValueError(f"aggregate must be mean, last or sum, got {aggregate!r}")

    def declare(function: Callable[[State], float]) -> Callable[[State], float]:
        _register(
            MONTHLY_INDICATORS,
            Indicator(
                id=id or function.__name__,
                label=label,
                unit=unit,
                definition=inspect.cleandoc(function.__doc__ or ""),
                aggregate=aggregate,
                driven_by=driven_by,
                function=function,
                note=note,
            ),
        )
        return function

    return declare


def annual_indicator(
    label: str,
    unit: str,
    *,
    uses_other_years: bool = False,
    complete_year_only: bool = True,
    driven_by: str = MODEL,
) -> Callable:
    """Declare an annual indicator: a function ``(years, year, reference)`` of the table of
    years (each year's aggregated monthly indicators), the year, and the data's reference
    levels of the year before the simulation (``{"grdp": (year, level), ...}``)."""

    def declare(function: Callable) -> Callable:
        _register(
            ANNUAL_INDICATORS,
            Indicator(
                id=function.__name__,
                label=label,
                unit=unit,
                definition=inspect.cleandoc(function.__doc__ or ""),
                aggregate="annual",
                driven_by=driven_by,
                function=function,
                uses_other_years=uses_other_years,
                complete_year_only=complete_year_only,
            ),
        )
        return function

    return declare


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> float:
    count = int(np.count_nonzero(denominator))
    return float(np.count_nonzero(numerator & denominator)) / count if count else float("nan")


def _underemployed(state: State) -> np.ndarray:
    """Employed, worked under 35 hours, and want more: by their own preference or because
    their employer cut their hours (short-time work; see :mod:`simulation.short_time`)."""
    persons = state.persons
    short = state.employed & (persons.hours < UNDEREMPLOYMENT_HOURS)
    rows = np.flatnonzero(short)
    short[rows] = wants_more_hours(persons, state.firms, rows)
    return short


def _unemployment_rate(state: State, among: np.ndarray | None = None) -> float:
    """Unemployed over the working-age labour force, of the persons ``among`` (all: None)."""
    labour_force = state.working_age_labour_force
    if among is not None:
        labour_force = labour_force & among
    return _ratio(state.status(Status.UNEMPLOYED), labour_force)


def _underemployment_rate(state: State, among: np.ndarray | None = None) -> float:
    """Underemployed over the employed of working age, of the persons ``among`` (all: None)."""
    employed = state.status(Status.EMPLOYED) & state.working_age
    if among is not None:
        employed = employed & among
    return _ratio(state.underemployed, employed)


# --------------------------------------------------------------------------- the 13 targets


@indicator("Agricultural share of employment", "share", "mean")
def agri_share(state: State) -> float:
    """Agriculture, forestry and fishery workers as a share of total employment (plan II.2)."""
    return _ratio(state.persons.sector == Sector.AGRICULTURE.value, state.status(Status.EMPLOYED))


@indicator("Employed trained with degree or certificate", "share", "last")
def trained_certified(state: State) -> float:
    """Employed workers trained with a degree or certificate (elementary/sơ cấp, i.e. training
    of at least 3 months, or higher) as a share of all employed workers."""
    return _ratio(
        state.persons.certificate >= Certificate.ELEMENTARY.value, state.status(Status.EMPLOYED)
    )


@indicator(
    "Labour force given retraining / continuous training",
    "share",
    "last",
    note="counted when a course is completed, each person once; the training lever's seats"
    " are taken or declined by the persons offered them (returns against costs), and its"
    " effect is net of those trained anyway; in-firm training and courses for the"
    " unemployed follow assumed monthly rates",
)
def retrained(state: State) -> float:
    """Share of the labour force who completed retraining or continuous training (short
    courses, in-firm training, courses for the unemployed, part-time vocational courses)
    since the start of the simulation, each person counted once.

    The window is the simulation's, from 1 January 2022: the plan counts training over
    its period, and the base year has no record of earlier training, so this starts at
    zero and accumulates from the first month's completions on."""
    return _ratio(state.persons.retrained, state.labour_force)


def _recent_graduates_employed(state: State, lowest: Certificate, highest: Certificate) -> float:
    """Share in employment of those who earned a certificate from ``lowest`` to ``highest``
    in the twelve months up to this one (this month included)."""
    rows = state.recently_certified
    certificate = state.persons.certificate[rows]
    recent = (certificate >= lowest) & (certificate <= highest)
    return _ratio(state.employed[rows], recent)


@indicator(
    "Vocational graduates in work within a year",
    "share",
    "mean",
    note="the plan's aim is 85 % of learners employed after training (III.3.2)",
)
def vocational_graduates_employed(state: State) -> float:
    """Share in employment of the persons who earned a vocational certificate (elementary,
    intermediate or college level; full-time or part-time courses) in the twelve months up
    to this one (this month included)."""
    return _recent_graduates_employed(state, Certificate.ELEMENTARY, Certificate.COLLEGE)


@indicator("University graduates in work within a year", "share", "mean")
def university_graduates_employed(state: State) -> float:
    """Share in employment of the persons who graduated from university in the twelve
    months up to this one (this month included)."""
    return _recent_graduates_employed(state, Certificate.UNIVERSITY, Certificate.UNIVERSITY)


@indicator("Unemployment rate", "share", "mean")
def unemployment(state: State) -> float:
    """Unemployed as a share of the labour force of working age (GSO headline definition)."""
    return _unemployment_rate(state)


@indicator("Urban unemployment rate", "share", "mean")
def unemployment_urban(state: State) -> float:
    """Unemployment rate of the urban labour force of working age."""
    return _unemployment_rate(state, state.persons.urban)


@indicator("Underemployment rate", "share", "mean")
def underemployment(state: State) -> float:
    """Underemployed as a share of the employed of working age (GSO definition: employed,
    worked under 35 hours in the week, want and are available to work more)."""
    return _underemployment_rate(state)


@indicator("Urban youth (15-24) unemployment", "share", "mean")
def youth_unemployment_urban(state: State) -> float:
    """Unemployment rate of urban youth (15-24)."""
    return _unemployment_rate(state, state.youth & state.persons.urban)


@indicator("Rural youth (15-24) underemployment", "share", "mean")
def youth_underemployment_rural(state: State) -> float:
    """Underemployment rate of employed rural youth (15-24)."""
    return _underemployment_rate(state, state.youth & ~state.persons.urban)


@indicator("Working-age labour force in social insurance", "share", "last")
def si_coverage(state: State) -> float:
    """Working-age labour force in social insurance (compulsory or voluntary) as a share of
    the working-age labour force (Resolution 28-NQ/TW measure)."""
    return _ratio(state.persons.si != Insurance.NONE.value, state.working_age_labour_force)


@indicator("Voluntary social insurance (farmers, informal)", "share", "last")
def si_voluntary(state: State) -> float:
    """Voluntary social-insurance participants (farmers, informal workers) as a share of the
    working-age labour force."""
    return _ratio(state.persons.si == Insurance.VOLUNTARY.value, state.working_age_labour_force)


@indicator("Working-age labour force in unemployment insurance", "share", "last")
def ui_coverage(state: State) -> float:
    """Working-age labour force in unemployment insurance, as a share of it."""
    return _ratio(state.persons.ui, state.working_age_labour_force)


@indicator("Unemployment-insurance participants", "persons", "last")
def ui_participants(state: State) -> float:
    """Persons insured against unemployment (employees whose jobs carry compulsory
    insurance, of any age): the count the national figures of participants give."""
    return state.persons_count(state.persons.ui)


@indicator("Working-age labour force on track for a pension", "share", "last")
def pension_track_share(state: State) -> float:
    """Working-age labour force on track for a pension, as a share of it: people whose
    compulsory-insurance record dates from before the start (long enough to retire on a
    pension by the 2030s) and has not been taken as a lump sum."""
    return _ratio(state.persons.pension_track, state.working_age_labour_force)


@indicator(
    "Satisfaction of social-insurance participants (proxy)",
    "share",
    "last",
    driven_by=INPUTS,
    note="a proxy built on assumptions (no survey result for the province): it moves"
    " only with the social-insurance lever's service quality; read it as illustrative",
)
def si_satisfaction(state: State) -> float:
    """Satisfaction index of social-insurance participants: an explicit proxy.

    No survey is modelled.  The index starts at the assumed base level
    (``satisfaction_base``) and moves with the share of participants served online and
    quickly, which the social-insurance lever improves; see :mod:`simulation.mechanisms.insurance`.
    """
    return state.satisfaction


# productivity_growth is annual: see the annual indicators below.

# --------------------------------------------------------------------------- auxiliaries


@indicator("Resident population", "persons", "mean")
def population(state: State) -> float:
    """Resident population (persons abroad on contract work excluded)."""
    return state.persons_count(state.persons.status != Status.ABROAD.value)


@indicator("Labour force", "persons", "mean")
def labour_force(state: State) -> float:
    """Persons 15+ employed or unemployed."""
    return state.persons_count(state.labour_force)


@indicator("Employed", "persons", "mean")
def employed(state: State) -> float:
    """Persons 15+ who worked for pay or profit in the reference week (or have a job)."""
    return state.persons_count(state.status(Status.EMPLOYED))


@indicator("Unemployed", "persons", "mean")
def unemployed(state: State) -> float:
    """Persons 15+ without work, looking for work and available."""
    return state.persons_count(state.status(Status.UNEMPLOYED))


@indicator("Labour force participation rate (15+)", "share", "mean")
def lfpr(state: State) -> float:
    """Labour force participation rate of residents 15+."""
    adults = (state.persons.age_m >= WORKING_AGE_FROM_MONTHS) & (
        state.persons.status != Status.ABROAD.value
    )
    return _ratio(state.labour_force, adults)


@indicator("Unemployment rate (15+)", "share", "mean")
def unemployment_15plus(state: State) -> float:
    """Unemployed as a share of the whole labour force 15+ (not only working age)."""
    return _ratio(state.status(Status.UNEMPLOYED), state.labour_force)


@indicator("Youth (15-24) unemployment", "share", "mean")
def youth_unemployment(state: State) -> float:
    """Unemployment rate of youth (15-24) of the working-age labour force."""
    return _unemployment_rate(state, state.youth)


@indicator("Students (15+)", "persons", "mean")
def students(state: State) -> float:
    """Persons 15+ in upper-secondary school, vocational training or university."""
    return state.persons_count(state.status(Status.STUDENT))


@indicator("Contract workers abroad", "persons", "mean")
def abroad(state: State) -> float:
    """Residents away on contract work abroad (not in the resident population)."""
    return state.persons_count(state.status(Status.ABROAD))


def _declare_sector_employment(sector: Sector, label: str) -> None:
    def employment(state: State) -> float:
        return state.persons_count((state.persons.sector == sector) & state.employed)

    employment.__doc__ = f"Employment in {sector.name.lower()} (persons)."
    indicator(label, "persons", "mean", id=f"employment_{sector.name.lower()}")(employment)


def _grdp_of(value_added: float, state: State) -> float:
    """GRDP (bn VND) of ``value_added`` (million VND, in agents): scaled to persons, with
    taxes on products in proportion."""
    return value_added / MILLION_PER_BILLION * state.scale / (1.0 - state.taxes_share)


def _declare_sector_grdp(sector: Sector, label: str) -> None:
    def grdp_of_sector(state: State) -> float:
        share = state.value_added_by_sector[sector]
        return _grdp_of(share, state)

    grdp_of_sector.__doc__ = (
        f"GRDP of {sector.name.lower()} in the month at constant 2022 prices, bn VND: the "
        "sector's value added plus taxes on products in proportion to it, so that the "
        "sectors add up to GRDP."
    )
    indicator(label, "bn VND", "sum", id=f"grdp_{sector.name.lower()}")(grdp_of_sector)


def _declare_ownership_employment(ownership: Ownership, label: str) -> None:
    def employment(state: State) -> float:
        return float(state.employment_by_ownership[ownership] * state.scale)

    employment.__doc__ = f"Employment in {ownership.name.lower()} firms (persons)."
    indicator(label, "persons", "mean", id=f"employment_{ownership.name.lower()}")(employment)


_declare_sector_employment(Sector.AGRICULTURE, "Employment in agriculture")
_declare_sector_employment(Sector.INDUSTRY, "Employment in industry and construction")
_declare_sector_employment(Sector.SERVICES, "Employment in services")
_declare_sector_grdp(Sector.AGRICULTURE, "GRDP of agriculture, forestry and fishery")
_declare_sector_grdp(Sector.INDUSTRY, "GRDP of industry and construction")
_declare_sector_grdp(Sector.SERVICES, "GRDP of services")
_declare_ownership_employment(Ownership.FDI, "Employment in FDI firms")
_declare_ownership_employment(Ownership.DOMESTIC, "Employment in domestic private enterprises")
_declare_ownership_employment(Ownership.STATE, "Employment in the state sector")
_declare_ownership_employment(Ownership.HOUSEHOLD, "Employment in household businesses")
_declare_ownership_employment(Ownership.FARM, "Employment on farms")


@indicator("Residents working in other provinces", "persons", "mean")
def employment_outside(state: State) -> float:
    """Residents employed by firms in other provinces (commuters)."""
    return state.persons_count(state.employers == -2)


@indicator("Employment in industrial zones", "persons", "mean")
def employment_iz(state: State) -> float:
    """Employment in firms located in industrial zones."""
    employer = state.employers
    return state.persons_count(state.firms.in_iz[employer[employer >= 0]])


@indicator("Employment in enterprises", "persons", "mean")
def enterprise_employment(state: State) -> float:
    """Employment in registered enterprises: FDI and domestic private.  (The state sector,
    mostly public service units, is counted separately.)"""
    ownership = state.employer_ownership
    return state.persons_count(
        (ownership == Ownership.FDI.value) | (ownership == Ownership.DOMESTIC.value)
    )


@indicator("Active enterprises", "firms", "last")
def enterprises(state: State) -> float:
    """Active enterprises (FDI and domestic, household businesses registered as enterprises
    included), counting the real firms each agent stands for."""
    firms = state.firms
    registered = (firms.ownership <= Ownership.DOMESTIC.value) | firms.registered
    return float(firms.represents[firms.active & registered].sum())


@indicator("Active FDI firms", "firms", "last")
def fdi_firms(state: State) -> float:
    """Active FDI firms (projects)."""
    firms = state.firms
    return float(firms.represents[firms.active & (firms.ownership == Ownership.FDI.value)].sum())


@indicator("Informal employment share", "share", "mean")
def informal_share(state: State) -> float:
    """Employed without a formal contract as a share of the employed."""
    return _ratio(~state.persons.formal, state.status(Status.EMPLOYED))


@indicator("Average monthly income of the employed", "million VND", "mean")
def average_wage(state: State) -> float:
    """Mean monthly labour income of the employed, million VND (current month)."""
    wages = state.employed_wages
    return float(wages.mean()) if len(wages) else float("nan")


@indicator("Average monthly income in household businesses", "million VND", "mean")
def household_income(state: State) -> float:
    """Mean monthly labour income of household-business workers, million VND (their share
    of their district's household-business revenue)."""
    working = np.flatnonzero(state.employer_ownership == Ownership.HOUSEHOLD.value)
    return float(state.employed_wages[working].mean()) if len(working) else float("nan")


@indicator("Average monthly income on farms", "million VND", "mean")
def farm_income(state: State) -> float:
    """Mean monthly labour income of farm workers, million VND (it follows the crop
    calendar's hours)."""
    working = np.flatnonzero(state.employer_ownership == Ownership.FARM.value)
    return float(state.employed_wages[working].mean()) if len(working) else float("nan")


@indicator("Workers on short time", "persons", "mean")
def short_time_workers(state: State) -> float:
    """Employed persons whose enterprise cut their hours below their usual hours this month
    (short-time work: cut overtime, shorter weeks, rotation, paid stoppage, suspended
    contracts, all counted as hours)."""
    return float(len(state.short_time_rows) * state.scale)


@indicator("Industrial-zone workers on short time", "persons", "mean")
def short_time_workers_iz(state: State) -> float:
    """Workers on short time in firms located in industrial zones."""
    employer = state.persons.employer[state.short_time_rows]
    return state.persons_count(state.firms.in_iz[employer])


@indicator("Average weekly hours of the employed", "hours/week", "mean")
def average_hours(state: State) -> float:
    """Mean hours worked in the week by the employed (main job)."""
    hours = state.persons.hours[state.employed_rows]
    return float(hours.mean()) if len(hours) else float("nan")


@indicator("GRDP (constant 2022 prices)", "bn VND", "sum")
def grdp(state: State) -> float:
    """GRDP of the month at constant 2022 prices, bn VND: value added plus taxes on products."""
    return _grdp_of(state.value_added, state)


@indicator("GRDP without capital deepening (constant 2022 prices)", "bn VND", "sum")
def grdp_without_capital_deepening(state: State) -> float:
    """GRDP of the month at constant 2022 prices, bn VND, had no enterprise put capital in
    place of labour since it was first observed (each enterprise's value added per unit of
    labour at its productivity alone; see labour_demand.capital_deepening): the base of
    the capital-deepening part of productivity growth."""
    return _grdp_of(state.value_added_without_capital, state)


def _declare_flow(
    id: str,
    label: str,
    unit: str,
    aggregate: str,
    definition: str,
    flow: str | None = None,
    driven_by: str = MODEL,
) -> None:
    """A count of the month's flow ``flow`` (the id unless given), in persons or firms."""
    flow = flow or id

    def count(state: State) -> float:
        return float(state.flows.get(flow, 0.0) * state.scale)

    count.__doc__ = definition
    indicator(label, unit, aggregate, id=id, driven_by=driven_by)(count)


_declare_flow(
    "new_enterprises",
    "New enterprises",
    "firms",
    "sum",
    "Enterprises founded this month (FDI, domestic, household businesses registering as"
    " enterprises).",
)
_declare_flow(
    "household_registrations",
    "Household businesses registering as enterprises",
    "firms",
    "sum",
    "Household businesses that chose to register as enterprises this month"
    " (simulation/mechanisms/registration.py).",
)
_declare_flow(
    "vocational_enrolments",
    "Vocational enrolments",
    "persons",
    "sum",
    "New entrants to vocational courses of 3+ months.",
)
_declare_flow(
    "vocational_graduates",
    "Vocational graduates",
    "persons",
    "sum",
    "Completions of vocational courses with a certificate.",
)
_declare_flow(
    "lower_secondary_graduates",
    "Lower-secondary graduates",
    "persons",
    "sum",
    "Pupils finishing lower secondary this month.",
)
_declare_flow(
    "lower_secondary_to_vocational",
    "Lower-secondary graduates entering vocational training",
    "persons",
    "sum",
    "Lower-secondary graduates who enter vocational education.",
)
_declare_flow(
    "lower_secondary_to_public_upper",
    "Lower-secondary graduates entering public upper secondary",
    "persons",
    "sum",
    "Pupils admitted to public upper secondary (the grade-10 quota, by score) who take the place.",
)
_declare_flow(
    "lower_secondary_to_work",
    "Lower-secondary graduates leaving school for work",
    "persons",
    "sum",
    "Lower-secondary graduates who neither continue at school nor start vocational training.",
)
_declare_flow(
    "adult_course_entries",
    "Adults starting a part-time certificate course",
    "persons",
    "sum",
    "Workers and jobseekers of working age who started a part-time vocational course"
    " (elementary level, or intermediate for holders of an elementary certificate) this"
    " month, by their own choice or paid by their enterprise.",
)
_declare_flow(
    "sponsored_course_entries",
    "Part-time certificate courses paid by enterprises",
    "persons",
    "sum",
    "Of the adults starting a part-time certificate course this month, those whose"
    " enterprise chose to pay for it (its returns against the working time and fees it"
    " costs: simulation/training_choice.py).",
)
_declare_flow(
    "full_time_vocational_graduates",
    "Graduates of full-time vocational courses",
    "persons",
    "sum",
    "Full-time vocational students who completed their course with a certificate this"
    " month (part-time courses taken by workers and jobseekers not included).",
)
_declare_flow(
    "vocational_drop_outs",
    "Drop-outs from full-time vocational courses",
    "persons",
    "sum",
    "Full-time vocational students who left their course this month without its"
    " certificate: their choice, weighing the course's pay premium against work now"
    " (simulation/drop_out.py).",
)
_declare_flow(
    "university_graduates",
    "University graduates",
    "persons",
    "sum",
    "University students who completed their degree this month.",
)
_declare_flow(
    "university_drop_outs",
    "University drop-outs",
    "persons",
    "sum",
    "University students who left their studies this month without a degree"
    " (simulation/drop_out.py).",
)
_declare_flow(
    "upper_secondary_graduates",
    "Upper-secondary graduates",
    "persons",
    "sum",
    "Pupils finishing upper secondary (in June) this month.",
)
_declare_flow(
    "upper_secondary_to_vocational",
    "Upper-secondary graduates entering vocational training",
    "persons",
    "sum",
    "Upper-secondary graduates who enter college or intermediate vocational education.",
)
_declare_flow(
    "upper_secondary_to_work",
    "Upper-secondary graduates leaving school for work",
    "persons",
    "sum",
    "Upper-secondary graduates who chose work or found no seat in the school they chose.",
)
_declare_flow(
    "hires",
    "Hires",
    "persons",
    "sum",
    "Jobs taken this month: hires by firms, plus jobseekers falling back on family"
    " farming, informal household work or their own business.",
)
_declare_flow(
    "separations", "Separations", "persons", "sum", "Quits, layoffs and firm closures this month."
)
_declare_flow(
    "policy_cost",
    "Public cost of the scenario's levers",
    "bn VND",
    "sum",
    "Public spending of the levers this month (bn VND).",
    flow="policy_cost_bn_vnd",
    driven_by=INPUTS,
)
_declare_flow(
    "vacancies",
    "Vacancies open this month",
    "persons",
    "mean",
    "Posts firms in the province want filled at the start of the month's matching.",
    flow="vacancies_open",
)
_declare_flow(
    "vacancies_unfilled",
    "Vacancies unfilled at the end of the month",
    "persons",
    "mean",
    "Posts still open after the month's matching.",
    flow="vacancies",
)
_declare_flow(
    "vacancies_certified",
    "Vacancies for certified workers",
    "persons",
    "mean",
    "Posts open at the start of the month's matching times the share of certified workers"
    " their firms want (high-tech FDI projects want more).",
)
_declare_flow(
    "retraining_entries",
    "Retraining course entries",
    "persons",
    "sum",
    "Workers starting retraining or continuous training without a certificate (in-firm"
    " training, courses for the unemployed, the training lever's seats).",
)
_declare_flow(
    "retraining_completions",
    "Retraining and continuous training completed",
    "persons",
    "sum",
    "Courses of retraining or continuous training completed this month (short courses and"
    " part-time vocational courses); a person may complete more than one over the years.",
)
_declare_flow(
    "programme_offers_declined",
    "Training seats declined",
    "persons",
    "sum",
    "Seats of the training lever offered and declined this month (the course was not worth"
    " its cost to the person offered it).",
)
_declare_flow(
    "job_to_job",
    "Job-to-job moves",
    "persons",
    "sum",
    "Employed people moving straight to another job.",
)
_declare_flow(
    "layoffs", "Layoffs", "persons", "sum", "Workers laid off (excess workers and firm closures)."
)
_declare_flow(
    "layoffs_iz",
    "Layoffs in industrial zones",
    "persons",
    "sum",
    "Workers laid off by industrial-zone firms with too many workers.",
)
_declare_flow("births", "Births", "persons", "sum", "Children born this month.")
_declare_flow("deaths", "Deaths", "persons", "sum", "Deaths this month.")
_declare_flow(
    "in_migrants",
    "In-migrants",
    "persons",
    "sum",
    "Persons moving into the province from other provinces this month.",
)
_declare_flow(
    "out_migrants",
    "Out-migrants",
    "persons",
    "sum",
    "Residents moving out of the province to other provinces this month.",
)


_declare_flow(
    "farm_releases",
    "Members released by farms short of work",
    "persons",
    "sum",
    "Farm members released to look for work (or, past the retirement age, to stop working)"
    " by farms whose yearly work per member fell below the release threshold.",
)
_declare_flow(
    "farm_returns",
    "Jobseekers taken back by family farms",
    "persons",
    "sum",
    "Rural jobseekers taken back by family farms of their district with work to spare.",
)
_declare_flow(
    "informal_fallback",
    "Jobseekers taking informal work",
    "persons",
    "sum",
    "Jobseekers who took work in a household business of their district, preferring its"
    " income to searching on (simulation/informal_choice.py).",
)


_declare_flow(
    "offers_refused",
    "Wage offers refused",
    "persons",
    "sum",
    "Jobseekers' applications dropped because the job paid less than their reservation wage"
    " (anchored on their last pay and falling slowly with the spell, never below their"
    " benefit or informal income nearby; simulation/informal_choice.py).",
)


_declare_flow(
    "wage_raises",
    "Enterprises raising their posted pay",
    "firms",
    "sum",
    "Enterprises whose vacancies stayed open long enough that they raised their wage premium"
    " this month (simulation/wage_posting.py).",
)
_declare_flow(
    "wage_cuts",
    "Enterprises cutting their posted pay",
    "firms",
    "sum",
    "Enterprises with more workers than they need that cut their wage premium this month"
    " (rare and small: simulation/wage_posting.py).",
)


_declare_flow(
    "minimum_wage_spillovers",
    "Enterprises raising pay scales after a minimum-wage rise",
    "firms",
    "sum",
    "Enterprises near the floor that raised their pay scales this month because their"
    " district's minimum wage rose (simulation/wage_posting.py).",
)


_declare_flow(
    "si_withdrawals",
    "Lump-sum social-insurance withdrawals",
    "persons",
    "sum",
    "People who took their compulsory-insurance contribution record as a lump sum this"
    " month (BHXH một lần, Law on Social Insurance 2014 Art. 60: a year out of insurance),"
    " giving up the pension it led to (simulation/mechanisms/insurance.py).",
)


@indicator("Monthly hazard from unemployment into informal work", "share", "mean")
def informal_entry_rate(state: State) -> float:
    """Jobseekers who took informal work this month over the adult jobseekers who had
    searched long enough to weigh it (an outcome of their choices, not an input)."""
    candidates = state.flows.get("informal_candidates", 0.0)
    return state.flows.get("informal_fallback", 0.0) / candidates if candidates else 0.0


@indicator("Net migration", "persons", "sum")
def net_migration(state: State) -> float:
    """In-migrants less out-migrants this month."""
    return (
        state.flows.get("in_migrants", 0.0) - state.flows.get("out_migrants", 0.0)
    ) * state.scale


for _duration in UNEMPLOYMENT_DURATIONS:
    _declare_flow(
        f"unemployed_{_duration.name}",
        f"Unemployed for {_duration.label} months",
        "persons",
        "sum",
        "Unemployed at the start of each month's matching, by months of unemployment;"
        " summed over the months of a year this is person-months.",
    )
for _duration in UNEMPLOYMENT_DURATIONS:
    _declare_flow(
        f"hires_{_duration.name}",
        f"Hires of those unemployed {_duration.label} months",
        "persons",
        "sum",
        "Hires out of unemployment, by months of unemployment.",
    )
for _duration in UNEMPLOYMENT_DURATIONS:
    _declare_flow(
        exit_flow(_duration.name),
        f"Exits from unemployment after {_duration.label} months",
        "persons",
        "sum",
        "Persons unemployed at last month's matching who are no longer unemployed at this"
        " month's, by their months of unemployment then (to any destination: a wage job,"
        " informal work, a farm, out of the labour force, away; simulation/spell_exits.py);"
        " over last month's unemployed of the same spell, the monthly exit hazard.",
    )
for _duration in UNEMPLOYMENT_DURATIONS:
    _declare_flow(
        informal_exit_flow(_duration.name),
        f"Exits from unemployment into informal work after {_duration.label} months",
        "persons",
        "sum",
        "Persons unemployed at last month's matching who are, at this month's, working in a"
        " household business (their own or another's) or on their family's farm, by their"
        " months of unemployment then (simulation/spell_exits.py); over last month's"
        " unemployed of the same spell, the monthly hazard into informal work.",
    )
_declare_flow(
    BENEFIT_STARTS,
    "Insured job losers starting an unemployment benefit",
    "persons",
    "sum",
    "Persons who lost a job insured against unemployment and became jobseekers this month"
    " with a contribution record that qualifies them (12 months within the last 24), drawing"
    " the benefit (Law on Employment 2013, Art. 49-50; simulation/unemployment_benefit.py:"
    " every one who qualifies claims it, take-up below one is not modelled); over the year's"
    " mean of unemployment-insurance participants, the yearly rate the national count of"
    " benefit recipients gives.",
)
_declare_flow(
    BENEFIT_DENIED,
    "Insured job losers without a qualifying record",
    "persons",
    "sum",
    "Persons who lost a job insured against unemployment and became jobseekers this month"
    " but whose contribution record is too short for the benefit (under 12 months within"
    " the last 24; Law on Employment 2013, Art. 49; simulation/unemployment_benefit.py).",
)
_declare_flow(
    BENEFIT_MONTHS,
    "Months of unemployment benefit granted",
    "months",
    "sum",
    "Months of benefit the month's benefit starts give, by their contribution records (3"
    " for up to 36 months of record, a month more for every further 12, at most 12; Law on"
    " Employment 2013, Art. 50); over the starts, the mean length of a benefit.",
)
for _origin in entry_origins():
    _declare_flow(
        entry_flow(_origin),
        f"Moves into unemployment from {ORIGIN_LABELS[_origin]}",
        "persons",
        "sum",
        f"Persons who became unemployed this month coming from {ORIGIN_LABELS[_origin]}"
        " (every move of the month, from the status changes the books are checked against;"
        " simulation/spell_exits.py).",
    )
for _destination in Destination:
    _declare_flow(
        destination_flow(_destination),
        f"Exits from unemployment to {DESTINATION_LABELS[_destination]}",
        "persons",
        "sum",
        "Persons unemployed at last month's matching who are, at this month's, in"
        f" {DESTINATION_LABELS[_destination]} (simulation/spell_exits.py).",
    )


# --------------------------------------------------------------------------- annual ones


@annual_indicator("Labour productivity (GRDP per employed)", "million VND")
def productivity(years: dict[int, dict[str, float]], year: int, reference) -> float:
    """Social labour productivity: GRDP (constant 2022 prices) per employed person, million VND."""
    annual = years[year]
    return annual["grdp"] * MILLION_PER_BILLION / annual["employed"]


def _share(part: float, whole: float) -> float:
    """``part`` over ``whole`` of a year's counts (NaN when the whole is none)."""
    return part / whole if whole > 0 else float("nan")


def _streaming(annual: dict[str, float], level: str) -> float:
    """Share of a year's graduates of ``level`` who enter vocational education."""
    return _share(annual.get(f"{level}_to_vocational", 0.0), annual.get(f"{level}_graduates", 0.0))


@annual_indicator(
    "Lower-secondary graduates entering vocational training", "share", complete_year_only=False
)
def lower_secondary_streaming(years: dict[int, dict[str, float]], year: int, reference) -> float:
    """Share of lower-secondary graduates who enter vocational education in the year."""
    return _streaming(years[year], "lower_secondary")


@annual_indicator(
    "Upper-secondary graduates entering vocational training", "share", complete_year_only=False
)
def upper_secondary_streaming(years: dict[int, dict[str, float]], year: int, reference) -> float:
    """Share of upper-secondary graduates who enter vocational education (college or
    intermediate level) in the year (the plan's target: 30-35 % by 2025)."""
    return _streaming(years[year], "upper_secondary")


def _completion(annual: dict[str, float], graduates: str, drop_outs: str) -> float:
    """Graduates over graduates and drop-outs of a year (those who left their course)."""
    finished = annual.get(graduates, 0.0)
    return _share(finished, finished + annual.get(drop_outs, 0.0))


@annual_indicator("Completion of full-time vocational courses", "share", complete_year_only=False)
def vocational_completion(years: dict[int, dict[str, float]], year: int, reference) -> float:
    """Of the full-time vocational students who left their course in the year, the share who
    completed it with its certificate (the others dropped out: simulation/drop_out.py)."""
    return _completion(years[year], "full_time_vocational_graduates", "vocational_drop_outs")


@annual_indicator("Completion of university studies", "share", complete_year_only=False)
def university_completion(years: dict[int, dict[str, float]], year: int, reference) -> float:
    """Of the university students who left their studies in the year, the share who
    graduated (the others dropped out: simulation/drop_out.py)."""
    return _completion(years[year], "university_graduates", "university_drop_outs")


@annual_indicator("Labour productivity growth, yearly average", "share", uses_other_years=True)
def productivity_growth(
    years: dict[int, dict[str, float]], year: int, reference: dict[str, tuple[int, float]]
) -> float:
    """Average yearly growth of social labour productivity from the reference year (the
    year before the simulation starts, 2021, from the data) to ``year``: the plan's target
    is a yearly average over 2021-2025."""
    reference_year, reference_level = reference["productivity"]
    level = years[year]["productivity"]
    span = year - reference_year
    return (level / reference_level) ** (1.0 / span) - 1.0 if span > 0 else float("nan")


@annual_indicator("Real GRDP growth", "share", uses_other_years=True)
def grdp_growth(
    years: dict[int, dict[str, float]], year: int, reference: dict[str, tuple[int, float]]
) -> float:
    """Real GRDP growth over the previous year (the reference GRDP for the first year)."""
    reference_year, reference_level = reference["grdp"]
    previous = (
        years[year - 1]["grdp"]
        if year - 1 in years
        else (reference_level if reference_year == year - 1 else float("nan"))
    )
    return years[year]["grdp"] / previous - 1.0


PRODUCTIVITY_PART = "Productivity growth: "  # the labels of its parts, by source


def _productivity_shift_share(years: dict[int, dict[str, float]], year: int) -> np.ndarray:
    """Labour productivity growth of ``year`` over the year before, split by source: within
    sectors, between them (structural change), their interaction and capital deepening.

    Shift-share over the sectors: with s the sector's share of employment and p its GRDP
    per employed person, P = sum(s p) and P1 / P0 - 1 = within + between + interaction,
    where within is sum(s0 (p1 - p0)) / P0, between sum((s1 - s0) p0) / P0 and interaction
    sum((s1 - s0)(p1 - p0)) / P0.  Capital deepening happens within sectors: with D the
    ratio of GRDP to GRDP without capital deepening, P1 / P0 = (P1' / P0') (D1 / D0), so
    the growth it brings is (P1 / P0) (1 - D0 / D1), taken out of the within part.  NaN for
    the first simulated year (no figures of the year before)."""
    if year - 1 not in years:
        return np.full(len(PRODUCTIVITY_SOURCES), float("nan"))
    parts = []
    for table in (years[year - 1], years[year]):
        employment = np.array([table[f"employment_{sector}"] for sector in SECTORS])
        grdp = np.array([table[f"grdp_{sector}"] for sector in SECTORS])
        total = employment.sum()
        parts.append((employment / total, grdp / employment, grdp.sum() / total))
    (share0, level0, total0), (share1, level1, total1) = parts
    change_share, change_level = share1 - share0, level1 - level0
    deepening = [
        table["grdp"] / table["grdp_without_capital_deepening"]
        for table in (years[year - 1], years[year])
    ]
    capital = total1 / total0 * (1.0 - deepening[0] / deepening[1])
    return np.array(
        [
            np.sum(share0 * change_level) / total0 - capital,
            np.sum(change_share * level0) / total0,
            np.sum(change_share * change_level) / total0,
            capital,
        ]
    )


@annual_indicator(f"{PRODUCTIVITY_PART}within sectors", "share", uses_other_years=True)
def productivity_growth_within(
    years: dict[int, dict[str, float]], year: int, reference: dict[str, tuple[int, float]]
) -> float:
    """The part of the year's labour productivity growth (GRDP per employed person, over
    the year before) from growth within agriculture, industry-construction and services at
    the year before's employment shares, capital deepening apart: technical progress (the
    sectors' assumed or national rates, which carry the nation's own capital deepening),
    and within each sector the move of workers between firms (into FDI and other more
    productive enterprises, out of household businesses), hours and the farms' work.  See
    :func:`_productivity_shift_share`."""
    return float(_productivity_shift_share(years, year)[0])


@annual_indicator(f"{PRODUCTIVITY_PART}structural change", "share", uses_other_years=True)
def productivity_growth_between(
    years: dict[int, dict[str, float]], year: int, reference: dict[str, tuple[int, float]]
) -> float:
    """The part of the year's labour productivity growth from workers moving between
    sectors (out of agriculture) at the year before's productivity levels of the sectors.
    See :func:`_productivity_shift_share`."""
    return float(_productivity_shift_share(years, year)[1])


@annual_indicator(f"{PRODUCTIVITY_PART}interaction", "share", uses_other_years=True)
def productivity_growth_interaction(
    years: dict[int, dict[str, float]], year: int, reference: dict[str, tuple[int, float]]
) -> float:
    """The part of the year's labour productivity growth from workers moving into sectors
    whose productivity grows (the cross term of the shift-share split).  See
    :func:`_productivity_shift_share`."""
    return float(_productivity_shift_share(years, year)[2])


@annual_indicator(f"{PRODUCTIVITY_PART}capital deepening", "share", uses_other_years=True)
def productivity_growth_capital(
    years: dict[int, dict[str, float]], year: int, reference: dict[str, tuple[int, float]]
) -> float:
    """The part of the year's labour productivity growth from capital that enterprises put
    in place of labour as their labour costs rose faster than their productivity (and the
    reverse when labour got cheaper): the constant-output response of their wanted workers
    (see labour_demand.capital_deepening).  Capital deepening beyond the nation's, whose
    own is inside the sectors' technical progress (an input).  See
    :func:`_productivity_shift_share`."""
    return float(_productivity_shift_share(years, year)[3])


# the parts of a year's labour productivity growth, in the order of
# _productivity_shift_share; their labels after PRODUCTIVITY_PART name the source
PRODUCTIVITY_SOURCES = (
    "productivity_growth_within",
    "productivity_growth_between",
    "productivity_growth_interaction",
    "productivity_growth_capital",
)


# each part's name after PRODUCTIVITY_PART ("within sectors", ...), for the reports
PRODUCTIVITY_SOURCE_NAMES = {
    source: INDICATORS[source].label.removeprefix(PRODUCTIVITY_PART)
    for source in PRODUCTIVITY_SOURCES
}


def measure(state: State) -> dict[str, float]:
    """Every monthly indicator of one state."""
    return {key: declaration.function(state) for key, declaration in MONTHLY_INDICATORS.items()}
