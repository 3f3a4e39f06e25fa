"""Starts Debian's nginx with the module in front of a reference FastAPI app under uvicorn, on free
loopback ports, and stops both: for the tests here and ../bench/run_load.py.

    with Stack(module, oracle_dir, "v1", [ServerBlock(...), ...]) as stack:
        stack.nginx_port(0), stack.upstream_port, stack.error_log(), stack.worker_pids()

v1 runs on the host's /usr/bin/python3 (Debian's python3-fastapi/-uvicorn), v2 under the Python of
the Debian 13 chroot that tools/oracle/setup.sh makes (ORACLE_ROOT, default
/opt/tfschema-oracle/trixie; needs root), with the app copied into the chroot's /tmp. Children get
PR_SET_PDEATHSIG, so they die with the test however it ends. NGINX_PRELOAD (a sanitizer build's
runtime) is put in nginx's LD_PRELOAD; the error log is then also searched for sanitizer reports.
"""
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "support"))
from loopback import die_with_parent, free_port, nesting_depth  # noqa: E402,F401  (the tests import them from here)

PATH = "/api/ml/v1/artifact-versions"
NGINX = "/usr/sbin/nginx"
ORACLE_ROOT = os.environ.get("ORACLE_ROOT", "/opt/tfschema-oracle/trixie")
REQUEST_SECONDS = 30  # one request's socket timeout
STARTUP_SECONDS = 30  # readiness polling of each child
SKIP = 77  # ctest: skipped
# What a crash, a sanitizer or an nginx alert leaves in the error log.
FATAL_LOG_MARKS = ("exited on signal", "AddressSanitizer", "LeakSanitizer", "runtime error:", "[alert]", "[emerg]",
                   "[crit]")


def sanitized():
    """Whether nginx runs a sanitizer build of the module (NGINX_PRELOAD names the runtimes)."""
    return bool(os.environ.get("NGINX_PRELOAD"))


def nginx_env():
    """nginx's environment: the sanitizer runtimes preloaded for a sanitizer build of the module."""
    env = dict(os.environ)
    if sanitized():
        env["LD_PRELOAD"] = os.environ["NGINX_PRELOAD"]
        # nginx itself is not instrumented and frees little at exit: its allocations are not
        # leaks of the module's (the unit tests check those, with leak detection on). Appended,
        # so that it overrides the detect_leaks=1 that scripts/test.sh exports for the suite.
        env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS"), "detect_leaks=0"]))
    return env


def skip_unless_available(app):
    """Exits SKIP (77) with a reason when this machine cannot run `app` ("v1" or "v2") or nginx."""
    if not os.access(NGINX, os.X_OK):
        print(f"SKIP: no {NGINX} (apt-get install nginx; scripts/setup.sh)")
        sys.exit(SKIP)
    if app == "v1":
        try:
            import fastapi  # noqa: F401
            import uvicorn  # noqa: F401
        except ImportError as e:
            print(f"SKIP: {sys.executable} cannot import fastapi/uvicorn ({e}); scripts/setup.sh installs them")
            sys.exit(SKIP)
    else:
        if os.geteuid() != 0:
            print("SKIP: the v2 app runs in a chroot, which needs root")
            sys.exit(SKIP)
        probe = subprocess.run(["chroot", ORACLE_ROOT, "python3", "-c", "import fastapi, uvicorn"],
                               capture_output=True)
        if probe.returncode != 0:
            print(f"SKIP: no FastAPI/uvicorn in {ORACLE_ROOT} (tools/oracle/setup.sh makes it)")
            sys.exit(SKIP)


class Connection:
    """One keep-alive HTTP/1.1 connection; reconnects once if the server closed it."""

    def __init__(self, port, host_header="precheck.test"):
        self.port = port
        self.host_header = host_header  # the same Host both ways, so redirects name the same place
        self.conn = None

    def request(self, method, body=None, headers=(), path=PATH):
        """Sends exactly these headers (a dict or (name, value) pairs, repeats allowed), a Host if
        none is given and a Content-Length for a body if neither it nor Transfer-Encoding is given."""
        items = list(headers.items()) if isinstance(headers, dict) else list(headers)
        names = {name.lower() for name, _ in items}
        if "host" not in names:
            items.insert(0, ("Host", self.host_header))
        if body is not None and not names & {"content-length", "transfer-encoding"}:
            items.append(("Content-Length", str(len(body))))
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_SECONDS)
            try:
                self.conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
                for name, value in items:
                    self.conn.putheader(name, value)
                self.conn.endheaders(body)
                r = self.conn.getresponse()
                data = r.read()
                if r.getheader("connection", "").lower() == "close":
                    self.close()
                return Response(r.status, r.reason, r.getheaders(), data)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class RawConnection:
    """A socket that sends bytes as given and reads responses one after another."""

    def __init__(self, port, timeout=REQUEST_SECONDS):
        self.port, self.timeout = port, timeout
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.file = self.sock.makefile("rb")

    def exchange(self, request):
        """One request and its response, on a new connection if the last response closed this one."""
        self.send(request)
        response = self.read_response()
        if (response.header("connection") or "").lower() == "close":
            self.close()
            self.__init__(self.port, self.timeout)
        return response

    def send(self, data):
        self.sock.sendall(data)

    def read_response(self):
        line = self.file.readline()
        if not line:
            raise ConnectionError("closed before a response")
        parts = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
        status, reason = int(parts[1]), parts[2] if len(parts) > 2 else ""
        headers = []
        while True:
            line = self.file.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, value = line.decode("latin-1").split(":", 1)
            headers.append((name.strip(), value.strip()))
        fields = {name.lower(): value for name, value in headers}
        if status < 200 or status in (204, 304):
            body = b""
        elif "content-length" in fields:
            body = self.file.read(int(fields["content-length"]))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.file.readline().split(b";")[0], 16)
                body += self.file.read(size)
                self.file.readline()
                if size == 0:
                    break
        else:
            body = self.file.read()
        return Response(status, reason, headers, body)

    def close(self):
        self.file.close()
        self.sock.close()


