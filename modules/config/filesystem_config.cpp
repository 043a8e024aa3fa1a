#include "filesystem_config.h"

#include <string>

#include "config_files.h"

namespace oqm_config {

namespace {
// osquery's default (osquery/utils/config/default_paths.h); the kernel always has the flag.
constexpr const char* kDefaultConfigPath = "/etc/osquery/osquery.conf";
}  // namespace

void FilesystemConfigPlugin::genConfig(oqm::ConfigSink& sink) {
  const std::string path = oqm::host().optionOr("config_path", kDefaultConfigPath);
  for (const auto& [source, content] : readConfigSources(path)) sink.add(source, content);
}

void FilesystemConfigPlugin::genPack(std::string_view name, std::string_view locator,
                                     oqm::ConfigSink& sink) {
  auto warn = [](const std::string& message) { oqm::host().warning(message); };
  for (const auto& [pack, content] : readPacks(std::string(name), std::string(locator), warn)) {
    sink.add(pack, content);
  }
}

}  // namespace oqm_config
