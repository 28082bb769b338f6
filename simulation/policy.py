"""The knobs that policy levers turn, with neutral values for the baseline.

Mechanisms read these every month; levers (``scenarios/``) change them at set times.
Keeping them in one place makes each lever's causal path visible: a lever can only act
through a knob a mechanism reads.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    extra_fdi_musd_per_year: float = 0.0  # FDI registered on top of the data's inflow
    fdi_high_tech_share: float | None = None  # None: the province's parameter
    iz_location_multiplier: float = 1.0  # more new FDI projects inside industrial zones
    iz_demand_factor: float = 1.0  # labour demand of industrial-zone firms (export orders)
    enterprise_entry_multiplier: float = 1.0
    mechanisation_multiplier: float = 1.0
    # schooling and training
    retraining_multiplier: float = 1.0  # in-firm and continuous training
    training_programme: TrainingProgramme | None = None
    # matching
    matching_multiplier: float = 1.0  # efficiency of job search (labour exchange, job fairs)
    cross_district_multiplier: float = 1.0  # weight of vacancies in other districts
    self_employment_multiplier: float = 1.0  # start-ups of household businesses (credit)
    # participation and migration
    reentry_multiplier: float = 1.0
    in_migration_multiplier: float = 1.0
    out_migration_multiplier: float = 1.0
    # insurance
    compliance_multiplier: float = 1.0  # compulsory SI enrolment of formal jobs
    enforcement_rate: float = 0.0  # monthly share of unenrolled formal jobs brought in
    voluntary_si_multiplier: float = 1.0
    service_quality_gain: float = 0.0  # improvement of SI e-services (0-1), satisfaction proxy
    # wages
    minimum_wage_multiplier: float = 1.0
