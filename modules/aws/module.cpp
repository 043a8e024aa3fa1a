// aws.so: osquery's aws_kinesis and aws_firehose logger plugins
// (--logger_plugin=aws_kinesis,aws_firehose).
#include <osquery_module.hpp>

#include "stream_loggers.h"

OQM_MODULE("aws", "1.0.0", oqm_aws::KinesisLogger, oqm_aws::FirehoseLogger, oqm_aws::AwsOptions)
