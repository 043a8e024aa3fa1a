"""aws_kinesis while the path to kinesalite is cut for 30 s (the fault proxy refuses
connections): nothing is lost, nothing duplicated, and the stall and the recovery show in
status lines and in osquery_logger_status. The restart variant is test_aws_kinesis_restart.py
(each takes about 70 s: 30 s of outage plus up to ~30 s of backoff)."""

import aws_services as aws
import oqtest


class KinesisOutage(aws.DeliveryCase):
    server_class = aws.Kinesalite
    stream_class = aws.KinesisStream

    def test_connections_refused_for_30_s(self):
        self.run_outage(30)


if __name__ == "__main__":
    oqtest.main()
