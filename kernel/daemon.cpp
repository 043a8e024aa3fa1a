#include "kernel/daemon.h"

#include <fcntl.h>
#include <glog/logging.h>
#include <malloc.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "kernel/config_sources.h"
#include "kernel/database.h"
#include "kernel/host_identity.h"
#include "kernel/log_forwarder.h"
#include "kernel/scheduler.h"
#include "kernel/status_relay.h"
#include "kernel/store.h"

namespace oqk {
namespace {

constexpr int kExitCatastrophic = 78;

// Reads and parses the config through the registered config plugin.
Result<ConfigData> loadConfig(HostRuntime& runtime) {
  const std::string plugin = runtime.flags.getString("config_plugin");
  auto sources = generateConfig(runtime.registry, plugin);
  if (!sources) return sources.status();
  char hostname[256] = {0};
  gethostname(hostname, sizeof(hostname) - 1);
  ConfigEnvironment env;
  env.version = OQM_OSQUERY_VERSION;
  env.machine_shard = ConfigEnvironment::shardOf(hostname);
  env.pack_delimiter = runtime.flags.getString("pack_delimiter");
  env.default_interval = static_cast<uint64_t>(runtime.flags.getInt("schedule_default_interval"));
  auto data = ConfigParser::parse(sources.value(), runtime.flags, env,
                                  packResolver(runtime.registry, plugin));
  if (data) {
    for (const auto& w : data->warnings) LOG(WARNING) << w;
  }
  return data;
}

// The pidfile: holds our pid under an exclusive lock for the daemon's life.
class Pidfile {
 public:
  Status acquire(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) return Status::error("osqueryd Pidfile check failed: cannot open " + path);
    if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd_);
      fd_ = -1;
      return Status::error("osqueryd Pidfile check failed: Pidfile::Error::Busy");
    }
    path_ = path;
    std::string pid = std::to_string(getpid());
    if (ftruncate(fd_, 0) != 0 || write(fd_, pid.data(), pid.size()) < 0) {
      return Status::error("osqueryd Pidfile check failed: cannot write " + path);
    }
    return Status::ok();
  }
  ~Pidfile() {
    if (fd_ < 0) return;
    ::unlink(path_.c_str());
    ::close(fd_);
  }

 private:
  int fd_ = -1;
  std::string path_;
};

// Status logs of the daemon go to files in --logger_path when the filesystem logger is used,
// as osquery's glog set-up does (osqueryd.INFO, .WARNING, .ERROR).
void setUpStatusLogFiles(const Flags& flags, const std::vector<std::string>& loggers) {
  bool filesystem = std::find(loggers.begin(), loggers.end(), "filesystem") != loggers.end();
  const std::string dir = flags.getString("logger_path");
  if (!filesystem || access(dir.c_str(), W_OK) != 0) return;
  FLAGS_logtostderr = false;
  FLAGS_alsologtostderr = flags.getBool("logger_stderr") && flags.getBool("verbose");
  FLAGS_stderrthreshold = flags.getBool("logger_stderr") ? google::GLOG_WARNING : 5;
  FLAGS_max_log_size = 10;
  // Written as they happen: glog would hold INFO lines up to 30 s, and a line such as "delivery
  // recovered" is read by whoever watches the file now. The daemon logs few of them.
  FLAGS_logbufsecs = 0;
  FLAGS_log_dir = dir;
  for (auto [severity, name] : {std::pair{google::GLOG_INFO, "INFO"},
                                {google::GLOG_WARNING, "WARNING"},
                                {google::GLOG_ERROR, "ERROR"}}) {
    google::SetLogDestination(severity, (dir + "/osqueryd." + name + ".").c_str());
    google::SetLogSymlink(severity, "osqueryd");
  }
}

}  // namespace

std::string hostIdentifier(const Flags& flags, const std::string& instance_id,
                           const std::string& ephemeral_id) {
  const std::string kind = flags.getString("host_identifier");
  if (kind == "uuid") return hostUuid();
  if (kind == "instance") return instance_id;
  if (kind == "ephemeral") return ephemeral_id;
  if (kind == "specified" && !flags.getString("specified_identifier").empty()) {
    return flags.getString("specified_identifier");
  }
  char hostname[256] = {0};
  gethostname(hostname, sizeof(hostname) - 1);
  return hostname;
}

