"""Indicators: pure functions of the model state, one per target of the plan plus auxiliaries.

Each function takes a :class:`State` (persons, firms and the month's flows) and returns a
number; rates are fractions.  Counts are in persons (agents times ``scale``).  Definitions
follow Vietnam's labour force survey (GSO), on which the province reports:

- labour force: people 15+ employed or unemployed;
- unemployed: no work in the reference week, looking for work and available;
- underemployed: employed, worked under 35 hours, want and are available for more;
- youth: 15-24; working age: 15 up to the Labour Code 2019 retirement age.

``INDICATORS`` lists every monthly indicator with how it is summed over a year;
``ANNUAL_INDICATORS`` those computed from the annual table (productivity growth ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from simulation.firms import FirmTable, Ownership
from simulation.labour_law import working_age
from simulation.population import Certificate, Insurance, PersonTable, Sector, Status


@dataclass
class State:
    """What the indicators read: the tables, the month's flows and a few fixed facts."""

    persons: PersonTable
    firms: FirmTable
    scale: int
    retirement_age: tuple[int, int]  # (men, women) in months, this year
    value_added: float = 0.0  # this month, million VND, constant 2022 prices
    taxes_share: float = 0.0  # taxes on products as a share of GRDP
    satisfaction: float = float("nan")  # proxy index, see si_satisfaction
    flows: dict[str, float] = field(default_factory=dict)  # this month's counts, in agents

    # Masks used by many indicators, computed once per state.
    @cached_property
    def employed(self) -> np.ndarray:
        return self.persons.status == Status.EMPLOYED

    @cached_property
    def labour_force(self) -> np.ndarray:
        return self.employed | (self.persons.status == Status.UNEMPLOYED)

    @cached_property
    def working_age(self) -> np.ndarray:
        return working_age(self.persons.age_m, self.persons.female, self.retirement_age)

    @cached_property
    def youth(self) -> np.ndarray:
        return (self.persons.age_m >= 15 * 12) & (self.persons.age_m < 25 * 12)

    @cached_property
    def employers(self) -> np.ndarray:
        """Employer of each employed person (-2 for commuters to other provinces)."""
        return self.persons.employer[self.employed]

    @cached_property
    def employer_ownership(self) -> np.ndarray:
        """Ownership of each employed person's employer; -1 outside the province."""
        employer = self.employers
        out = np.full(len(employer), -1, dtype=np.int8)
        inside = employer >= 0
        out[inside] = self.firms.ownership[employer[inside]]
        return out


def _status(s: State, status: Status) -> np.ndarray:
    if status == Status.EMPLOYED:
        return s.employed
    return s.persons.status == status


def _labour_force(s: State) -> np.ndarray:
    return s.labour_force


def _working_age(s: State) -> np.ndarray:
    return s.working_age


def _youth(s: State) -> np.ndarray:
    return s.youth


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> float:
    d = int(np.count_nonzero(denominator))
    return float(np.count_nonzero(numerator & denominator)) / d if d else float("nan")


def _underemployed(s: State) -> np.ndarray:
    p = s.persons
    return (p.status == Status.EMPLOYED) & (p.hours < 35) & p.wants_more


def _unemployment_rate(s: State, among: np.ndarray) -> float:
    lf = _labour_force(s) & _working_age(s) & among
    return _ratio(_status(s, Status.UNEMPLOYED), lf)


def _underemployment_rate(s: State, among: np.ndarray) -> float:
    employed = _status(s, Status.EMPLOYED) & _working_age(s) & among
    return _ratio(_underemployed(s), employed)


# --------------------------------------------------------------------------- the 13 targets


def agri_share(s: State) -> float:
    """Agriculture, forestry and fishery workers as a share of total employment (plan II.2)."""
    e = _status(s, Status.EMPLOYED)
    return _ratio(s.persons.sector == Sector.AGRICULTURE, e)


def trained_certified(s: State) -> float:
    """Employed workers trained with a degree or certificate (elementary/sơ cấp, i.e. training
    of at least 3 months, or higher) as a share of all employed workers."""
    e = _status(s, Status.EMPLOYED)
    return _ratio(s.persons.certificate >= Certificate.ELEMENTARY, e)


