"""Social insurance: enforcement of compulsory SI/UI, support for voluntary SI, better service.

Causal path: insurance (and jobs).  Inspections bring a share of formal jobs without
insurance into compulsory SI and UI each month and raise the compliance of new hires;
premium support and outreach raise voluntary uptake among farmers and informal workers;
faster e-services raise the satisfaction proxy.  Plan III.4.4, V.13.
"""

from __future__ import annotations

import numpy as np

from scenarios.lever import Lever, Setting
from simulation.firms import Ownership
from simulation.population import Insurance


class SocialInsurance(Lever):
    name = "social_insurance"
    summary = "enforcement of compulsory SI/UI, voluntary SI support, e-services"
    causal_path = "insurance: enforcement, compliance, voluntary uptake, satisfaction proxy"
    SETTINGS = {
        "enforcement_rate": Setting(
            0.03,
            "per month",
            "share",
            "share of uninsured formal jobs brought in each month",
            "assumption: inspections and data matching (citizen ID)",
        ),
        "compliance_increase": Setting(
            0.1,
            "share",
            "multiplier",
            "relative rise in firms' compliance for new hires",
            "assumption",
        ),
        "voluntary_uptake_multiplier": Setting(
            2.5,
            "ratio",
            "multiplier",
            "multiplier on voluntary SI uptake",
            "assumption: premium support of 20-50 % (Decree 134/2015 as amended) and outreach",
        ),
        "service_quality_gain": Setting(
            0.5, "share", "share", "improvement of e-services (0 none, 1 full)", "assumption"
        ),
        "premium_support_vnd_month": Setting(
            66_000.0,
            "VND a month",
            "money",
            "average state support per voluntary participant",
            "about 20-30 % of the minimum premium (Decree 134/2015 as amended)",
        ),
    }

    def switch_on(self, model) -> None:
        f = model.firms
        enterprise = f.ownership <= Ownership.DOMESTIC
        f.si_compliance[enterprise] = np.minimum(
            1.0, f.si_compliance[enterprise] * (1 + self.s["compliance_increase"])
        )

    def act(self, model) -> None:
        pol = model.policy
        pol.enforcement_rate = self.s["enforcement_rate"]
        pol.compliance_multiplier = 1 + self.s["compliance_increase"]
        pol.voluntary_si_multiplier = self.s["voluntary_uptake_multiplier"]
        pol.service_quality_gain = self.s["service_quality_gain"]

    def switch_off(self, model) -> None:
        pol = model.policy
        pol.enforcement_rate = 0.0
        pol.compliance_multiplier = 1.0
        pol.voluntary_si_multiplier = 1.0

    def monthly_cost(self, model) -> float:
        voluntary = np.count_nonzero(model.persons.si == Insurance.VOLUNTARY) * model.scale
        return voluntary * self.s["premium_support_vnd_month"] / 1e9
