"""Vocational streaming: the grade-10 quota, career guidance and more vocational seats.

Causal path: schooling.  Pupils choose their path at 15 and 18 by its expected returns
(:mod:`simulation.school_choice`); the lever changes what they choose from, not the
shares they end up in: the public upper-secondary grade-10 quota (pupils below the new
cut-off choose among private upper secondary, continuing education, vocational training
and work), career guidance (the value pupils put on vocational paths), and the intake
capacity of vocational schools, which matters only where seats run out.  Students graduate
with certificates two to three years later, raising the share of trained workers and moving
young people into skilled jobs.  The plan's streaming targets (20-25 % of lower-secondary
and 30-35 % of upper-secondary graduates into vocational education by 2025; plan III.3.2,
III.4.2, V.2) are outputs: the indicators ``lower_secondary_streaming`` and
``upper_secondary_streaming``.
"""

from __future__ import annotations

from scenarios.lever import Lever, Setting
from simulation.policy import NOTHING_EXTRA


class VocationalStreaming(Lever):
    name = "vocational_streaming"
    summary = "grade-10 public quota, career guidance and vocational school capacity"
    causal_path = (
        "schooling: quota, guidance and seats -> pupils' choices at 15 and 18 ->"
        " certificates -> matching (fit)"
    )
    SETTINGS = {
        "vocational_guidance": Setting(
            default=0.3,
            unit="logit units",
            kind="real",
            description=(
                "career guidance: the added value pupils put on vocational paths at 15 and 18"
            ),
            source=(
                "assumption (plausible 0-1): guidance and counselling in lower and upper"
                " secondary (plan III.3.2); at 0.3 the odds of a vocational path rise by a third"
            ),
            least=0.0,
            most=3.0,
        ),
        "grade_ten_quota_change": Setting(
            default=0.0,
            unit="share of the cohort",
            kind="real",
            description="change in public upper-secondary grade-10 places (share of the cohort)",
            source=(
                "the province held its public quota: 15,178 places in 2023-24, 15,168 in"
                " 2024-25 (Báo Hải Dương, 21 Apr 2024)"
            ),
            least=-0.3,
            most=0.3,
        ),
        "capacity_increase": Setting(
            default=0.3,
            unit="share",
            kind="multiplier",
            description="increase in the intake capacity of vocational schools",
            source="plan: 38,800 new enrolments a year by 2025 (education.csv)",
            most=10,
        ),
        "cost_per_student_year_million": Setting(
            default=12.0,
            unit="million VND per student-year",
            kind="money",
            description="public cost of a vocational place a year",
            source="assumption: tuition support and recurrent spending, about 10-15 million VND",
            most=10_000,
        ),
    }

    def switch_on(self, model) -> None:
        for school in model.schools:
            if school.type != "university":
                school.intake_capacity = school.base_capacity * (
                    1 + self.settings["capacity_increase"]
                )

    def act(self, model) -> None:
        model.policy.grade_ten_quota_change = self.settings["grade_ten_quota_change"]
        model.policy.vocational_guidance = self.settings["vocational_guidance"]

    def switch_off(self, model) -> None:
        model.policy.grade_ten_quota_change = NOTHING_EXTRA
        model.policy.vocational_guidance = NOTHING_EXTRA
        for school in model.schools:
            school.intake_capacity = school.base_capacity

    def monthly_cost(self, model) -> float:
        """Added seats a year, each used ``vocational_place_years``, at the cost of a
        student-year."""
        seats = sum(school.base_capacity for school in model.schools if school.type != "university")
        added = seats * self.settings["capacity_increase"] * model.scale
        years = model.params["vocational_place_years"]
        return added * years * self.settings["cost_per_student_year_million"] / 12 / 1000
