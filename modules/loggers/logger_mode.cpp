#include "logger_mode.h"

#include <charconv>
#include <osquery_module.hpp>

namespace oqm_loggers {

mode_t parseLoggerMode(std::string_view text) {
  static constexpr const char* kInvalid =
      "The logger_mode flag does not contain a valid UNIX permission";
  if (text.empty() || text.size() > 5) throw oqm::Error(kInvalid);
  unsigned long mode = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), mode, 8);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw oqm::Error("Failed to convert logger_mode string to octal");
  }
  if (mode == 0 || mode > 07777) throw oqm::Error(kInvalid);
  return static_cast<mode_t>(mode);
}

}  // namespace oqm_loggers
