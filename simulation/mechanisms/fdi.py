"""FDI: registered capital becomes disbursed capital, and capital in operation becomes jobs.

- Each month a twelfth of the year's registered FDI (data, plus any lever) arrives.  A
  share of it expands running projects (``fdi_expansion_share``), in expansions of
  ``fdi_musd_per_expansion`` each going to an FDI firm drawn by its size; the rest founds
  new projects of ``fdi_musd_per_project`` (with a lognormal spread), each its own agent.
- Only ``fdi_disbursed_share`` of registered capital is ever disbursed.  A new project
  starts disbursing ``fdi_hiring_lag_months`` after registration (site, licences) and then
  disburses at an exponential rate with a mean of ``fdi_disbursement_months``; an
  expansion of a running plant disburses from the start with a mean of
  ``fdi_expansion_disbursement_months``.
- Disbursed capital is capital in operation, and it adds the workers its project type needs
  per million USD (``fdi_jobs_per_musd_disbursed``, times ``high_tech_labour_intensity``
  for high-tech projects) to the firm's wanted workers; from then on those workers move
  with the firm's market, productivity and labour costs like any other
  (:mod:`simulation.mechanisms.labour_demand`).  Each job is created once, by the capital
  that creates it.
- Project types differ in the skills they want: a high-tech project wants
  ``high_tech_certified_share`` of certified workers, an ordinary one the base-year share
  of certified FDI workers.
"""

from __future__ import annotations

import numpy as np

from simulation.calendar import MONTHS_PER_YEAR, year_of
from simulation.firms import Ownership
from simulation.population import Sector
from simulation.sampling import DIVISION_GUARD

# An ordinary FDI project: high-tech projects' jobs per USD and productivity are relative
# to it.
ORDINARY_PROJECT = 1.0
ONE_FIRM = 1.0  # an FDI agent is one real firm (other agents stand for ``scale`` firms)
# a new project hires from its first month of operation (its ramp is its disbursement)
RAMP_AT_ONCE = 1
ONE_MONTH = 1  # the capital one month of disbursement leaves pending


def registered_inflow(series: dict[int, float], year: int) -> float:
    """Registered FDI of ``year``: the data's figure, or the latest year before it."""
    known = [y for y in series if y <= year]
    return series[max(known)] if known else 0.0


def still_pending(months: np.ndarray, mean_months: float) -> np.ndarray:
    """Share of capital still to be disbursed ``months`` after disbursement began, at an
    exponential rate with a mean of ``mean_months``."""
    return np.exp(-months / mean_months)


