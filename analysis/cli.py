"""What the analysis commands share on their command line: bad input is refused in one
line on standard error, with exit code 2 (nothing written)."""

from __future__ import annotations

import sys
from typing import NoReturn

BAD_INPUT = 2  # the exit code of a refused argument or input


def description_of(docstring: str | None) -> str:
    """A command's description for ``--help``: the first paragraph of its module's
    docstring, on one line (a first line alone may stop mid-sentence)."""
    paragraph = (docstring or "").strip().split("\n\n")[0]
    return " ".join(line.strip() for line in paragraph.splitlines())


def refuse(message: object) -> NoReturn:
    """Say what is wrong in one line (``error: ...``) and exit with :data:`BAD_INPUT`."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(BAD_INPUT)


def at_least_one(arguments, names: tuple[str, ...], error: type[Exception]) -> None:
    """Raise ``error`` naming the first of the options ``names`` set below 1."""
    for name in names:
        if getattr(arguments, name) < 1:
            raise error(f"--{name.replace('_', '-')}: at least 1")
