#include "kernel/result_log.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <ctime>

namespace oqk {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void writeString(Writer& w, const std::string& s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// osquery prints a REAL with up to 15 significant digits and ".0" when it has no '.'.
std::string formatReal(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.15g", v);
  std::string s = buf;
  if (s.find('.') == std::string::npos) s += ".0";
  return s;
}

void writeRow(Writer& w, const TypedRow& row, bool numerics, bool escape) {
  w.StartObject();
  for (const auto& [name, cell] : row) {
    writeString(w, name);
    switch (cell.kind) {
      case Cell::Kind::Null:
        writeString(w, "");
        break;
      case Cell::Kind::Integer:
        if (numerics) {
          w.Int64(cell.integer);
        } else {
          writeString(w, std::to_string(cell.integer));
        }
        break;
      case Cell::Kind::Double:
        if (numerics) {
          w.Double(cell.real);
        } else {
          writeString(w, formatReal(cell.real));
        }
        break;
      case Cell::Kind::Text:
      case Cell::Kind::Blob:
        writeString(w, escape ? escapeNonPrintable(cell.text) : cell.text);
        break;
    }
  }
  w.EndObject();
}

void writeCommon(Writer& w, const LogItemContext& c) {
  w.Key("name");
  writeString(w, c.name);
  w.Key("hostIdentifier");
  writeString(w, c.host_identifier);
  w.Key("calendarTime");
  writeString(w, calendarTime(c.unix_time));
  w.Key("unixTime");
  w.Int64(c.unix_time);
  w.Key("epoch");
  w.Uint64(c.epoch);
  w.Key("counter");
  w.Uint64(c.counter);
  w.Key("numerics");
  w.Bool(c.numerics);
  if (c.decorations.empty()) return;
  if (!c.decorations_top_level) {
    w.Key("decorations");
    w.StartObject();
  }
  for (const auto& [k, v] : c.decorations) {
    writeString(w, k);
    writeString(w, v);
  }
  if (!c.decorations_top_level) w.EndObject();
}

std::string eventLine(const LogItemContext& c, const TypedRow& row, const char* action,
                      bool escape) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  writeCommon(w, c);
  w.Key("columns");
  writeRow(w, row, c.numerics, escape);
  w.Key("action");
  w.String(action);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string calendarTime(int64_t unix_time) {
  std::time_t t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof(buf), "%a %b %e %H:%M:%S %Y UTC", &tm);
  return buf;
}

std::string escapeNonPrintable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  auto escape = [&out](unsigned char c) {
    static const char kHex[] = "0123456789ABCDEF";
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  };
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20) {
      escape(c);
      ++i;
      continue;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    // A valid UTF-8 sequence passes through whole; any other byte is escaped.
    size_t length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool valid = length != 0 && i + length <= text.size();
    for (size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (valid) {
      out.append(text, i, length);
      i += length;
    } else {
      escape(c);
      ++i;
    }
  }
  return out;
}

std::vector<std::string> differentialEventLines(const LogItemContext& context,
                                                const std::vector<TypedRow>& removed,
                                                const std::vector<TypedRow>& added) {
  std::vector<std::string> lines;
  lines.reserve(removed.size() + added.size());
  for (const auto& row : removed) lines.push_back(eventLine(context, row, "removed", true));
  for (const auto& row : added) lines.push_back(eventLine(context, row, "added", true));
  return lines;
}

std::string differentialBatchLine(const LogItemContext& context,
                                  const std::vector<TypedRow>& removed,
                                  const std::vector<TypedRow>& added) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("diffResults");
  w.StartObject();
  w.Key("removed");
  w.StartArray();
  for (const auto& row : removed) writeRow(w, row, context.numerics, true);
  w.EndArray();
  w.Key("added");
  w.StartArray();
  for (const auto& row : added) writeRow(w, row, context.numerics, true);
  w.EndArray();
  w.EndObject();
  writeCommon(w, context);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string snapshotLine(const LogItemContext& context, const std::vector<TypedRow>& rows) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("snapshot");
  w.StartArray();
  for (const auto& row : rows) writeRow(w, row, context.numerics, false);
  w.EndArray();
  w.Key("action");
  w.String("snapshot");
  writeCommon(w, context);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::vector<std::string> snapshotEventLines(const LogItemContext& context,
                                            const std::vector<TypedRow>& rows) {
  std::vector<std::string> lines;
  lines.reserve(rows.size());
  for (const auto& row : rows) lines.push_back(eventLine(context, row, "snapshot", false));
  return lines;
}

}  // namespace oqk
