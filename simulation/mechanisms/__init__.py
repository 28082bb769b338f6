"""The monthly mechanisms, in the order the model runs them.

Each mechanism is a class built once with the model and called as ``step(model)`` every
month.  The order is part of the model's definition (see docs/ODD.md):

1. migration: out- and in-migration by expected incomes, commuting to neighbouring provinces;
2. demography: ageing, deaths, births, contract work abroad;
3. schooling: streaming, courses, completions, retraining;
4. participation: retirement, leaving and re-entering the labour force;
5. firms: labour demand, FDI projects, entry and exit, separations, vacancies, wage
   posting;
6. local economy: household-business demand, farm land and labour, pushes out of farms;
7. matching: search, applications, hiring, fallbacks (family farms with room take back);
8. production: productivity, hours, output, wages;
9. insurance: enforcement, voluntary insurance, satisfaction;
10. registration: household businesses choosing to register as enterprises.

Migration comes first: people decide whether to move on last month's incomes.
"""

from simulation.mechanisms.demography import Demography
from simulation.mechanisms.firms import FirmDynamics
from simulation.mechanisms.insurance import SocialInsurance
from simulation.mechanisms.local_economy import LocalEconomy
from simulation.mechanisms.matching import Matching
from simulation.mechanisms.migration import Migration
from simulation.mechanisms.participation import Participation
from simulation.mechanisms.production import Production
from simulation.mechanisms.registration import Registration
from simulation.mechanisms.schooling import Schooling

MECHANISMS: list = [
    Migration,
    Demography,
    Schooling,
    Participation,
    FirmDynamics,
    LocalEconomy,
    Matching,
    Production,
    SocialInsurance,
    Registration,
]
