"""Lump-sum social-insurance withdrawals (BHXH một lần) on hand-made populations."""

from __future__ import annotations

import numpy as np
import pytest

from simulation import indicators as ind
from simulation.calendar import parse_month
from simulation.firms import FIRM_COLUMNS, FirmTable
from simulation.labour_law import LUMP_SUM_CLOSED_FROM
from simulation.mechanisms.insurance import SocialInsurance
from simulation.policy import Policy
from simulation.population import NO_RECORD, Insurance, PersonTable, Status
from tests.conftest import TinyWorld

YEARS = 12
COMPULSORY, NONE = Insurance.COMPULSORY, Insurance.NONE


class World(TinyWorld):
    """Persons for the insurance mechanism (no firms: its compliance choice has none)."""

    def __init__(self, data, person_rows, month="2022-01"):
        super().__init__(data, month)
        people = PersonTable.empty(len(person_rows))
        for i, r in enumerate(person_rows):
            people.age_m[i] = r.get("age", 30) * YEARS
            people.status[i] = r.get("status", Status.UNEMPLOYED)
            people.si[i] = r.get("si", NONE)
            people.pension_track[i] = r.get("pension_track", False)
            people.si_out_months[i] = r.get("out", NO_RECORD)
            people.si_lump_sum[i] = r.get("out", NO_RECORD) != NO_RECORD
        self.persons = people

    def months(self, n, insurance):
        """Step the contribution records ``n`` months (counting withdrawals in ``flows``)."""
        for _ in range(n):
            insurance._contribution_records(self)
            self.month += 1


def sure_to_withdraw(world) -> SocialInsurance:
    """The mechanism with every person who may withdraw doing so at once."""
    insurance = SocialInsurance(world)
    insurance.withdrawal = 1.0
    return insurance


def pension_share(world) -> float:
    n = 1
    columns = {name: np.zeros(n) for name in FIRM_COLUMNS}
    columns["active"] = np.ones(n, dtype=bool)
    state = ind.State(
        persons=world.persons,
        firms=FirmTable(columns),
        scale=1,
        retirement_age=(726, 668),
    )
    return ind.pension_track_share(state)


def test_a_worker_who_withdraws_leaves_the_pension_count(data):
    # two unemployed people who left a formal job, both on track for a pension; one has
    # been out for the waiting year
    world = World(
        data,
        [{"pension_track": True, "out": 11}, {"pension_track": True, "out": 1}],
    )
    insurance = sure_to_withdraw(world)
    assert pension_share(world) == 1.0
    world.months(1, insurance)
    assert world.flows["si_withdrawals"] == 1
    assert list(world.persons.pension_track) == [False, True]
    assert world.persons.si_out_months[0] == NO_RECORD
    assert not world.persons.si_lump_sum[0]
    assert pension_share(world) == 0.5


def test_nobody_withdraws_before_the_waiting_period(data):
    wait = int(data.param("si_withdrawal_wait"))
    assert wait == 12  # Law on Social Insurance 2014, Art. 60
    world = World(data, [{"pension_track": True, "out": 1}])
    insurance = sure_to_withdraw(world)
    world.months(wait - 2, insurance)
    assert world.flows["si_withdrawals"] == 0
    assert world.persons.si_out_months[0] == wait - 1
    world.months(1, insurance)
    assert world.flows["si_withdrawals"] == 1


def test_a_worker_back_in_compulsory_insurance_does_not_withdraw(data):
    world = World(
        data,
        [{"status": Status.EMPLOYED, "si": COMPULSORY, "pension_track": True, "out": 30}],
    )
    insurance = sure_to_withdraw(world)
    world.months(24, insurance)
    assert world.flows.get("si_withdrawals", 0) == 0
    assert world.persons.si_out_months[0] == 0
    assert world.persons.pension_track[0]