def retrained(s: State) -> float:
    """Share of the labour force given retraining or continuous training (short courses,
    in-firm training, retraining of the unemployed) since the start of the simulation.

    The plan counts training over its period; the base year has no record of earlier
    training, so this starts at zero on 1 January 2022 and accumulates from the first
    month's courses on (the first month's value already includes that month's entries)."""
    return _ratio(s.persons.retrained, _labour_force(s))


def unemployment(s: State) -> float:
    """Unemployed as a share of the labour force of working age (GSO headline definition)."""
    return _unemployment_rate(s, np.ones(len(s.persons), dtype=bool))


def unemployment_urban(s: State) -> float:
    """Unemployment rate of the urban labour force of working age."""
    return _unemployment_rate(s, s.persons.urban)


def underemployment(s: State) -> float:
    """Underemployed as a share of the employed of working age (GSO definition: employed,
    worked under 35 hours in the week, want and are available to work more)."""
    return _underemployment_rate(s, np.ones(len(s.persons), dtype=bool))


def youth_unemployment_urban(s: State) -> float:
    """Unemployment rate of urban youth (15-24)."""
    return _unemployment_rate(s, _youth(s) & s.persons.urban)


def youth_underemployment_rural(s: State) -> float:
    """Underemployment rate of employed rural youth (15-24)."""
    return _underemployment_rate(s, _youth(s) & ~s.persons.urban)


def si_coverage(s: State) -> float:
    """Working-age labour force in social insurance (compulsory or voluntary) as a share of
    the working-age labour force (Resolution 28-NQ/TW measure)."""
    lf = _labour_force(s) & _working_age(s)
    return _ratio(s.persons.si != Insurance.NONE, lf)


def si_voluntary(s: State) -> float:
    """Voluntary social-insurance participants (farmers, informal workers) as a share of the
    working-age labour force."""
    lf = _labour_force(s) & _working_age(s)
    return _ratio(s.persons.si == Insurance.VOLUNTARY, lf)


def ui_coverage(s: State) -> float:
    """Working-age labour force in unemployment insurance, as a share of it."""
    lf = _labour_force(s) & _working_age(s)
    return _ratio(s.persons.ui, lf)


def si_satisfaction(s: State) -> float:
    """Satisfaction index of social-insurance participants: an explicit proxy.

    No survey is modelled.  The index starts at the assumed base level
    (``satisfaction_base``) and moves with the share of participants served online and
    quickly, which the social-insurance lever improves; see :mod:`simulation.mechanisms.insurance`.
    """
    return s.satisfaction


# productivity_growth is annual: see ANNUAL_INDICATORS below.

# --------------------------------------------------------------------------- auxiliaries


def population(s: State) -> float:
    """Resident population (persons abroad on contract work excluded)."""
    return float(np.count_nonzero(s.persons.status != Status.ABROAD) * s.scale)


def labour_force(s: State) -> float:
    return float(np.count_nonzero(_labour_force(s)) * s.scale)


def employed(s: State) -> float:
    return float(np.count_nonzero(_status(s, Status.EMPLOYED)) * s.scale)


def unemployed(s: State) -> float:
    return float(np.count_nonzero(_status(s, Status.UNEMPLOYED)) * s.scale)


def lfpr(s: State) -> float:
    """Labour force participation rate of residents 15+."""
    adults = (s.persons.age_m >= 180) & (s.persons.status != Status.ABROAD)
    return _ratio(_labour_force(s), adults)


def unemployment_15plus(s: State) -> float:
    """Unemployed as a share of the whole labour force 15+ (not only working age)."""
    return _ratio(_status(s, Status.UNEMPLOYED), _labour_force(s))


def youth_unemployment(s: State) -> float:
    return _unemployment_rate(s, _youth(s))


def students(s: State) -> float:
    return float(np.count_nonzero(_status(s, Status.STUDENT)) * s.scale)


def abroad(s: State) -> float:
    return float(np.count_nonzero(_status(s, Status.ABROAD)) * s.scale)


def _employment_in(s: State, mask: np.ndarray) -> float:
    return float(np.count_nonzero(mask & _status(s, Status.EMPLOYED)) * s.scale)


def _sector_employment(sector: Sector) -> Callable[[State], float]:
    def f(s: State) -> float:
        return _employment_in(s, s.persons.sector == sector)

    f.__doc__ = f"Employment in {sector.name.lower()} (persons)."
    return f


