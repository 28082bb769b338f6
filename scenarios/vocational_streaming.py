"""Vocational streaming: more lower- and upper-secondary graduates into vocational education.

Causal path: schooling.  Higher shares of each graduating cohort enter vocational
education (fewer go to upper secondary or university) and schools get more seats; the
students graduate with certificates two to three years later, raising the share of
trained workers (from 2024-2025 on) and moving young people into skilled jobs.
Plan III.3.2, III.4.2, V.2: 20-25 % of lower-secondary and 30-35 % of upper-secondary
graduates into vocational education by 2025.
"""

from __future__ import annotations

from scenarios.lever import Lever, Setting


class VocationalStreaming(Lever):
    name = "vocational_streaming"
    summary = "shares of school leavers streamed into vocational education, school capacity"
    causal_path = "schooling: streaming shares and seats -> certificates -> matching (fit)"
    SETTINGS = {
        "lower_secondary_share": Setting(
            default=0.225,
            unit="share",
            kind="share",
            description="lower-secondary graduates into vocational education",
            source="plan III.3.2: 20-25 %",
        ),
        "upper_secondary_share": Setting(
            default=0.325,
            unit="share",
            kind="share",
            description="upper-secondary graduates into vocational education",
            source="plan: 30-35 %",
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
        parameters = model.params
        self.base = {
            name: parameters[name]
            for name in (
                "lower_secondary_vocational_share",
                "lower_secondary_upper_share",
                "upper_secondary_vocational_share",
                "upper_secondary_university_share",
            )
        }
        # the extra lower-secondary graduates in vocational education would otherwise have
        # gone to upper secondary
        extra_lower = max(
            0.0,
            self.settings["lower_secondary_share"] - parameters["lower_secondary_vocational_share"],
        )
        parameters["lower_secondary_vocational_share"] = self.settings["lower_secondary_share"]
        parameters["lower_secondary_upper_share"] = max(
            0.0, parameters["lower_secondary_upper_share"] - extra_lower
        )
        # the extra upper-secondary graduates: some would otherwise have gone to university,
        # the others straight to work
        extra_upper = max(
            0.0,
            self.settings["upper_secondary_share"] - parameters["upper_secondary_vocational_share"],
        )
        parameters["upper_secondary_vocational_share"] = self.settings["upper_secondary_share"]
        parameters["upper_secondary_university_share"] = max(
            0.0,
            parameters["upper_secondary_university_share"]
            - extra_upper * parameters["vocational_streaming_from_university_share"],
        )
        for school in model.schools:
            if school.type != "university":
                school.intake_capacity = school.base_capacity * (
                    1 + self.settings["capacity_increase"]
                )

    def switch_off(self, model) -> None:
        model.params.update(self.base)
        for school in model.schools:
            school.intake_capacity = school.base_capacity

    def monthly_cost(self, model) -> float:
        """Added seats a year, each used ``vocational_place_years``, at the cost of a
        student-year."""
        seats = sum(school.base_capacity for school in model.schools if school.type != "university")
        added = seats * self.settings["capacity_increase"] * model.scale
        years = model.params["vocational_place_years"]
        return added * years * self.settings["cost_per_student_year_million"] / 12 / 1000
