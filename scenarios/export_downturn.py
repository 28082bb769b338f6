"""A shock: export orders fall, and industrial-zone firms cut hours, then jobs.

Causal path: firms.  The labour needs of industrial-zone firms drop by ``depth`` from the
start month, stay down, then recover linearly over the last ``recovery_months`` of the
window.  Firms first put their workers on short time (their hours fall with the work
they have, down to a floor; pay follows hours), and lay off only the excess the hours
cut cannot absorb or that persists beyond a few months (``simulation/short_time.py``,
monitored by the plan, V.1, V.10); when orders recover, hours recover before anyone is
hired.  The shock shows on every margin: underemployment (workers cut under 35 hours),
earnings, unemployment of the laid off, informal work they fall back on, inactivity and
migration (``python -m analysis.stylised_facts <shock run> --baseline <baseline run>``).
Not a policy: a stress test for the plan's levers.
"""

from __future__ import annotations

from scenarios.lever import Lever, Setting


class ExportDownturn(Lever):
    name = "export_downturn"
    summary = "fall in export orders cutting industrial-zone hours, then jobs"
    causal_path = (
        "firms: industrial-zone demand -> short-time hours (underemployment, earnings)"
        " -> layoffs if the excess persists -> unemployment, informal work"
    )
    SETTINGS = {
        "depth": Setting(
            default=0.15,
            unit="share",
            kind="share",
            description="fall in industrial-zone labour needs",
            source="assumption: a stress test of the size of past falls in export orders",
        ),
        "recovery_months": Setting(
            default=6.0,
            unit="months",
            kind="count",
            description="months to recover at the end",
            source="assumption",
            most=120,
        ),
    }

    @classmethod
    def all_settings(cls):
        out = super().all_settings()
        out["start"] = Setting(
            default="2023-01", unit="YYYY-MM", kind="month", description="first month of the fall"
        )
        out["end"] = Setting(
            default="2023-12",
            unit="YYYY-MM",
            kind="month",
            description="last month of the recovery",
        )
        return out

    def act(self, model) -> None:
        left = self.end - model.month  # months before the end of the window
        # at least one month (no division by zero): a recovery of 0 months is complete in the
        # last month of the window
        recovery = max(1.0, self.settings["recovery_months"])
        progress = min(1.0, max(0.0, (recovery - left) / recovery)) if left < recovery else 0.0
        model.policy.iz_demand_factor = 1 - self.settings["depth"] * (1 - progress)

    def switch_off(self, model) -> None:
        model.policy.iz_demand_factor = 1.0
