"""aws_kinesis over HTTPS: TLS peer verification is always on. The fault proxy serves TLS with a
certificate of our own CA in front of kinesalite:
  - with --aws_tls_ca_file naming that CA, every result arrives;
  - without it (the system's CAs do not know ours), nothing is sent: delivery stalls with the
    certificate error, and the records stay buffered.
"""

import os
import shutil
import ssl
import subprocess
import tempfile
import unittest

import aws_services as aws
import oqtest
from fault_proxy import FaultProxy


def make_certificate(directory):
    """A self-signed certificate for localhost (its own CA), by the openssl command."""
    if shutil.which("openssl") is None:
        raise unittest.SkipTest("the openssl command is not installed")
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    return cert, key


class Tls(aws.DeliveryCase):
    server_class = aws.Kinesalite
    stream_class = aws.KinesisStream

    def setUp(self):
        super().setUp()
        self.proxy.close()  # replaced by a TLS one
        certs = tempfile.mkdtemp(prefix="oqm-aws-tls-")
        self.addCleanup(shutil.rmtree, certs, True)
        self.cert, key = make_certificate(certs)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, key)
        self.proxy = FaultProxy(self.server.port, tls=context)
        self.addCleanup(self.proxy.close)

    def test_delivery_with_our_ca(self):
        d = self.start_daemon(extra=("--aws_tls_ca_file", self.cert))
        self.run_for(d, 3)
        results, _ = self.wait_delivered(d, 30)
        self.assertGreater(len(results), 0)
        self.assertEqual(d.stop(), 0, self.describe(d))

    def test_an_unknown_certificate_is_refused(self):
        d = self.start_daemon()
        self.status_line(d, r"delivery stalled: .*(certificate|SSL)", timeout=20)
        self.assertEqual(self.stream.read(), [], "nothing may be sent to an unverified peer")
        self.assertGreater(self.proxy.tls_failures, 0)
        self.assertEqual(self.proxy.forwarded, 0)
        self.assertEqual(d.stop(), 0, self.describe(d))


if __name__ == "__main__":
    oqtest.main()