def _ownership_employment(owner: Ownership) -> Callable[[State], float]:
    def f(s: State) -> float:
        return float(np.count_nonzero(s.employer_ownership == owner) * s.scale)

    f.__doc__ = f"Employment in {owner.name.lower()} firms (persons)."
    return f


def employment_outside(s: State) -> float:
    """Residents employed by firms in other provinces (commuters)."""
    return float(np.count_nonzero(s.employers == -2) * s.scale)


def employment_iz(s: State) -> float:
    """Employment in firms located in industrial zones."""
    employer = s.employers
    return float(np.count_nonzero(s.firms.in_iz[employer[employer >= 0]]) * s.scale)


def enterprise_employment(s: State) -> float:
    """Employment in registered enterprises: FDI and domestic private.  (The state sector,
    mostly public service units, is counted separately.)"""
    own = s.employer_ownership
    return float(np.count_nonzero((own == Ownership.FDI) | (own == Ownership.DOMESTIC)) * s.scale)


def enterprises(s: State) -> float:
    """Active enterprises (FDI and domestic), counting the real firms each agent stands for."""
    f = s.firms
    return float(f.represents[f.active & (f.ownership <= Ownership.DOMESTIC)].sum())


def fdi_firms(s: State) -> float:
    """Active FDI firms (projects)."""
    f = s.firms
    return float(f.represents[f.active & (f.ownership == Ownership.FDI)].sum())


def informal_share(s: State) -> float:
    """Employed without a formal contract as a share of the employed."""
    return _ratio(~s.persons.formal, _status(s, Status.EMPLOYED))


def average_wage(s: State) -> float:
    """Mean monthly labour income of the employed, million VND (current month)."""
    e = _status(s, Status.EMPLOYED)
    return float(s.persons.wage[e].mean()) if e.any() else float("nan")


def grdp(s: State) -> float:
    """GRDP of the month at constant 2022 prices, bn VND: value added plus taxes on products."""
    return s.value_added / 1000.0 * s.scale / (1.0 - s.taxes_share)


def _flow(name: str, doc: str) -> Callable[[State], float]:
    def f(s: State) -> float:
        return float(s.flows.get(name, 0.0) * s.scale)

    f.__doc__ = doc
    return f


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    unit: str  # "share" (a fraction), "persons", "bn VND", ...
    aggregate: str  # over a year: "mean", "last" (December) or "sum"
    function: Callable[[State], float]


def _i(id, label, unit, aggregate, function):
    return Indicator(id, label, unit, aggregate, function)


