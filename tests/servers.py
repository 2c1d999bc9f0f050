"""Pytest plugin: throwaway PostgreSQL and Redis servers on free loopback ports."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import redis

HOST = "127.0.0.1"


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _pg_bindir() -> Path:
    """The bin directory of the newest installed PostgreSQL, or fail the test run."""
    found = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")]
    found = [d for d in found if (d / "initdb").exists()]
    if not found:
        pytest.fail(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: "
            "install the Debian package 'postgresql' (./dev test does it).",
            pytrace=False,
        )

    def version(d: Path) -> tuple[int, ...]:
        return tuple(int(x) for x in d.parent.name.split(".") if x.isdigit())

    return max(found, key=version)


def _as_postgres(cmd: list[str]) -> list[str]:
    """Prefix cmd so it runs as the 'postgres' user when we are root (initdb refuses root)."""
    if os.geteuid() != 0:
        return cmd
    if shutil.which("runuser") is None:
        pytest.fail("running as root needs 'runuser' to start PostgreSQL", pytrace=False)
    return ["runuser", "-u", "postgres", "--", *cmd]


def _run(cmd: list[str], cwd: Path) -> None:
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)
    if r.returncode:
        pytest.fail(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")


def _pg_url(port: int, dbname: str) -> str:
    return f"postgresql+psycopg://postgres@{HOST}:{port}/{dbname}"


def _pg_admin(port: int, sql: str) -> None:
    with psycopg.connect(host=HOST, port=port, user="postgres", dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session")
def postgres_server():
    """A running throwaway PostgreSQL server; yields its port."""
    bindir = _pg_bindir()
    tmp = Path(tempfile.mkdtemp(prefix="facilitate-pg-"))
    if os.geteuid() == 0:
        shutil.chown(tmp, user="postgres", group="postgres")
    data, port = tmp / "data", free_port()
    _run(_as_postgres([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                       "-E", "UTF8", "--locale=C", "--no-sync"]), cwd=tmp)
    opts = (f"-p {port} -k {tmp} -c listen_addresses={HOST} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off")
    try:
        _run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(tmp / "log"),
                           "-o", opts, "-w", "-t", "60", "start"]), cwd=tmp)
        yield port
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                     "-w", "stop"]), cwd=tmp, capture_output=True, timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url(postgres_server):
    """SQLAlchemy URL of the database 'facilitate_test' on the session's PostgreSQL."""
    _pg_admin(postgres_server, "CREATE DATABASE facilitate_test")
    return _pg_url(postgres_server, "facilitate_test")


@pytest.fixture
def fresh_postgres_url(postgres_server):
    """SQLAlchemy URL of a new, empty database just for this test (dropped afterwards)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    _pg_admin(postgres_server, f"CREATE DATABASE {name}")
    yield _pg_url(postgres_server, name)
    _pg_admin(postgres_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def redis_url():
    """URL of a throwaway, non-persistent Redis server."""
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.fail("redis-server not found: install the Debian package 'redis-server' "
                    "(./dev test does it).", pytrace=False)
    tmp = Path(tempfile.mkdtemp(prefix="facilitate-redis-"))
    port = free_port()
    with open(tmp / "log", "wb") as log:
        proc = subprocess.Popen(
            [exe, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no",
             "--dir", str(tmp)],
            cwd=tmp, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with redis.Redis(host=HOST, port=port, socket_timeout=1) as r:
                    r.ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"redis-server did not start:\n{(tmp / 'log').read_text()}")
                time.sleep(0.05)
        yield f"redis://{HOST}:{port}/0"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
