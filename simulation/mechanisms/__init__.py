"""The monthly mechanisms, in the order the model runs them.

Each mechanism is a class built once with the model and called as ``step(model)`` every
month.  The order is part of the model's definition (see docs/ODD.md):

1. demography: ageing, deaths, births, migration, contract work abroad;
2. schooling: streaming, courses, completions, retraining;
3. participation: retirement, leaving and re-entering the labour force;
4. firms: labour demand, FDI projects, entry and exit, separations, vacancies;
5. local economy: household-business demand, farm land and labour, pushes out of farms;
6. matching: search, applications, hiring, fallbacks (family farms with room take back);
7. production: productivity, hours, output, wages;
8. insurance: enforcement, voluntary insurance, satisfaction.
"""

from simulation.mechanisms.demography import Demography
from simulation.mechanisms.firms import FirmDynamics
from simulation.mechanisms.insurance import SocialInsurance
from simulation.mechanisms.local_economy import LocalEconomy
from simulation.mechanisms.matching import Matching
from simulation.mechanisms.participation import Participation
from simulation.mechanisms.production import Production
from simulation.mechanisms.schooling import Schooling

MECHANISMS: list = [
    Demography,
    Schooling,
    Participation,
    FirmDynamics,
    LocalEconomy,
    Matching,
    Production,
    SocialInsurance,
]
