"""The knobs that policy levers turn, with neutral values for the baseline.

Mechanisms read these every month; levers (``scenarios/``) change them at set times.
Keeping them in one place makes each lever's causal path visible: a lever can only act
through a knob a mechanism reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulation.labour_law import LUMP_SUM_CLOSED_FROM

# Neutral values of the knobs: the baseline is the policy with every knob neutral.
NO_CHANGE = 1.0  # a multiplier or factor that leaves its mechanism as in the data
NOTHING_EXTRA = 0.0  # an addition, rate or gain that adds nothing


@dataclass(frozen=True)
class TrainingProgramme:
    """Publicly funded training seats, run by :class:`simulation.mechanisms.Schooling`."""

    seats_per_month: float  # persons (the full province)
    unemployed_share: float  # share of seats for jobseekers
    certified_share: float  # share of trainees on elementary courses of 3+ months
    skill_gain: float  # skill gained on a short course


@dataclass
class Policy:
    # firms
    extra_fdi_musd_per_year: float = NOTHING_EXTRA  # FDI registered on top of the data's inflow
    fdi_high_tech_share: float | None = None  # None: the province's parameter
    iz_location_multiplier: float = NO_CHANGE  # more new FDI projects inside industrial zones
    iz_demand_factor: float = NO_CHANGE  # labour demand of industrial-zone firms (export orders)
    enterprise_entry_multiplier: float = NO_CHANGE
    mechanisation_multiplier: float = NO_CHANGE
    # household businesses registering as enterprises (simulation/mechanisms/registration.py):
    # public support a year to a registering business of at least the minimum size (workers),
    # and a gain from linkage with enterprises (share of value added a year)
    registration_support_million_vnd_per_year: float = NOTHING_EXTRA
    registration_support_min_size: float = NOTHING_EXTRA
    registration_linkage_gain: float = NOTHING_EXTRA
    # schooling and training: the public grade-10 quota's change (share of the cohort), and
    # career guidance, a shift of the value of vocational paths at 15 and 18 (logit units)
    grade_ten_quota_change: float = NOTHING_EXTRA
    vocational_guidance: float = NOTHING_EXTRA
    in_firm_training_support: float = NOTHING_EXTRA  # state's share of in-firm training costs
    training_programme: TrainingProgramme | None = None
    # matching
    matching_multiplier: float = NO_CHANGE  # efficiency of job search (labour exchange, job fairs)
    cross_district_multiplier: float = NO_CHANGE  # weight of vacancies in other districts
    self_employment_multiplier: float = NO_CHANGE  # start-ups of household businesses (credit)
    # participation and migration
    reentry_multiplier: float = NO_CHANGE
    in_migration_multiplier: float = NO_CHANGE
    out_migration_multiplier: float = NO_CHANGE
    # insurance
    compliance_multiplier: float = NO_CHANGE  # compulsory SI enrolment of formal jobs
    # inspections of employers and the fine on contributions owed, which firms weigh when
    # they choose their compliance (simulation/compliance.py); None: the province's fine
    inspection_multiplier: float = NO_CHANGE
    si_fine_rate: float | None = None
    # voluntary insurance (simulation/voluntary.py): outreach multiplies the chance of
    # joining; the state's share of the contribution by poverty group (poor, near-poor,
    # other; None: the law's in force, which stays the least), and support in million VND a
    # month on top of it
    voluntary_outreach_multiplier: float = NO_CHANGE
    voluntary_support_shares: tuple[float, float, float] | None = None
    voluntary_extra_support: float = NOTHING_EXTRA
    # lump-sum withdrawals: the monthly chance (counselling lowers it), and the first month
    # whose new contribution records can no longer be withdrawn (the 2024 law; a lever may
    # bring it forward)
    withdrawal_multiplier: float = NO_CHANGE
    lump_sum_closed_from: int = LUMP_SUM_CLOSED_FROM
    # improvement of SI e-services (0-1), the satisfaction proxy
    service_quality_gain: float = NOTHING_EXTRA
    # wages
    minimum_wage_multiplier: float = NO_CHANGE
