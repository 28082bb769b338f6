"""Firms' choice of social-insurance compliance (simulation/compliance.py) on hand-made firms."""

from __future__ import annotations

import numpy as np
import pytest

from scenarios.social_insurance import SocialInsurance as Lever
from simulation import compliance
from simulation.calendar import MONTHS_PER_YEAR
from simulation.firms import FIRM_COLUMNS, FirmTable, Ownership
from simulation.model import ProvinceModel
from simulation.policy import Policy
from simulation.population import PERSON_COLUMNS, PersonTable, Status
from simulation.wages import minimum_wages_in_force

# three firms of each ownership, of different sizes
OWNERS = [o for o in Ownership for _ in range(3)]
BASE_MONTH = 2022 * MONTHS_PER_YEAR  # January 2022
# pay of a toy worker whose declared share stays above the minimum (0.55 x 4 > 1.1)
FAR_ABOVE_THE_FLOOR = 4.0
# pay above the floor whose declared share is below it (0.55 x 1.5 < 1): the base is the
# minimum, and a rise of the minimum leaves the pay (above it) where it is
NEAR_THE_FLOOR = 1.5


class World:
    """Just enough of a model for the compliance choice: firms, one formal worker at each
    (paid ``pay`` times the minimum wage of the firm's district), parameters, policy."""

    firm_trait_normal = ProvinceModel.firm_trait_normal

    def __init__(self, data, pay: np.ndarray | float = FAR_ABOVE_THE_FLOOR):
        self.data = data
        self.params = {name: p.value for name, p in data.parameters.items()}
        self.policy = Policy()
        self.seed = 0
        self.month = BASE_MONTH
        n = len(OWNERS)
        columns = {name: np.zeros(n, dtype=kind) for name, kind in FIRM_COLUMNS.items()}
        columns["fid"] = np.arange(n)
        columns["ownership"] = np.array(OWNERS)
        columns["active"] = np.ones(n, dtype=bool)
        columns["size"] = np.tile([5, 40, 300], len(Ownership))
        columns["formal_share"] = np.ones(n)
        # the data's compliance by ownership, as the synthesis sets it
        table = data.figures.table("si_compliance")
        columns["si_compliance"] = np.array([table.get(o.name.lower(), 0.0) for o in OWNERS])
        columns["hours_factor"] = np.ones(n)
        self.firms = FirmTable(columns)
        people = {name: np.zeros(n, dtype=kind) for name, kind in PERSON_COLUMNS.items()}
        people["pid"] = np.arange(n)
        people["status"] = np.full(n, Status.EMPLOYED)
        people["formal"] = np.ones(n, dtype=bool)
        people["employer"] = np.arange(n)
        people["wage"] = pay * minimum_wages_in_force(self)[columns["district"]]
        self.persons = PersonTable(people)


def shares(world) -> np.ndarray:
    firms = world.firms
    weights = firms.size * firms.formal_share.astype(np.float64)
    groups = firms.ownership.astype(np.int64)
    return np.bincount(groups, weights * firms.si_compliance, len(Ownership)) / np.bincount(
        groups, weights, len(Ownership)
    )


def test_the_base_years_compliance_shares_are_reproduced_at_the_start(data):
    world = World(data)
    choice = compliance.Compliance(world)
    targets = data.figures.table("si_compliance")
    for o in Ownership:
        assert shares(world)[o] == pytest.approx(targets.get(o.name.lower(), 0.0), abs=1e-6)
    # firms of one ownership differ (the lasting draw), state units keep 1
    domestic = world.firms.si_compliance[world.firms.ownership == Ownership.DOMESTIC]
    assert np.ptp(domestic) > 0
    assert np.all(world.firms.si_compliance[world.firms.ownership == Ownership.STATE] == 1)
    assert choice.choosing[Ownership.DOMESTIC] and not choice.choosing[Ownership.STATE]


