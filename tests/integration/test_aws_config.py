"""The AWS loggers refuse a configuration they cannot work with, as osquery does: the plugin
does not activate, the daemon exits 78 with `Cannot activate <name> logger plugin: <why>`
(reference §4.4, §5.1). No server is needed: activation fails before any request."""

import shutil
import tempfile
import unittest

import oqtest
from test_daemon import Daemon, write_config


class Activation(unittest.TestCase):
    def activate(self, *args):
        root = tempfile.mkdtemp(prefix="oqm-aws-config-")
        self.addCleanup(shutil.rmtree, root, ignore_errors=True)
        d = Daemon(root, ["--schedule_timeout", "2", *args])
        write_config(d.config, {"schedule": {}})
        return d.run(timeout=30), d

    def assertRefused(self, reason, *args):
        rc, d = self.activate(*args)
        self.assertEqual(rc, 78, d.describe())
        self.assertIn(reason, d.stderr(), d.describe())

    def test_stream_name_is_required(self):
        self.assertRefused("Cannot activate aws_kinesis logger plugin: Stream name must be "
                           "specified with --aws_kinesis_stream", "--logger_plugin", "aws_kinesis")
        self.assertRefused("Cannot activate aws_firehose logger plugin: Stream name must be "
                           "specified with --aws_firehose_stream",
                           "--logger_plugin", "aws_firehose")

    def test_invalid_region(self):
        self.assertRefused("Invalid region mars-north-1", "--logger_plugin", "aws_kinesis",
                           "--aws_kinesis_stream", "s", "--aws_region", "mars-north-1")

    def test_fips_needs_a_fips_region_and_no_endpoint_override(self):
        self.assertRefused("Region eu-west-1 has no FIPS endpoint", "--logger_plugin",
                           "aws_kinesis", "--aws_kinesis_stream", "s", "--aws_region",
                           "eu-west-1", "--aws_enforce_fips")
        self.assertRefused("does not allow an endpoint override", "--logger_plugin",
                           "aws_firehose", "--aws_firehose_stream", "s", "--aws_region",
                           "us-east-1", "--aws_firehose_endpoint", "http://127.0.0.1:1",
                           "--aws_enforce_fips")

    def test_an_endpoint_override_skips_region_validation(self):
        rc, d = self.activate("--logger_plugin", "aws_kinesis", "--aws_kinesis_stream", "s",
                              "--aws_region", "local-test", "--aws_kinesis_endpoint",
                              "http://127.0.0.1:1")
        self.assertEqual(rc, 0, d.describe())


if __name__ == "__main__":
    oqtest.main()
