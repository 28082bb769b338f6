"""Check a command line before Hydra runs it, so that every bad input is one line.

Hydra's own messages span several lines and come after it has created the run
directory.  ``preflight`` composes the config for every value of every override (sweeps
included) with Hydra's compose API, validates it, and raises :class:`ConfigError` with
one line naming the key; only a clean command line is handed to Hydra.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml
from hydra import compose, initialize_config_dir
from hydra.core.global_hydra import GlobalHydra
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.errors import HydraException
from omegaconf import OmegaConf
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

SLURM_ANSWER_SECONDS = 20  # at most, for the cluster's controller to list its partitions


def slurm_unreachable() -> str | None:
    """Why SLURM cannot take jobs from here (the last line ``sinfo`` printed: no
    configuration, no controller), or None when it lists its partitions."""
    try:
        done = subprocess.run(
            ["sinfo", "--noheader", "--format=%P"],
            capture_output=True,
            text=True,
            timeout=SLURM_ANSWER_SECONDS,
            check=False,
        )
    except FileNotFoundError:
        return "sinfo is not on the PATH"
    except subprocess.TimeoutExpired:
        return f"sinfo gave no answer in {SLURM_ANSWER_SECONDS} s"
    except OSError as error:  # on the PATH but not to be run (permissions, format)
        return f"sinfo cannot be run: {error.strerror or error}"
    if done.returncode == 0:
        return None
    lines = (done.stderr.strip() or done.stdout.strip()).splitlines()
    return lines[-1] if lines else f"sinfo exited with code {done.returncode}"


# launchers that Hydra plugins provide (hydra/launcher=<choice>; conf/hydra/launcher/slurm.yaml
# builds on submitit_slurm), and what a user without the plugin is told
SUBMITIT = "needs Hydra's submitit launcher plugin: pip install -e '.[cluster]' (the extra cluster)"
RAY = (
    "needs Hydra's Ray launcher plugin (hydra-ray-launcher), which this project does not "
    "install: use hydra/launcher=slurm or joblib"
)
PLUGIN_LAUNCHERS = {
    "submitit_slurm": SUBMITIT,
    "submitit_local": SUBMITIT,
    "ray": RAY,
    "ray_aws": RAY,
}


def split_argv(argv: list[str]) -> tuple[list[str], bool]:
    """The key=value overrides of a command line, and whether it asks only for help/info."""
    overrides, info_only, skip = [], False, False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("--help", "-h", "--hydra-help", "--version", "--shell-completion", "-sc"):
            info_only = True
            continue
        if arg in ("--cfg", "-c"):  # prints the config: still check it, skip its value
            skip = True
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
    match = re.search(r"An item is already at '([^']+)'", text)
    if match:
        key = match.group(1)
        return f"{key}: already in the config; to change it write {key}=... (no +) or ++{key}=..."
    match = re.search(r"In '([^']+)': \w+ raised while composing config:\n(.+)", text)
    if match:
        return _composition_problem(match.group(1), match.group(2).strip(), text)
    match = re.search(r"Could not override '([^']+)'.*use (\+\S+)", text, re.S)
    if match:
        key = match.group(1)
        if key.startswith(("province.params.", "scenario.levers.")):
            return f"{key}: not in the config (to add it, write {match.group(2)})"
        if (CONF_DIR / key).is_dir():  # a group not in the defaults, e.g. experiment
            return f"{key}: not in the config by default; write {match.group(2)}"
        return f"{key}: unknown key (see conf/config.yaml and README)"
    cause = error.__cause__ or error.__context__
    if text.startswith("Error merging override") and cause is not None:
        key = getattr(cause, "full_key", None)
        detail = str(cause).strip().splitlines()[0]
        return f"{key}: {detail}" if key else f"{text.split()[-1]}: {detail}"
    key = getattr(error, "full_key", None)
    first = text.splitlines()[0] if text else type(error).__name__
    match = re.search(r"Could not (?:find|load) 'hydra/launcher/([^']+)'", text)
    if match and match.group(1) in PLUGIN_LAUNCHERS:
        return f"hydra/launcher: {match.group(1)} {PLUGIN_LAUNCHERS[match.group(1)]}"
    match = re.search(r"Could not find '(hydra/[^/']+)/([^']+)'", text)
    if match:
        group, name = match.groups()
        return f"{group}: unknown choice '{name}' (e.g. hydra/launcher=joblib, slurm or basic)"
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


def _composition_problem(where: str, detail: str, text: str) -> str:
    """One line for an error Hydra met while merging the YAML file ``conf/<where>.yaml``."""
    import dataclasses

    from simulation import config as schema

    path = f"conf/{where}.yaml"
    full = re.search(r"full_key: (\S+)", text)
    unknown = re.search(r"Key '([^']+)' not in '(\w+)'", detail)
    if unknown:
        node = getattr(schema, unknown.group(2), None)
        known = ", ".join(f.name for f in dataclasses.fields(node)) if node else ""
        key = full.group(1) if full else unknown.group(1)
        return f"{key}: unknown key in {path}" + (f" (known: {known})" if known else "")
    if "ListConfig" in detail:
        return (
            f"{path}: a list where a mapping is expected "
            "(write levers: {<lever>: {<setting>: <value>}})"
        )
    return f"{full.group(1) if full else path}: {detail} (in {path})"


def _yaml_problem(error: Exception) -> str:
    """One line for a YAML file that does not parse."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    if mark is None:
        return f"a config file is not valid YAML: {problem}"
    path = Path(mark.name)
    try:
        path = path.relative_to(CONF_DIR.parent)
    except ValueError:
        pass
    return f"{path}: not valid YAML, line {mark.line + 1}: {problem}"


