// osquery semantics (osquery/tables/system/posix/extended_attributes.cpp, xattr_utils.cpp):
// every attribute of each file (listxattr/getxattr, following symlinks); a value that is not
// printable text is base64-encoded and flagged with base64 = 1.
#include "extended_attributes_table.h"

#include <sys/xattr.h>

#include <vector>

#include "file_targets.h"

namespace oqm_files {
namespace {

// The names of the attributes of `path`, empty when there are none or they cannot be read.
std::vector<std::string> attributeNames(const std::string& path) {
  std::vector<char> buffer;
  for (int attempt = 0; attempt < 4; ++attempt) {
    ssize_t size = ::listxattr(path.c_str(), nullptr, 0);
    if (size <= 0) return {};
    buffer.resize(static_cast<size_t>(size));
    size = ::listxattr(path.c_str(), buffer.data(), buffer.size());
    if (size < 0) continue;  // grew between the calls
    buffer.resize(static_cast<size_t>(size));
    std::vector<std::string> names;
    for (size_t pos = 0; pos < buffer.size();) {
      std::string name(buffer.data() + pos);
      pos += name.size() + 1;
      if (!name.empty()) names.push_back(std::move(name));
    }
    return names;
  }
  return {};
}

bool attributeValue(const std::string& path, const std::string& name, std::string& value) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    ssize_t size = ::getxattr(path.c_str(), name.c_str(), nullptr, 0);
    if (size < 0) return false;
    value.resize(static_cast<size_t>(size));
    size = ::getxattr(path.c_str(), name.c_str(), value.data(), value.size());
    if (size < 0) continue;
    value.resize(static_cast<size_t>(size));
    return true;
  }
  return false;
}

}  // namespace

bool isPrintableText(std::string_view bytes) {
  for (unsigned char c : bytes) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

std::string base64Encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    uint32_t n = uint8_t(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= uint8_t(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += (i + 1 < bytes.size()) ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

void ExtendedAttributesTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  forEachTarget(query, kGlobAll, [&](const FoundEntry& entry, const std::string& directory) {
    std::string value;
    for (const auto& name : attributeNames(entry.path)) {
      if (!attributeValue(entry.path, name, value)) continue;
      const bool printable = isPrintableText(value);
      rows.add()
          .set("path", entry.path)
          .set("directory", directory)
          .set("key", name)
          .set("value", printable ? value : base64Encode(value))
          .set("base64", printable ? 0 : 1);
      if (rows.done()) return false;
    }
    return true;
  });
}

}  // namespace oqm_files
