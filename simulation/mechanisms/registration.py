"""Household businesses' choice to register as enterprises.

Each month every active household business not yet registered weighs, per year and as a
share of its value added (its revenue in the model: the value its workers add at their
district's household-business prices, see :func:`household_prices`), what being an
enterprise would cost it against what it would gain:

- costs: accounts, tax filings and enterprise fees (``enterprise_bookkeeping_cost_million_vnd``
  a year) instead of the household's presumptive tax (``household_tax_million_vnd``), both
  fixed sums, so they weigh less the larger the business; corporate income tax on profit
  (value added less pay at the household labour share) and VAT (``enterprise_vat_share``);
  and the employer contributions of the jobs that would become insured: its workers'
  jobs get contracts at the domestic enterprises' formal share and are enrolled with the
  compliance it would choose as a domestic enterprise (:mod:`simulation.compliance`),
  instead of its present formal share and compliance;
- gains: access to bank credit and contracts with enterprises (``registration_market_gain``),
  plus any gain from linkage programmes (a lever's ``registration_linkage_gain``);
- public support a year for businesses of at least a minimum size (a lever's; none in the
  baseline) lowers the cost.

The net gain ``net`` (a share of value added) and a lasting value of being an enterprise
that differs between businesses (a draw ``z`` fixed by the firm's id, sd
``registration_value_sd``) set the yearly chance of registering, with a yearly occasion
shock of the same sd::

    chance = Φ((net + sd * z - location) / sd),   a twelfth of it each month.

The ``location`` is fitted once, at the base year's state, so that the mean chance over
household businesses is ``household_registration_rate`` (few register: the national flow
is a few thousand a year out of about five million); the response to support and gains
then comes from the choice.  Larger businesses (more value added) register more because
the fixed costs weigh less.

A business that registers keeps its ownership code ``HOUSEHOLD`` and so its productivity,
its share of its district's household demand, its workers' pay rule (the household labour
share), its quit and closure rates (the enterprise closure rates are measured on firms
founded as enterprises, a different population; registered household businesses are
assumed to close like the household businesses they were); ``firms.registered`` marks it
as an enterprise (counted among active enterprises).  What changes is its jobs: its
informal workers get contracts at the domestic formal share, and are enrolled in
compulsory insurance with the compliance it chooses as a domestic enterprise (and does so
every year after); a formal job's pay is floored at the minimum wage, so no one's pay is
cut.  The gain from credit and contracts is not added to its output (the model has no
credit market); it moves only the decision.  No business registers during the stationary
spin-up.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr, ndtri

from simulation import jobs
from simulation.calendar import MONTHS_PER_YEAR
from simulation.compliance import bite
from simulation.firms import Ownership
from simulation.labour_law import full_time_weekly_hours
from simulation.mechanisms.insurance import SocialInsurance
from simulation.mechanisms.local_economy import household_prices
from simulation.population import Status
from simulation.wages import declared_base, labour_units, minimum_wages_in_force

# a household business's lasting value of being an enterprise (Model.firm_trait_normal)
REGISTRATION_VALUE = "registration_value"
# bisection steps to fit the location: the bracket halves each step, to far below the
# precision of a double
_FIT_STEPS = 60


def yearly_chance(net: np.ndarray, draws: np.ndarray, location: float, sd: float) -> np.ndarray:
    """The yearly chance that businesses with net gains ``net`` and lasting standard normal
    ``draws`` register (see the module)."""
    return ndtr((net + sd * draws - location) / sd)


def fit_location(
    net: np.ndarray, draws: np.ndarray, sd: float, rate: float, weights: np.ndarray
) -> float:
    """The location at which the ``weights``-weighted mean of :func:`yearly_chance` is
    ``rate``, by bisection: it lies between the locations at which the business of the
    highest, and the one of the lowest, value would register at exactly ``rate``."""
    if len(net) == 0 or not 0.0 < rate < 1.0:
        return 0.0
    value = net + sd * draws
    low, high = value.min() - sd * ndtri(rate), value.max() - sd * ndtri(rate)
    for _ in range(_FIT_STEPS):
        middle = (low + high) / 2
        if np.average(yearly_chance(net, draws, middle, sd), weights=weights) > rate:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def net_gain(
    value_added: np.ndarray,
    contributions: np.ndarray,
    support: np.ndarray,
    params: dict[str, float],
    labour_share: float,
    linkage_gain: float,
) -> np.ndarray:
    """Net yearly gain of registering, as a share of ``value_added`` (million VND a year),
    of businesses whose extra employer contributions would be ``contributions`` and whose
    public support is ``support`` (both million VND a year)."""
    fixed = params["enterprise_bookkeeping_cost_million_vnd"] - params["household_tax_million_vnd"]
    tax = (
        params["corporate_income_tax_rate"] * (1.0 - labour_share) + params["enterprise_vat_share"]
    )
    gain = params["registration_market_gain"] + linkage_gain
    return gain - tax - (fixed + contributions - support) / value_added


class Registration:
    """Household businesses registering as enterprises by their own choice."""

    def __init__(self, model):
        params = model.params
        self.sd = params["registration_value_sd"]
        self.labour_share = model.data.figures.value("labour_share", "household")
        self.domestic_formal_share = model.data.figures.value("formal_share", "domestic")
        self.full_time_hours = full_time_weekly_hours(model.data)
        self.compliance = next(
            m.compliance for m in model.mechanisms if isinstance(m, SocialInsurance)
        )
        rows, net, _ = self.net_gains(model)
        self.location = fit_location(
            net,
            model.firm_trait_normal(REGISTRATION_VALUE, rows),
            self.sd,
            params["household_registration_rate"],
            model.firms.represents[rows].astype(np.float64),
        )

    def candidates(self, model) -> np.ndarray:
        """Rows of active household businesses with workers, not yet registered."""
        firms = model.firms
        return np.flatnonzero(
            firms.active
            & (firms.ownership == Ownership.HOUSEHOLD.value)
            & ~firms.registered
            & (firms.size > 0)
        )

    def net_gains(self, model) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The candidates' rows, their net yearly gains of registering (shares of their
        value added) and their bites as enterprises (their jobs' contribution base over
        pay: :func:`simulation.compliance.bite`)."""
        persons, firms, policy = model.persons, model.firms, model.policy
        rows = self.candidates(model)
        candidate = np.zeros(len(firms), dtype=bool)
        candidate[rows] = True
        employed = np.flatnonzero(
            (persons.status == Status.EMPLOYED.value) & (persons.employer >= 0)
        )
        # every household business's workers, registered or not, share their district's
        # demand: the price is theirs (positions rather than a mask: scattered masks are slow)
        household = employed[
            np.flatnonzero(firms.ownership[persons.employer[employed]] == Ownership.HOUSEHOLD.value)
        ]
        units = labour_units(persons, household, self.full_time_hours)
        business = persons.employer[household]  # read once, for the prices and the candidates
        price = household_prices(model, household, units, business)
        mine = np.flatnonzero(candidate[business])
        workers, units, price, employer = household[mine], units[mine], price[mine], business[mine]
        value = firms.productivity[employer].astype(np.float64) * price * units
        # employer contributions of a formal, insured job: on the declared pay, at least the
        # minimum wage (pay of a formal job is floored at it)
        floor = (
            minimum_wages_in_force(model)[firms.district[employer]] * firms.hours_factor[employer]
        )
        pay = np.maximum(persons.wage[workers], floor)
        base = declared_base(pay, floor, model.params["si_declared_pay_share"])
        contribution = model.params["employer_insurance_contribution_rate"] * base
        count = len(firms)
        # each candidate's bite as an enterprise: its jobs' base over their pay (one group:
        # a candidate without paid workers takes all the candidates')
        bites = bite(employer, base, pay, np.zeros(count, dtype=np.intp), group_count=1)[0][rows]
        insured_now = firms.formal_share * firms.si_compliance
        as_domestic = np.zeros(len(firms))
        as_domestic[rows] = self.domestic_formal_share * self.compliance.as_domestic(
            model, rows, bites
        )
        extra = contribution * (as_domestic[employer] - insured_now[employer])
        value_added = np.bincount(employer, weights=value, minlength=count)[rows]
        contributions = np.bincount(employer, weights=extra, minlength=count)[rows]
        support = np.where(
            firms.size[rows] >= policy.registration_support_min_size,
            policy.registration_support_million_vnd_per_year,
            0.0,
        )
        net = net_gain(
            value_added * MONTHS_PER_YEAR,
            contributions * MONTHS_PER_YEAR,
            support,
            model.params,
            self.labour_share,
            policy.registration_linkage_gain,
        )
        return rows, net, bites

    def step(self, model) -> None:
        if model.spinning_up:  # the stationary spin-up holds the stock of firms
            return
        rows, net, bites = self.net_gains(model)
        chance = (
            yearly_chance(
                net, model.firm_trait_normal(REGISTRATION_VALUE, rows), self.location, self.sd
            )
            / MONTHS_PER_YEAR
        )
        choosing = model.firm_uniform("registration")[rows] < chance
        chosen = rows[choosing]
        self.register(model, chosen, bites[choosing])
        supported = model.firms.size[chosen] >= model.policy.registration_support_min_size
        if model.policy.registration_support_million_vnd_per_year > 0.0:
            model.count("registrations_supported", np.count_nonzero(supported))

    def register(self, model, rows: np.ndarray, bites: np.ndarray) -> None:
        """Register the household businesses at ``rows`` as enterprises: their informal
        workers get contracts at the domestic formal share, enrolled with the compliance
        the business chooses as a domestic enterprise at its ``bites`` (its jobs'
        contribution base over their pay: :meth:`net_gains`); ownership, productivity and
        pay rules stay."""
        firms, persons = model.firms, model.persons
        firms.registered[rows] = True
        firms.formal_share[rows] = self.domestic_formal_share
        firms.si_compliance[rows] = self.compliance.as_domestic(model, rows, bites)
        model.count("household_registrations", len(rows))
        model.count("new_enterprises", len(rows))
        if len(rows) == 0:
            return
        registering = np.zeros(len(firms), dtype=bool)
        registering[rows] = True
        employed = np.flatnonzero(
            (persons.status == Status.EMPLOYED.value) & (persons.employer >= 0) & ~persons.formal
        )
        workers = employed[registering[persons.employer[employed]]]
        employer = persons.employer[workers]
        formal = jobs.give_contracts(model, workers, firms.formal_share[employer], "registration")
        model.count("registration_contracts", len(formal))
