// filesystem_config.h: osquery's `filesystem` config plugin (plugins/config/filesystem_config.cpp).
#pragma once

#include <osquery_module.hpp>
#include <string_view>

namespace oqm_config {

struct FilesystemConfigPlugin {
  static constexpr const char* kName = "filesystem";

  // Each of `<config_path>.d/*.conf` (sorted), then --config_path, as a source keyed by its path.
  void genConfig(oqm::ConfigSink& sink);

  // A pack by path, or with name "*" every file matching the locator pattern.
  void genPack(std::string_view name, std::string_view locator, oqm::ConfigSink& sink);
};

}  // namespace oqm_config