def _compose(overrides: list[str], with_hydra: bool = False):
    """Compose the config as Hydra would; any problem is a one-line :class:`ConfigError`."""
    register_schema()
    GlobalHydra.instance().clear()
    try:
        with initialize_config_dir(config_dir=str(CONF_DIR), version_base="1.3"):
            return compose(
                config_name="config", overrides=overrides, return_hydra_config=with_hydra
            )
    except yaml.YAMLError as e:
        raise ConfigError(_yaml_problem(e)) from None
    except (HydraException, OmegaConfBaseException, ValueError) as e:
        raise ConfigError(_one_line(e)) from None
    finally:
        GlobalHydra.instance().clear()


def compose_checked(overrides: list[str], check_levers=None) -> RunSettings:
    """Compose the config with these overrides and validate it."""
    return validate(_compose(overrides), check_levers)


def _sweep_values(override) -> list:
    """The values of a sweep override (typed, as Hydra parses them: ``seed=0,1`` gives
    whole numbers), ``glob(...)`` expanded over a config group.  The basic sweeper
    enumerates lists, ``range``, ``choice``, ``glob`` (and ``sort``, ``shuffle``, ``tag``
    of those); ``interval`` needs an optimising sweeper, which this project does not
    install: refused in one line."""
    from hydra.core.override_parser.types import Glob, IntervalSweep

    value = override.value()
    key = override.get_key_element()
    if isinstance(value, Glob):
        folder = CONF_DIR / key
        if not folder.is_dir():
            raise ConfigError(f"{key}: glob() works only for a config group (scenario, province)")
        return value.filter(sorted(p.stem for p in folder.glob("*.yaml")))
    if isinstance(value, IntervalSweep):
        raise ConfigError(
            f"{key}: interval() needs an optimising sweeper (e.g. hydra-optuna-sweeper), which "
            "is not installed; list the values, or use range(start, stop, step)"
        )
    return list(override.sweep_iterator())


def check_output_dir(key: str, directory: str) -> None:
    """Refuse an output directory that cannot be created (a file, a read-only place), so
    that the run fails before it starts rather than after Hydra has begun writing.  A
    directory made at run time (``${...}``) is checked on its fixed part."""
    if not directory.strip():
        raise ConfigError(f"{key}: empty; give a directory for the outputs")
    if "${" in directory:
        fixed = directory[: directory.index("${")]
        if not fixed:
            return
        parent = Path(fixed) if fixed.endswith("/") else Path(fixed).parent
        path = parent / f".write-check-{os.getpid()}"
    else:
        path = Path(directory)
        if path.resolve() == Path(path.resolve().anchor):
            raise ConfigError(f"{key}: {directory} is the file-system root; choose a directory")
    problem = _cannot_create(path)
    if problem:
        raise ConfigError(f"{key}: {problem.replace(str(path), directory)}")


def _cannot_create(path: Path) -> str:
    """Why ``path`` cannot be used as an output directory (empty if it can).  Directories
    made to find out are removed again."""
    if path.exists():
        if not path.is_dir():
            return f"{path} exists and is not a directory"
        return "" if os.access(path, os.W_OK) else f"{path} is not writable"
    created = []
    try:
        for part in reversed([path, *path.parents]):
            if not part.exists():
                part.mkdir()
                created.append(part)
    except OSError as e:
        return f"cannot create {path} ({e.strerror})"
    finally:
        for part in reversed(created):
            part.rmdir()
    return ""


def _sweep(override, text: str) -> tuple[str, list, str]:
    """A sweep override as (key, values, prefix); refused in one line if it has no values."""
    values = _sweep_values(override)
    if not values:
        raise ConfigError(f"{override.get_key_element()}: the sweep has no values")
    prefix = text[: len(text) - len(text.lstrip("+~"))]
    return override.key_or_group, values, prefix