int runDaemon(HostRuntime& runtime) {
  Flags& flags = runtime.flags;
  // A long-lived daemon with a few mostly idle threads: one malloc arena is enough, and it
  // keeps the resident size small.
  mallopt(M_ARENA_MAX, 1);

  if (flags.getBool("config_check") || flags.getBool("config_dump")) {
    if (flags.getBool("config_dump")) {
      auto sources = generateConfig(runtime.registry, flags.getString("config_plugin"));
      if (!sources) {
        std::cerr << "Error reading config: " << sources.status().message() << "\n";
        return 1;
      }
      for (const auto& [source, text] : sources.value()) {
        std::cout << "{\"" << source << "\": " << text << "}\n";
      }
      return 0;
    }
    auto config = loadConfig(runtime);
    if (!config) {
      std::cerr << "Error reading config: " << config.status().message() << "\n";
      return 1;
    }
    return 0;
  }

  // The signals the daemon handles arrive on one thread, by sigwait: set before any thread
  // starts, so every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  if (flags.getBool("daemonize") && daemon(0, 0) != 0) {
    LOG(ERROR) << "Cannot daemonize: " << std::strerror(errno);
    return 1;
  }
  const bool ephemeral = flags.getBool("ephemeral");
  Pidfile pidfile;
  if (!ephemeral) {
    Status s = pidfile.acquire(flags.getString("pidfile"));
    if (!s) {
      LOG(ERROR) << s.message();
      return 1;
    }
  }

  std::string database_path = flags.getString("database_path");
  if (flags.getBool("disable_database") || (ephemeral && flags.isDefault("database_path"))) {
    database_path = ":memory:";
  } else {
    std::error_code ignored;
    std::filesystem::create_directories(std::filesystem::path(database_path).parent_path(),
                                        ignored);
  }
  auto store = Store::open(database_path);
  if (!store) {
    LOG(ERROR) << store.status().message();
    return kExitCatastrophic;
  }

  const auto logger_names = flags.getList("logger_plugin");
  setUpStatusLogFiles(flags, logger_names);
  LOG(INFO) << "osqueryd started [version=" << OQM_OSQUERY_VERSION << "]";

  LogForwarder forwarder(runtime.registry, *store.value(), &flags);
  StatusRelay status_relay;
  if (!flags.getBool("disable_logging")) {
    Status s = forwarder.activate(logger_names);
    if (!s) {
      LOG(ERROR) << s.message();
      return kExitCatastrophic;
    }
  }

  std::string instance_id = store.value()->get("configurations", "instance_uuid_v1").value_or("");
  if (instance_id.empty()) {
    instance_id = randomUuid();
    store.value()->put("configurations", "instance_uuid_v1", instance_id);
  }
  const std::string ephemeral_id = randomUuid();

  Database database(runtime.registry);
  Scheduler scheduler(
      database, *store.value(), flags,
      [&forwarder](uint32_t kind) { return forwarder.loggersFor(kind); },
      [&flags, instance_id, ephemeral_id] {
        return hostIdentifier(flags, instance_id, ephemeral_id);
      });
  scheduler.setCommitListener([&forwarder] { forwarder.wake(); });
  scheduler.setStatusRelay(&status_relay);
  runtime.kernel_tables->attachScheduler(&scheduler);
  runtime.kernel_tables->attachForwarder(&forwarder);

  // osquery's denylist starts here: a query that was running when the last process died.
  // (There is no watchdog to denylist it, so it is reported and runs again.)
  if (auto interrupted = scheduler.interruptedQuery()) {
    LOG(WARNING) << "Scheduled query may have failed: " << *interrupted;
  }

  // Installs the config the plugin gives now, unless it is the one already running. False
  // when it could not be read (the running schedule stays).
  std::mutex reload_mutex;
  std::string running_hash;
  auto reload = [&](bool even_if_unchanged) {
    std::lock_guard<std::mutex> lock(reload_mutex);
    auto config = loadConfig(runtime);
    if (!config) {
      LOG(WARNING) << "Error reading config: " << config.status().message();
      return false;
    }
    if (!even_if_unchanged && config->hash == running_hash) return true;
    running_hash = config->hash;
    scheduler.setConfig(std::move(config.value()));
    return true;
  };
  reload(true);

  // --config_refresh: read the config again every N seconds (after a failed read, every
  // --config_accelerated_refresh seconds instead).
  std::mutex refresh_mutex;
  std::condition_variable refresh_signal;
  bool refresh_stopping = false;
  std::thread refresher([&] {
    const auto every = std::chrono::seconds(flags.getInt("config_refresh"));
    const auto after_failure = std::chrono::seconds(flags.getInt("config_accelerated_refresh"));
    if (every.count() <= 0) return;
    auto wait = every;
    while (true) {
      {
        std::unique_lock<std::mutex> lock(refresh_mutex);
        if (refresh_signal.wait_for(lock, wait, [&] { return refresh_stopping; })) return;
      }
      wait = reload(false) || after_failure.count() <= 0 ? every : after_failure;
    }
  });

  std::thread forwarding([&forwarder] { forwarder.run(); });
  std::thread scheduling([&scheduler] { scheduler.run(); });
  std::thread signal_waiter([&] {
    while (true) {
      int received = 0;
      if (sigwait(&signals, &received) != 0) continue;
      if (received == SIGHUP) {
        LOG(INFO) << "Received SIGHUP: reloading the config";
        reload(true);  // on request, even an unchanged config re-runs discovery
        continue;
      }
      if (received == 0) return;  // woken by the daemon itself at exit
      LOG(INFO) << "Received signal " << received << ": shutting down";
      scheduler.stop();
      return;
    }
  });

  scheduling.join();
  // Wake the signal thread if the scheduler ended by itself (--schedule_timeout).
  scheduler.stop();
  pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  {
    std::lock_guard<std::mutex> lock(refresh_mutex);
    refresh_stopping = true;
    refresh_signal.notify_all();
  }
  refresher.join();

  forwarder.stop();
  forwarding.join();
  scheduler.relayStatuses(static_cast<int64_t>(std::time(nullptr)));
  forwarder.forwardOnce(static_cast<int64_t>(std::time(nullptr)));  // a last delivery attempt
  runtime.kernel_tables->attachScheduler(nullptr);
  runtime.kernel_tables->attachForwarder(nullptr);
  forwarder.shutdown();
  return 0;
}

}  // namespace oqk
