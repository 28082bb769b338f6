"""The monthly mechanisms, in the order the model runs them.

Each mechanism is a class built once with the model and called as ``step(model)`` every
month.  The order is part of the model's definition (see docs/ODD.md).
"""

MECHANISMS: list = []
