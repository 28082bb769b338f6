"""Migration and commuting: moving to and from the province, and working next door.

- Expected income here (Harris and Todaro 1970), from the model each month: for each group
  of residents (5-year age group of the migrant age profile, times certified or not), the
  labour income of its employed members over its labour force, i.e. the mean wage times
  the employment rate.
- Expected income elsewhere: the average income of a worker in the destinations of the
  province's migrants (Hà Nội, Bắc Ninh, Hải Phòng, Ho Chi Minh City) and in the origins of
  its in-migrants (the national average), split by certificate with the skill premium,
  growing at ``outside_income_growth`` a year.
- Out-migration: each resident of migrant age leaves with a monthly hazard proportional to
  the migrant age profile times (income elsewhere / income here) ** elasticity of their
  group.  In-migration: arrivals of each group in proportion to the migrant profile times
  (income here / income at the origin) ** elasticity.  Both are scaled once, on the
  synthetic base population, so that in the base month out-migration is
  ``out_migration_rate`` and net migration the published rate of the base year: with 2022
  conditions the model reproduces the published net rate; afterwards the flows move with
  incomes here relative to elsewhere.  Levers scale both (``policy``).
- In-migrants are drawn from the migrant profile, not copied from residents: age (migrant
  age profile, adults only), sex, certificate (certified share, levels as in the labour
  force) and skill (premium of the certificate times noise, as in the base year), arriving
  as jobseekers or inactive.  A returning native looks the same and is not told apart.
  They settle in a district with weight (industrial-zone jobs mixed with an even spread)
  times (the district's expected income for their certificate / the province's) **
  elasticity.
- Commuting: the jobs residents can hold in neighbouring provinces' industrial zones grow
  with those provinces' labour demand (data, latest year carried forward); searchers weigh
  them against local wages of their certificate: the weight of those jobs in their search
  is multiplied by (outside wage / mean local wage of the certificate) ** elasticity
  (``model.commuting_appeal``, read by matching).
"""

from __future__ import annotations

import numpy as np

from simulation import jobs
from simulation.calendar import MONTHS_PER_YEAR, year_of
from simulation.mechanisms.demography import MAX_AGE, age_groups, latest, stochastic_round
from simulation.numeric import weighted_sum
from simulation.population import (
    CERTIFICATES,
    OUTSIDE_EMPLOYER,
    PERSON_COLUMNS,
    Certificate,
    PersonTable,
    Status,
)
from simulation.randomness import pick_keyed
from simulation.wages import draw_skills

PER_THOUSAND = 1000.0  # rates published per 1000 persons
SKILL_GROUPS = 2  # without (0) and with (1) a vocational or higher certificate
CERTIFIED_LEVELS = CERTIFICATES[Certificate.ELEMENTARY :]


def expected_income(group: np.ndarray, wage: np.ndarray, employed: np.ndarray, groups: int):
    """Per group: labour income of its employed over its labour force (mean wage times
    employment rate), and the size of its labour force.  ``group``, ``wage`` and
    ``employed`` describe members of the labour force; groups with no labour force get
    NaN."""
    mean, force, _ = _income_per_member(group, np.where(employed, wage, 0.0), groups)
    return mean, force


