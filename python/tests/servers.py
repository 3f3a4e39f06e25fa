"""Running uvicorn for the tests and python/bench/run.py: free loopback ports, readiness,
keep-alive connections, and children that die with the process that started them."""
import http.client
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "support"))
from loopback import die_with_parent, free_port  # noqa: E402,F401  (python/bench imports them from here)

ENDPOINT = "/api/ml/v1/artifact-versions"
REQUEST_SECONDS = 20  # one request's socket timeout
STARTUP_SECONDS = 30  # readiness polling of a server


class Connection:
    """One keep-alive connection to 127.0.0.1:port; reconnects once if the server closed it."""

    def __init__(self, port):
        self.port = port
        self.conn = None

    def request(self, method, body=None, headers=None, path=ENDPOINT):
        """Returns (status, [(name, value)], body)."""
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_SECONDS)
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                r = self.conn.getresponse()
                data = r.read()
                if r.getheader("connection", "").lower() == "close":
                    self.close()
                return r.status, r.getheaders(), data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def wait_ready(port, process, what):
    """Polls until the server on `port` answers any HTTP request."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{what} exited with status {process.returncode} before it was ready")
        try:
            connection = Connection(port)
            connection.request("GET")
            connection.close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"{what} not ready after {STARTUP_SECONDS} s")


def cpu_seconds(pid):
    """User + system CPU time of a process, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
