// osqueryd: the daemon host. For now it parses flags (in two passes, as osqueryi does), loads
// the selected modules and reports them; the scheduler, config and loggers come later.
#include <glog/logging.h>

#include <cstring>
#include <iostream>

#include "kernel/flags.h"
#include "kernel/kernel_tables.h"
#include "kernel/module_loader.h"
#include "kernel/registry.h"

namespace {

bool asksForHelp(int argc, char* argv[]) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-help") == 0 ||
        std::strcmp(argv[i], "--h") == 0 || std::strcmp(argv[i], "-h") == 0) {
      return true;
    }
  }
  return false;
}

std::string programName(const char* path) {
  const char* slash = std::strrchr(path, '/');
  return slash != nullptr ? slash + 1 : path;
}

}  // namespace

int main(int argc, char* argv[]) {
  const bool help = asksForHelp(argc, argv);
  oqk::Registry registry;
  oqk::Flags flags;

  auto first = flags.parseCommandLine(argc, argv, /*tolerate_unknown=*/true);
  if (!first && !help) {
    std::cerr << "ERROR: " << first.status().message() << "\n";
    return 1;
  }
  if (!help && flags.getBool("version")) {
    std::cout << programName(argv[0]) << " version " << OQM_OSQUERY_VERSION << "\n";
    return 0;
  }
  FLAGS_logtostderr = true;
  FLAGS_minloglevel = flags.getBool("verbose") ? google::GLOG_INFO : google::GLOG_WARNING;
  google::InitGoogleLogging(argv[0]);

  oqk::ModuleLoader loader(registry, flags);
  oqk::KernelTables kernel_tables(registry, flags, loader, "daemon");
  for (const auto& refusal : loader.loadSelected(oqk::ModuleLoader::defaultModulesDir())) {
    LOG(WARNING) << refusal.message();
  }
  if (help) {
    std::cout << "osquery " << OQM_OSQUERY_VERSION
              << ", your OS as a high-performance relational database\n"
              << "Usage: osqueryd [OPTION]... \n\n"
              << flags.helpText(false) << "osquery project page <https://osquery.io>.\n";
    return 0;
  }
  auto parsed = flags.parseCommandLine(argc, argv, /*tolerate_unknown=*/false);
  if (!parsed) {
    std::cerr << "ERROR: " << parsed.status().message() << "\n";
    return 1;
  }

  std::cout << "osqueryd " << OQM_OSQUERY_VERSION << ": " << loader.modules().size()
            << " module(s) loaded; the daemon's scheduler is not built yet\n";
  return 0;
}
