"""Which assumptions matter: global sensitivity of the 2025 targets, and of levers' effects,
to the province's assumed parameters.

    python -m analysis.sensitivity                       # Morris screening, all assumptions
    python -m analysis.sensitivity --sobol 8             # then Sobol indices of the top 8
    python -m analysis.sensitivity --parameters search_decay,farm_mechanisation_rate \\
        --trajectories 4 --scale 200 --effects plan_package,fdi_attraction

Every parameter of ``data/<province>/parameters.csv`` whose status is ``assumption`` has a
plausible range (``low``, ``high``); those are factors, and so is each row of the data
tables that are estimates (labour shares, relative productivity, formal shares, insurance
compliance, skill premia), named ``<variable>:<category>`` (e.g. ``labour_share:fdi``),
within the spread of its ``estimated_table_spread`` row (the rows a run sets with
``+province.tables.<variable>.<category>=<value>``).  Calibrated, published and derived
values are not varied.  Each point of a design is run in-process for the baseline and for each
scenario of ``--effects`` with the same seed (common random numbers), and gives each
target's value in its year (2025) and each scenario's paired effect on it.

1. **Morris screening** (SALib's elementary effects, Morris 1991 with Campolongo et al.
   2007's mu*): ``--trajectories`` r one-at-a-time paths through a ``--levels`` grid of
   the factors' ranges, r (k + 1) points for k factors.  ``mu_star`` is the mean absolute
   change of an output when a factor moves across its range (in the output's unit, e.g.
   a share), ``sigma`` the spread of those changes (interactions, non-linearity, noise).
2. **Sobol indices** (``--sobol K``, optional): Saltelli's design over the K factors with
   the largest screened influence, the others at their stated values; ``S1`` is the share
   of an output's variance due to the factor alone, ``ST`` with its interactions.

The noise floor: the base point (every factor at its stated value) is also run with
``--noise-seeds`` other seeds; ``seed_sd`` is the outputs' standard deviation across
seeds.  ``--seeds-per-point K`` runs every point with the same K seeds (common random
numbers across points) and takes the mean of its outputs, so the noise an elementary
effect carries falls by about the square root of K; the noise floor then runs
``--noise-seeds`` other sets of K seeds, and ``seed_sd`` is the standard deviation of their
means.  A factor whose mu* is well below it is not distinguished from the model's own
randomness at this scale.  Indicators set by inputs (a lever's setting echoed) are
labelled in the report, and their sensitivity is that of an input.

Writes ``sensitivity.csv`` (one row per method, output and factor), ``sensitivity.md`` (the
five most influential assumptions of each output) and ``sensitivity.png`` (a heat map) to
``--out``.
"""
