"""aws_kinesis against kinesalite on loopback, through tests/integration/fault_proxy.py.

osqueryd logs to filesystem and aws_kinesis at once: the filesystem results log is the ground
truth of what was produced. Each test checks that every produced result reaches the stream
exactly once (the outage tests are test_aws_kinesis_outage.py and _restart.py):
  - in order, byte-for-byte the record osquery sends (scalars as strings, log_type last);
  - with half of the records throttled by the proxy;
  - with the answer to an accepted batch lost (only that batch may be duplicated);
  - with 2 MB records among them (dropped with a status line, counted in
    osquery_logger_status).
"""

import json
import re

import aws_services as aws
import oqtest

DELIVERY_TIMEOUT = 30
RUN_SECONDS = 4


class KinesisDelivery(aws.DeliveryCase):
    server_class = aws.Kinesalite
    stream_class = aws.KinesisStream

    def test_every_result_in_order_exactly_once(self):
        d = self.start_daemon(aws.schedule(status=True))
        self.run_for(d, RUN_SECONDS)
        results, produced = self.wait_delivered(d, DELIVERY_TIMEOUT)
        # Sequence order in the shard is the order of the results log, record for record.
        expected = [r for r in produced if r.get("name") in ("tick", "rows")]
        results = [r for r in results if r.get("name") in ("tick", "rows")]
        self.assertEqual(results, expected[:len(results)])
        self.assertGreaterEqual(len(results), RUN_SECONDS * 2)
        # Exactly the bytes' structure osquery sends: every scalar a string, log_type last.
        first = json.loads(self.stream.read()[0])
        self.assertEqual(list(first)[-1], "log_type")
        self.assertEqual(set(self.stream.partition_keys()), {aws.HOST_ID})
        self.assertEqual(self.proxy.records_throttled, 0)
        # The counters: all sent (statuses too), nothing retried or dropped.
        row = aws.logger_status(d, "aws_kinesis")
        self.assertIsNotNone(row, self.describe(d))
        self.assertEqual((row["retried"], row["dropped"], row["stalled"]), ("0", "0", "0"), row)
        self.assertGreater(int(row["sent"]), 0, row)
        self.assertLessEqual(int(row["sent"]), len(self.stream.read()), row)
        self.assertEqual(d.stop(), 0, self.describe(d))

    def test_statuses_are_sent_with_log_type_status(self):
        d = self.start_daemon(extra=["--aws_kinesis_random_partition_key"])
        self.run_for(d, 2)
        statuses = aws.wait_until(
            lambda: [json.loads(x) for x in self.stream.read()
                     if json.loads(x).get("log_type") == "status"], 15, 0.5,
            "a status record", lambda: self.describe(d))
        self.assertIn("severity", statuses[0])
        self.assertEqual(list(statuses[0])[-1], "log_type")
        uuid = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
        keys = self.stream.partition_keys()
        self.assertTrue(all(uuid.match(k) for k in keys), keys[:5])
        self.assertEqual(len(set(keys)), len(keys), "a random partition key per record")

    def test_half_of_the_records_throttled(self):
        self.run_throttled(RUN_SECONDS, DELIVERY_TIMEOUT + 20)

    def test_lost_response_duplicates_only_that_batch(self):
        d = self.start_daemon()
        self.run_for(d, 2)
        self.proxy.drop_response_once()
        aws.wait_until(lambda: self.proxy.dropped_batches, 15, 0.2, "a dropped answer",
                       lambda: self.describe(d))
        d.wait_for(lambda d: len(d.results()) >= (RUN_SECONDS + 2) * 2, timeout=20,
                   what="results after the lost answer")
        batch = self.proxy.dropped_batches[0]
        self.assertTrue(batch)
        results, _ = self.wait_delivered(d, DELIVERY_TIMEOUT,
                                         allow_duplicates=[b for b in batch
                                                           if b'"log_type":"result"' in b])
        # The whole batch reached the server before its answer was lost, and the daemon, which
        # cannot know that, sent it again.
        datas = self.stream.read()
        for b in batch:
            self.assertIn(b, datas)
        self.assertTrue(any(datas.count(b) == 2 for b in batch), "the batch was not resent")

    def test_oversized_record_dropped_and_counted(self):
        self.run_oversized(RUN_SECONDS, DELIVERY_TIMEOUT)

if __name__ == "__main__":
    oqtest.main()