INDICATORS: dict[str, Indicator] = {
    i.id: i
    for i in [
        _i("agri_share", "Agricultural share of employment", "share", "mean", agri_share),
        _i(
            "trained_certified",
            "Employed with degree or certificate",
            "share",
            "last",
            trained_certified,
        ),
        _i("retrained", "Labour force retrained since 2022", "share", "last", retrained),
        _i("unemployment", "Unemployment rate (working age)", "share", "mean", unemployment),
        _i("unemployment_urban", "Urban unemployment rate", "share", "mean", unemployment_urban),
        _i("underemployment", "Underemployment rate", "share", "mean", underemployment),
        _i(
            "youth_unemployment_urban",
            "Urban youth (15-24) unemployment",
            "share",
            "mean",
            youth_unemployment_urban,
        ),
        _i(
            "youth_underemployment_rural",
            "Rural youth (15-24) underemployment",
            "share",
            "mean",
            youth_underemployment_rural,
        ),
        _i("si_coverage", "Social insurance coverage", "share", "last", si_coverage),
        _i("si_voluntary", "Voluntary social insurance", "share", "last", si_voluntary),
        _i("ui_coverage", "Unemployment insurance coverage", "share", "last", ui_coverage),
        _i("si_satisfaction", "SI satisfaction index (proxy)", "share", "last", si_satisfaction),
        _i("population", "Resident population", "persons", "mean", population),
        _i("labour_force", "Labour force", "persons", "mean", labour_force),
        _i("employed", "Employed", "persons", "mean", employed),
        _i("unemployed", "Unemployed", "persons", "mean", unemployed),
        _i("lfpr", "Labour force participation rate (15+)", "share", "mean", lfpr),
        _i("unemployment_15plus", "Unemployment rate (15+)", "share", "mean", unemployment_15plus),
        _i("youth_unemployment", "Youth (15-24) unemployment", "share", "mean", youth_unemployment),
        _i("students", "Students (15+)", "persons", "mean", students),
        _i("abroad", "Contract workers abroad", "persons", "mean", abroad),
        _i(
            "employment_agriculture",
            "Employment in agriculture",
            "persons",
            "mean",
            _sector_employment(Sector.AGRICULTURE),
        ),
        _i(
            "employment_industry",
            "Employment in industry and construction",
            "persons",
            "mean",
            _sector_employment(Sector.INDUSTRY),
        ),
        _i(
            "employment_services",
            "Employment in services",
            "persons",
            "mean",
            _sector_employment(Sector.SERVICES),
        ),
        _i(
            "employment_fdi",
            "Employment in FDI firms",
            "persons",
            "mean",
            _ownership_employment(Ownership.FDI),
        ),
        _i(
            "employment_domestic",
            "Employment in domestic private enterprises",
            "persons",
            "mean",
            _ownership_employment(Ownership.DOMESTIC),
        ),
        _i(
            "employment_state",
            "Employment in the state sector",
            "persons",
            "mean",
            _ownership_employment(Ownership.STATE),
        ),
        _i(
            "employment_household",
            "Employment in household businesses",
            "persons",
            "mean",
            _ownership_employment(Ownership.HOUSEHOLD),
        ),
        _i(
            "employment_farm",
            "Employment on farms",
            "persons",
            "mean",
            _ownership_employment(Ownership.FARM),
        ),
        _i(
            "employment_outside",
            "Residents working in other provinces",
            "persons",
            "mean",
            employment_outside,
        ),
        _i("employment_iz", "Employment in industrial zones", "persons", "mean", employment_iz),
        _i(
            "enterprise_employment",
            "Employment in enterprises",
            "persons",
            "mean",
            enterprise_employment,
        ),
        _i("enterprises", "Active enterprises", "firms", "last", enterprises),
        _i("fdi_firms", "Active FDI firms", "firms", "last", fdi_firms),
        _i("informal_share", "Informal employment share", "share", "mean", informal_share),
        _i(
            "average_wage",
            "Average monthly income of the employed",
            "million VND",
            "mean",
            average_wage,
        ),
        _i("grdp", "GRDP (constant 2022 prices)", "bn VND", "sum", grdp),
        _i(
            "new_enterprises",
            "New enterprises",
            "firms",
            "sum",
            _flow("new_enterprises", "Enterprises founded this month (FDI, domestic)."),
        ),
        _i(
            "vocational_enrolments",
            "Vocational enrolments",
            "persons",
            "sum",
            _flow("vocational_enrolments", "New entrants to vocational courses of 3+ months."),
        ),
        _i(
            "vocational_graduates",
            "Vocational graduates",
            "persons",
            "sum",
            _flow("vocational_graduates", "Completions of vocational courses with a certificate."),
        ),
        _i(
            "lower_secondary_graduates",
            "Lower-secondary graduates",
            "persons",
            "sum",
            _flow("lower_secondary_graduates", "Pupils finishing lower secondary this month."),
        ),
        _i(
            "lower_secondary_to_vocational",
            "Lower-secondary graduates entering vocational training",
            "persons",
            "sum",
            _flow(
                "lower_secondary_to_vocational",
                "Lower-secondary graduates who enter vocational education.",
            ),
        ),
        _i(
            "hires",
            "Hires",
            "persons",
            "sum",
            _flow(
                "hires",
                "Jobs taken this month: hires by firms, plus jobseekers falling back on family"
                " farming, informal household work or their own business.",
            ),
        ),
        _i(
            "separations",
            "Separations",
            "persons",
            "sum",
            _flow("separations", "Quits, layoffs and firm closures this month."),
        ),
        _i(
            "policy_cost",
            "Public cost of the scenario's levers",
            "bn VND",
            "sum",
            _flow("policy_cost_bn_vnd", "Public spending of the levers this month (bn VND)."),
        ),
        _i(
            "vacancies",
            "Vacancies open this month",
            "persons",
            "mean",
            _flow(
                "vacancies_open",
                "Posts firms in the province want filled at the start of the month's matching.",
            ),
        ),
        _i(
            "vacancies_unfilled",
            "Vacancies unfilled at the end of the month",
            "persons",
            "mean",
            _flow("vacancies", "Posts still open after the month's matching."),
        ),
        _i(
            "retraining_entries",
            "Retraining course entries",
            "persons",
            "sum",
            _flow("retraining_entries", "Workers starting retraining or continuous training."),
        ),
        _i(
            "job_to_job",
            "Job-to-job moves",
            "persons",
            "sum",
            _flow("job_to_job", "Employed people moving straight to another job."),
        ),
        _i(
            "layoffs",
            "Layoffs",
            "persons",
            "sum",
            _flow("layoffs", "Workers laid off (excess workers and firm closures)."),
        ),
        _i(
            "layoffs_iz",
            "Layoffs in industrial zones",
            "persons",
            "sum",
            _flow("layoffs_iz", "Workers laid off by industrial-zone firms with too many workers."),
        ),
        _i("births", "Births", "persons", "sum", _flow("births", "Children born this month.")),
        _i("deaths", "Deaths", "persons", "sum", _flow("deaths", "Deaths this month.")),
        _i(
            "net_migration",
            "Net migration",
            "persons",
            "sum",
            lambda s: (
                (s.flows.get("in_migrants", 0.0) - s.flows.get("out_migrants", 0.0)) * s.scale
            ),
        ),
        *[
            _i(
                f"unemployed_{d}",
                f"Unemployed for {d.replace('_', '-')} months",
                "persons",
                "sum",
                _flow(
                    f"unemployed_{d}",
                    "Unemployed at the start of each month's matching, by months of"
                    " unemployment; summed over the months of a year this is person-months.",
                ),
            )
            for d in ("0_2", "3_5", "6_11", "12plus")
        ],
        *[
            _i(
                f"hires_{d}",
                f"Hires of those unemployed {d.replace('_', '-')} months",
                "persons",
                "sum",
                _flow(f"hires_{d}", "Hires out of unemployment, by months of unemployment."),
            )
            for d in ("0_2", "3_5", "6_11", "12plus")
        ],
    ]
}