def test_a_firm_facing_more_inspections_complies_more(data):
    world = World(data)
    choice = compliance.Compliance(world)
    before = world.firms.si_compliance.copy()
    world.policy.inspection_multiplier = 3.0
    choice.update(world)
    after = world.firms.si_compliance
    choosing = choice.choosing[world.firms.ownership]
    assert np.all(after[choosing] > before[choosing])
    assert np.array_equal(after[~choosing], before[~choosing])  # state units keep 1
    # and fewer inspections, less
    world.policy.inspection_multiplier = 0.5
    choice.update(world)
    assert np.all(world.firms.si_compliance[choosing] < before[choosing])


def test_a_higher_fine_raises_compliance(data):
    world = World(data)
    choice = compliance.Compliance(world)
    before = world.firms.si_compliance.copy()
    world.policy.si_fine_rate = data.parameters["si_fine_rate"].high
    choice.update(world)
    choosing = choice.choosing[world.firms.ownership]
    assert np.all(world.firms.si_compliance[choosing] > before[choosing])


def test_a_firm_whose_evasion_cost_is_already_high_is_unaffected(data):
    params = {name: p.value for name, p in data.parameters.items()}
    firm_sd, job_sd = params["si_evasion_cost_firm_sd"], params["si_evasion_cost_job_sd"]
    interest = params["si_late_interest_rate"]
    base = compliance.evasion_gain(params["si_inspection_rate"], params["si_fine_rate"], interest)
    more = compliance.evasion_gain(
        3 * params["si_inspection_rate"], params["si_fine_rate"], interest
    )
    assert more < base
    # a firm whose non-pecuniary cost of evading is far above what evading saves, and one
    # near the margin, at the same location
    location, draws = np.zeros(2), np.array([20.0, 0.0])
    low = compliance.choose(location, draws, base, firm_sd, job_sd)
    high = compliance.choose(location, draws, more, firm_sd, job_sd)
    assert low[0] == high[0] == 1.0
    assert high[1] > low[1]
    # when evading saves nothing, every job is enrolled
    assert np.all(compliance.choose(location, draws, 0.0, firm_sd, job_sd) == 1)


def test_a_firm_without_paid_formal_jobs_takes_its_groups_bite():
    # firms 0 and 1 of group 0, firm 2 of group 0 without jobs, firm 3 of group 1 without
    employer = np.array([0, 0, 1])
    base, pay = np.array([1.0, 1.0, 2.0]), np.array([2.0, 2.0, 2.0])
    groups = np.array([0, 0, 0, 1])
    bites, pooled = compliance.bite(employer, base, pay, groups, group_count=2)
    assert bites == pytest.approx([0.5, 1.0, 4.0 / 6.0, compliance.NO_BITE])
    assert pooled == pytest.approx([4.0 / 6.0, compliance.NO_BITE])


def rise_in_the_minimum(data, pay, rise: float = 0.1, weight: float | None = None):
    """Compliance of the toy firms (workers paid ``pay`` times the minimum) before and after
    the minimum rises by ``rise``, with ``weight`` the share of the evasion cost counted in
    pay (the data's if None); and which firms choose."""
    world = World(data, pay)
    if weight is not None:
        world.params["si_evasion_cost_pay_weight"] = weight
    choice = compliance.Compliance(world)
    before = world.firms.si_compliance.copy()
    world.policy.minimum_wage_multiplier = 1 + rise
    choice.update(world)
    return before, world.firms.si_compliance.copy(), choice.choosing[world.firms.ownership]


def test_a_minimum_wage_rise_lowers_compliance_where_the_base_is_the_minimum(data):
    assert data.parameters["si_evasion_cost_pay_weight"].value > 0
    # workers paid above the floor but declared at it: the base rises with the minimum
    before, after, choosing = rise_in_the_minimum(data, NEAR_THE_FLOOR)
    assert np.all(after[choosing] < before[choosing])
    assert np.array_equal(after[~choosing], before[~choosing])  # state units keep 1
    # a cut raises it
    before, after, choosing = rise_in_the_minimum(data, NEAR_THE_FLOOR, rise=-0.1)
    assert np.all(after[choosing] > before[choosing])


