#!/usr/bin/env python
"""kill -9 during a rebuild, again and again: the served index must stay intact.

    python bench/kill_rebuild.py                     # 20 rounds on the demo catalog
    python bench/kill_rebuild.py --rounds 30 --seed 7
    python bench/kill_rebuild.py --admin             # the rebuild is a console catalog upload

Each round, with ``boussole serve`` running on the index, starts ``boussole index build`` into
the same index folder, waits a random moment of the rebuild (0 to 1.2 times a full rebuild's
duration), then kills both processes with SIGKILL. With ``--admin`` the rebuild is the
console's instead: an admin uploads the catalog (``POST /console/admin/catalog``) and the
server, killed at a random moment of the job, is the process building it.
It restarts the server and checks that the generation ``CURRENT`` names is the one served
(``/healthz``), that it answers a search with the partner key, and that no work file is left:
no ``.tmp-*`` staging folder, no ``*.tmp`` file anywhere in the index folder, nothing in
``uploads/``. It prints what each kill left behind and the counts of the checks that held.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BOUSSOLE = str(Path(sys.executable).with_name("boussole"))
QUERY = {"text": "formation en informatique pour débutant", "k": 5}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def leftovers(work: Path) -> list[str]:
    """Work files a killed process may leave: staging folders, temp files, uploads."""
    index = work / "index"
    found = [p for p in index.rglob("*") if p.name.startswith(".tmp-") or p.name.endswith(".tmp")]
    uploads = work / "uploads"
    if uploads.is_dir():
        found += list(uploads.iterdir())
    return sorted(str(p.relative_to(work)) for p in found)


class Server:
    def __init__(self, work: Path, env: dict[str, str]) -> None:
        self.work, self.env = work, env
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0

    def start(self, timeout: float = 180) -> dict[str, object]:
        self.port = free_port()
        log = (self.work / "serve.log").open("ab")
        self.proc = subprocess.Popen(
            [
                BOUSSOLE,
                "serve",
                "--index-dir",
                str(self.work / "index"),
                "--port",
                str(self.port),
            ],
            env=self.env,
            stdout=log,
            stderr=log,
        )
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.proc.poll() is not None:
                raise SystemExit(
                    f"the server exited ({self.proc.returncode}): see {self.work}/serve.log"
                )
            try:
                r = httpx.get(f"{self.url}/healthz", timeout=2)
                if r.status_code == 200:
                    return dict(r.json())
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise SystemExit("the server did not answer /healthz in time")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()


def build(work: Path, catalog: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    cmd = [BOUSSOLE, "index", "build", "--catalog", str(catalog), "--quiet"]
    cmd += ["--index-dir", str(work / "index")]
    log = (work / "build.log").open("ab")
    return subprocess.Popen(cmd, env=env, stdout=log, stderr=log)


ADMIN = "kill-loop@example.be"
PASSWORD = "kill-loop password 12"


def add_admin(env: dict[str, str]) -> None:
    cmd = [BOUSSOLE, "users", "add", ADMIN, "--role", "admin", "--password-stdin"]
    subprocess.run(cmd, env=env, input=PASSWORD + "\n", text=True, capture_output=True)


def field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', html)
    if not found:
        raise SystemExit(f"no {name} field in the page")
    return found[1]


class AdminRebuild:
    """A console catalog upload, followed through its job's JSON."""

    def __init__(self, server: Server, catalog: Path) -> None:
        self.client = httpx.Client(base_url=server.url, timeout=60)
        login = self.client.get("/console/login").text
        data = {"email": ADMIN, "password": PASSWORD, "login_csrf": field(login, "login_csrf")}
        if self.client.post("/console/login", data=data).status_code != 303:
            raise SystemExit("the admin could not sign in")
        page = self.client.get("/console/admin/catalog").text
        # The job of a killed server holds its lease (60 s) before a new one may start: 409.
        self.waited = 0.0
        started = time.monotonic()
        while True:
            r = self.client.post(
                "/console/admin/catalog",
                data={"csrf": field(page, "csrf")},
                files={"catalog": (catalog.name, catalog.read_bytes(), "application/x-ndjson")},
                follow_redirects=False,
            )
            if r.status_code != 409 or time.monotonic() - started > 120:
                break
            time.sleep(2)
        if r.status_code != 303:
            raise SystemExit(f"the upload was refused ({r.status_code})")
        self.waited = time.monotonic() - started
        self.job = r.headers["location"] + ".json"

    def poll(self) -> bool:
        """True once the job is over."""
        try:
            status = self.client.get(self.job).json()["status"]
        except (httpx.TransportError, ValueError, KeyError):
            return True
        return status not in ("running", "cancelling")


