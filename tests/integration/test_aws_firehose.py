"""aws_firehose against moto_server on loopback (delivery stream -> ExtendedS3 -> a moto S3
bucket, read back object by object), through tests/integration/fault_proxy.py. Skipped when
moto_server is not installed.

  - every produced result arrives exactly once, as osquery sends it, each record ending with
    its newline (Firehose keeps no order across S3 objects: only within one batch);
  - with half of the records answered ServiceUnavailableException by the proxy;
  - with 2 MB records among them (dropped with a status line, counted).
"""


import aws_services as aws
import oqtest

DELIVERY_TIMEOUT = 30
RUN_SECONDS = 4


class FirehoseDelivery(aws.DeliveryCase):
    server_class = aws.MotoServer
    stream_class = aws.FirehoseStream

    def test_every_result_exactly_once_with_newline(self):
        d = self.start_daemon()
        self.run_for(d, RUN_SECONDS)
        results, produced = self.wait_delivered(d, DELIVERY_TIMEOUT)
        self.assertGreaterEqual(len(results), RUN_SECONDS * 2)
        by_key = {aws.record_key(r): r for r in produced}
        for r in results:  # the record osquery sends: scalars as strings, log_type last
            self.assertEqual(r, by_key[aws.record_key(r)])
            self.assertEqual(list(r)[-1], "log_type")
        # Within one S3 object (one batch) the records keep the results log's order.
        for _key, body in aws.read_bucket(self.server.endpoint, self.stream.bucket):
            recs = aws.results_of(body.split(b"\n")[:-1])
            order = [produced.index(by_key[aws.record_key(r)]) for r in recs]
            self.assertEqual(order, sorted(order))
        self.assertEqual(d.stop(), 0, self.describe(d))

    def test_half_of_the_records_throttled(self):
        self.run_throttled(RUN_SECONDS, DELIVERY_TIMEOUT + 20)

    def test_oversized_record_dropped_and_counted(self):
        self.run_oversized(RUN_SECONDS, DELIVERY_TIMEOUT)


if __name__ == "__main__":
    oqtest.main()
