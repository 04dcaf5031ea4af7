"""Serve N replicas of the app behind HAProxy with cookie affinity: `make serve-replicas N=2 [PORT=8501]`.

    python scripts/serve_replicas.py --replicas 2 --port 8501      # HAProxy on 8501, replicas on 8601, 8602
    python scripts/serve_replicas.py --render app1:8501 app2:8501  # only print haproxy.cfg (compose)

Each replica is `streamlit run app.py` on 127.0.0.1 (ports from --base-port, default PORT + 100); HAProxy (Debian `haproxy`) listens on
PORT, balances new visitors round-robin and pins each browser to its replica with the SERVERID cookie
(deploy/haproxy.cfg.template explains why a cookie and not the client address). The replicas share one
`server.cookieSecret` (STREAMLIT_SERVER_COOKIE_SECRET from the environment, else one generated per launch),
as Streamlit asks of replicas, so a cookie signed by one replica is valid on the others.
Everything else in the environment (thread settings included) passes through; each replica sizes its own
math pools to the cores it may use (ui/streamlit_fixes.py). A replica that dies is restarted (HAProxy
sends its students to the others meanwhile); Ctrl-C (or SIGTERM) stops everything.
"""
from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "haproxy.cfg.template"
SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"  # Streamlit reads server.cookieSecret from it
HAPROXY_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])


def render_config(servers: list[str], bind: str) -> str:
    """haproxy.cfg for these `host:port` replicas, named app1..appN (also their cookie values)."""
    lines = [f"    server app{i} {addr} check cookie app{i}" for i, addr in enumerate(servers, 1)]
    return TEMPLATE.read_text().replace("{{bind}}", bind).replace("{{servers}}", "\n".join(lines))


def replica_command(port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
            "--server.address", "127.0.0.1", "--server.headless", "true"]


def replica_env(cookie_secret: str) -> dict[str, str]:
    return {**os.environ, SECRET_ENV: cookie_secret}


def haproxy_binary() -> str:
    """The haproxy executable; installs Debian's package when missing and we are root."""
    found = shutil.which("haproxy", path=HAPROXY_PATH)
    if not found:
        subprocess.run(["bash", str(ROOT / "scripts" / "apt_install.sh"), "haproxy"], check=False)
        found = shutil.which("haproxy", path=HAPROXY_PATH)
    if not found:
        sys.exit("haproxy is not installed: `apt-get install haproxy` (as root), then run this again")
    return found


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float, what: str = "replica",
                 host: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} on port {port} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://{host}:{port}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{what} on port {port} not healthy after {timeout:.0f} s")


def stop_all(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.terminate()
    deadline = time.monotonic() + 15  # Streamlit takes a few seconds to stop when busy
    for p in procs:
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def _sigterm(*_: object) -> None:
    raise KeyboardInterrupt


class Replica:
    """One `streamlit run` on a loopback port; restarted when it dies (at most RESTARTS per minute)."""

    RESTARTS = 3

    def __init__(self, name: str, port: int, env: dict[str, str], log_dir: Path):
        self.name, self.port, self.env = name, port, env
        self.log_path = log_dir / f"{name}.log"
        self.restarts: list[float] = []
        self.proc = self._start("w")

    def _start(self, mode: str) -> subprocess.Popen:
        with open(self.log_path, mode) as log:
            return subprocess.Popen(replica_command(self.port), cwd=ROOT, env=self.env, stdout=log,
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def check(self) -> bool:
        """False when it died too often; restarts it otherwise. HAProxy's health check takes it out of
        the rotation meanwhile, and `option redispatch` sends its students to the other replicas."""
        if self.proc.poll() is None:
            return True
        now = time.monotonic()
        self.restarts = [t for t in self.restarts if now - t < 60] + [now]
        print(f"{self.name} (port {self.port}) exited with {self.proc.returncode}", file=sys.stderr, flush=True)
        if len(self.restarts) > self.RESTARTS:
            return False
        self.proc = self._start("a")
        return True


def serve(args: argparse.Namespace) -> int:
    haproxy = haproxy_binary()
    log_dir = Path(args.log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    replicas: list[Replica] = []
    hap: subprocess.Popen | None = None
    signal.signal(signal.SIGTERM, _sigterm)
    try:
        ports = args.replica_ports or [args.base_port + i for i in range(args.replicas)]
        env = replica_env(os.environ.get(SECRET_ENV) or secrets.token_hex(32))
        replicas = [Replica(f"app{i}", port, env, log_dir) for i, port in enumerate(ports, 1)]
        for r in replicas:
            try:
                wait_healthy(r.port, r.proc, args.start_timeout)
            except (RuntimeError, TimeoutError) as exc:
                print(f"{exc}: stopping everything (see {r.log_path})", file=sys.stderr, flush=True)
                return 1
        servers = [f"127.0.0.1:{port}" for port in ports]
        cfg = log_dir / "haproxy.cfg"
        cfg.write_text(render_config(servers, f"{args.address}:{args.port}"))
        if subprocess.run([haproxy, "-c", "-q", "-f", str(cfg)]).returncode != 0:
            subprocess.run([haproxy, "-c", "-f", str(cfg)])  # say why
            return 1
        with open(log_dir / "haproxy.log", "w") as log:
            hap = subprocess.Popen([haproxy, "-db", "-f", str(cfg)], stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
        local = args.address in ("", "0.0.0.0", "::")
        try:  # announce only once students can connect
            wait_healthy(args.port, hap, 30, "haproxy", "127.0.0.1" if local else args.address)
        except (RuntimeError, TimeoutError) as exc:
            print(f"{exc}: stopping everything (see {log_dir}/haproxy.log)", file=sys.stderr, flush=True)
            return 1
        host = "localhost" if local else args.address
        print(f"Serving {len(servers)} replicas at http://{host}:{args.port} "
              f"({', '.join(servers)}); logs and haproxy.cfg in {log_dir}/. Ctrl-C stops everything.",
              flush=True)
        while True:
            if hap.poll() is not None:
                print(f"haproxy exited with {hap.returncode}: stopping everything (see {log_dir}/haproxy.log)",
                      file=sys.stderr, flush=True)
                return 1
            for r in replicas:
                if not r.check():
                    print(f"{r.name} keeps failing: stopping everything (see {r.log_path})",
                          file=sys.stderr, flush=True)
                    return 1
            time.sleep(1)
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        stop_all([r.proc for r in replicas] + ([hap] if hap else []))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replicas", "-n", type=int, default=2, help="number of app replicas (default 2)")
    ap.add_argument("--port", type=int, default=8501, help="where HAProxy listens (default 8501)")
    ap.add_argument("--address", default="", help="HAProxy bind address (default: all interfaces)")
    ap.add_argument("--base-port", type=int,
                    help="replicas listen on base-port, base-port + 1, … (default PORT + 100)")
    ap.add_argument("--replica-ports", type=int, nargs="+", help="explicit replica ports (overrides -n)")
    ap.add_argument("--render", nargs="+", metavar="HOST:PORT",
                    help="only print haproxy.cfg for these replicas (deploy/compose.yaml) and exit")
    ap.add_argument("--log-dir", default=str(ROOT / ".cache" / "serve-replicas"))
    ap.add_argument("--start-timeout", type=float, default=180, help="seconds a replica may take to start")
    args = ap.parse_args(argv)
    if args.base_port is None:
        args.base_port = args.port + 100
    if args.render:
        print(render_config(args.render, f"{args.address}:{args.port}"), end="")
        return 0
    if args.replicas < 1:
        ap.error("--replicas must be at least 1")
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
