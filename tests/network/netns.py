"""Network namespaces the harness creates, uses and always removes.

`Topology("routed")` is three namespaces, client - router - server, joined by
two veth pairs, each with IPv4 and IPv6 addresses and routes through the
router; the router forwards and is where impairment happens (iptables NFQUEUE
to the `impair` program for loss, delay and reordering; iptables TEE for
duplicates). `Topology("loopback")` is one namespace whose `lo` carries both
ends, like the lab's own 127.0.0.1 run.

Names carry the creating process's id (`lpnet-<pid>-<random>-<role>`), so runs
at the same time never collide and a later run removes what a killed one left
behind (only namespaces whose creator no longer exists). Addresses are the
benchmarking range 198.18.0.0/15 (RFC 2544) and a ULA prefix: they exist only
inside these namespaces, which have no link to anything else.
"""
import os
import re
import secrets
import signal
import subprocess
import time

PREFIX = "lpnet"

# (namespace, interface) -> addresses; the router is the gateway of each side.
CLIENT4, ROUTER_C4, ROUTER_S4, SERVER4 = "198.18.1.2", "198.18.1.1", "198.18.2.1", "198.18.2.2"
CLIENT6, ROUTER_C6, ROUTER_S6, SERVER6 = "fd4c:6162::1:2", "fd4c:6162::1:1", "fd4c:6162::2:1", \
    "fd4c:6162::2:2"


class NamespaceError(RuntimeError):
    """The machine cannot give us namespaces (not root, no CAP_SYS_ADMIN, ...)."""


