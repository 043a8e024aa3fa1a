"""A fault-injecting HTTP/1.1 reverse proxy for the AWS logger tests (stdlib, threads).

It listens on a loopback port and forwards every request to one upstream server (kinesalite or
moto_server), keeping connections alive on both sides. A test controls it in-process; every
control is thread-safe and takes effect on the next request:

  refuse(True/False)      close the listening socket and every open client connection (new
                          connections are refused); reopen on the same port afterwards
  throttle_fraction(f, repeat=False)
                          Kinesis PutRecords / Firehose PutRecordBatch: a deterministic fraction
                          f of the records (f = 0.5: every second record seen) is not forwarded
                          but answered with ProvisionedThroughputExceededException (Kinesis) or
                          ServiceUnavailableException (Firehose); the client gets one merged
                          answer with FailedRecordCount / FailedPutCount set. Unless repeat, a
                          record (by its data) is throttled once at most, so that its retry gets
                          through (with repeat, an unlucky record can be throttled many times
                          and wait out a long client backoff)
  fail_next(n, status)    answer the next n requests with a 5xx JSON error, unforwarded
  delay(seconds)          hold each answer that long
  drop_response_once()    forward the next PutRecords/PutRecordBatch, then close the client
                          connection unanswered; dropped_batches keeps the records sent in it

Counters (read under .lock or via stats()): requests, forwarded, records_seen,
records_forwarded, records_throttled, failed_injected, connections; forwarded_data is the list
of every record (bytes) that reached the server, in order.
"""

import base64
import http.client
import json
import re
import select
import socket
import threading
import time

PUT_TARGETS = {
    "Kinesis_20131202.PutRecords": {
        "failed": "FailedRecordCount", "results": "Records",
        "error": ("ProvisionedThroughputExceededException",
                  "Rate exceeded for shard shardId-000000000000 in stream {stream} under account "
                  "123456789012.")},
    "Firehose_20150804.PutRecordBatch": {
        "failed": "FailedPutCount", "results": "RequestResponses",
        "error": ("ServiceUnavailableException", "Slow down.")},
}
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length",
              "proxy-connection", "te", "trailer", "upgrade", "expect"}
MAX_LINE = 65536


class _ClientGone(Exception):
    pass


