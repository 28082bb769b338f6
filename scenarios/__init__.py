"""Policy levers: how a scenario's settings change the model over time.

A scenario (``conf/scenario/*.yaml``) names levers and their settings::

    levers:
      fdi_attraction: {extra_musd_per_year: 500}
      digital_labour_exchange: {matching_boost: 0.2}

Each lever is a class registered in ``LEVERS``; :func:`check_levers` refuses unknown
names and bad settings with a one-line message, :func:`build_levers` makes the objects
the model calls every month.
"""

from __future__ import annotations

from typing import Any

from scenarios.attract_workers import AttractWorkers
from scenarios.credit_programme import CreditProgramme
from scenarios.digital_labour_exchange import DigitalLabourExchange
from scenarios.export_downturn import ExportDownturn
from scenarios.fdi_attraction import FdiAttraction
from scenarios.formalisation import Formalisation
from scenarios.minimum_wage import MinimumWage
from scenarios.social_insurance import SocialInsurance
from scenarios.special_groups import SpecialGroups
from scenarios.training_retraining import TrainingRetraining
from scenarios.vocational_streaming import VocationalStreaming
from simulation.config import ConfigError

LEVERS: dict[str, type] = {
    lever.name: lever
    for lever in (
        FdiAttraction,
        VocationalStreaming,
        CreditProgramme,
        TrainingRetraining,
        DigitalLabourExchange,
        SocialInsurance,
        Formalisation,
        AttractWorkers,
        SpecialGroups,
        MinimumWage,
        ExportDownturn,
    )
}


def check_levers(levers: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Checked settings of every lever of a scenario (defaults filled in)."""
    out = {}
    for name, settings in levers.items():
        if name not in LEVERS:
            known = ", ".join(sorted(LEVERS)) or "none yet"
            raise ConfigError(f"scenario.levers.{name}: unknown lever (known: {known})")
        out[name] = LEVERS[name].check(settings or {}, prefix=f"scenario.levers.{name}")
    return out


def build_levers(levers: dict[str, dict[str, Any]]) -> list:
    return [LEVERS[name](settings) for name, settings in levers.items()]