class Response:
    # Headers nginx owns on its side of the proxy: its own server and date, and the connection's.
    NGINX_OWNS = ("server", "date", "connection")

    def __init__(self, status, reason, headers, body):
        self.status, self.reason, self.headers, self.body = status, reason, headers, body

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None

    def end_to_end_headers(self):
        return sorted((k.lower(), v) for k, v in self.headers if k.lower() not in self.NGINX_OWNS)

    def differences(self, direct):
        """What differs from the answer `direct`: status, reason, body, headers but those nginx owns."""
        problems = []
        if (self.status, self.reason) != (direct.status, direct.reason):
            problems.append(f"status {self.status} {self.reason!r} != direct {direct.status} {direct.reason!r}")
        if self.body != direct.body:
            problems.append(f"body {self.body[:160]!r} != direct {direct.body[:160]!r}")
        mine, theirs = self.end_to_end_headers(), direct.end_to_end_headers()
        if mine != theirs:
            problems.append(f"headers {mine} != direct {theirs}")
        return problems


class ServerBlock:
    """One nginx `server` on its own port: the checked location (tfschema_precheck `profile`; None:
    not set there) and everything else proxied to `upstream`. `content` replaces the location's
    proxy_pass (e.g. a `return`). "@PORTn@" in the texts is replaced by block n's port."""

    def __init__(self, profile="pydantic-v1", location_extra="", server_extra="", upstream="fastapi", content=None,
                 listen_options=""):
        self.profile, self.location_extra, self.server_extra = profile, location_extra, server_extra
        self.listen_options = listen_options  # e.g. "http2"
        self.content = content or f"proxy_pass http://{upstream};"
        self.upstream = upstream


def nginx_conf(module, workdir, upstream_port, ports, blocks, http_extra=""):
    servers = []
    for port, block in zip(ports, blocks):
        server_extra = block.server_extra.replace("@WORKDIR@", workdir)
        servers.append(f"""
    server {{
        listen 127.0.0.1:{port} {block.listen_options};
        {server_extra}
        location = {PATH} {{
            {f"tfschema_precheck {block.profile};" if block.profile else ""}
            {block.location_extra}
            {block.content}
        }}
        location / {{
            proxy_pass http://{block.upstream};
        }}
    }}""")
    # Running as root (CI), nginx's workers would switch to `nobody`, who cannot write the
    # temporary directories below: keep the current user.
    user = "user root;" if os.geteuid() == 0 else ""
    conf = f"""
load_module {module};
{user}
worker_processes 1;
error_log {workdir}/error.log info;
pid {workdir}/nginx.pid;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    client_max_body_size 64m;
    # As a deployment would: the client's Host, HTTP/1.1 with kept-alive upstream connections.
    # The server header is passed on so that tests can tell who answered (uvicorn or nginx).
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    proxy_pass_header Server;
    {http_extra}
    upstream fastapi {{
        server 127.0.0.1:{upstream_port};
        keepalive 16;
    }}
{''.join(servers)}
}}
"""
    for i, port in enumerate(ports):
        conf = conf.replace(f"@PORT{i}@", str(port))
    return conf