class FaultProxy:
    def __init__(self, upstream_port, upstream_host="127.0.0.1", port=0, tls=None):
        """`tls`: an ssl.SSLContext for the client side (the daemon then speaks HTTPS to the
        proxy; the upstream stays plain HTTP)."""
        self.upstream = (upstream_host, upstream_port)
        self.tls = tls
        self.tls_failures = 0  # handshakes a client broke off (it refused our certificate)
        self.lock = threading.Lock()
        self._refusing = False
        self._throttle = 0.0
        self._throttle_pos = 0
        self._throttle_repeat = False
        self._fail = []  # statuses of the next injected failures
        self._delay = 0.0
        self._drop_once = False
        self.requests = self.forwarded = self.records_seen = self.records_forwarded = 0
        self.records_throttled = self.failed_injected = self.connections = 0
        self.forwarded_data = []
        self.throttled_data = []  # every record answered with a throttling error, in order
        self._throttled_once = set()
        self.dropped_batches = []  # [[record bytes, ...]] forwarded but never answered
        self.targets = {}  # X-Amz-Target -> count
        self.access_keys = {}  # access key id a request was signed with -> count
        self._clients = set()
        self._closed = False
        self._listener = self._listen(port)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._thread.start()

    # --- controls --------------------------------------------------------------------------

    @property
    def endpoint(self):
        if self.tls is not None:
            return f"https://localhost:{self.port}"
        return f"http://127.0.0.1:{self.port}"

    def refuse(self, on=True):
        with self.lock:
            self._refusing = on
            if on:
                if self._listener is not None:
                    # shutdown() stops listening at once, even while the accept thread's
                    # select() still holds the socket (close() alone would not).
                    _shutdown(self._listener)
                    self._listener.close()
                    self._listener = None
                for c in list(self._clients):
                    _shutdown(c)
            elif self._listener is None and not self._closed:
                self._listener = self._listen(self.port)

    def throttle_fraction(self, fraction, repeat=False):
        with self.lock:
            self._throttle = float(fraction)
            self._throttle_pos = 0
            self._throttle_repeat = repeat

    def fail_next(self, n, status=500):
        with self.lock:
            self._fail = [status] * n

    def delay(self, seconds):
        with self.lock:
            self._delay = float(seconds)

    def drop_response_once(self):
        with self.lock:
            self._drop_once = True

    def stats(self):
        with self.lock:
            return {k: getattr(self, k) for k in (
                "requests", "forwarded", "records_seen", "records_forwarded",
                "records_throttled", "failed_injected", "connections")} | {
                    "dropped_batches": len(self.dropped_batches)}

    def close(self):
        with self.lock:
            self._closed = True
        self.refuse(True)
        self._thread.join(5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- plumbing ----------------------------------------------------------------------------

    @staticmethod
    def _listen(port):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.listen(128)
        return s

    def _accept_loop(self):
        while True:
            with self.lock:
                if self._closed:
                    return
                listener = self._listener
            if listener is None:
                time.sleep(0.02)
                continue
            try:
                ready, _, _ = select.select([listener], [], [], 0.05)
                if not ready:
                    continue
                conn, _addr = listener.accept()
            except (OSError, ValueError):  # closed by refuse() meanwhile
                continue
            with self.lock:
                if self._refusing or self._closed:
                    conn.close()
                    continue
                self.connections += 1
                self._clients.add(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        accepted = conn  # what _clients holds
        if self.tls is not None:
            try:
                conn = self.tls.wrap_socket(conn, server_side=True)
            except (OSError, ValueError):
                with self.lock:
                    self.tls_failures += 1
                    self._clients.discard(accepted)
                accepted.close()
                return
        rfile = conn.makefile("rb")
        upstream = None
        try:
            while True:
                request = _read_request(rfile, conn)
                if request is None:
                    break
                keep, upstream = self._handle(conn, request, upstream)
                if not keep:
                    break
        except (OSError, _ClientGone, ValueError, http.client.HTTPException):
            pass
        finally:
            with self.lock:
                self._clients.discard(accepted)
            if upstream is not None:
                upstream.close()
            _shutdown(conn)
            rfile.close()
            conn.close()

    def _handle(self, conn, request, upstream):
        method, path, version, headers, body = request
        target = headers.get("x-amz-target", "")
        wants_close = (headers.get("connection", "").lower() == "close"
                       or version == "HTTP/1.0")
        signer = re.search(r"Credential=([^/]+)/", headers.get("authorization", ""))
        with self.lock:
            self.requests += 1
            self.targets[target] = self.targets.get(target, 0) + 1
            if signer:
                self.access_keys[signer.group(1)] = self.access_keys.get(signer.group(1), 0) + 1
            fail = self._fail.pop(0) if self._fail else None
            if fail:
                self.failed_injected += 1
            delay = self._delay
        if fail:
            err = json.dumps({"__type": "InternalFailure" if fail == 500 else
                              "ServiceUnavailableException",
                              "message": "injected by fault_proxy"}).encode()
            time.sleep(delay)
            _respond(conn, fail, "Injected", [("Content-Type", "application/x-amz-json-1.1")],
                     err, wants_close)
            return not wants_close, upstream

        spec = PUT_TARGETS.get(target)
        payload = json.loads(body) if spec and body else None
        records = payload.get("Records", []) if payload else []
        throttled = self._pick_throttled(records) if spec else set()
        with self.lock:
            drop = bool(spec) and self._drop_once
            if drop:
                self._drop_once = False
        forward_idx = [i for i in range(len(records)) if i not in throttled]

        if spec and not forward_idx and records:
            status, reason, up_headers, up_body = 200, "OK", [
                ("Content-Type", "application/x-amz-json-1.1")], b"{}"
            up_answer = {spec["results"]: []}
        else:
            if spec and throttled:
                sub = dict(payload)
                sub["Records"] = [records[i] for i in forward_idx]
                body = json.dumps(sub).encode()
            upstream, (status, reason, up_headers, up_body) = self._forward(
                upstream, method, path, headers, body)
            with self.lock:
                self.forwarded += 1
                if spec:
                    data = [base64.b64decode(records[i]["Data"]) for i in forward_idx]
                    if status == 200:
                        self.records_forwarded += len(data)
                        self.forwarded_data.extend(data)
                    if drop:
                        self.dropped_batches.append(data)
            up_answer = json.loads(up_body) if spec and status == 200 and up_body else None
        if drop:
            if upstream is not None:
                upstream.close()
            raise _ClientGone()  # the server took the batch; the client never hears of it
        if spec and up_answer is not None and throttled:
            up_body = self._merge(spec, payload, records, throttled, forward_idx, up_answer)
            with self.lock:
                self.throttled_data.extend(base64.b64decode(records[i]["Data"])
                                           for i in sorted(throttled))
        time.sleep(delay)
        _respond(conn, status, reason, up_headers, up_body, wants_close)
        return not wants_close, upstream

    def _pick_throttled(self, records):
        with self.lock:
            self.records_seen += len(records)
            f = self._throttle
            if f <= 0:
                return set()
            picked = set()
            for i, r in enumerate(records):
                data = base64.b64decode(r["Data"])
                if not self._throttle_repeat and data in self._throttled_once:
                    continue
                pos = self._throttle_pos
                self._throttle_pos += 1
                if int((pos + 1) * f) > int(pos * f):
                    picked.add(i)
                    self._throttled_once.add(data)
            self.records_throttled += len(picked)
            return picked

    @staticmethod
    def _merge(spec, payload, records, throttled, forward_idx, up_answer):
        code, message = spec["error"]
        message = message.format(stream=payload.get("StreamName", ""))
        server = iter(up_answer.get(spec["results"], []))
        results = []
        for i in range(len(records)):
            if i in throttled:
                results.append({"ErrorCode": code, "ErrorMessage": message})
            else:
                results.append(next(server))
        merged = dict(up_answer)
        merged[spec["failed"]] = sum(1 for r in results if "ErrorCode" in r)
        merged[spec["results"]] = results
        if spec["failed"] == "FailedPutCount":
            merged.setdefault("Encrypted", False)
        return json.dumps(merged).encode()

    def _forward(self, upstream, method, path, headers, body):
        """Sends the request upstream on the kept-alive connection (reconnecting once if the
        server closed it); returns (connection, (status, reason, headers, body))."""
        out_headers = {k: v for k, v in headers.items() if k not in HOP_BY_HOP}
        for attempt in range(2):
            if upstream is None:
                upstream = http.client.HTTPConnection(*self.upstream, timeout=60)
            try:
                upstream.request(method, path, body=body, headers=out_headers)
                resp = upstream.getresponse()
                data = resp.read()
                if resp.will_close:
                    upstream.close()
                    upstream = None
                return upstream, (resp.status, resp.reason, resp.getheaders(), data)
            except (OSError, http.client.HTTPException):
                upstream.close()
                upstream = None
                if attempt == 1:
                    body = json.dumps({"__type": "BadGateway",
                                       "message": "fault_proxy: upstream unreachable"}).encode()
                    return None, (502, "Bad Gateway",
                                  [("Content-Type", "application/x-amz-json-1.1")], body)
        raise AssertionError("unreachable")


def _shutdown(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _read_request(rfile, conn):
    """One request (method, path, version, {lower-case header: value}, body) or None at EOF."""
    line = rfile.readline(MAX_LINE)
    while line in (b"\r\n", b"\n"):  # stray blank lines between requests are allowed
        line = rfile.readline(MAX_LINE)
    if not line:
        return None
    parts = line.decode("latin-1").split()
    if len(parts) != 3:
        raise ValueError(f"bad request line {line!r}")
    method, path, version = parts
    headers = {}
    while True:
        h = rfile.readline(MAX_LINE)
        if h in (b"\r\n", b"\n", b""):
            break
        name, _, value = h.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("expect", "").lower() == "100-continue":
        conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = b""
        while True:
            size = int(rfile.readline(MAX_LINE).split(b";")[0].strip(), 16)
            if size == 0:
                while rfile.readline(MAX_LINE) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                break
            body += rfile.read(size)
            rfile.readline(MAX_LINE)
    else:
        length = int(headers.get("content-length", "0"))
        body = rfile.read(length)
        if len(body) != length:
            raise _ClientGone()
    return method, path, version, headers, body


def _respond(conn, status, reason, headers, body, close):
    head = [f"HTTP/1.1 {status} {reason}"]
    head += [f"{k}: {v}" for k, v in headers if k.lower() not in HOP_BY_HOP]
    head += [f"Content-Length: {len(body)}", "Connection: " + ("close" if close else "keep-alive")]
    conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
