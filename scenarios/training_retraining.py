"""Training and retraining: seats for employed and unemployed workers, skills for new
technology, in-firm training.

Causal path: schooling.  The lever funds seats that the schooling mechanism fills each
month (:meth:`simulation.mechanisms.schooling.Schooling._training_programme`): each person
offered a seat takes it or declines it (the course's returns against its costs,
:mod:`simulation.training_choice`); trainees on short courses gain skill and count as
retrained when they complete them; those on courses of three months or more
(``certified_share`` of trainees without a certificate) take an elementary course and are
certified if they complete it.  The state's co-funding of in-firm training lowers its cost
to enterprises, which then train more of their workers where it pays.  Skill raises pay,
productivity and the chance of being hired.  Plan III.1.2, III.3.2, III.4.2 (Decision 1446
on skills for the fourth industrial revolution; rural vocational training).
"""

from __future__ import annotations

from scenarios.lever import Lever, Setting
from simulation.policy import NOTHING_EXTRA, TrainingProgramme


class TrainingRetraining(Lever):
    name = "training_retraining"
    summary = "retraining seats a year for workers and jobseekers"
    causal_path = (
        "schooling: funded seats (short and certified courses), in-firm training -> skill and"
        " certificates -> pay, hiring"
    )
    SETTINGS = {
        "seats_per_year": Setting(
            default=60_000.0,
            unit="persons a year",
            kind="count",
            description="workers and jobseekers trained a year",
            source="plan: retraining for about 25 % of the labour force by 2025 (assumed size)",
            most=1_100_000,
        ),
        "unemployed_share": Setting(
            default=0.2,
            unit="share",
            kind="share",
            description="share of seats for jobseekers",
            source="assumption",
        ),
        "certified_share": Setting(
            default=0.3,
            unit="share",
            kind="share",
            description="share of trainees on courses of 3+ months with a certificate",
            source="assumption",
        ),
        "skill_gain": Setting(
            default=0.05,
            unit="share",
            kind="share",
            description="skill gained by a trainee",
            source="assumption: returns of short training of a few per cent",
        ),
        "in_firm_training_support": Setting(
            default=0.3,
            unit="share",
            kind="share",
            description=(
                "share of the cost of in-firm training the state pays; enterprises train"
                " more workers where the course is then worth its cost to them"
            ),
            source="assumption (plausible 0-0.5): co-funding of in-firm training (plan III.3.2)",
        ),
        "cost_per_trainee_million": Setting(
            default=4.0,
            unit="million VND",
            kind="money",
            description="public cost a trainee",
            source="assumption: support for short courses of 2-6 million VND",
            most=10_000,
        ),
    }

    def act(self, model) -> None:
        model.policy.training_programme = TrainingProgramme(
            seats_per_month=self.settings["seats_per_year"] / 12,
            unemployed_share=self.settings["unemployed_share"],
            certified_share=self.settings["certified_share"],
            skill_gain=self.settings["skill_gain"],
        )
        model.policy.in_firm_training_support = self.settings["in_firm_training_support"]

    def switch_off(self, model) -> None:
        model.policy.training_programme = None
        model.policy.in_firm_training_support = NOTHING_EXTRA

    def monthly_cost(self, model) -> float:
        trainees = model.flows.get("programme_trainees", 0.0) * model.scale
        return trainees * self.settings["cost_per_trainee_million"] / 1000
