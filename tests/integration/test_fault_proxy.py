"""fault_proxy.py on its own, between a stdlib client and kinesalite (and moto_server for the
Firehose answer format), so that a proxy bug never passes for a daemon bug."""

import base64
import http.client
import json
import socket
import time
import unittest

import aws_services as aws
import oqtest
from fault_proxy import FaultProxy

STREAM = "proxy-test"


def put_body(datas, stream=STREAM):
    return {"StreamName": stream, "Records": [
        {"Data": base64.b64encode(d).decode(), "PartitionKey": "pk"} for d in datas]}


def kinesis_headers(action):
    return aws.api_headers(aws.KINESIS_TARGET, action, "kinesis")


def raw_head(action, framing):
    """The head of a raw PutRecords/DescribeStream request with its body framing header."""
    lines = ["POST / HTTP/1.1", "Host: x"]
    lines += [f"{k}: {v}" for k, v in kinesis_headers(action).items()]
    return ("\r\n".join(lines + framing) + "\r\n\r\n").encode()


def datas(prefix, n):
    return [f"{prefix}-{i}".encode() for i in range(n)]


class ProxyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = aws.Kinesalite()
        try:
            aws.create_stream(cls.server.endpoint, STREAM)
        except BaseException:
            cls.server.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.proxy = FaultProxy(self.server.port)
        self.addCleanup(self.proxy.close)
        self.before = self.stream_datas()

    def stream_datas(self):
        return [r[2] for recs in aws.read_stream(self.server.endpoint, STREAM).values()
                for r in recs]

    def new_datas(self):
        return self.stream_datas()[len(self.before):]

    def put(self, conn, records):
        conn.request("POST", "/", body=json.dumps(put_body(records)),
                     headers=kinesis_headers("PutRecords"))
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read() or b"{}")

    def connect(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.proxy.port, timeout=10)
        self.addCleanup(conn.close)
        return conn

    def test_forwards_with_keep_alive(self):
        conn = self.connect()
        for batch in ("a", "b"):
            status, answer = self.put(conn, datas(batch, 3))
            self.assertEqual(status, 200, answer)
            self.assertEqual(answer["FailedRecordCount"], 0)
        self.assertEqual(self.proxy.connections, 1, "both requests on one kept-alive connection")
        self.assertEqual(self.new_datas(), datas("a", 3) + datas("b", 3))
        self.assertEqual(self.proxy.forwarded_data, datas("a", 3) + datas("b", 3))
        self.assertEqual(self.proxy.stats()["records_forwarded"], 6)

    def raw_exchange(self, head, body_parts):
        """Sends head, reads what comes, then each body part; returns everything received."""
        s = socket.create_connection(("127.0.0.1", self.proxy.port), timeout=10)
        self.addCleanup(s.close)
        s.sendall(head)
        early = b""
        if b"Expect: 100-continue" in head:
            early = s.recv(4096)
        for part in body_parts:
            s.sendall(part)
        received = b""
        while b"\r\n\r\n" not in received or not received.rstrip().endswith(b"}"):
            chunk = s.recv(65536)
            if not chunk:
                break
            received += chunk
        return early, received

    def test_expect_100_continue(self):
        body = json.dumps(put_body(datas("expect", 2))).encode()
        head = raw_head("PutRecords", ["Expect: 100-continue", f"Content-Length: {len(body)}"])
        early, answer = self.raw_exchange(head, [body])
        self.assertTrue(early.startswith(b"HTTP/1.1 100 Continue"), early)
        self.assertIn(b"HTTP/1.1 200", answer)
        self.assertEqual(self.new_datas(), datas("expect", 2))

    def test_chunked_request(self):
        body = json.dumps(put_body(datas("chunk", 2))).encode()
        head = raw_head("PutRecords", ["Transfer-Encoding: chunked"])
        half = len(body) // 2
        chunks = [b"%x\r\n%s\r\n" % (len(p), p) for p in (body[:half], body[half:])]
        chunks.append(b"0\r\n\r\n")
        _early, answer = self.raw_exchange(head, chunks)
        self.assertIn(b"HTTP/1.1 200", answer)
        self.assertEqual(self.new_datas(), datas("chunk", 2))

    def test_refuse_then_reopen_on_same_port(self):
        conn = self.connect()
        self.assertEqual(self.put(conn, datas("r1", 1))[0], 200)
        port = self.proxy.port
        self.proxy.refuse(True)
        with self.assertRaises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        # The kept-alive connection was dropped too.
        with self.assertRaises((OSError, http.client.HTTPException)):
            self.put(conn, datas("lost", 1))
        self.proxy.refuse(False)
        self.assertEqual(self.proxy.port, port)
        self.assertEqual(self.put(self.connect(), datas("r2", 1))[0], 200)
        self.assertEqual(self.new_datas(), datas("r1", 1) + datas("r2", 1))

    def test_throttle_half_of_the_records(self):
        self.proxy.throttle_fraction(0.5)
        sent = datas("t", 10)
        status, answer = self.put(self.connect(), sent)
        self.assertEqual(status, 200, answer)
        self.assertEqual(answer["FailedRecordCount"], 5)
        results = answer["Records"]
        self.assertEqual(len(results), 10)
        accepted = []
        for i, r in enumerate(results):
            if i % 2:  # every second record is throttled
                self.assertEqual(r["ErrorCode"], "ProvisionedThroughputExceededException")
                self.assertIn("Rate exceeded for shard", r["ErrorMessage"])
                self.assertNotIn("SequenceNumber", r)
            else:
                self.assertIn("SequenceNumber", r)
                self.assertNotIn("ErrorCode", r)
                accepted.append(sent[i])
        self.assertEqual(self.new_datas(), accepted)
        # Retrying the failed half: each record is throttled once only, so all get through.
        status, answer = self.put(self.connect(), [sent[i] for i in range(1, 10, 2)])
        self.assertEqual(answer["FailedRecordCount"], 0)
        self.assertEqual(self.proxy.records_throttled, 5)
        self.assertEqual(sorted(self.new_datas()), sorted(sent))

    def test_throttle_repeatedly(self):
        self.proxy.throttle_fraction(0.5, repeat=True)
        sent = datas("rt", 10)
        self.assertEqual(self.put(self.connect(), sent)[1]["FailedRecordCount"], 5)
        # Again half of the retried half is throttled.
        answer = self.put(self.connect(), [sent[i] for i in range(1, 10, 2)])[1]
        self.assertEqual(answer["FailedRecordCount"], 2)
        self.assertEqual(self.proxy.records_throttled, 7)

    def test_fail_next_without_forwarding(self):
        self.proxy.fail_next(2, status=503)
        conn = self.connect()
        for _ in range(2):
            status, answer = self.put(conn, datas("f", 1))
            self.assertEqual(status, 503)
            self.assertIn("__type", answer)
        self.assertEqual(self.put(conn, datas("ok", 1))[0], 200)
        self.assertEqual(self.new_datas(), datas("ok", 1))
        self.assertEqual(self.proxy.failed_injected, 2)

    def test_delay(self):
        self.proxy.delay(1.0)
        start = time.monotonic()
        self.assertEqual(self.put(self.connect(), datas("d", 1))[0], 200)
        self.assertGreaterEqual(time.monotonic() - start, 1.0)

    def test_drop_response_once(self):
        self.proxy.drop_response_once()
        conn = self.connect()
        with self.assertRaises((OSError, http.client.HTTPException)):
            self.put(conn, datas("drop", 3))
        self.assertEqual(self.proxy.dropped_batches, [datas("drop", 3)])
        # The server did take the batch; the next one is answered normally.
        self.assertEqual(self.put(self.connect(), datas("after", 1))[0], 200)
        self.assertEqual(self.new_datas(), datas("drop", 3) + datas("after", 1))

    def test_other_actions_pass_through(self):
        conn = self.connect()
        conn.request("POST", "/", body=json.dumps({"StreamName": STREAM}),
                     headers=kinesis_headers("DescribeStream"))
        resp = conn.getresponse()
        self.assertEqual(resp.status, 200)
        self.assertEqual(json.loads(resp.read())["StreamDescription"]["StreamName"], STREAM)
        # An error of the server reaches the client unchanged.
        conn.request("POST", "/", body=json.dumps({"StreamName": "missing"}),
                     headers=kinesis_headers("DescribeStream"))
        resp = conn.getresponse()
        self.assertEqual(resp.status, 400)
        self.assertIn("ResourceNotFoundException", resp.read().decode())


class FirehoseThrottleTest(unittest.TestCase):
    """The merged PutRecordBatch answer, against moto_server."""

    def test_throttle_put_record_batch(self):
        with aws.MotoServer() as moto:
            aws.create_bucket(moto.endpoint, "proxy-bucket")
            aws.create_delivery_stream(moto.endpoint, "proxy-fh", "proxy-bucket")
            with FaultProxy(moto.port) as proxy:
                proxy.throttle_fraction(0.5)
                sent = [d + b"\n" for d in datas("fh", 6)]
                answer = aws.firehose(proxy.endpoint, "PutRecordBatch", {
                    "DeliveryStreamName": "proxy-fh",
                    "Records": [{"Data": base64.b64encode(d).decode()} for d in sent]})
                self.assertEqual(answer["FailedPutCount"], 3)
                codes = [r.get("ErrorCode") for r in answer["RequestResponses"]]
                self.assertEqual(codes, [None, "ServiceUnavailableException"] * 3)
                self.assertTrue(all("RecordId" in r for r in answer["RequestResponses"][::2]))
                self.assertEqual(aws.firehose_records(moto.endpoint, "proxy-bucket"), sent[::2])


if __name__ == "__main__":
    oqtest.main()