def disbursed_this_month(pending: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Capital disbursed this month out of ``pending``, at an exponential rate with a mean
    of ``months`` months."""
    return pending * (1 - still_pending(ONE_MONTH, np.maximum(months, DIVISION_GUARD)))


class FdiInvestment:
    """Registration, disbursement and jobs of FDI capital."""

    def __init__(self, model):
        data, firms = model.data, model.firms
        self.inflow = data.figures.series("fdi_registered_inflow")
        zones = data.figures.by_area("iz_location_share")
        self.iz_weight = np.array([zones.get(district, 0.0) for district in data.districts])
        fdi = firms.ownership == Ownership.FDI.value
        # base-year FDI firms: their share of the capital disbursed by the base year
        workers = firms.size[fdi].astype(float)
        firms.capital[fdi] = (
            data.figures.value("fdi_disbursed") * workers / max(workers.sum(), 1.0)
        ).astype(np.float32)
        certified = model.persons.certificate > 0
        employed = model.persons.employer >= 0
        employer = model.persons.employer[employed]
        held = np.bincount(employer, weights=certified[employed], minlength=len(firms))
        size = np.maximum(firms.size, 1)
        firms.certified_wanted[:] = (held / size).astype(np.float32)
        self.ordinary_certified_share = float(held[fdi].sum() / max(workers.sum(), 1.0))
        self._pipeline(model)

    def _pipeline(self, model) -> None:
        """Capital registered in the year before the base month and not yet disbursed by it:
        each month's registration of that year (the data's yearly figure spread evenly)
        has disbursed what its schedule says by the base month, and the rest is pending.
        It goes to running FDI firms drawn by their size: expansions are theirs, and the
        year's new projects, too recent to be in the base year's firms, are folded into
        them (a simplification)."""
        parameters, firms = model.params, model.firms
        year = year_of(model.month) - 1
        if year not in self.inflow:
            return
        monthly = self.inflow[year] / MONTHS_PER_YEAR * parameters["fdi_disbursed_share"]
        ages = np.arange(1, MONTHS_PER_YEAR + 1)  # months between registration and base
        expansion_share = parameters["fdi_expansion_share"]
        expansion = (
            monthly
            * expansion_share
            * still_pending(ages, parameters["fdi_expansion_disbursement_months"])
        )
        operating = np.maximum(0, ages - int(parameters["fdi_hiring_lag_months"]))
        projects = (
            monthly
            * (1 - expansion_share)
            * still_pending(operating, parameters["fdi_disbursement_months"])
        )
        pending = float(expansion.sum() + projects.sum())
        running = np.flatnonzero(
            firms.active & (firms.ownership == Ownership.FDI.value) & (firms.size > 0)
        )
        if pending <= 0 or len(running) == 0:
            return
        weight = firms.size[running].astype(float)
        firms.capital_pending[running] += (pending * weight / weight.sum()).astype(np.float32)
        # what is pending disburses at the pace of the year's mix of expansions and projects
        firms.disbursement_months[running] = (
            expansion_share * parameters["fdi_expansion_disbursement_months"]
            + (1 - expansion_share) * parameters["fdi_disbursement_months"]
        )
        model.count("fdi_pipeline_musd", pending / model.scale)

    def expansion_share(self, model) -> float:
        """Yearly workers the base year's expansion capital will want, relative to the FDI
        firms' workers in the base year: the part of running FDI firms' market growth they
        meet through new capital (so that it is not counted twice)."""
        parameters, firms = model.params, model.firms
        fdi_workers = float(
            firms.size[firms.active & (firms.ownership == Ownership.FDI.value)].sum()
        )
        jobs = (
            registered_inflow(self.inflow, year_of(model.month))
            * parameters["fdi_expansion_share"]
            * parameters["fdi_disbursed_share"]
            * parameters["fdi_jobs_per_musd_disbursed"]
            / model.scale
        )
        return jobs / fdi_workers if fdi_workers > 0 else 0.0

    # ------------------------------------------------------------------ monthly

    def step(self, model, new_firms, productivity_of, count_of) -> None:
        """Register this month's capital, then disburse pending capital into jobs.
        ``new_firms``, ``productivity_of`` and ``count_of`` are FirmDynamics' helpers."""
        parameters = model.params
        musd = (
            registered_inflow(self.inflow, year_of(model.month))
            + model.policy.extra_fdi_musd_per_year
        ) / MONTHS_PER_YEAR
        if musd > 0:
            expansion = musd * parameters["fdi_expansion_share"]
            self._projects(model, musd - expansion, new_firms, productivity_of, count_of)
            self._expansions(model, expansion, count_of)
        self._disburse(model)

    def _projects(self, model, musd, new_firms, productivity_of, count_of) -> None:
        """New FDI projects of the month; each attribute has its own stream, so that a
        scenario with more projects keeps the baseline's projects as they were."""
        parameters = model.params
        high_tech_share = (
            model.policy.fdi_high_tech_share
            if model.policy.fdi_high_tech_share is not None
            else parameters["fdi_high_tech_share"]
        )
        count = count_of("fdi", musd / parameters["fdi_musd_per_project"], "firms.fdi.count")
        if count == 0:
            return

        def draw(name):
            return model.stream(f"firms.fdi.{name}").random(count)

        high_tech = draw("high_tech") < high_tech_share
        sector = np.where(
            draw("sector") < parameters["fdi_services_share"], Sector.SERVICES, Sector.INDUSTRY
        ).astype(np.int8)
        normals = model.stream("firms.fdi.productivity").standard_normal(count)
        productivity = productivity_of(sector, Ownership.FDI, normals) * np.where(
            high_tech, parameters["high_tech_productivity_premium"], ORDINARY_PROJECT
        )
        weight = np.cumsum(self.iz_weight / self.iz_weight.sum())
        district = np.minimum(
            np.searchsorted(weight, draw("district"), side="right"), len(weight) - 1
        )
        in_iz = draw("in_iz") < parameters["fdi_new_iz_share"] * model.policy.iz_location_multiplier
        # registered capital: a lognormal spread of mean one around capital per project
        size_sigma = parameters["fdi_project_size_sigma"]
        registered = parameters["fdi_musd_per_project"] * np.exp(
            size_sigma * model.stream("firms.fdi.size").standard_normal(count) - size_sigma**2 / 2
        )
        figures = model.data.figures
        rows = new_firms(
            count,
            sector,
            Ownership.FDI,
            district,
            np.zeros(count),
            productivity,
            in_iz,
            high_tech,
            np.full(count, model.month + int(parameters["fdi_hiring_lag_months"])),
            np.full(count, RAMP_AT_ONCE),
            figures.value("formal_share", "fdi"),
            figures.value("si_compliance", "fdi"),
            ONE_FIRM,
        )
        firms = model.firms
        pending = registered * parameters["fdi_disbursed_share"]
        firms.capital_pending[rows] = pending
        firms.disbursement_months[rows] = parameters["fdi_disbursement_months"]
        firms.certified_wanted[rows] = np.where(
            high_tech, parameters["high_tech_certified_share"], self.ordinary_certified_share
        )
        # flows are kept in agents (multiplied by scale when measured)
        model.count("new_fdi_projects", count / model.scale)
        model.count("new_enterprises", count / model.scale)
        model.count("fdi_jobs_planned", float(np.sum(pending * self._jobs_per_musd(model, rows))))

    def _expansions(self, model, musd, count_of) -> None:
        """Capital increases of running FDI projects, to firms drawn by their size."""
        parameters = model.params
        per_expansion = parameters["fdi_musd_per_expansion"]
        count = count_of("fdi_expansion", musd / per_expansion, "firms.fdi.expansion_count")
        firms = model.firms
        running = np.flatnonzero(
            firms.active & (firms.ownership == Ownership.FDI.value) & (firms.size > 0)
        )
        if count == 0 or len(running) == 0:
            return
        weight = np.cumsum(firms.size[running].astype(float))
        picks = model.stream("firms.fdi.expansion").random(count) * weight[-1]
        chosen = running[np.minimum(np.searchsorted(weight, picks, side="right"), len(running) - 1)]
        pending = per_expansion * parameters["fdi_disbursed_share"]
        np.add.at(firms.capital_pending, chosen, np.float32(pending))
        firms.disbursement_months[chosen] = parameters["fdi_expansion_disbursement_months"]
        model.count("fdi_expansions", count)
        model.count("fdi_jobs_planned", float(pending * self._jobs_per_musd(model, chosen).sum()))

    def _jobs_per_musd(self, model, rows: np.ndarray) -> np.ndarray:
        """Worker agents wanted per million USD of capital in operation, by project type."""
        parameters = model.params
        return (
            parameters["fdi_jobs_per_musd_disbursed"]
            * np.where(
                model.firms.high_tech[rows],
                parameters["high_tech_labour_intensity"],
                ORDINARY_PROJECT,
            )
            / model.scale
        )

    def _disburse(self, model) -> None:
        """Pending capital of firms in operation is disbursed; it becomes capital in
        operation and adds the workers it needs (at the firm's current wage response)."""
        firms = model.firms
        rows = np.flatnonzero(
            firms.active & (firms.capital_pending > 0) & (firms.ramp_start <= model.month)
        )
        if len(rows) == 0:
            return
        flow = disbursed_this_month(
            firms.capital_pending[rows].astype(np.float64),
            firms.disbursement_months[rows].astype(np.float64),
        )
        firms.capital_pending[rows] -= flow.astype(np.float32)
        firms.capital[rows] += flow.astype(np.float32)
        jobs = flow * self._jobs_per_musd(model, rows) * firms.wage_response[rows]
        firms.capacity[rows] += jobs.astype(np.float32)
        model.count("fdi_disbursed_musd", float(flow.sum()) / model.scale)
        model.count("fdi_jobs_created", float(jobs.sum()))