def add_partner(env: dict[str, str]) -> str:
    out = subprocess.run(
        [
            BOUSSOLE,
            "partners",
            "add",
            f"Kill {os.getpid()}",
            "--origin",
            "http://x",
            "--rate-limit",
            "99",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = re.search(r"secret key:\s+(\S+)", out)
    if not found:
        raise SystemExit("`boussole partners add` printed no secret key")
    return found.group(1)


def rounds(
    args: argparse.Namespace, work: Path, env: dict[str, str], server: Server, secret: str
) -> dict[str, int]:
    """Measure a rebuild, then kill one at a random moment per round; the counts."""
    rng = random.Random(args.seed)
    server.start()
    if args.admin:
        add_admin(env)
    started = time.monotonic()
    if args.admin:
        job = AdminRebuild(server, args.catalog)
        started += job.waited  # from the job's start, not from a refused upload
        while not job.poll():
            time.sleep(0.2)
    elif build(work, args.catalog, env).wait() != 0:
        raise SystemExit(f"a rebuild failed: see {work}/build.log")
    rebuild = time.monotonic() - started
    print(f"a full rebuild takes {rebuild:.1f} s; killing at 0..{1.2 * rebuild:.1f} s", flush=True)
    counts = {"rounds": 0, "killed mid-rebuild": 0, "left work files": 0, "served intact": 0}
    counts.update({"clean after restart": 0, "search answered": 0, "generations changed": 0})
    for n in range(1, args.rounds + 1):
        before = (work / "index" / "CURRENT").read_text().strip()
        if args.admin:
            job = AdminRebuild(server, args.catalog)
            if job.waited > 1:
                print(f"          (upload refused 409 for {job.waited:.0f} s: lease)")
            moment = rng.uniform(0, 1.2 * rebuild)
            time.sleep(moment)
            finished = job.poll()
        else:
            proc = build(work, args.catalog, env)
            moment = rng.uniform(0, 1.2 * rebuild)
            time.sleep(moment)
            finished = proc.poll() is not None
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        server.kill()
        left = leftovers(work)
        health = server.start()
        current = (work / "index" / "CURRENT").read_text().strip()
        r = httpx.post(
            f"{server.url}/api/v1/search",
            json=QUERY,
            headers={"Authorization": f"Bearer {secret}"},
            timeout=60,
        )
        answered = r.status_code == 200 and len(r.json()["results"]) > 0
        after = leftovers(work)
        counts["rounds"] += 1
        counts["killed mid-rebuild"] += not finished
        counts["left work files"] += bool(left)
        counts["served intact"] += health.get("generation") == current
        counts["clean after restart"] += not after
        counts["search answered"] += answered
        counts["generations changed"] += current != before
        print(
            f"round {n:2d}: killed at {moment:5.1f} s "
            f"({'finished' if finished else 'mid-rebuild'}), "
            f"left {left or 'nothing'}, served {health.get('generation')} "
            f"(CURRENT {'same' if current == before else 'new'}), search "
            f"{r.status_code}, after restart: {after or 'clean'}",
            flush=True,
        )
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--catalog", type=Path, default=ROOT / "corpus/demo/catalog.jsonl")
    parser.add_argument("--work", type=Path, default=ROOT / "var/kill-rebuild")
    parser.add_argument("--admin", action="store_true", help="rebuild by a console upload")
    args = parser.parse_args()
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "BOUSSOLE_DATABASE_URL": f"sqlite:///{work / 'boussole.db'}",
        "BOUSSOLE_SECRET_KEY_FILE": str(work / "secret.key"),
        "BOUSSOLE_PARTNERS_FILE": str(work / "partners.json"),
        "BOUSSOLE_LOG_LEVEL": "WARNING",
        "BOUSSOLE_COOKIE_SECURE": "false",  # plain http on 127.0.0.1
        "PYTHONPATH": str(ROOT),
    }
    if not (work / "index" / "CURRENT").exists():
        print("first build (fills the embedding cache) ...", flush=True)
        if build(work, args.catalog, env).wait() != 0:
            raise SystemExit(f"the first build failed: see {work}/build.log")
    secret = add_partner(env)
    server = Server(work, env)
    try:
        counts = rounds(args, work, env, server, secret)
    finally:
        server.kill()
    print(" ".join(f"{k}: {v}" for k, v in counts.items()))
    ok = counts["rounds"] == counts["served intact"] == counts["clean after restart"]
    ok = ok and counts["rounds"] == counts["search answered"]
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