def _income_per_member(group: np.ndarray, paid: np.ndarray, groups: int):
    """:func:`expected_income` from each member's pay this month (``paid``: the wage of
    the employed, 0 for jobseekers), so that several groupings of the same members share
    it; also each group's pay.  The incomes are the same bit for bit: each group's pay is
    added in the members' order, and a jobseeker's 0 leaves a sum unchanged."""
    force = np.bincount(group, minlength=groups).astype(float)
    income = np.bincount(group, weights=paid, minlength=groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(force > 0, income / force, np.nan), force, income


def _filled(values: np.ndarray, fallback: np.ndarray | float) -> np.ndarray:
    """``values`` with missing (NaN) or non-positive entries replaced by ``fallback``."""
    good = np.isfinite(values) & (values > 0)
    return np.where(good, values, fallback)


class Migration:
    """Out- and in-migration driven by expected incomes; commuting to neighbouring provinces."""

    def __init__(self, model):
        data, parameters, figures = model.data, model.params, model.data.figures
        self.elasticity = parameters["migration_income_elasticity"]
        self.commuting_elasticity = parameters["commuting_wage_elasticity"]
        self.growth = parameters["outside_income_growth"]
        self.base_month = model.month

        # age groups: the bins of the migrant age profile (-1 outside migrant ages)
        self.age_group = np.full(MAX_AGE, -1, dtype=np.int64)
        bins = list(age_groups(figures.table("migrant_age_shape")))
        self.age_bins = [(first, last) for first, last, _ in bins]
        shape = np.array([value for _, _, value in bins])
        for index, (first, last, _) in enumerate(bins):
            self.age_group[first : last + 1] = index
        # the same by age in months (everyone older than the table is in its last year)
        self.age_group_by_month = np.repeat(self.age_group, MONTHS_PER_YEAR)
        # ... and the group of each age in months and certified or not, plus one (0 outside
        # migrant ages), at age * SKILL_GROUPS + certified: one lookup for the two (see
        # _group_after_one)
        by_month = self.age_group_by_month[:, np.newaxis]
        self.group_after_one_by_age = np.where(
            by_month >= 0, by_month * SKILL_GROUPS + np.arange(SKILL_GROUPS) + 1, 0
        ).ravel()
        self.groups = len(bins) * SKILL_GROUPS
        self.youngest_months = min(first for first, _ in self.age_bins) * MONTHS_PER_YEAR
        self.oldest_months = (max(last for _, last in self.age_bins) + 1) * MONTHS_PER_YEAR
        # the out-migration hazard per person of each age group (single-year shape)
        widths = np.array([last - first + 1 for first, last in self.age_bins])
        self.age_weight = np.repeat(shape / widths, SKILL_GROUPS)

        # incomes elsewhere by certificate: the average split with the skill premium
        premium = figures.table("skill_premium")
        levels = figures.table("certificate_level_share")
        certified_premium = sum(levels[level] * premium[level] for level in CERTIFIED_LEVELS) / sum(
            levels[level] for level in CERTIFIED_LEVELS
        )
        trained = figures.value("trained_certified_share", "national")
        split = np.array([premium["none"], certified_premium]) / (
            (1 - trained) * premium["none"] + trained * certified_premium
        )
        self.destination_income = figures.value("outside_income", "migration") * split
        self.origin_income = figures.value("average_income") * split
        self.commuting_income = figures.value("outside_income", "commuting") * split

        # the migrant profile of in-migrants (groups: age group x certified)
        certified = parameters["migrant_certified_share"]
        self.profile = np.outer(shape / shape.sum(), [1 - certified, certified]).ravel()
        self.level_share = np.array([levels[level] for level in CERTIFIED_LEVELS])
        iz = figures.by_area("iz_location_share")
        iz_weight = np.array([iz.get(district, 0.0) for district in data.districts])
        near_zones = parameters["in_migrant_industrial_zone_weight"]
        self.district_base = near_zones * iz_weight + (1 - near_zones) / len(iz_weight)
        self.neighbour_growth = figures.series("neighbour_labour_demand_growth")

        # calibration on the base population: in the base month out-migration is the gross
        # rate, and in-migration that plus the published net rate of the base year
        incomes = self._incomes(model)
        residents = np.count_nonzero(model.persons.status != Status.ABROAD.value)
        out_rate = parameters["out_migration_rate"] / MONTHS_PER_YEAR
        net = latest(figures.series("net_migration_rate"), year_of(model.month)) / PER_THOUSAND
        self.out_scale = 1.0
        self.out_scale = out_rate * residents / self._out_hazards(incomes, 0)[1]
        self.in_base = max(0.0, (out_rate + net / MONTHS_PER_YEAR) * residents)
        self.in_attraction_base = self._in_weights(incomes, 0).sum()
        self.base_wage = incomes["wage"]
        model.outside_jobs = float(np.count_nonzero(model.persons.employer == OUTSIDE_EMPLOYER))
        model.commuting_appeal = np.ones(SKILL_GROUPS)

    # ------------------------------------------------------------------ incomes

    def _incomes(self, model) -> dict[str, np.ndarray]:
        """Expected incomes here this month: by group (age group x certified), by district
        and certificate, and the mean wage of the employed by certificate; also the rows of
        the residents of migrant ages (``candidates``), their groups and group sizes.

        The members' pay (wage of the employed, 0 for jobseekers) is made once and summed
        by certificate, group (shifted by one: those outside migrant ages in a first bin
        left out, rather than picked out by position) and district; the mean wage of the
        employed by certificate is the certificate's pay over its employed."""
        persons = model.persons
        status = persons.status
        employed = status == Status.EMPLOYED.value
        force = np.flatnonzero(employed | (status == Status.UNEMPLOYED.value))
        wage = persons.wage[force].astype(float)
        working = employed[force]
        certified = persons.certificate[force] >= Certificate.ELEMENTARY.value
        skill = certified.astype(np.int64)
        paid = np.where(working, wage, 0.0)
        by_skill, _, skill_pay = _income_per_member(skill, paid, SKILL_GROUPS)
        group_after_one = self._group_after_one(persons.age_m[force], skill)
        by_group, _, _ = _income_per_member(group_after_one, paid, self.groups + 1)
        by_group = by_group[1:]
        districts = len(self.district_base)
        by_district, _, _ = _income_per_member(
            persons.district[force].astype(np.int64) * SKILL_GROUPS + skill,
            paid,
            districts * SKILL_GROUPS,
        )
        certified_at_work = np.count_nonzero(certified & working)
        count = np.array([np.count_nonzero(working) - certified_at_work, certified_at_work])
        skill_of_group = np.tile(np.arange(SKILL_GROUPS), self.groups // SKILL_GROUPS)
        # residents of migrant ages: those who may leave
        age_m = persons.age_m
        candidates = np.flatnonzero(
            (age_m >= self.youngest_months)
            & (age_m < self.oldest_months)
            & (status != Status.ABROAD.value)
        )
        member = (
            self._group_after_one(
                age_m[candidates],
                (persons.certificate[candidates] >= Certificate.ELEMENTARY.value).astype(np.int64),
            )
            - 1
        )
        return {
            "group": _filled(by_group, by_skill[skill_of_group]),
            "district": _filled(
                by_district.reshape(districts, SKILL_GROUPS), by_skill[np.newaxis, :]
            ),
            "skill": by_skill,
            "wage": skill_pay / np.maximum(count, 1),
            "candidates": candidates,
            "member": member,
            "count": np.bincount(member, minlength=self.groups).astype(float),
        }

    def _group_after_one(self, age_months: np.ndarray, skill: np.ndarray) -> np.ndarray:
        """Group of each person (age group x certified) plus one, 0 outside migrant ages,
        by one lookup of the age in months and certificate: about four times faster than
        looking the age group up and choosing between it and -1."""
        ages = np.minimum(age_months, len(self.age_group_by_month) - 1).astype(np.intp)
        return self.group_after_one_by_age[ages * SKILL_GROUPS + skill]

    def _outside_factor(self, months: int) -> float:
        """Growth of incomes elsewhere since the base month."""
        return (1 + self.growth) ** (months / MONTHS_PER_YEAR)

    def _out_hazards(self, incomes, months: int) -> tuple[np.ndarray, float]:
        """Monthly out-migration hazard per resident of each group, and the expected number
        of out-migrants."""
        skill = np.arange(self.groups) % SKILL_GROUPS
        elsewhere = self.destination_income[skill] * self._outside_factor(months)
        relative = elsewhere / incomes["group"]
        hazard = self.out_scale * self.age_weight * relative**self.elasticity
        return hazard, weighted_sum(incomes["count"], hazard)

    def _in_weights(self, incomes, months: int) -> np.ndarray:
        """Relative arrivals of each group: the migrant profile times the income ratio."""
        skill = np.arange(self.groups) % SKILL_GROUPS
        origin = self.origin_income[skill] * self._outside_factor(months)
        return self.profile * (incomes["group"] / origin) ** self.elasticity

    # ------------------------------------------------------------------ step

    def step(self, model) -> None:
        persons, policy = model.persons, model.policy
        months = model.month - self.base_month
        incomes = self._incomes(model)
        if model.spinning_up:  # nobody moves; the jobs next door do not grow
            self._commuting_appeal(incomes, months, model)
            return
        rng = model.stream("migration.counts")

        # out-migration of residents
        hazard, expected = self._out_hazards(incomes, months)
        candidates, member = incomes["candidates"], incomes["member"]
        n_out = stochastic_round(expected * policy.out_migration_multiplier, rng)
        leaving = np.zeros(len(persons), dtype=bool)
        if n_out > 0:
            uniform = model.uniform("out_migration", candidates)
            chosen = pick_keyed(uniform, hazard[member], n_out)
            leaving[candidates[chosen]] = True
        model.count("out_migrants", np.count_nonzero(leaving))
        jobs.release(
            model, np.flatnonzero(leaving & (persons.status == Status.EMPLOYED.value)), None
        )

        # in-migration
        weights = self._in_weights(incomes, months)
        n_in = stochastic_round(
            self.in_base * weights.sum() / self.in_attraction_base * policy.in_migration_multiplier,
            rng,
        )
        arrivals = self._arrivals(model, incomes, weights, n_in, model.stream("migration.arrivals"))
        model.count("in_migrants", len(arrivals))
        model.update_population(leaving, arrivals)

        self._commuting(model, incomes, months)

    def _arrivals(self, model, incomes, weights, n, rng) -> PersonTable:
        """``n`` in-migrants drawn from the migrant profile, tilted by expected incomes."""
        parameters = model.params
        new = PersonTable.empty(n)
        if n == 0:
            return new
        group = rng.choice(self.groups, size=n, p=weights / weights.sum())
        certified = group % SKILL_GROUPS == 1
        first = np.array([first for first, _ in self.age_bins])[group // SKILL_GROUPS]
        last = np.array([last for _, last in self.age_bins])[group // SKILL_GROUPS]
        first = np.minimum(np.maximum(first, int(parameters["in_migrant_min_age"])), last)
        years = first + (rng.random(n) * (last - first + 1)).astype(np.int64)
        new.age_m[:] = years * MONTHS_PER_YEAR + rng.integers(0, MONTHS_PER_YEAR, n)
        new.female[:] = rng.random(n) < parameters["migrant_female_share"]
        level = Certificate.ELEMENTARY + rng.choice(
            len(self.level_share), size=n, p=self.level_share / self.level_share.sum()
        )
        new.certificate[:] = np.where(certified, level, Certificate.NONE)
        draw_skills(model.data, new, rng)
        new.wants_more[:] = rng.random(n) < parameters["wants_more_hours_share"]
        # the district: industrial-zone jobs and an even spread, times expected income
        skill = certified.astype(np.int64)
        relative = incomes["district"] / incomes["skill"][np.newaxis, :]
        district_weight = self.district_base[:, np.newaxis] * relative**self.elasticity
        for has_certificate in range(SKILL_GROUPS):
            rows = np.flatnonzero(skill == has_certificate)
            column = district_weight[:, has_certificate]
            new.district[rows] = rng.choice(len(column), size=len(rows), p=column / column.sum())
        new.urban[:] = rng.random(n) < parameters["migrant_urban_share"]
        seeking = rng.random(n) < parameters["migrant_jobseeker_share"]
        new.status[:] = np.where(seeking, Status.UNEMPLOYED, Status.INACTIVE)
        assert set(PERSON_COLUMNS) == set(new.columns())
        return new

    def _commuting(self, model, incomes, months: int) -> None:
        """Jobs open to residents in neighbouring provinces, and how searchers weigh them."""
        growth = latest(self.neighbour_growth, year_of(model.month))
        model.outside_jobs *= (1 + growth) ** (1 / MONTHS_PER_YEAR)
        self._commuting_appeal(incomes, months, model)

    def _commuting_appeal(self, incomes, months: int, model) -> None:
        """How searchers weigh jobs next door (``model.commuting_appeal``)."""
        # the outside wage against local wages, by certificate
        outside = self.commuting_income * self._outside_factor(months)
        local = _filled(incomes["wage"], self.base_wage)
        model.commuting_appeal = (outside / local) ** self.commuting_elasticity
