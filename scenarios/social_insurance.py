"""Social insurance: enforcement of compulsory SI/UI, support for voluntary SI, better service.

Causal path: insurance (and jobs).  More inspections (``inspection_multiplier`` on the
yearly inspection rate) enrol the jobs that inspected firms evaded, and with a higher fine
make evasion dearer, so firms choose a higher compliance, for their existing formal jobs and
their new hires (:mod:`simulation.compliance`);
the state's support to voluntary contributions (a share by poverty group, the law's by
default, and a sum in VND paid to every participant, so its cost grows with coverage) lowers
the own contribution farmers and informal workers weigh when they choose to join
(:mod:`simulation.voluntary`), and outreach raises the chance that they do;
faster e-services raise the satisfaction proxy; counselling at the social-security office can
lower lump-sum withdrawals, and the 2024 law's bar on lump sums for records opened from July
2025 can be brought forward.  When the lever ends, all knobs return to
their baseline values; people already enrolled stay enrolled.  Plan III.4.4, V.13.
"""

from __future__ import annotations

import numpy as np

from scenarios.lever import Lever, Setting
from simulation.calendar import month_label, parse_month
from simulation.labour_law import LUMP_SUM_CLOSED_FROM, POVERTY_GROUPS, voluntary_si_rules
from simulation.population import Insurance
from simulation.voluntary import floor_contribution, poverty_group, support_shares

# units of the lever's money: support in VND, the cost in billion VND, the model's pay in
# million VND
VND_PER_MILLION = 10**6
VND_PER_BILLION = 10**9


