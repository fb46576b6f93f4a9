#!/usr/bin/env python
"""Run a command with throwaway PostgreSQL and Redis servers on 127.0.0.1.

    python scripts/with_services.py -- pytest tests/

Starts a fresh PostgreSQL cluster and a Redis server in a temporary directory, on free
ports, exports ``DATABASE_URL`` and ``REDIS_URL`` for the command, and removes
everything afterwards, also when the command fails or is interrupted.

When the server binaries are missing the command runs on the embedded defaults
(SQLite, eager Celery) with a clear notice, except under ``CI=true``: there a missing
server is an error, because CI must prove the real stack.
"""

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


def _notice(message: str) -> None:
    print(f"\n*** {message}\n", file=sys.stderr, flush=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start listening on 127.0.0.1:{port}")


def find_postgres_bin() -> Path | None:
    """The directory holding initdb/pg_ctl: PATH first, then Debian's layout."""
    initdb = shutil.which("initdb")
    if initdb:
        return Path(os.path.realpath(initdb)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _as_postgres_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; as root, run it as the ``postgres`` user."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _postgres_init(bindir: Path, workdir: Path) -> Path:
    """A new, empty cluster in ``workdir`` owned by the postgres user when we are root."""
    datadir = workdir / "pgdata"
    datadir.mkdir()
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(workdir, owner.pw_uid, owner.pw_gid)
        os.chown(datadir, owner.pw_uid, owner.pw_gid)
    initdb = [str(bindir / "initdb"), "-D", str(datadir), "-U", "postgres", "-A", "trust"]
    subprocess.run(
        _as_postgres_user([*initdb, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return datadir


def _pg_ctl(bindir: Path, datadir: Path, *arguments: str, check: bool = True) -> None:
    """Run pg_ctl on this cluster as the postgres user, quietly."""
    subprocess.run(
        _as_postgres_user([str(bindir / "pg_ctl"), "-D", str(datadir), *arguments]),
        check=check,
        stdout=subprocess.DEVNULL,
        stderr=None if check else subprocess.DEVNULL,
    )


@contextlib.contextmanager
def postgres(workdir: Path) -> Iterator[str]:
    """A throwaway PostgreSQL on loopback for one test run; its URL while it runs."""
    bindir = find_postgres_bin()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl)")
    datadir = _postgres_init(bindir, workdir)
    port = _free_port()
    # Durability settings off: this cluster lives for one test run only.
    options = (
        f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    log = str(workdir / "postgres.log")
    _pg_ctl(bindir, datadir, "-o", options, "-l", log, "-w", "-t", "60", "start")
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        _pg_ctl(bindir, datadir, "-m", "immediate", "stop", check=False)


@contextlib.contextmanager
def redis(workdir: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise FileNotFoundError("redis-server")
    port = _free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, 20, "Redis")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=20)


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1 :] if "--" in argv else argv
    if not command:
        print(__doc__)
        return 2
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    env = dict(os.environ)
    with contextlib.ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="np-services-")))
        for name, service, variable in (
            ("PostgreSQL", postgres, "DATABASE_URL"),
            ("Redis", redis, "REDIS_URL"),
        ):
            if env.get(variable):
                continue  # the caller brought its own server
            try:
                env[variable] = stack.enter_context(service(workdir))
            except FileNotFoundError as missing:
                if in_ci:
                    print(
                        f"ERROR: CI=true but {name} is not installed ({missing}).", file=sys.stderr
                    )
                    return 1
                _notice(
                    f"{name} is not installed ({missing}): running on the embedded default "
                    f"instead ({'SQLite' if name == 'PostgreSQL' else 'eager Celery, no worker'}). "
                    "Install it to test the real stack."
                )
        if env.get("DATABASE_URL"):
            _notice(f"Using DATABASE_URL={env['DATABASE_URL']}")
        if env.get("REDIS_URL"):
            _notice(f"Using REDIS_URL={env['REDIS_URL']}")
        return subprocess.call(command, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
