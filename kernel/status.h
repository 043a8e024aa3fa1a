// status.h: errors as values at every kernel boundary.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace oqk {

// Success, or a failure with a sentence for the user and a code (for the shell's exit code:
// SQLite result codes where the error came from SQL).
class Status {
 public:
  Status() = default;
  static Status ok() { return Status(); }
  static Status error(std::string message, int code = 1) {
    return Status(code, std::move(message));
  }

  bool isOk() const { return code_ == 0; }
  explicit operator bool() const { return isOk(); }
  int code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(int code, std::string message)
      : code_(code == 0 ? 1 : code), message_(std::move(message)) {}
  int code_ = 0;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Status status) : v_(std::move(status)) {}

  bool isOk() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return isOk(); }
  T& value() { return std::get<T>(v_); }
  const T& value() const { return std::get<T>(v_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  Status status() const { return isOk() ? Status::ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace oqk