class SocialInsurance(Lever):
    name = "social_insurance"
    summary = "enforcement of compulsory SI/UI, voluntary SI support, e-services"
    causal_path = "insurance: enforcement, compliance, voluntary uptake, satisfaction proxy"
    SETTINGS = {
        "inspection_multiplier": Setting(
            default=2.0,
            unit="ratio",
            kind="multiplier",
            description=(
                "multiplier on the yearly chance that an employer is inspected on its"
                " contributions (si_inspection_rate, about 3 %); firms weigh it when they"
                " choose their compliance"
            ),
            source="assumption (plausible 1.5-3): stepped-up inspections with data matching",
            most=20,
        ),
        "fine_rate": Setting(
            default=0.15,
            unit="share of contributions owed",
            kind="share",
            description=(
                "fine on contributions owed when an inspection finds a job not enrolled;"
                " firms weigh it when they choose their compliance"
            ),
            source=(
                "Decree 12/2022/ND-CP, Art. 39(5): 12-15 % of the contributions owed; the"
                " base year's si_fine_rate"
            ),
        ),
        "compliance_increase": Setting(
            default=0.0,
            unit="share",
            kind="multiplier",
            description=(
                "relative rise in firms' compliance for new hires on top of their choice"
                " (0: compliance moves only through inspections and the fine)"
            ),
            source="assumption",
            most=10,
        ),
        "outreach_multiplier": Setting(
            default=2.0,
            unit="ratio",
            kind="multiplier",
            description=(
                "multiplier on the chance that a farmer or informal worker joins voluntary SI"
                " (campaigns, collection agents going door to door)"
            ),
            source=(
                "assumption (plausible 1.5-3): national participants rose from about 320,000"
                " in 2018 to 463,105 after three quarters of 2019 with thousands of"
                " conferences and door-to-door campaigns (Vietnam Social Security, vss.gov.vn,"
                " 31 Oct 2019)"
            ),
            most=20,
        ),
        "poor_support_share": Setting(
            default=0.30,
            unit="share of the contribution",
            kind="share",
            description=(
                "the state's share of the voluntary contribution (at the rural poverty line)"
                " for members of poor households; the law's share in force is the least"
            ),
            source="Decree 134/2015/ND-CP, Art. 14 (the law's share: no change)",
        ),
        "near_poor_support_share": Setting(
            default=0.25,
            unit="share of the contribution",
            kind="share",
            description=(
                "the state's share of the voluntary contribution for members of near-poor"
                " households; the law's share in force is the least"
            ),
            source="Decree 134/2015/ND-CP, Art. 14 (the law's share: no change)",
        ),
        "other_support_share": Setting(
            default=0.10,
            unit="share of the contribution",
            kind="share",
            description=(
                "the state's share of the voluntary contribution for other participants; the"
                " law's share in force is the least"
            ),
            source="Decree 134/2015/ND-CP, Art. 14 (the law's share: no change)",
        ),
        "service_quality_gain": Setting(
            default=0.4,
            unit="share",
            kind="share",
            description="improvement of e-services (0 none, 1 full)",
            source="assumption (plausible 0.2-0.8): online services and shorter processing times",
        ),
        "withdrawal_multiplier": Setting(
            default=1.0,
            unit="ratio",
            kind="multiplier",
            description="multiplier on the monthly chance of taking a lump sum (1: no change)",
            source="assumption: counselling on keeping the record (no effect measured)",
            most=1,
        ),
        "lump_sum_closed_from": Setting(
            default=month_label(LUMP_SUM_CLOSED_FROM),
            unit="YYYY-MM",
            kind="month",
            description=(
                "records opened from this month while the lever acts cannot be taken as a"
                " lump sum (a later month than the law's changes nothing)"
            ),
            source="Law on Social Insurance 2024, Art. 70: records opened from 2025-07",
        ),
        "premium_support_vnd_month": Setting(
            default=66_000.0,
            unit="VND a month",
            kind="money",
            description=(
                "extra state support per voluntary participant, paid to every participant; it"
                " lowers the own contribution each person weighs"
            ),
            source=(
                "about 20-30 % of the minimum premium, on top of Decree 134/2015 as amended"
                " (as provinces' own top-ups are paid to all participants)"
            ),
            most=10_000_000,
        ),
    }

    def act(self, model) -> None:
        policy = model.policy
        policy.compliance_multiplier = 1 + self.settings["compliance_increase"]
        policy.inspection_multiplier = self.settings["inspection_multiplier"]
        policy.si_fine_rate = self.settings["fine_rate"]
        policy.voluntary_outreach_multiplier = self.settings["outreach_multiplier"]
        policy.voluntary_support_shares = tuple(
            self.settings[f"{group}_support_share"] for group in POVERTY_GROUPS
        )
        policy.voluntary_extra_support = (
            self.settings["premium_support_vnd_month"] / VND_PER_MILLION
        )
        policy.service_quality_gain = self.settings["service_quality_gain"]
        policy.withdrawal_multiplier = self.settings["withdrawal_multiplier"]
        policy.lump_sum_closed_from = min(
            LUMP_SUM_CLOSED_FROM, parse_month(self.settings["lump_sum_closed_from"])
        )

    def switch_off(self, model) -> None:
        policy = model.policy
        policy.compliance_multiplier = 1.0
        policy.inspection_multiplier = 1.0
        policy.si_fine_rate = None
        policy.voluntary_outreach_multiplier = 1.0
        policy.voluntary_support_shares = None
        policy.voluntary_extra_support = 0.0
        policy.service_quality_gain = 0.0
        policy.withdrawal_multiplier = 1.0
        policy.lump_sum_closed_from = LUMP_SUM_CLOSED_FROM

    def monthly_cost(self, model) -> float:
        """The extra support paid to every voluntary participant, and the support above the
        law's shares in force (on the contribution at the rural poverty line), in billion
        VND."""
        participants = np.flatnonzero(model.persons.si == Insurance.VOLUNTARY.value)
        groups = poverty_group(model, participants)
        law = voluntary_si_rules(model.data, model.month).support_shares
        above_law = (support_shares(model) - law)[groups].sum()
        above_law_vnd = above_law * floor_contribution(model.params) * VND_PER_MILLION
        extra_vnd = len(participants) * self.settings["premium_support_vnd_month"]
        return (extra_vnd + above_law_vnd) * model.scale / VND_PER_BILLION
