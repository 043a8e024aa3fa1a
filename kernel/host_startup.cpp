#include "kernel/host_startup.h"

#include <glog/logging.h>

#include <cstdio>
#include <cstring>
#include <iostream>

namespace oqk {
namespace {

bool asksForHelp(int argc, char* argv[]) {
  for (int i = 1; i < argc; ++i) {
    for (const char* form : {"--help", "-help", "--h", "-h"}) {
      if (std::strcmp(argv[i], form) == 0) return true;
    }
  }
  return false;
}

std::string programName(const char* path) {
  const char* slash = std::strrchr(path, '/');
  return slash != nullptr ? slash + 1 : path;
}

// osquery's status-line prefix: glog's, without the year —
// "<I|W|E|F>MMDD HH:MM:SS.uuuuuu <thread id, width 5> <file>:<line>] ".
void statusLinePrefix(std::ostream& out, const google::LogMessageInfo& l, void*) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%c%02d%02d %02d:%02d:%02d.%06d %5d ", l.severity[0],
                l.time.month() + 1, l.time.day(), l.time.hour(), (l.time.min)(), l.time.sec(),
                static_cast<int>(l.time.usec()), l.thread_id);
  out << buf << l.filename << ':' << l.line_number << "]";
}

// Status logs go to stderr. The shell records WARNING and above, the daemon everything from
// --logger_min_status (default INFO); --verbose records everything (osquery's setVerboseLevel).
void initLogging(const char* argv0, const Flags& flags, bool shell) {
  const bool verbose = flags.getBool("verbose");
  FLAGS_logtostderr = true;
  if (verbose) {
    FLAGS_minloglevel = google::GLOG_INFO;
    FLAGS_v = 1;
  } else if (shell) {
    FLAGS_minloglevel = google::GLOG_WARNING;
  } else {
    FLAGS_minloglevel = static_cast<int>(flags.getInt("logger_min_status"));
  }
  google::InitGoogleLogging(argv0, &statusLinePrefix, nullptr);
}

}  // namespace

HostRuntime::~HostRuntime() {
  kernel_tables.reset();
  loader.reset();
}

std::optional<int> startHost(HostRuntime& runtime, const HostKind& kind, int argc, char* argv[],
                             const std::function<void(Flags&)>& before_parse) {
  Flags& flags = runtime.flags;
  const bool help = asksForHelp(argc, argv);
  if (before_parse) before_parse(flags);

  // First pass: learn which modules to load; the flags modules declare are not known yet.
  auto first = flags.parseCommandLine(argc, argv, /*tolerate_unknown=*/true);
  if (!first && !help) {
    std::cerr << "ERROR: " << first.status().message() << "\n";
    return 1;
  }
  if (!help && flags.getBool("version")) {
    std::cout << programName(argv[0]) << " version " << OQM_OSQUERY_VERSION << "\n";
    return 0;
  }
  initLogging(argv[0], flags, kind.shell);

  runtime.loader = std::make_unique<ModuleLoader>(runtime.registry, flags);
  runtime.kernel_tables =
      std::make_unique<KernelTables>(runtime.registry, flags, *runtime.loader, kind.instance_kind);
  for (const auto& refusal : runtime.loader->loadSelected(ModuleLoader::defaultModulesDir())) {
    LOG(WARNING) << refusal.message();
  }
  if (help) {
    std::cout << "osquery " << OQM_OSQUERY_VERSION
              << ", your OS as a high-performance relational database\n"
              << kind.usage_line << "\n\n"
              << flags.helpText(kind.shell) << "osquery project page <https://osquery.io>.\n";
    return 0;
  }

  // Second pass: every flag is known now, so an unknown one is an error.
  auto parsed = flags.parseCommandLine(argc, argv, /*tolerate_unknown=*/false);
  if (!parsed) {
    std::cerr << "ERROR: " << parsed.status().message() << "\n";
    return 1;
  }
  runtime.arguments = std::move(*parsed);
  return std::nullopt;
}

}  // namespace oqk
