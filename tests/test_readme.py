"""The README's Python example runs as written (at a coarser scale, to stay fast)."""

from __future__ import annotations

import contextlib
import io
import re

from simulation.config import ROOT


def test_readme_python_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    example = next(b for b in blocks if "build_model" in b)
    example = example.replace('"scale=100"', '"scale=400"').replace(
        '"end=2024-12"', '"end=2022-06"'
    )
    out = io.StringIO()
    namespace: dict = {}
    with contextlib.redirect_stdout(out):
        exec(compile(example, "README.md", "exec"), namespace)
    printed = out.getvalue()
    assert "Worker(pid=" in printed and "Firm(0," in printed
    model = namespace["model"]
    assert len(model.history) == 6
    assert 0.0 < model.history[-1]["unemployment"] < 0.1


def test_readme_example_of_a_new_indicator_declares_it_once():
    from simulation import indicators

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = next(
        b for b in re.findall(r"```python\n(.*?)```", readme, flags=re.S) if "@indicator" in b
    )
    namespace = {"indicator": indicators.indicator, "State": indicators.State}
    try:
        exec(compile(example, "README.md", "exec"), namespace)
        declaration = indicators.INDICATORS["employed_women"]
        assert declaration.label == "Employed women" and declaration.unit == "persons"
        assert declaration.definition == "Women 15+ in employment (persons)."
        assert "employed_women" in indicators.MONTHLY_INDICATORS
    finally:  # leave the registry as the model declares it
        for table in (indicators.INDICATORS, indicators.MONTHLY_INDICATORS):
            table.pop("employed_women", None)