def _run(*args, check=True):
    proc = subprocess.run(list(args), capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise NamespaceError(f"{' '.join(args)}: {proc.stderr.strip() or proc.returncode}")
    return proc


def unavailable_reason():
    """Why namespaces cannot be created here, or None when they can."""
    if os.geteuid() != 0:
        return "network namespaces need root (CI runs as root)"
    for tool in ("ip", "iptables", "ip6tables", "tcpdump", "dumpcap"):
        if subprocess.run(["sh", "-c", f"command -v {tool}"], capture_output=True).returncode:
            return f"{tool} is not installed (packaging/install-build-deps.sh)"
    probe = f"{PREFIX}-{os.getpid()}-probe{secrets.token_hex(2)}"
    proc = _run("ip", "netns", "add", probe, check=False)
    if proc.returncode != 0:
        return f"cannot create a network namespace: {proc.stderr.strip()}"
    try:
        proc = _run("ip", "netns", "exec", probe, "iptables", "-A", "FORWARD", "-j", "NFQUEUE",
                    "--queue-num", "1", "--queue-bypass", check=False)
        if proc.returncode != 0:
            return f"iptables NFQUEUE does not work in a namespace: {proc.stderr.strip()}"
    finally:
        _run("ip", "netns", "del", probe, check=False)
    return None


def remove_orphans():
    """Removes namespaces of earlier harness runs whose process is gone."""
    listing = _run("ip", "netns", "list", check=False).stdout
    for line in listing.splitlines():
        name = line.split()[0] if line.split() else ""
        m = re.fullmatch(rf"{PREFIX}-(\d+)-\w+", name)
        if m and not os.path.exists(f"/proc/{m.group(1)}"):
            _run("ip", "netns", "del", name, check=False)


class Topology:
    """The namespaces of one scenario; a context manager that always tears down."""

    def __init__(self, kind="routed"):
        if kind not in ("routed", "loopback"):
            raise ValueError(kind)
        self.kind = kind
        tag = f"{PREFIX}-{os.getpid()}-{secrets.token_hex(3)}"
        roles = ("c", "r", "s") if kind == "routed" else ("l",)
        self.ns = {role: f"{tag}{role}" for role in roles}
        self.processes = []  # everything started inside, killed before the namespaces go
        self.created = []

    # --- addresses --------------------------------------------------------

    def address(self, side, family=4):
        """The address of 'client' or 'server' in `family` (4 or 6)."""
        if self.kind == "loopback":
            return "127.0.0.1" if family == 4 else "::1"
        table = {("client", 4): CLIENT4, ("server", 4): SERVER4,
                 ("client", 6): CLIENT6, ("server", 6): SERVER6}
        return table[(side, family)]

    def namespace(self, side):
        """Namespace name of 'client', 'router' or 'server'."""
        if self.kind == "loopback":
            return self.ns["l"]
        return self.ns[{"client": "c", "router": "r", "server": "s"}[side]]

    def interface(self, side):
        """The interface a capture on `side` listens on."""
        return "lo" if self.kind == "loopback" else "eth0"

    # --- running things inside --------------------------------------------

    def command(self, side, args):
        return ["ip", "netns", "exec", self.namespace(side)] + [str(a) for a in args]

    def run(self, side, *args, check=True):
        return _run(*self.command(side, args), check=check)

    def start(self, side, args, **popen):
        """Starts a process inside; it is killed at teardown if still running."""
        proc = subprocess.Popen(self.command(side, args), **popen)
        self.processes.append(proc)
        return proc

    # --- setup and teardown -----------------------------------------------

    def __enter__(self):
        remove_orphans()
        try:
            for name in self.ns.values():
                _run("ip", "netns", "add", name)
                self.created.append(name)
                _run("ip", "-n", name, "link", "set", "lo", "up")
            if self.kind == "routed":
                self._link("client", "router", "c0", [(CLIENT4, 24), (CLIENT6, 112)],
                           [(ROUTER_C4, 24), (ROUTER_C6, 112)])
                self._link("server", "router", "s0", [(SERVER4, 24), (SERVER6, 112)],
                           [(ROUTER_S4, 24), (ROUTER_S6, 112)])
                self._routes("client", ROUTER_C4, ROUTER_C6)
                self._routes("server", ROUTER_S4, ROUTER_S6)
                self.run("router", "sysctl", "-qw", "net.ipv4.ip_forward=1")
                self.run("router", "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1")
        except BaseException:
            self.close()
            raise
        return self

    def _link(self, side, router, router_if, side_addrs, router_addrs):
        """A veth pair created inside `side` (eth0) with its peer in the router."""
        ns, rns = self.namespace(side), self.namespace(router)
        _run("ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", router_if,
             "netns", rns)
        for where, ifname, addrs in ((ns, "eth0", side_addrs), (rns, router_if, router_addrs)):
            for addr, plen in addrs:
                extra = ["nodad"] if ":" in addr else []  # usable at once, no DAD wait
                _run("ip", "-n", where, "addr", "add", f"{addr}/{plen}", "dev", ifname, *extra)
            _run("ip", "-n", where, "link", "set", ifname, "up")

    def _routes(self, side, gw4, gw6):
        ns = self.namespace(side)
        _run("ip", "-n", ns, "route", "add", "default", "via", gw4)
        _run("ip", "-n", ns, "-6", "route", "add", "default", "via", gw6)

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self):
        for proc in self.processes:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
        for proc in self.processes:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        self.processes = []
        for name in reversed(self.created):
            _run("ip", "netns", "del", name, check=False)
        self.created = []

    # --- impairment on the router ------------------------------------------

    def impair(self, impair_binary, *, seed, drop=0.0, delay_ms=0.0, jitter_ms=0.0,
               drop_data=(), max_seconds=120, log=None, queue=1):
        """Sends forwarded TCP through `impair` (NFQUEUE); returns its process."""
        if self.kind != "routed":
            raise ValueError("impairment needs the routed topology")
        for tables in ("iptables", "ip6tables"):
            self.run("router", tables, "-A", "FORWARD", "-p", "tcp", "-j", "NFQUEUE",
                     "--queue-num", queue, "--queue-bypass")
        args = [impair_binary, "--queue", queue, "--seed", seed, "--drop", drop,
                "--delay", delay_ms, "--jitter", jitter_ms, "--max-seconds", max_seconds]
        if drop_data:
            args += ["--drop-data", ",".join(str(n) for n in drop_data)]
        if log:
            args += ["--log", log]
        proc = self.start("router", args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
        line = proc.stdout.readline()
        if line.strip() != "ready":
            proc.kill()
            raise NamespaceError(f"impair did not start: {line}{proc.stderr.read()}")
        return proc

    def duplicate(self, every):
        """iptables TEE: a copy of every `every`-th forwarded TCP packet, each direction."""
        if self.kind != "routed":
            raise ValueError("duplicates need the routed topology")
        for tables, client, server in (("iptables", CLIENT4, SERVER4),
                                       ("ip6tables", CLIENT6, SERVER6)):
            for dst in (client, server):
                self.run("router", tables, "-t", "mangle", "-A", "FORWARD", "-p", "tcp",
                         "-d", dst, "-m", "statistic", "--mode", "nth", "--every", every,
                         "--packet", every - 1, "-j", "TEE", "--gateway", dst)


def wait_until(condition, timeout=5.0, interval=0.02):
    """Polls `condition()` until true or `timeout` seconds pass; returns the last result."""
    end = time.monotonic() + timeout
    while True:
        result = condition()
        if result or time.monotonic() > end:
            return result
        time.sleep(interval)
