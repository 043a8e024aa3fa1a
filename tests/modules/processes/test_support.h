// test_support.h: child processes, temporary files and table calls for the processes tests.
#pragma once

#include <fcntl.h>
#include <limits.h>
#include <oqm_test/temp_dir.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <osquery_module_testing.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern "C" const oqm_manifest* oqm_module_v1(void);

namespace processes_test {

using oqm::testing::FakeHost;
using oqm::testing::FakeRow;

inline FakeHost& host() {
  static FakeHost instance(oqm_module_v1());
  return instance;
}

inline std::vector<FakeRow> queryPid(const std::string& table, int64_t pid) {
  return host().query(table, {{"pid", oqm::Op::Eq, pid}});
}

inline std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string readLinkText(const std::string& path) {
  char buffer[PATH_MAX + 1];
  ssize_t n = ::readlink(path.c_str(), buffer, PATH_MAX);
  return n < 0 ? std::string() : std::string(buffer, static_cast<size_t>(n));
}

// Polls `done` every 5 ms for up to 5 s.
inline bool waitFor(const std::function<bool()>& done) {
  for (int i = 0; i < 1000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return done();
}

inline std::string sleepBinary() {
  for (const char* candidate : {"/usr/bin/sleep", "/bin/sleep"}) {
    if (::access(candidate, X_OK) == 0) {
      return std::filesystem::canonical(candidate).string();
    }
  }
  throw std::runtime_error("no sleep binary found");
}

using TempDir = ::oqm_test::TempDir;

// A child process we start and always kill and reap.
class Child {
 public:
  // Forks; the child runs `in_child` (which must not return normally on success: exec or
  // pause). Returns once the child has exec'd (its close-on-exec pipe closed) or reported
  // readiness by closing the pipe itself.
  static Child start(const std::function<void(int ready_fd)>& in_child) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      ::close(fds[0]);
      in_child(fds[1]);
      int err = errno;
      (void)!::write(fds[1], &err, sizeof(err));
      ::_exit(127);
    }
    ::close(fds[1]);
    int err = 0;
    ssize_t n;
    do {
      n = ::read(fds[0], &err, sizeof(err));
    } while (n < 0 && errno == EINTR);
    ::close(fds[0]);
    Child child(pid);
    if (n > 0) throw std::runtime_error(std::string("child failed: ") + std::strerror(err));
    return child;
  }

  // Runs `exe` with `argv` (argv[0] included) and `envp` (default: our environment).
  static Child exec(const std::string& exe, const std::vector<std::string>& argv,
                    const std::function<void()>& before_exec = {},
                    const std::vector<std::string>* envp = nullptr) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<char*> env;
    if (envp != nullptr) {
      for (const auto& e : *envp) env.push_back(const_cast<char*>(e.c_str()));
      env.push_back(nullptr);
    }
    Child child = start([&](int) {
      if (before_exec) before_exec();
      ::execve(exe.c_str(), args.data(), envp != nullptr ? env.data() : environ);
    });
    // exec has replaced the image, but the new command line is set up a moment later.
    std::string expected;
    for (const auto& a : argv) expected += a + '\0';
    std::string cmdline_path = "/proc/" + std::to_string(child.pid()) + "/cmdline";
    if (!waitFor([&] { return readText(cmdline_path) == expected; })) {
      throw std::runtime_error("child never showed its command line");
    }
    return child;
  }

  Child(Child&& other) noexcept : pid_(std::exchange(other.pid_, -1)) {}
  Child& operator=(Child&&) = delete;
  ~Child() { reap(); }

  pid_t pid() const { return pid_; }

  // Kills (SIGKILL) and reaps the child now.
  void reap() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }

  // The state letter in /proc/<pid>/stat.
  char state() const {
    std::string stat = readText("/proc/" + std::to_string(pid_) + "/stat");
    size_t close = stat.rfind(')');
    return close == std::string::npos || close + 2 >= stat.size() ? '?' : stat[close + 2];
  }

 private:
  explicit Child(pid_t pid) : pid_(pid) {}
  pid_t pid_;
};

// The rows of one scan with only `used` columns marked as read by the statement (FakeHost marks
// every column used), collected like FakeHost does.
inline std::vector<FakeRow> queryWithColumns(const std::string& table_name,
                                             const std::set<std::string>& used, int64_t pid) {
  const FakeHost::Table& table = host().table(table_name);
  std::vector<uint8_t> used_flags;
  uint32_t pid_index = 0;
  for (size_t i = 0; i < table.column_names.size(); ++i) {
    used_flags.push_back(used.count(table.column_names[i]) ? 1 : 0);
    if (table.column_names[i] == "pid") pid_index = static_cast<uint32_t>(i);
  }
  oqm_constraint constraint{};
  constraint.size = sizeof(constraint);
  constraint.column = pid_index;
  constraint.op = OQM_OP_EQ;
  constraint.value.size = sizeof(oqm_value);
  constraint.value.type = OQM_VALUE_INTEGER;
  constraint.value.integer = pid;
  oqm_query query{sizeof(oqm_query), 1, &constraint, static_cast<uint32_t>(used_flags.size()),
                  used_flags.data(), -1};

  struct Collector {
    const FakeHost::Table* table;
    std::vector<FakeRow> rows;
    FakeRow current;
  } collector{&table, {}, {}};
  using oqm::testing::Cell;
  oqm_row_sink sink{};
  sink.size = sizeof(sink);
  sink.ctx = &collector;
  sink.begin = [](void* ctx) { static_cast<Collector*>(ctx)->current.clear(); };
  sink.set_integer = [](void* ctx, uint32_t column, int64_t value) {
    auto* c = static_cast<Collector*>(ctx);
    Cell& cell = c->current[c->table->column_names.at(column)];
    cell = Cell{};
    cell.kind = Cell::Kind::Integer;
    cell.int_value = value;
  };
  sink.set_double = [](void* ctx, uint32_t column, double value) {
    auto* c = static_cast<Collector*>(ctx);
    Cell& cell = c->current[c->table->column_names.at(column)];
    cell = Cell{};
    cell.kind = Cell::Kind::Double;
    cell.double_value = value;
  };
  sink.set_text = [](void* ctx, uint32_t column, const char* text, size_t length) {
    auto* c = static_cast<Collector*>(ctx);
    Cell& cell = c->current[c->table->column_names.at(column)];
    cell = Cell{};
    cell.kind = Cell::Kind::Text;
    cell.text_value.assign(text, length);
  };
  sink.set_blob = [](void* ctx, uint32_t column, const void* data, size_t length) {
    auto* c = static_cast<Collector*>(ctx);
    Cell& cell = c->current[c->table->column_names.at(column)];
    cell = Cell{};
    cell.kind = Cell::Kind::Blob;
    cell.text_value.assign(static_cast<const char*>(data), length);
  };
  sink.end = [](void* ctx) -> int32_t {
    auto* c = static_cast<Collector*>(ctx);
    for (const auto& name : c->table->column_names) c->current.try_emplace(name);
    c->rows.push_back(std::move(c->current));
    c->current.clear();
    return OQM_OK;
  };
  char message[1024] = {0};
  oqm_error err{sizeof(oqm_error), sizeof(message), message};
  if (table.generate(table.user_data, &query, &sink, &err) != OQM_OK) {
    throw std::runtime_error(message);
  }
  return collector.rows;
}

}  // namespace processes_test
