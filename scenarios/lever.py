"""What every lever has: settings with units and checks, a start and an end, a cost.

A lever acts only through the knobs of :class:`simulation.policy.Policy`, the model's
parameters, or the agents themselves, at set times; never by editing an indicator.
Subclasses declare ``SETTINGS`` (a :class:`Setting` per key, by keyword), read the checked
values as ``self.settings[key]``, and implement ``act`` (every month the lever is on) and,
if needed, ``switch_on`` (once, the first month).  Numbers that describe behaviour rather
than the lever's inputs are parameters of the province (``model.params``), not settings.
Before its start month a lever does nothing (``apply`` and ``after`` check the month), so
a grid's runs of a seed share their months before their levers act
(:mod:`analysis.population_cache`); a lever class that overrides ``setup``, ``apply`` or
``after`` shares none.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

from simulation.calendar import parse_month
from simulation.config import ConfigError


@dataclass(frozen=True, kw_only=True)
class Setting:
    """One setting of a lever, declared by keyword: its default value, unit and kind, what
    it is (``description``) and where the default comes from (``source``: the plan, the
    data, or a named assumption)."""

    default: Any
    unit: str
    kind: str  # "share", "count" (>= 0), "money" (>= 0), "multiplier" (>= 0), "month", "real"
    description: str
    source: str = ""
    least: float | None = None  # bounds beyond the kind's own (e.g. a share is in [0, 1]):
    most: float | None = None  # the largest value the model can represent, not a forecast

    def check(self, key: str, value: Any) -> Any:
        if self.kind == "month":
            try:
                parse_month(str(value))
            except ValueError as e:
                raise ConfigError(f"{key}: {e}") from None
            return str(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{key}: expected a number ({self.unit}), got {value!r}")
        value = float(value)
        if not math.isfinite(value):
            raise ConfigError(f"{key}: expected a finite number ({self.unit}), got {value!r}")
        if self.kind == "share" and not 0.0 <= value <= 1.0:
            raise ConfigError(f"{key}: a share must be in [0, 1], got {value:g}")
        if self.kind in ("count", "money", "multiplier") and value < 0:
            raise ConfigError(f"{key}: must not be negative, got {value:g}")
        if self.kind == "count" and not value.is_integer():
            raise ConfigError(f"{key}: expected a whole number ({self.unit}), got {value!r}")
        if self.least is not None and value < self.least:
            raise ConfigError(
                f"{key}: must be at least {self.least:g} ({self.unit}), got {value!r}"
            )
        if self.most is not None and value > self.most:
            raise ConfigError(f"{key}: must be at most {self.most:,g} ({self.unit}), got {value!r}")
        return value


COMMON = {
    "start": Setting(
        default="2023-07",
        unit="YYYY-MM",
        kind="month",
        description="first month the lever acts",
        source="the province's plan for Resolution 06/NQ-CP (issued in 2023)",
    ),
    "end": Setting(
        default="2025-12",
        unit="YYYY-MM",
        kind="month",
        description="last month the lever acts",
    ),
}


class Lever:
    """Base class of the plan's levers."""

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    causal_path: ClassVar[str] = ""
    SETTINGS: ClassVar[dict[str, Setting]] = {}
    cost_tail_months: ClassVar[int] = 0

    def __init__(self, settings: dict[str, Any]):
        self.settings = settings
        self.start = parse_month(settings["start"])
        self.end = parse_month(settings["end"])
        self.switched_on = False

    @classmethod
    def all_settings(cls) -> dict[str, Setting]:
        return {**COMMON, **cls.SETTINGS}

    @classmethod
    def check(cls, settings: dict[str, Any], prefix: str) -> dict[str, Any]:
        """Settings with defaults filled in; refuses unknown keys and bad values."""
        if not isinstance(settings, dict):
            raise ConfigError(f"{prefix}: expected a mapping of settings, got {settings!r}")
        known = cls.all_settings()
        for key in settings:
            if key not in known:
                raise ConfigError(
                    f"{prefix}.{key}: unknown setting of lever {cls.name} "
                    f"(known: {', '.join(known)})"
                )
        out = {
            key: setting.check(f"{prefix}.{key}", settings.get(key, setting.default))
            for key, setting in known.items()
        }
        if parse_month(out["start"]) > parse_month(out["end"]):
            raise ConfigError(f"{prefix}.start: {out['start']} is after end {out['end']}")
        return out

    # ------------------------------------------------------------------ the model's calls

    def setup(self, model) -> None:
        """Called once when the model is built."""

    def apply(self, model) -> None:
        """Called at the start of every month, before the mechanisms."""
        on = self.start <= model.month <= self.end
        if on and not self.switched_on:
            self.switched_on = True
            self.switch_on(model)
        if on:
            self.act(model)
        elif self.switched_on and model.month == self.end + 1:
            self.switch_off(model)

    def after(self, model) -> None:
        """Called at the end of every month, after the mechanisms: books the cost (also in
        the ``cost_tail_months`` after the lever ends, e.g. for loans still outstanding)."""
        if self.start <= model.month <= self.end + self.cost_tail_months:
            cost = self.monthly_cost(model)
            if cost:
                model.count("policy_cost_bn_vnd", cost / model.scale)
                model.count(f"cost_{self.name}_bn_vnd", cost / model.scale)

    def switch_on(self, model) -> None:
        """Once, in the first month the lever is on."""

    def act(self, model) -> None:
        """Every month the lever is on."""

    def switch_off(self, model) -> None:
        """Once, the month after the lever ends."""

    def monthly_cost(self, model) -> float:
        """Public cost this month, bn VND (the full province, whatever the scale)."""
        return 0.0
