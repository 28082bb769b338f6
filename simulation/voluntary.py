"""Voluntary social insurance as a person's choice.

Each month an employed person of working age without insurance (a farmer, an informal
worker) may join voluntary social insurance.  The chance is a logistic choice:

    chance = outreach x logistic(constant + elasticity x ln(value) - slope x own cost / income)

- the contribution is 22 % (``voluntary_si_contribution_rate``) of a declared income
  that participants are taken to set at its floor, the rural poverty line
  (``rural_poverty_line``, Law 58/2014, Art. 87(1); Decree 07/2021);
- the state pays a share of it by poverty group (poor, near-poor, other), the data's
  ``voluntary_si_support_share`` in force (Decree 134/2015, Art. 14: 30 / 25 / 10 %; the
  2024 law from July 2025), or the social-insurance lever's shares if higher, plus the
  lever's extra support in VND; the rest is the person's own cost;
- value per VND of own contribution: a person whose months to the retirement age
  (:mod:`simulation.labour_law`) cover the minimum years of contributions for a pension
  (20, then 15 from July 2025) gains the pension, worth ``voluntary_si_pension_worth`` per
  VND of the whole contribution, so the support raises it by 1 / (1 - share); a person who
  cannot reach the minimum gets only a lump sum, ``voluntary_si_lump_sum_months`` of the
  declared income per year of contributions, less the state's support (Law 58/2014, Art.
  60), per VND of own contributions;
- the own cost as a share of the person's pay (``wage``) lowers the odds
  (``voluntary_si_cost_share_slope``); the value raises them with the elasticity
  ``voluntary_si_value_elasticity``;
- the poverty group is a lasting trait of each person, drawn once through
  :meth:`simulation.model.ProvinceModel.trait_normal` with the province's shares of poor
  and near-poor households (``poverty_rate``), the same in every scenario;
- the constant is set in the base year so that the expected joins are the base year's
  inflow (lapses plus the data's trend), as the uniform rate was; outreach multiplies the
  chance (the lever's campaigns; 1 in the baseline).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq
from scipy.special import expit, logit, ndtr

from simulation.calendar import MONTHS_PER_YEAR, year_of
from simulation.labour_law import POVERTY_GROUPS, retirement_age_months, voluntary_si_rules

# the purpose of the lasting draw of a person's poverty group
POVERTY_TRAIT = "poverty_group"


def poverty_group(model, rows: np.ndarray) -> np.ndarray:
    """Each person's poverty group at ``rows``, an index into
    :data:`simulation.labour_law.POVERTY_GROUPS` (0 poor, 1 near-poor, 2 other): a
    lasting draw with the province's shares of poor and near-poor households."""
    rates = model.data.figures.table("poverty_rate")
    # upper ends of the poor and near-poor groups on the uniform scale; the rest are others
    bounds = np.cumsum([rates[group] for group in POVERTY_GROUPS[:-1]])
    rank = ndtr(model.trait_normal(POVERTY_TRAIT, rows))
    return np.searchsorted(bounds, rank, side="right")


def floor_contribution(parameters) -> float:
    """The monthly voluntary contribution on the least income that may be declared, the
    rural poverty line (million VND)."""
    return parameters["voluntary_si_contribution_rate"] * parameters["rural_poverty_line"]


def support_shares(model) -> np.ndarray:
    """The state's share of the voluntary contribution by poverty group this month: the
    rules in force, or the lever's shares where higher."""
    shares = voluntary_si_rules(model.data, model.month).support_shares
    if model.policy.voluntary_support_shares is not None:
        shares = np.maximum(shares, np.asarray(model.policy.voluntary_support_shares))
    return shares


def state_support(model) -> np.ndarray:
    """The state's monthly support to a voluntary contribution at the floor, by poverty
    group (million VND): its share in force, plus the lever's extra support, at most the
    whole contribution."""
    contribution = floor_contribution(model.params)
    return np.minimum(
        contribution,
        support_shares(model) * contribution + model.policy.voluntary_extra_support,
    )


