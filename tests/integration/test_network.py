"""The network module through the real osqueryi: the two queries of issue 3 exactly as written,
against sockets a helper process opens (TCP on 0.0.0.0, a loopback connection, UDP, an IPv6
listener, a UNIX socket), plus routes and interface_addresses on loopback."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oqtest  # noqa: E402

LISTENING_QUERY = (
    "SELECT DISTINCT process.name, listening.port, process.pid FROM processes AS process "
    "JOIN listening_ports AS listening ON process.pid = listening.pid "
    "WHERE listening.address = '0.0.0.0';")

CONNECTIONS_QUERY = (
    "SELECT DISTINCT processes.uid, process_open_sockets.pid, "
    "process_open_sockets.remote_address, process_open_sockets.local_port, "
    "process_open_sockets.remote_port FROM process_open_sockets INNER JOIN processes "
    "WHERE processes.pid = process_open_sockets.pid AND processes.uid = 0 "
    "AND process_open_sockets.remote_address <> '' "
    "AND process_open_sockets.remote_address <> '0.0.0.0' "
    "AND process_open_sockets.remote_address <> '::';")

# The helper: opens every kind of socket, reports their numbers as one JSON line, then waits
# for stdin to close.
HELPER = r"""
import json, os, socket, sys
unix_path = sys.argv[1]
listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("0.0.0.0", 0)); listener.listen(8)
port = listener.getsockname()[1]
client = socket.create_connection(("127.0.0.1", port))
server, _ = listener.accept()
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); udp.bind(("127.0.0.1", 0))
info = {"pid": os.getpid(), "port": port, "listener_fd": listener.fileno(),
        "client_fd": client.fileno(), "client_port": client.getsockname()[1],
        "server_fd": server.fileno(), "udp_fd": udp.fileno(), "udp_port": udp.getsockname()[1]}
try:
    v6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    v6.bind(("::1", 0)); v6.listen(1)
    info["v6_fd"] = v6.fileno(); info["v6_port"] = v6.getsockname()[1]
except OSError:
    pass
unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
unix.bind(unix_path); unix.listen(1)
info["unix_fd"] = unix.fileno()
print(json.dumps(info), flush=True)
sys.stdin.read()
"""


class NetworkTables(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.unix_path = os.path.join(cls.tmp.name, "helper.sock")
        cls.helper = subprocess.Popen([sys.executable, "-c", HELPER, cls.unix_path],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        cls.info = json.loads(cls.helper.stdout.readline())

    @classmethod
    def tearDownClass(cls):
        cls.helper.stdin.close()
        cls.helper.wait(timeout=10)
        cls.tmp.cleanup()

    def query(self, sql):
        r = oqtest.run(["--json", sql])
        self.assertEqual(r.rc, 0, r.describe())
        return oqtest.parse_json(r, self)

    def helper_sockets(self):
        rows = self.query(f"SELECT * FROM process_open_sockets WHERE pid = {self.info['pid']};")
        return {int(row["fd"]): row for row in rows}

    def test_issue_query_listening_on_all_addresses(self):
        rows = self.query(LISTENING_QUERY)
        expected = {"name": "python3", "port": str(self.info["port"]),
                    "pid": str(self.info["pid"])}
        ours = [r for r in rows if r["pid"] == expected["pid"]]
        self.assertEqual(len(ours), 1, rows)
        self.assertEqual(ours[0]["port"], expected["port"])
        self.assertTrue(ours[0]["name"].startswith("python"), ours[0])

    def test_issue_query_connections_of_root_processes(self):
        if os.geteuid() != 0:
            self.skipTest("the query selects uid 0 processes; the helper runs as us")
        rows = self.query(CONNECTIONS_QUERY)
        ours = {(r["local_port"], r["remote_port"], r["remote_address"])
                for r in rows if r["pid"] == str(self.info["pid"])}
        port, client_port = str(self.info["port"]), str(self.info["client_port"])
        self.assertIn((client_port, port, "127.0.0.1"), ours)
        self.assertIn((port, client_port, "127.0.0.1"), ours)

    def test_loopback_connection_is_established(self):
        sockets = self.helper_sockets()
        client = sockets[self.info["client_fd"]]
        self.assertEqual(client["state"], "ESTABLISHED")
        self.assertEqual(client["local_port"], str(self.info["client_port"]))
        self.assertEqual(client["remote_port"], str(self.info["port"]))
        self.assertEqual(client["remote_address"], "127.0.0.1")
        self.assertEqual(client["family"], "2")
        self.assertEqual(client["protocol"], "6")
        server = sockets[self.info["server_fd"]]
        self.assertEqual(server["state"], "ESTABLISHED")
        self.assertEqual(server["local_port"], str(self.info["port"]))
        listener = sockets[self.info["listener_fd"]]
        self.assertEqual(listener["state"], "LISTEN")
        self.assertEqual(listener["local_address"], "0.0.0.0")

    def test_udp_ipv6_and_unix_sockets(self):
        sockets = self.helper_sockets()
        udp = sockets[self.info["udp_fd"]]
        self.assertEqual((udp["family"], udp["protocol"], udp["state"]), ("2", "17", ""))
        self.assertEqual(udp["local_port"], str(self.info["udp_port"]))
        self.assertEqual(udp["local_address"], "127.0.0.1")
        unix = sockets[self.info["unix_fd"]]
        self.assertEqual((unix["family"], unix["protocol"], unix["path"]),
                         ("1", "0", self.unix_path))
        self.assertEqual(unix["local_address"], "")
        if "v6_fd" in self.info:
            v6 = sockets[self.info["v6_fd"]]
            self.assertEqual((v6["family"], v6["protocol"], v6["state"]), ("10", "6", "LISTEN"))
            self.assertEqual(v6["local_address"], "::1")
            self.assertEqual(v6["local_port"], str(self.info["v6_port"]))
        listening = self.query(
            f"SELECT * FROM listening_ports WHERE pid = {self.info['pid']};")
        by_fd = {int(r["fd"]): r for r in listening}
        self.assertNotIn(self.info["client_fd"], by_fd)
        self.assertEqual(by_fd[self.info["udp_fd"]]["protocol"], "17")
        self.assertEqual(by_fd[self.info["unix_fd"]]["path"], self.unix_path)
        self.assertEqual(by_fd[self.info["unix_fd"]]["port"], "0")
        self.assertEqual(by_fd[self.info["listener_fd"]]["address"], "0.0.0.0")
        if "v6_fd" in self.info:
            self.assertEqual(by_fd[self.info["v6_fd"]]["family"], "10")

    def test_routes_have_loopback_and_any_default(self):
        rows = self.query("SELECT * FROM routes;")
        self.assertTrue(any(r["interface"] == "lo" and r["destination"].startswith("127.")
                            for r in rows), rows)
        with open("/proc/net/route") as f:
            has_default = any(line.split()[1] == "00000000" for line in f.readlines()[1:]
                              if len(line.split()) > 1)
        if has_default:
            self.assertTrue(any(r["destination"] == "0.0.0.0" and r["netmask"] == "0"
                                for r in rows), rows)

    def test_interface_addresses_has_loopback(self):
        rows = self.query("SELECT * FROM interface_addresses WHERE interface = 'lo';")
        self.assertIn("127.0.0.1", [r["address"] for r in rows])

    def test_iptables_is_quiet_without_rules(self):
        r = oqtest.run(["--json", "SELECT * FROM iptables;"])
        self.assertEqual(r.rc, 0, r.describe())
        self.assertIsInstance(oqtest.parse_json(r, self), list)


if __name__ == "__main__":
    oqtest.main()
