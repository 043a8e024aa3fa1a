// config.so: the `filesystem` config plugin (--config_plugin=filesystem, the default): the
// config from --config_path and <config_path>.d/*.conf, and packs given by path or glob.
#include <osquery_module.hpp>

#include "filesystem_config.h"

OQM_MODULE("config", "1.0.0", oqm_config::FilesystemConfigPlugin)