def test_firms_whose_declared_pay_is_above_the_minimum_do_not_respond(data):
    before, after, _ = rise_in_the_minimum(data, FAR_ABOVE_THE_FLOOR)
    assert np.array_equal(after, before)


def test_with_the_cost_all_in_contributions_the_minimum_does_not_matter(data):
    before, after, _ = rise_in_the_minimum(data, NEAR_THE_FLOOR, weight=0.0)
    assert after == pytest.approx(before, abs=1e-12)


def test_the_lever_sets_inspections_and_fine_and_switching_off_restores_them(data):
    world = World(data)
    settings = {"start": "2023-01", "end": "2025-12", "inspection_multiplier": 2.0}
    lever = Lever(Lever.check({**settings, "fine_rate": 0.2}, "social_insurance"))
    lever.act(world)
    assert world.policy.inspection_multiplier == 2.0 and world.policy.si_fine_rate == 0.2
    lever.switch_off(world)
    assert world.policy.inspection_multiplier == 1.0 and world.policy.si_fine_rate is None


@pytest.fixture(scope="module")
def province():
    from tests.conftest import model

    return model("scale=200")


def insurance_of(model):
    from simulation.mechanisms.insurance import SocialInsurance

    return next(m for m in model.mechanisms if isinstance(m, SocialInsurance))


def employed_mask(model):
    from simulation.population import Status

    return model.persons.status == Status.EMPLOYED


def formal_domestic_jobs(model):
    from simulation.population import Insurance, Status

    persons, firms = model.persons, model.firms
    rows = np.flatnonzero((persons.status == Status.EMPLOYED) & persons.formal)
    rows = rows[persons.employer[rows] >= 0]
    rows = rows[firms.ownership[persons.employer[rows]] == Ownership.DOMESTIC]
    return rows, persons.si[rows] == Insurance.COMPULSORY


def test_an_inspected_firm_enrols_the_jobs_it_evaded(province):
    import copy

    model = copy.deepcopy(province)
    rows, insured = formal_domestic_jobs(model)
    evaded = rows[~insured]
    assert len(evaded) > 20
    model.params = {**model.params, "si_inspection_rate": 12.0}  # every firm, this month
    insurance_of(model)._inspect(model, employed_mask(model))
    from simulation.labour_law import retirement_age_months, working_age
    from simulation.population import Insurance

    limits = retirement_age_months(model.data, 2022)
    working = working_age(model.persons.age_m[evaded], model.persons.female[evaded], limits)
    assert np.all(model.persons.si[evaded[working]] == Insurance.COMPULSORY)
    # (and those evaded at the other choosing ownerships)
    assert model.flows["si_enforced"] >= np.count_nonzero(working) > 0


def test_firms_apply_a_changed_compliance_to_their_existing_jobs(province):
    import copy

    shares_enrolled = {}
    for multiplier in (0.2, 1.0, 5.0):
        model = copy.deepcopy(province)
        insurance = insurance_of(model)
        model.policy.inspection_multiplier = multiplier
        rows, before = insurance.compliance.update(model)
        insurance._follow_compliance(model, rows, before, employed_mask(model))
        shares_enrolled[multiplier] = formal_domestic_jobs(model)[1].mean()
    assert shares_enrolled[0.2] < shares_enrolled[1.0] < shares_enrolled[5.0]
    # no change of inspections, no change of enrolment
    assert shares_enrolled[1.0] == formal_domestic_jobs(province)[1].mean()


def test_a_minimum_wage_rise_is_applied_to_existing_jobs_in_the_month_it_comes(province):
    import copy

    enrolled = {}
    for multiplier in (1.0, 1.2):
        model = copy.deepcopy(province)
        model.month += 1  # February: no yearly choice, only the change triggers one
        model.policy.minimum_wage_multiplier = multiplier
        insurance_of(model).step(model)
        enrolled[multiplier] = formal_domestic_jobs(model)[1].mean()
    assert enrolled[1.2] < enrolled[1.0]
