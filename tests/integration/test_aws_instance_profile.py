"""No credentials in flags, profiles or the environment: the AWS loggers take the EC2 instance
profile's, from the instance metadata service (IMDSv2: a session token, then the role's
credentials document), as the last link of osquery's chain. moto_server serves IMDS and
Firehose; AWS_EC2_METADATA_SERVICE_ENDPOINT points the daemon at it (through a fault proxy, to
see the requests). Skipped without moto_server.
"""

import os
import shutil
import tempfile

import aws_services as aws
import oqtest
import test_daemon
from fault_proxy import FaultProxy

CREDENTIAL_VARIABLES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                        "AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
                        "AWS_EC2_METADATA_DISABLED")


class InstanceProfile(aws.DeliveryCase):
    server_class = aws.MotoServer
    stream_class = aws.FirehoseStream

    def setUp(self):
        super().setUp()
        self.imds = FaultProxy(self.server.port)
        self.addCleanup(self.imds.close)
        # The daemon inherits this environment: no credentials anywhere but IMDS.
        home = tempfile.mkdtemp(prefix="oqm-aws-home-")
        self.addCleanup(shutil.rmtree, home, True)
        saved = dict(os.environ)
        self.addCleanup(lambda: (os.environ.clear(), os.environ.update(saved)))
        for name in CREDENTIAL_VARIABLES:
            os.environ.pop(name, None)
        os.environ["HOME"] = home
        os.environ["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = self.imds.endpoint

    def start_without_credentials(self):
        args = aws.daemon_args(self.stream.plugin, self.stream.name, self.proxy.endpoint)
        for flag in ("--aws_access_key_id", "--aws_secret_access_key"):
            i = args.index(flag)
            del args[i:i + 2]
        d = test_daemon.Daemon(self.root, args)
        test_daemon.write_config(d.config, aws.schedule())
        d.start()
        self.addCleanup(self._stop, d)
        return d

    def test_requests_are_signed_with_the_instance_profile(self):
        d = self.start_without_credentials()
        self.run_for(d, 3)
        results, _ = self.wait_delivered(d, 30)
        self.assertGreater(len(results), 0)
        # moto's instance role signs as "test-key"; the metadata service was asked once, with
        # an IMDSv2 token (PUT /latest/api/token, then two GETs).
        self.assertEqual(list(self.proxy.access_keys), ["test-key"], self.proxy.access_keys)
        self.assertEqual(self.imds.requests, 3, self.imds.targets)
        self.assertEqual(d.stop(), 0, self.describe(d))


if __name__ == "__main__":
    oqtest.main()
