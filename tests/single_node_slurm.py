"""A single-node SLURM cluster on this machine, for the tests of the SLURM launcher.

``SingleNodeSlurm(folder).start()`` installs Debian's ``slurm-wlm`` and ``munge`` if they
are missing (when running as root with apt-get), writes a ``slurm.conf`` and a munge key
into ``folder``, and starts the authentication daemon (``munged``), the controller
(``slurmctld``) and the node daemon (``slurmd``) in the foreground on the loopback, each
with its state, spool, log and pid files in ``folder``, so nothing of the machine's own
SLURM set-up is used or changed.  Commands (``sbatch``, ``squeue``, and submitit, which
calls them) find the cluster through ``SLURM_CONF`` in :attr:`environment`.  ``stop()``
ends the three daemons by their process ids.  Whatever prevents the cluster from starting
raises :class:`SlurmUnavailable` with the reason (the test is then skipped).

Accounting (``slurmdbd``) is left out: ``sacct`` then reports no states, and submitit
finds a job done by its result file.

By hand, to try the launcher (Ctrl-C or SIGTERM stops the daemons)::

    .venv/bin/python tests/single_node_slurm.py /tmp/slurm
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

PROGRAMS = ("munged", "slurmctld", "slurmd", "sbatch", "sinfo")
PACKAGES = ("slurm-wlm", "munge")
INSTALL_SECONDS = 600
START_SECONDS = 60  # for the node to register with the controller and turn idle
MEMORY_MARGIN_MB = 1024  # RealMemory: what the machine has, less this


class SlurmUnavailable(RuntimeError):
    """The single-node cluster cannot be installed or started here (the reason)."""


def program(name: str) -> str | None:
    """The path of a SLURM or munge program (the daemons are in /usr/sbin)."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