def test_voluntary_contributors_and_pensioners_do_not_withdraw(data):
    world = World(
        data,
        [
            {"status": Status.EMPLOYED, "si": Insurance.VOLUNTARY, "out": 30},
            {"status": Status.INACTIVE, "age": 63, "pension_track": True, "out": 30},
        ],
    )
    world.months(3, sure_to_withdraw(world))
    assert world.flows.get("si_withdrawals", 0) == 0


def test_a_rejoiner_after_withdrawing_starts_a_new_record(data):
    world = World(data, [{"out": 20}])
    insurance = sure_to_withdraw(world)
    world.months(1, insurance)
    assert world.persons.si_out_months[0] == NO_RECORD
    world.persons.si[0] = COMPULSORY  # a new formal job
    world.months(1, insurance)
    assert world.persons.si_out_months[0] == 0
    assert world.persons.si_lump_sum[0]  # opened before the 2024 law's restriction
    assert not world.persons.pension_track[0]  # too late for a pension by the 2030s
    world.persons.si[0] = NONE  # and left again: a year to wait
    world.months(11, insurance)
    assert world.flows["si_withdrawals"] == 1
    world.months(1, insurance)
    assert world.flows["si_withdrawals"] == 2


@pytest.mark.parametrize(
    ("closed_from", "withdrawals"), [(LUMP_SUM_CLOSED_FROM, 1), (parse_month("2023-01"), 0)]
)
def test_the_restriction_stops_withdrawals_of_records_opened_after_it(
    data, closed_from, withdrawals
):
    # a worker enters compulsory insurance for the first time in 2023-06 and leaves a month
    # later; by the law (records from 2025-07) the record can be taken as a lump sum a year
    # on, with the restriction brought forward to 2023-01 it cannot
    world = World(data, [{"status": Status.EMPLOYED, "si": COMPULSORY}], month="2023-06")
    world.policy = Policy(lump_sum_closed_from=closed_from)
    insurance = sure_to_withdraw(world)
    world.months(1, insurance)
    world.persons.si[0] = NONE
    world.months(24, insurance)
    assert world.flows.get("si_withdrawals", 0) == withdrawals


def test_the_law_closes_lump_sums_for_records_opened_from_july_2025(data):
    world = World(data, [{"status": Status.EMPLOYED, "si": COMPULSORY}], month="2025-07")
    insurance = sure_to_withdraw(world)
    world.months(1, insurance)
    assert not world.persons.si_lump_sum[0]
    world.persons.si[0] = NONE
    world.months(24, insurance)
    assert world.flows.get("si_withdrawals", 0) == 0


def test_counselling_lowers_the_chance_and_the_base_rate_matches_the_data(data):
    rows = [{"status": Status.EMPLOYED, "si": COMPULSORY} for _ in range(900)]
    rows += [{"out": 12} for _ in range(100)]
    world = World(data, rows)
    insurance = SocialInsurance(world)
    # base year: the data's yearly share of contributors withdraws, over those who may
    expected = data.param("si_withdrawal_share") / YEARS * 900 / 100
    assert insurance.withdrawal == pytest.approx(expected)
    world.policy = Policy(withdrawal_multiplier=0.0)
    world.months(6, insurance)
    assert world.flows.get("si_withdrawals", 0) == 0


def test_the_social_insurance_lever_turns_the_withdrawal_knobs_and_gives_them_back(data):
    from scenarios.social_insurance import SocialInsurance as Lever

    world = World(data, [{}])
    neutral = Lever(Lever.check({}, "levers.social_insurance"))
    neutral.act(world)
    assert world.policy.withdrawal_multiplier == 1.0
    assert world.policy.lump_sum_closed_from == LUMP_SUM_CLOSED_FROM
    settings = {"withdrawal_multiplier": 0.5, "lump_sum_closed_from": "2023-07"}
    lever = Lever(Lever.check(settings, "levers.social_insurance"))
    lever.act(world)
    assert world.policy.withdrawal_multiplier == 0.5
    assert world.policy.lump_sum_closed_from == parse_month("2023-07")
    lever.switch_off(world)
    assert world.policy == Policy()
