"""The version of the model's code and data: a hash of the files results depend on.

Runs of the same configuration under different code or data are different runs: grids key
their results by it (:mod:`analysis.store`) and so do cached synthetic populations
(:mod:`analysis.population_cache`)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_FOLDERS = ("simulation", "scenarios", "data", "conf")
CODE_SUFFIXES = (".py", ".csv", ".yaml", ".md")
VERSION_LENGTH = 16  # hexadecimal digits


@cache
def code_version() -> str:
    """A hash of the model's code and data files (``CODE_FOLDERS``)."""
    digest = hashlib.sha256()
    for folder in CODE_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:VERSION_LENGTH]
