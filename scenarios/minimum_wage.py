"""Regional minimum wage: a change of the minimum wages on top of the decrees.

Causal path: production (pay) and firms (demand).  Formal jobs are paid at least the
raised minimum; firms whose workers sit at the floor see their labour cost rise relative
to their productivity and want fewer workers, by the own-wage elasticity of labour demand
reached gradually (simulation.mechanisms.labour_demand), the same path as the decrees'
rises.  The minimum is also the floor of the wage insured workers' contributions are paid
on, so the cost rises for firms whose insured workers are declared at the minimum
(simulation.wages.employer_contributions); and enterprises no longer hire applicants whose
job would now cost more than they add (Matching._worth_hiring).  Firms whose jobs are
declared at the minimum enrol fewer of them in social insurance, as evading now saves more
per unit of the job (simulation.compliance).  Measured with
``python -m analysis.minimum_wage_elasticity`` (docs/calibration.md).  Plan V.1 (review of
the regional zoning).
"""

from __future__ import annotations

from scenarios.lever import Lever, Setting


class MinimumWage(Lever):
    name = "minimum_wage"
    summary = "raise (or cut) the regional minimum wages"
    causal_path = (
        "production: wage floor -> pay; firms: labour demand of low-wage firms; "
        "insurance: compliance where the base is the minimum"
    )
    SETTINGS = {
        "increase": Setting(
            default=0.06,
            unit="share",
            kind="real",
            description="relative change of every regional minimum",
            source="assumption: one extra step of the size of recent decrees (about 6 %)",
            least=-0.5,
            most=2,
        ),
    }

    def switch_on(self, model) -> None:
        model.policy.minimum_wage_multiplier = 1 + self.settings["increase"]

    def switch_off(self, model) -> None:
        model.policy.minimum_wage_multiplier = 1.0
