// logger_mode.h: --logger_mode, the octal permission of the result and snapshot logs.
#pragma once

#include <sys/types.h>

#include <string_view>

namespace oqm_loggers {

// Parses "0640"-style octal text as osquery validates it: at most 5 characters and
// 0 < mode <= 07777. Throws oqm::Error with osquery's sentence otherwise.
mode_t parseLoggerMode(std::string_view text);

}  // namespace oqm_loggers