# --------------------------------------------------------------------------- annual ones


def productivity(annual: dict[str, float]) -> float:
    """Social labour productivity: GRDP (constant 2022 prices) per employed person, million VND."""
    return annual["grdp"] * 1000.0 / annual["employed"]


def vocational_streaming_share(annual: dict[str, float]) -> float:
    """Share of lower-secondary graduates who enter vocational education in the year."""
    g = annual.get("lower_secondary_graduates", 0.0)
    return annual.get("lower_secondary_to_vocational", 0.0) / g if g > 0 else float("nan")


def productivity_growth(
    years: dict[int, dict[str, float]], year: int, reference: tuple[int, float]
) -> float:
    """Average yearly growth of social labour productivity from the reference year (the
    year before the simulation starts, from the data) to ``year``: the plan's target is
    a yearly average over 2021-2025."""
    ref_year, ref_level = reference
    level = years[year]["productivity"]
    n = year - ref_year
    return (level / ref_level) ** (1.0 / n) - 1.0 if n > 0 else float("nan")


def grdp_growth(
    years: dict[int, dict[str, float]], year: int, reference: tuple[int, float]
) -> float:
    """Real GRDP growth over the previous year (the reference GRDP for the first year)."""
    previous = (
        years[year - 1]["grdp"]
        if year - 1 in years
        else (reference[1] if reference[0] == year - 1 else float("nan"))
    )
    return years[year]["grdp"] / previous - 1.0


ANNUAL_LABELS = {
    "productivity": ("Labour productivity (GRDP per employed)", "million VND"),
    "productivity_growth": ("Labour productivity growth, yearly average since 2021", "share"),
    "grdp_growth": ("Real GRDP growth", "share"),
    "lower_secondary_streaming": (
        "Lower-secondary graduates entering vocational training",
        "share",
    ),
}


def measure(state: State) -> dict[str, float]:
    """Every monthly indicator of one state."""
    return {key: ind.function(state) for key, ind in INDICATORS.items()}