def _configured_sweeps(config) -> list[tuple]:
    """The overrides the composed ``config`` (with Hydra's own) declares in
    ``hydra.sweeper.params`` (a named experiment's grid, ``conf/experiment/``), parsed,
    each with its text: Hydra's basic sweeper adds them before the command line's, and a
    key also on the command line is taken from there."""
    declared = config.hydra.sweeper.get("params") or {}
    texts = [f"{key}={value}" for key, value in declared.items()]
    try:
        parsed = OverridesParser.create().parse_overrides(texts)
    except Exception as e:  # noqa: BLE001 - Hydra's grammar errors have several types
        raise ConfigError(f"hydra.sweeper.params: {_one_line(e)}") from None
    return list(zip(parsed, texts, strict=True))


def preflight(argv: list[str], check_levers=None) -> int:
    """Validate every run a command line asks for; returns how many runs it asks for."""
    overrides, info_only = split_argv(argv)
    if info_only:
        return 0
    multirun = any(a in ("-m", "--multirun") for a in argv)
    try:
        parsed = OverridesParser.create().parse_overrides(overrides)
    except Exception as e:  # noqa: BLE001 - Hydra's grammar errors have several types
        raise ConfigError(f"cannot parse the command line: {_one_line(e)}") from None
    plain, sweeps, hydra_overrides = [], [], []
    for override, text in zip(parsed, overrides, strict=True):
        key = override.get_key_element()
        if override.is_hydra_override():
            if key in ("hydra.run.dir", "hydra.sweep.dir") and not override.is_sweep_override():
                check_output_dir(key, str(override.value()))
            hydra_overrides.append(text)
            continue
        if override.is_sweep_override():
            if not multirun:
                raise ConfigError(
                    f"{key}: several values make a grid of runs; add -m (python run.py -m ...)"
                )
            sweeps.append(_sweep(override, text))
        else:
            plain.append(text)
    # composed with Hydra's own config: the launcher's plugin installed (else named with the
    # extra that installs it)? SLURM's sbatch at hand? the sweeps a named experiment declares?
    with_hydra = _compose(hydra_overrides + plain, with_hydra=True)
    launcher = str(with_hydra.hydra.launcher.get("_target_", ""))
    if multirun and launcher.endswith(".SlurmLauncher"):
        if not shutil.which("sbatch"):
            raise ConfigError(
                "hydra/launcher: SLURM's sbatch is not on the PATH; submit from a node of the "
                "cluster (or load its module), or use hydra/launcher=joblib"
            )
        unreachable = slurm_unreachable()
        if unreachable:
            raise ConfigError(
                f"hydra/launcher: SLURM does not answer here ({unreachable}); submit from a "
                "node of the cluster, or use hydra/launcher=joblib"
            )
    configured = _configured_sweeps(with_hydra)
    if configured and not multirun:
        keys = ", ".join(override.key_or_group for override, _ in configured)
        raise ConfigError(
            f"{keys}: swept by the config (hydra.sweeper.params, e.g. of an experiment): a grid "
            "of runs; add -m (python run.py -m ...)"
        )
    given = {override.key_or_group for override in parsed}
    configured = [
        (override, text) for override, text in configured if override.key_or_group not in given
    ]
    sweeps = [
        _sweep(override, text) for override, text in configured if override.is_sweep_override()
    ] + sweeps
    plain = [text for override, text in configured if not override.is_sweep_override()] + plain
    runs = 1
    for _, values, _ in sweeps:
        runs *= max(1, len(values))
    # the first value of every sweep, composed as Hydra would; then each other value of a
    # sweep, with the others at their first: composed anew for a config group (it changes
    # which files make the config), set in a copy of the first config otherwise (composing
    # takes about 0.15 s, setting a value well under a millisecond)
    first = [f"{prefix}{key}={_text(values[0])}" for key, values, prefix in sweeps]
    loaded: dict = {}
    base = _compose(plain + first)
    validate(base, check_levers, loaded)
    values_only = OmegaConf.to_container(base, resolve=True)
    for i, (key, values, prefix) in enumerate(sweeps):
        others = first[:i] + first[i + 1 :]
        for value in values[1:]:
            if (CONF_DIR / key).is_dir() or prefix == "~":
                config = _compose(plain + others + [f"{prefix}{key}={_text(value)}"])
            else:  # the key exists (the first value was composed): only the value differs,
                # and validate checks values (types included)
                config = _with_value(values_only, key.split("."), value)
            validate(config, check_levers, loaded)
    return runs


def _with_value(config: dict, path: list[str], value) -> dict:
    """A copy of the plain ``config`` with ``value`` at the dotted ``path`` (the mappings
    along the path copied, the rest shared)."""
    copy = dict(config)
    if len(path) == 1:
        copy[path[0]] = value
    else:
        copy[path[0]] = _with_value(config.get(path[0]) or {}, path[1:], value)
    return copy


def _text(value) -> str:
    """A sweep value written back as an override's value (quoted if Hydra would read it as
    something else)."""
    if value is None:
        return "null"
    if isinstance(value, str) and not re.fullmatch(r"[\w.:/+-]*", value):
        return "'" + value.replace("'", "\\'") + "'"
    return str(value) if not isinstance(value, bool) else str(value).lower()
