"""The commands' --help descriptions: the first paragraph of their docstrings, whole."""

from __future__ import annotations

import importlib

import pytest

from analysis.cli import description_of

COMMANDS = (
    "analysis.transitions",
    "analysis.sensitivity",
    "analysis.estimate",
    "analysis.calibrate",
    "analysis.history_match",
    "analysis.additionality",
    "analysis.duration_dependence",
    "analysis.assumptions",
)


def test_the_description_is_the_first_paragraph_on_one_line():
    text = """First line of a sentence
    that goes on.

    Another paragraph."""
    assert description_of(text) == "First line of a sentence that goes on."
    assert description_of(None) == ""


@pytest.mark.parametrize("name", COMMANDS)
def test_no_command_describes_itself_mid_sentence(name):
    description = description_of(importlib.import_module(name).__doc__)
    assert description.rstrip().endswith((".", ":", ")")), description
