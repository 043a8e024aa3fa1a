"""aws_kinesis while the path to kinesalite is cut for 30 s, with osqueryd stopped (SIGTERM)
and started again on the same database during the outage: the records buffered by the first
run are delivered by the second, nothing lost, nothing duplicated."""

import aws_services as aws
import oqtest


class KinesisOutageRestart(aws.DeliveryCase):
    server_class = aws.Kinesalite
    stream_class = aws.KinesisStream

    def test_restart_during_30_s_outage(self):
        self.run_outage(30, restart=True)


if __name__ == "__main__":
    oqtest.main()
