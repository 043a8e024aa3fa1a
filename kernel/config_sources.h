// config_sources.h: asks the config plugin a module registered (--config_plugin, e.g.
// "filesystem") for the config's sources and for packs given by locator.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kernel/config.h"
#include "kernel/registry.h"

namespace oqk {

using ConfigSources = std::vector<std::pair<std::string, std::string>>;  // (source, JSON text)

Result<ConfigSources> generateConfig(const Registry& registry, const std::string& plugin);
PackResolver packResolver(const Registry& registry, const std::string& plugin);

}  // namespace oqk