class Stack:
    def __init__(self, module, oracle_dir, app="v1", blocks=None, http_extra="", cpus=None):
        self.module, self.oracle_dir, self.app = os.path.abspath(module), os.path.abspath(oracle_dir), app
        self.blocks = blocks or [ServerBlock()]
        self.http_extra = http_extra
        self.cpus = cpus  # pins uvicorn and nginx to these CPUs (benchmarks)
        self.children = []
        self.workdir = tempfile.mkdtemp(prefix="tfschema_nginx.")
        self.chroot_dir = None
        self.keep_logs = False  # set on failure: the work directory (logs, config) is then kept

    # Starting and stopping

    def __enter__(self):
        try:
            self._start_uvicorn()
            self._start_nginx()
        except BaseException:
            self.keep_logs = True
            self.__exit__(None, None, None)
            raise
        return self

    def _start_uvicorn(self):
        self.upstream_port = free_port()
        uvicorn_args = ["-m", "uvicorn", f"app_{self.app}:app", "--host", "127.0.0.1", "--port",
                        str(self.upstream_port), "--log-level", "warning", "--no-access-log"]
        if self.app == "v1":
            command = ["/usr/bin/python3"] + uvicorn_args + ["--app-dir", self.oracle_dir]
        else:
            self.chroot_dir = tempfile.mkdtemp(prefix="tfschema_nginx.", dir=os.path.join(ORACLE_ROOT, "tmp"))
            shutil.copy(os.path.join(self.oracle_dir, "app_v2.py"), self.chroot_dir)
            inside = "/tmp/" + os.path.basename(self.chroot_dir)
            command = ["chroot", ORACLE_ROOT, "python3"] + uvicorn_args + ["--app-dir", inside]
        self.uvicorn_log = open(os.path.join(self.workdir, "uvicorn.log"), "wb")
        self.uvicorn = subprocess.Popen(command, stdout=self.uvicorn_log, stderr=subprocess.STDOUT,
                                        preexec_fn=self._child_setup)
        self.children.append(self.uvicorn)
        self._wait_ready(self.upstream_port, self.uvicorn, "uvicorn")

    def _child_setup(self):
        die_with_parent()
        if self.cpus:
            os.sched_setaffinity(0, self.cpus)

    def _write_conf(self):
        conf = os.path.join(self.workdir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(nginx_conf(self.module, self.workdir, self.upstream_port, self.ports, self.blocks,
                               self.http_extra))
        return conf

    def reload(self, blocks):
        """New server blocks (same ports) by nginx's reload (SIGHUP); returns once a new worker serves."""
        before = self.worker_pids()
        self.blocks = blocks
        self._write_conf()
        self.nginx.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            now = self.worker_pids()
            if now and not set(now) & set(before):
                return now
            time.sleep(0.05)
        raise RuntimeError(f"no new worker after a reload: {before} -> {self.worker_pids()}")

    def _start_nginx(self):
        self.ports = [free_port() for _ in self.blocks]
        conf = self._write_conf()
        env = nginx_env()
        self.nginx_stderr = open(os.path.join(self.workdir, "nginx.stderr"), "wb")
        self.nginx = subprocess.Popen([NGINX, "-p", self.workdir, "-c", conf, "-e", os.path.join(self.workdir,
                                       "error.log"), "-g", "daemon off;"], stdout=self.nginx_stderr,
                                      stderr=subprocess.STDOUT, env=env, preexec_fn=self._child_setup)
        self.children.append(self.nginx)
        for port in self.ports:
            self._wait_ready(port, self.nginx, "nginx")

    def _wait_ready(self, port, proc, what):
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"{what} exited with status {proc.returncode} before it was ready: "
                                   f"{self.error_log()[-2000:]} (logs in {self.workdir})")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{what} not ready after {STARTUP_SECONDS} s")

    def stop_nginx(self):
        """Stops nginx gracefully (SIGQUIT); its exit status, 0 when clean."""
        if self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)
            try:
                self.nginx.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait()
                return -1
        return self.nginx.returncode

    def __exit__(self, *exc):
        if exc[0] is not None:  # say what nginx said about it (a crash, a sanitizer report)
            self.keep_logs = True
            for line in self.fatal_log_lines()[:20]:
                print(f"nginx: {line}")
            print(f"logs: {self.workdir}")
        for child in reversed(self.children):
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        for f in ("uvicorn_log", "nginx_stderr"):
            if hasattr(self, f):
                getattr(self, f).close()
        if self.chroot_dir:
            shutil.rmtree(self.chroot_dir, ignore_errors=True)
        if not self.keep_logs:
            shutil.rmtree(self.workdir, ignore_errors=True)
        return False

    # Looking at it

    def nginx_port(self, block=0):
        return self.ports[block]

    def error_log(self):
        text = ""
        for name in ("error.log", "nginx.stderr"):
            try:
                with open(os.path.join(self.workdir, name), errors="replace") as f:
                    text += f.read()
            except FileNotFoundError:
                pass
        return text

    def fatal_log_lines(self):
        return [line for line in self.error_log().splitlines() if any(mark in line for mark in FATAL_LOG_MARKS)]

    def worker_pids(self):
        with open(f"/proc/{self.nginx.pid}/task/{self.nginx.pid}/children") as f:
            return sorted(int(pid) for pid in f.read().split())

    def rss_kib(self, pid):
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def health_problems(self, workers_before):
        """Problems if nginx crashed, restarted a worker or logged a sanitizer report or an alert."""
        problems = []
        if self.nginx.poll() is not None:
            problems.append(f"nginx exited with status {self.nginx.returncode}")
        elif self.worker_pids() != workers_before:
            problems.append(f"nginx workers changed: {workers_before} -> {self.worker_pids()} (a crash?)")
        problems += [f"error log: {line}" for line in self.fatal_log_lines()[:10]]
        return problems
