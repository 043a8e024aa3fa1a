"""--aws_sts_arn_role: the AWS loggers assume the role with STS AssumeRole (signed with the base
credentials from the flags) and sign their requests with the temporary credentials it returns
(reference §5.1, the first link of osquery's chain). moto_server answers both STS and Firehose;
a fault proxy in front of each shows which key signed what. Skipped without moto_server.
"""

import aws_services as aws
import oqtest
from fault_proxy import FaultProxy

ROLE = "arn:aws:iam::123456789012:role/osquery-logger"


class AssumeRole(aws.DeliveryCase):
    server_class = aws.MotoServer
    stream_class = aws.FirehoseStream

    def setUp(self):
        super().setUp()
        self.sts = FaultProxy(self.server.port)
        self.addCleanup(self.sts.close)

    def start_with_role(self):
        return self.start_daemon(extra=("--aws_sts_arn_role", ROLE, "--aws_sts_endpoint",
                                        self.sts.endpoint, "--aws_sts_timeout", "900"))

    def test_requests_are_signed_with_the_assumed_role(self):
        d = self.start_with_role()
        self.run_for(d, 3)
        results, _ = self.wait_delivered(d, 30)
        self.assertGreater(len(results), 0)
        # The base credentials signed only AssumeRole; the temporary ones (ASIA...) the rest,
        # and the role was assumed once: its credentials are kept until they near expiry.
        self.assertEqual(list(self.sts.access_keys), ["AKID"], self.sts.access_keys)
        self.assertEqual(self.sts.requests, 1)
        keys = list(self.proxy.access_keys)
        self.assertEqual(len(keys), 1, keys)
        self.assertTrue(keys[0].startswith("ASIA"), keys)
        self.assertEqual(d.stop(), 0, self.describe(d))

    def test_sts_unreachable_stalls_delivery_until_it_answers(self):
        self.sts.refuse(True)
        d = self.start_with_role()
        self.status_line(d, r"delivery stalled: STS AssumeRole failed", timeout=20)
        self.assertEqual(self.proxy.requests, 0, "nothing is sent without credentials")
        self.sts.refuse(False)
        results, _ = self.wait_delivered(d, 60)
        self.assertGreater(len(results), 0)
        self.assertEqual(d.stop(), 0, self.describe(d))


if __name__ == "__main__":
    oqtest.main()
