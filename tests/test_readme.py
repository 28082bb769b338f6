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
