// loggers.so: osquery's `filesystem`, `stdout` and `syslog` logger plugins
// (--logger_plugin=filesystem,stdout,syslog).
#include <osquery_module.hpp>

#include "filesystem_logger.h"
#include "stdout_logger.h"
#include "syslog_logger.h"

OQM_MODULE("loggers", "1.0.0", oqm_loggers::FilesystemLogger, oqm_loggers::StdoutLogger,
           oqm_loggers::SyslogLogger)
