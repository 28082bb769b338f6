"""Write one scenario YAML per lever, from the lever's own settings (units, sources).

    python -m scenarios.yaml_files          # rewrite conf/scenario/<lever>.yaml

The YAML of a lever is its documentation for users who never open the code, so it is
generated from ``SETTINGS`` and cannot drift from it (a test checks it is up to date).
"""

from __future__ import annotations

import textwrap

from scenarios import LEVERS
from simulation.config import ROOT

WIDTH = 96


def _value(value) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def lever_yaml(name: str) -> str:
    cls = LEVERS[name]
    module = __import__(cls.__module__, fromlist=["__doc__"])
    title = " ".join((module.__doc__ or cls.summary).strip().split("\n\n")[0].split())
    lines = textwrap.wrap(title, WIDTH, initial_indent="# ", subsequent_indent="# ")
    lines += ["#", f"# Causal path: {cls.causal_path}"]
    lines.append("# Settings [unit] (source: the plan, the data, or a named assumption):")
    for key, setting in cls.all_settings().items():
        bounds = "".join(
            [
                f"; at least {setting.least:,g}" if setting.least is not None else "",
                f"; at most {setting.most:,g}" if setting.most is not None else "",
            ]
        )
        text = f"{key}: {setting.description} [{setting.unit}{bounds}]" + (
            f"; {setting.source}" if setting.source else ""
        )
        wrapped = textwrap.wrap(
            text, WIDTH, initial_indent="#   ", subsequent_indent="#       ", break_on_hyphens=False
        )
        lines += wrapped
    lines += [f"name: {name}", f"description: {cls.summary}", "levers:", f"  {name}:"]
    for key, setting in cls.all_settings().items():
        lines.append(f"    {key}: {_value(setting.default)}")
    return "\n".join(lines) + "\n"


def main() -> None:
    for name in LEVERS:
        path = ROOT / "conf" / "scenario" / f"{name}.yaml"
        path.write_text(lever_yaml(name), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
