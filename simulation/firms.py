"""Firms as columns: FDI firms, domestic enterprises, state units, household businesses, farms.

Hundreds of thousands of household businesses and farms make Python objects too slow,
so firms are columns like persons.  A small firm's agent stands for ``scale`` real firms of
its size, so that firm-size distributions look the same at every scale.  FDI firms are
few and large: each is its own agent, with ``size / scale`` worker agents, so that a
project arriving or closing is one project at any scale (``represents`` says which).
Firms are never deleted: one that closes is marked inactive, so that a worker's
``employer`` index stays valid.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from simulation.table import ColumnTable, RowView


class Ownership(IntEnum):
    FDI = 0
    DOMESTIC = 1  # domestic private enterprise (registered)
    STATE = 2  # state enterprise or public service unit
    HOUSEHOLD = 3  # household business (non-farm, unregistered as an enterprise)
    FARM = 4  # farm household


OWNERSHIPS = tuple(o.name.lower() for o in Ownership)
ENTERPRISES = (Ownership.FDI, Ownership.DOMESTIC, Ownership.STATE)  # registered, not household
# whether each ownership code is an enterprise: a lookup, faster than np.isin on many rows
IS_ENTERPRISE = np.isin(np.arange(len(Ownership)), ENTERPRISES)


def is_enterprise(firms) -> np.ndarray:
    """Whether each firm is an enterprise: of an enterprise ownership, or a household
    business registered as one."""
    return IS_ENTERPRISE[firms.ownership] | firms.registered


def compliance_groups(firms) -> np.ndarray:
    """The ownership whose social-insurance compliance each firm chooses like: its own, but
    a household business registered as an enterprise chooses as a domestic enterprise."""
    groups = firms.ownership.astype(np.int64)
    groups[firms.registered] = Ownership.DOMESTIC
    return groups


FIRM_COLUMNS: dict[str, type] = {
    "fid": np.int64,  # stable id: keys the firm's own random draws (see new_firm_ids)
    "sector": np.int8,
    "ownership": np.int8,
    "district": np.int8,
    "in_iz": np.bool_,  # located in an industrial zone
    "active": np.bool_,
    "productivity": np.float32,  # value added per skill unit at 48 h/week, million VND/month
    "size": np.int32,  # workers employed (agents)
    "capacity": np.float32,  # workers wanted when fully ramped up (agents)
    "demand": np.float32,  # workers wanted this month (agents)
    "ramp_start": np.int32,  # month (number) hiring starts; full size ramp_months later
    "ramp_months": np.int16,
    "formal_share": np.float32,  # chance that a hire gets a formal contract
    "si_compliance": np.float32,  # chance that a formal job is enrolled in social insurance
    "high_tech": np.bool_,
    "born": np.int32,  # month (number) of entry; before the base month for initial firms
    "represents": np.float32,  # real firms this agent stands for (1 for FDI, scale for others)
    # short-time work (see simulation/short_time.py): the share of their usual hours the
    # firm's workers work this month (1 = no cut), and the months in a row it has had more
    # workers than it needs
    "hours_factor": np.float32,
    "months_in_excess": np.int16,
    # labour demand (see simulation.mechanisms.labour_demand and .fdi)
    "capital": np.float32,  # FDI capital disbursed and in operation, million USD
    "capital_pending": np.float32,  # FDI capital registered, still to be disbursed, million USD
    "disbursement_months": np.float32,  # mean months the pending capital takes to disburse
    "certified_wanted": np.float32,  # share of its wanted workers that should hold a certificate
    "labour_cost_base": np.float32,  # wage bill over value added when first observed (0: not yet)
    "wage_response": np.float32,  # factor on wanted workers from labour costs (1: as at base)
    # wage posting (see simulation/wage_posting.py): the firm's pay relative to the going
    # rate, the vacancies it left open after last month's matching, and the months in a row
    # it has left vacancies open
    "wage_premium": np.float32,
    "open_vacancies": np.int32,
    "months_unfilled": np.int16,
    # a household business registered as an enterprise (simulation/mechanisms/registration.py):
    # it keeps its ownership code, and so its pay, demand and closure rate, and counts as an
    # enterprise; its jobs get contracts and insurance as a domestic enterprise's
    "registered": np.bool_,
}

# Columns a new firm may be created without: it works full hours and has no excess workers
# yet, no capital, no certificate wanted, labour costs not yet observed, no response to them,
# it pays the going rate, has no vacancy left open yet and is not a registered household
# business.
FIRM_DEFAULTS: dict[str, float] = {
    "hours_factor": 1.0,
    "months_in_excess": 0,
    "capital": 0.0,
    "capital_pending": 0.0,
    "disbursement_months": 1.0,
    "certified_wanted": 0.0,
    "labour_cost_base": 0.0,
    "wage_response": 1.0,
    "wage_premium": 1.0,
    "open_vacancies": 0,
    "months_unfilled": 0,
    "registered": False,
}


def new_firm_ids(month: int, origin: int, keys: np.ndarray) -> np.ndarray:
    """Ids of firms created in ``month`` by ``origin`` (1 FDI project, 2 enterprise entry,
    3 household start-up), ``keys`` numbering them (their count, or the founders' ids).

    A firm's id depends on when and how it was created, not on its row, so that a firm
    present in two scenario runs draws the same numbers in both (common random numbers)
    even when one run created more firms before it.  Base-year firms have ids 0..n-1."""
    return (np.int64(month) << 40) | (np.int64(origin) << 32) | np.asarray(keys, dtype=np.int64)


class FirmTable(ColumnTable):
    """The columns of all firm agents."""

    COLUMNS = FIRM_COLUMNS
    DEFAULTS = FIRM_DEFAULTS
    KIND = "firm"


class Firm(RowView):
    """A read-only view of one firm, for inspection: ``Firm(table, row)``."""

    @property
    def index(self) -> int:
        """The firm's row in the table."""
        return self._row

    def __repr__(self) -> str:
        from simulation.population import SECTORS

        return (
            f"Firm({self.index}, {OWNERSHIPS[self.ownership]}, {SECTORS[self.sector]}, "
            f"size={self.size}, in_iz={self.in_iz}, active={self.active})"
        )
