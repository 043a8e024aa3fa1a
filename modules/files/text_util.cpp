#include "text_util.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace oqm_files {

std::optional<std::string> readTextFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string content;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    content.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return content;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(kSpace);
  return text.substr(begin, end - begin + 1);
}

std::vector<std::string_view> splitAny(std::string_view text, std::string_view delims) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t begin = text.find_first_not_of(delims, pos);
    if (begin == std::string_view::npos) break;
    size_t end = text.find_first_of(delims, begin);
    if (end == std::string_view::npos) end = text.size();
    out.push_back(text.substr(begin, end - begin));
    pos = end;
  }
  return out;
}

std::string join(const std::vector<std::string_view>& pieces, std::string_view separator,
                 size_t first) {
  std::string out;
  for (size_t i = first; i < pieces.size(); ++i) {
    if (i > first) out += separator;
    out += pieces[i];
  }
  return out;
}

}  // namespace oqm_files
