"""The senders' logs: what was really sent, per TCP connection and direction.

Every sender (lab_client/lab_server --log, sender.py) writes one JSON line per
message it handed to the kernel:

    {"sender": "lab_client", "local": "198.18.1.2", "local_port": 40312,
     "peer": "198.18.2.2", "peer_port": 9000, "direction": "client-to-server",
     "index": 1, "length": 10, "byte_order": "little", "header": "0a000000",
     "body": "ec9588...", "complete": true}

`complete` is false for a message the sender was killed in the middle of:
`body` then holds only the bytes it sent.
"""
import dataclasses
import ipaddress
import json

C2S, S2C = "client-to-server", "server-to-client"
ARROW = {C2S: "client→server", S2C: "server→client"}


def endpoint(address, port):
    """(address, port) with the address in one canonical form (IPv4-mapped as IPv4)."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.compressed, int(port))


@dataclasses.dataclass
class Message:
    index: int
    length: int
    body: bytes
    header: bytes
    byte_order: str
    complete: bool
    sender: str


@dataclasses.dataclass
class Connection:
    """Both directions of one TCP connection as its senders logged them."""
    client: tuple  # endpoint()
    server: tuple
    messages: dict = dataclasses.field(default_factory=lambda: {C2S: [], S2C: []})

    def ends(self, direction):
        """(sender, receiver) endpoints of a direction."""
        return (self.client, self.server) if direction == C2S else (self.server, self.client)

    def complete(self, direction):
        return [m for m in self.messages[direction] if m.complete]

    def cut(self, direction):
        return [m for m in self.messages[direction] if not m.complete]


def load(paths):
    """{(client endpoint, server endpoint): Connection} from log files."""
    connections = {}
    for path in paths:
        with open(path, encoding="ascii") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}:{number}: not a JSON line ({e}); a sender was "
                                     "killed while writing?") from e
                local, peer = endpoint(r["local"], r["local_port"]), endpoint(r["peer"],
                                                                              r["peer_port"])
                client, server = (local, peer) if r["direction"] == C2S else (peer, local)
                conn = connections.setdefault((client, server), Connection(client, server))
                conn.messages[r["direction"]].append(Message(
                    r["index"], r["length"], bytes.fromhex(r["body"]), bytes.fromhex(r["header"]),
                    r["byte_order"], r.get("complete", True), r["sender"]))
    for conn in connections.values():
        for direction, messages in conn.messages.items():
            messages.sort(key=lambda m: m.index)
            indexes = [m.index for m in messages]
            if indexes != list(range(1, len(messages) + 1)):
                raise ValueError(f"{conn.client} {ARROW[direction]}: logged indexes {indexes} "
                                 "are not 1..n: a log is missing or doubled")
    return connections
