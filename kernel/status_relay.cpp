#include "kernel/status_relay.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <ctime>

#include "kernel/result_log.h"

namespace oqk {

StatusRelay::StatusRelay() {
  google::AddLogSink(this);
}

StatusRelay::~StatusRelay() {
  google::RemoveLogSink(this);
}

void StatusRelay::send(google::LogSeverity severity, const char* /*full_filename*/,
                       const char* base_filename, int line, const struct ::tm* /*tm_time*/,
                       const char* message, size_t message_len) {
  StatusEntry entry;
  entry.severity = static_cast<int>(severity);
  entry.filename = base_filename != nullptr ? base_filename : "";
  entry.line = line;
  entry.unix_time = static_cast<int64_t>(std::time(nullptr));
  entry.message.assign(message, message_len);
  std::lock_guard<std::mutex> lock(mutex_);
  if (pending_.size() >= kMaxPending) {
    pending_.pop_front();
    ++discarded_;
  }
  pending_.push_back(std::move(entry));
}

std::vector<StatusEntry> StatusRelay::drain() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<StatusEntry> out(std::make_move_iterator(pending_.begin()),
                               std::make_move_iterator(pending_.end()));
  pending_.clear();
  return out;
}

uint64_t StatusRelay::discarded() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return discarded_;
}

std::string statusRecordJson(const StatusEntry& entry, const std::string& host_identifier,
                             const std::string& version,
                             const std::vector<std::pair<std::string, std::string>>& decorations) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto text = [&w](const std::string& s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  };
  w.StartObject();
  w.Key("hostIdentifier");
  text(host_identifier);
  w.Key("calendarTime");
  text(calendarTime(entry.unix_time));
  w.Key("unixTime");
  w.Int64(entry.unix_time);
  w.Key("severity");
  w.Int(entry.severity);
  w.Key("filename");
  text(entry.filename);
  w.Key("line");
  w.Int(entry.line);
  w.Key("message");
  text(entry.message);
  w.Key("version");
  text(version);
  if (!decorations.empty()) {
    w.Key("decorations");
    w.StartObject();
    for (const auto& [key, value] : decorations) {
      text(key);
      text(value);
    }
    w.EndObject();
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace oqk
