"""Check a command line before Hydra runs it, so that every bad input is one line.

Hydra's own messages span several lines and come after it has created the run
directory.  ``preflight`` composes the config for every value of every override (sweeps
included) with Hydra's compose API, validates it, and raises :class:`ConfigError` with
one line naming the key; only a clean command line is handed to Hydra.
"""

from __future__ import annotations

import re
from pathlib import Path

from hydra import compose, initialize_config_dir
from hydra.core.global_hydra import GlobalHydra
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.errors import HydraException
from omegaconf.errors import OmegaConfBaseException

from simulation.config import ConfigError, RunSettings, register_schema, validate

CONF_DIR = Path(__file__).resolve().parent.parent / "conf"
HYDRA_FLAGS_WITH_VALUE = {
    "--config-path",
    "-cp",
    "--config-name",
    "-cn",
    "--config-dir",
    "-cd",
    "--experimental-rerun",
    "--package",
    "-p",
    "--info",
    "-i",
}


def split_argv(argv: list[str]) -> tuple[list[str], bool]:
    """The key=value overrides of a command line, and whether it asks only for help/info."""
    overrides, info_only, skip = [], False, False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in (
            "--help",
            "-h",
            "--hydra-help",
            "--cfg",
            "-c",
            "--resolve",
            "--version",
            "--shell-completion",
            "-sc",
        ):
            info_only = info_only or arg not in ("--resolve",)
            continue
        if arg in HYDRA_FLAGS_WITH_VALUE:
            skip = True
            info_only = info_only or arg in ("--info", "-i")
            continue
        if arg.startswith("-"):
            continue
        overrides.append(arg)
    return overrides, info_only


def _one_line(error: Exception) -> str:
    """A one-line description of a Hydra or OmegaConf error."""
    text = str(error).strip()
    match = re.search(r"Could not override '([^']+)'.*use (\+\S+)", text, re.S)
    if match:
        return f"{match.group(1)}: not in the config (to add it, write {match.group(2)})"
    cause = error.__cause__ or error.__context__
    if text.startswith("Error merging override") and cause is not None:
        key = getattr(cause, "full_key", None)
        detail = str(cause).strip().splitlines()[0]
        return f"{key}: {detail}" if key else f"{text.split()[-1]}: {detail}"
    key = getattr(error, "full_key", None)
    first = text.splitlines()[0] if text else type(error).__name__
    match = re.search(r"Could not find '([^/']+)/([^']+)'", text)
    if match:
        group, name = match.groups()
        options = sorted(p.stem for p in (CONF_DIR / group).glob("*.yaml"))
        return f"{group}: unknown {group} '{name}' (available: {', '.join(options)})"
    match = re.search(r"Key '([^']+)' is not in struct", text)
    if match:
        full = re.search(r"full_key: (\S+)", text)
        return f"{full.group(1) if full else match.group(1)}: unknown key"
    match = re.search(r"Could not override '([^']+)'", text)
    if match:
        return f"{match.group(1)}: unknown key (add new keys only where the schema has them)"
    if key:
        return f"{key}: {first}"
    for line in text.splitlines():
        m = re.search(r"full_key: (\S+)", line)
        if m:
            return f"{m.group(1)}: {first}"
    return first


def compose_checked(overrides: list[str], check_levers=None) -> RunSettings:
    """Compose the config with these overrides and validate it."""
    register_schema()
    GlobalHydra.instance().clear()
    try:
        with initialize_config_dir(config_dir=str(CONF_DIR), version_base="1.3"):
            cfg = compose(config_name="config", overrides=overrides)
    except (HydraException, OmegaConfBaseException, ValueError) as e:
        raise ConfigError(_one_line(e)) from None
    finally:
        GlobalHydra.instance().clear()
    return validate(cfg, check_levers)


def preflight(argv: list[str], check_levers=None) -> int:
    """Validate every run a command line asks for; returns how many runs it asks for."""
    overrides, info_only = split_argv(argv)
    if info_only:
        return 0
    try:
        parsed = OverridesParser.create().parse_overrides(overrides)
    except Exception as e:  # noqa: BLE001 - Hydra's grammar errors have several types
        raise ConfigError(f"cannot parse the command line: {_one_line(e)}") from None
    plain, sweeps = [], []
    for override, text in zip(parsed, overrides, strict=True):
        if override.is_hydra_override():
            continue
        if override.is_sweep_override():
            values = list(override.sweep_string_iterator())
            sweeps.append((override.get_key_element(), values))
        else:
            plain.append(text)
    runs = 1
    for _, values in sweeps:
        runs *= max(1, len(values))
    first = [f"{key}={values[0]}" for key, values in sweeps if values]
    compose_checked(plain + first, check_levers)
    for i, (key, values) in enumerate(sweeps):
        others = first[:i] + first[i + 1 :]
        for value in values[1:]:
            compose_checked(plain + others + [f"{key}={value}"], check_levers)
    return runs