def install() -> None:
    """Install the packages with apt-get if a program is missing (root only)."""
    if all(program(name) for name in PROGRAMS):
        return
    missing = [name for name in PROGRAMS if not program(name)]
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SlurmUnavailable(
            f"{', '.join(missing)} not installed, and apt-get cannot install them here "
            f"(needs root and apt-get: apt-get install {' '.join(PACKAGES)})"
        )
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    command = ["apt-get", "install", "-y", "-qq", *PACKAGES]
    try:
        result = subprocess.run(
            command, env=environment, capture_output=True, text=True, timeout=INSTALL_SECONDS
        )
    except subprocess.TimeoutExpired:
        raise SlurmUnavailable(f"apt-get install took over {INSTALL_SECONDS} s") from None
    if result.returncode != 0 or not all(program(name) for name in PROGRAMS):
        last = (result.stderr.strip().splitlines() or ["programs still missing"])[-1]
        raise SlurmUnavailable(f"apt-get install {' '.join(PACKAGES)} failed: {last}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def memory_mb() -> int:
    """The machine's memory in MB (from /proc/meminfo)."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) // 1024
    raise SlurmUnavailable("cannot read the machine's memory from /proc/meminfo")


class SingleNodeSlurm:
    def __init__(self, folder: Path):
        self.folder = Path(folder).resolve()
        self.node = socket.gethostname().split(".")[0]  # hostname -s
        self.processes: dict[str, subprocess.Popen] = {}
        self.config = self.folder / "slurm.conf"
        self.munge_socket = self.folder / "munge" / "munge.socket"
        self.environment = {**os.environ, "SLURM_CONF": str(self.config)}

    def write_config(self) -> None:
        for name in ("munge", "state", "spool", "log"):
            (self.folder / name).mkdir(parents=True, exist_ok=True)
            (self.folder / name).chmod(0o700)
        key = self.folder / "munge" / "munge.key"
        key.write_bytes(os.urandom(1024))
        key.chmod(0o400)
        memory = memory_mb() - MEMORY_MARGIN_MB
        log = self.folder / "log"
        lines = [
            "ClusterName=single",
            f"SlurmctldHost={self.node}(127.0.0.1)",
            f"SlurmctldPort={free_port()}",
            f"SlurmdPort={free_port()}",
            "SlurmUser=root",
            "SlurmdUser=root",
            "AuthType=auth/munge",
            f"AuthInfo=socket={self.munge_socket}",
            f"StateSaveLocation={self.folder / 'state'}",
            f"SlurmdSpoolDir={self.folder / 'spool'}",
            f"SlurmctldPidFile={log / 'slurmctld.pid'}",
            f"SlurmdPidFile={log / 'slurmd.pid'}",
            f"SlurmctldLogFile={log / 'slurmctld.log'}",
            f"SlurmdLogFile={log / 'slurmd.log'}",
            "ProctrackType=proctrack/linuxproc",
            "TaskPlugin=task/none",
            "SelectType=select/cons_tres",
            "SelectTypeParameters=CR_CPU_Memory",
            "SchedulerType=sched/backfill",
            "MpiDefault=none",
            "SwitchType=switch/none",
            "ReturnToService=2",
            "JobAcctGatherType=jobacct_gather/none",
            "AccountingStorageType=accounting_storage/none",
            "JobCompType=jobcomp/none",
            "MinJobAge=60",
            f"NodeName={self.node} NodeAddr=127.0.0.1 CPUs={os.cpu_count()} "
            f"RealMemory={memory} State=UNKNOWN",
            f"PartitionName=debug Nodes={self.node} Default=YES MaxTime=INFINITE State=UP",
        ]
        self.config.write_text("\n".join(lines) + "\n")

    def launch(self, name: str, arguments: list[str]) -> None:
        log = (self.folder / "log" / f"{name}.out").open("w")
        self.processes[name] = subprocess.Popen(
            [program(name), *arguments],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.environment,
            start_new_session=True,  # not stopped by the terminal's Ctrl-C before stop()
        )
        time.sleep(0.2)
        if self.processes[name].poll() is not None:
            raise SlurmUnavailable(f"{name} exited at once: {self.log_tail(name)}")

    def log_tail(self, name: str) -> str:
        lines = []
        for path in (self.folder / "log" / f"{name}.out", self.folder / "log" / f"{name}.log"):
            if path.exists():
                lines += path.read_text(errors="replace").strip().splitlines()
        return lines[-1] if lines else "no log"

    def start(self) -> SingleNodeSlurm:
        install()
        self.write_config()
        munge = self.folder / "munge"
        try:
            self.launch(
                "munged",
                [
                    "--foreground",
                    "--force",
                    f"--socket={self.munge_socket}",
                    f"--key-file={munge / 'munge.key'}",
                    f"--pid-file={munge / 'munged.pid'}",
                    f"--seed-file={munge / 'munged.seed'}",
                    f"--log-file={munge / 'munged.log'}",
                ],
            )
            self.wait_for(lambda: self.munge_socket.exists(), "munged did not open its socket")
            self.launch("slurmctld", ["-D", "-i", "-f", str(self.config)])
            self.launch("slurmd", ["-D", "-f", str(self.config), "-N", self.node])
            self.wait_for(self.node_idle, "the node did not turn idle")
        except BaseException:
            self.stop()
            raise
        return self

    def node_idle(self) -> bool:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise SlurmUnavailable(f"{name} exited: {self.log_tail(name)}")
        result = subprocess.run(
            [program("sinfo"), "-h", "-n", self.node, "-o", "%T"],
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=20,
        )
        return result.returncode == 0 and result.stdout.strip() == "idle"

    def wait_for(self, condition, failure: str) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.3)
        raise SlurmUnavailable(f"{failure} within {START_SECONDS} s ({self.log_tail('slurmd')})")

    def stop(self) -> None:
        """End the daemons by their process ids: the node daemon first, munged last."""
        for name in ("slurmd", "slurmctld", "munged"):
            process = self.processes.pop(name, None)
            if process is None or process.poll() is not None:
                continue
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/single_node_slurm.py <folder for its state>")
    try:
        cluster = SingleNodeSlurm(Path(sys.argv[1])).start()
    except SlurmUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
    print(f"SLURM is up: export SLURM_CONF={cluster.config}  (Ctrl-C stops it)")
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(0))  # kill <pid> stops it too
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