class VoluntaryChoice:
    """The chance that eligible persons join voluntary insurance this month."""

    def __init__(self, model, rows: np.ndarray, joins: float, stationary_joins: float):
        """Set the constants so that the expected joins of ``rows`` (the base year's
        eligible persons) this month are ``joins`` (with the trend) and
        ``stationary_joins`` (without it, the spin-up's)."""
        index = self.index(model, rows)
        self.constant = self._fit(index, joins)
        self.stationary_constant = self._fit(index, stationary_joins)

    @staticmethod
    def _fit(index: np.ndarray, joins: float) -> float:
        """The constant whose logistic chances over ``index`` sum to ``joins``."""
        finite = index[np.isfinite(index)]
        if joins <= 0 or len(finite) == 0:
            return -np.inf
        # among those who can join at all, the mean chance; a constant between these ends
        # puts every chance on one side of it
        centre = logit(min(joins / len(finite), 1.0))
        low, high = centre - finite.max(), centre - finite.min()
        if low == high:
            return low
        return brentq(lambda constant: expit(constant + finite).sum() - joins, low, high)

    @staticmethod
    def index(model, rows: np.ndarray) -> np.ndarray:
        """The part of each person's log odds of joining that differs between persons:
        the value per VND of own contribution and the own cost relative to pay."""
        persons, parameters = model.persons, model.params
        contribution = floor_contribution(parameters)
        support = state_support(model)[poverty_group(model, rows)]
        own = contribution - support
        # months to the retirement age against the minimum years for a pension
        limits = np.asarray(retirement_age_months(model.data, year_of(model.month)))
        months_left = limits[persons.female[rows].view(np.uint8)] - persons.age_m[rows]
        minimum = voluntary_si_rules(model.data, model.month).minimum_years
        reaches = months_left >= minimum * MONTHS_PER_YEAR
        # a year's lump sum (without the support) against a year's own contributions
        lump_sum = np.maximum(
            0.0,
            parameters["voluntary_si_lump_sum_months"] * parameters["rural_poverty_line"]
            - MONTHS_PER_YEAR * (contribution - own),
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(
                reaches,
                parameters["voluntary_si_pension_worth"] * contribution / own,
                lump_sum / (MONTHS_PER_YEAR * own),
            )
            cost_share = own / persons.wage[rows]
            index = (
                parameters["voluntary_si_value_elasticity"] * np.log(value)
                - parameters["voluntary_si_cost_share_slope"] * cost_share
            )
        # no pay: the premium cannot be met; no own cost: a free pension is taken
        index[persons.wage[rows] <= 0] = -np.inf
        index[own <= 0] = np.inf
        return index

    def bound(self, model) -> float:
        """A chance no eligible person's exceeds this month: that of the highest value per
        VND (the largest support, a pension within reach) at no cost relative to pay.
        Only persons whose draw falls below it need their own chance worked out (about
        one in a hundred: the chance is a few per thousand a month)."""
        parameters = model.params
        if (
            parameters["voluntary_si_value_elasticity"] < 0
            or parameters["voluntary_si_cost_share_slope"] < 0
        ):
            return 1.0
        contribution = floor_contribution(parameters)
        support = state_support(model)
        own = contribution - support
        if (own <= 0).any():
            return 1.0
        lump_sum = np.maximum(
            0.0,
            parameters["voluntary_si_lump_sum_months"] * parameters["rural_poverty_line"]
            - MONTHS_PER_YEAR * support,
        )
        value = np.maximum(
            parameters["voluntary_si_pension_worth"] * contribution / own,
            lump_sum / (MONTHS_PER_YEAR * own),
        ).max()
        constant = self.stationary_constant if model.spinning_up else self.constant
        highest = constant + parameters["voluntary_si_value_elasticity"] * np.log(value)
        return float(min(1.0, model.policy.voluntary_outreach_multiplier * expit(highest)))

    def chance(self, model, rows: np.ndarray) -> np.ndarray:
        """Monthly chance that each person at ``rows`` joins."""
        constant = self.stationary_constant if model.spinning_up else self.constant
        chance = expit(constant + self.index(model, rows))
        return np.minimum(1.0, model.policy.voluntary_outreach_multiplier * chance)
