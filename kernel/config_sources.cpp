#include "kernel/config_sources.h"

namespace oqk {
namespace {

std::shared_ptr<const PluginDefinition> findConfigPlugin(const Registry& registry,
                                                         const std::string& name) {
  for (const auto& p : registry.plugins()) {
    if (p->registry == "config" && p->name == name) return p;
  }
  return nullptr;
}

int32_t addSource(void* ctx, const char* source, size_t source_length, const char* json,
                  size_t json_length) {
  static_cast<ConfigSources*>(ctx)->emplace_back(std::string(source, source_length),
                                                 std::string(json, json_length));
  return OQM_OK;
}

// Calls one of the plugin's generators with a sink collecting its sources, under a lease.
template <typename Call>
Result<ConfigSources> collect(const PluginDefinition& plugin, Call call) {
  ConfigSources sources;
  oqm_config_sink sink{sizeof(oqm_config_sink), &sources, &addSource};
  char message[1024] = {0};
  oqm_error error{sizeof(oqm_error), sizeof(message), message};
  auto lease = plugin.owner.gate ? plugin.owner.gate->acquire() : std::optional<LeaseGate::Lease>();
  if (plugin.owner.gate && !lease) {
    return Status::error("config plugin " + plugin.name + " is being unloaded");
  }
  if (call(sink, error) != OQM_OK) {
    return Status::error(message[0] != '\0' ? message : "config plugin " + plugin.name + " failed");
  }
  return sources;
}

}  // namespace

Result<ConfigSources> generateConfig(const Registry& registry, const std::string& plugin) {
  auto found = findConfigPlugin(registry, plugin);
  if (!found) {
    return Status::error("config plugin " + plugin +
                         " is not registered: load the module that provides it (config)");
  }
  const oqm_config_plugin& c = found->config;
  return collect(*found, [&](const oqm_config_sink& sink, oqm_error& error) {
    return c.gen_config(c.user_data, &sink, &error);
  });
}

PackResolver packResolver(const Registry& registry, const std::string& plugin) {
  auto found = findConfigPlugin(registry, plugin);
  if (!found || found->config.gen_pack == nullptr) return nullptr;
  return [found](const std::string& name, const std::string& locator)
             -> Result<std::vector<std::pair<std::string, std::string>>> {
    const oqm_config_plugin& c = found->config;
    return collect(*found, [&](const oqm_config_sink& sink, oqm_error& error) {
      return c.gen_pack(c.user_data, name.c_str(), locator.c_str(), &sink, &error);
    });
  };
}

}  // namespace oqk
