// browsers.so: the extensions and add-ons installed in users' web browser profiles.
#include <osquery_module.hpp>

#include "chrome_extensions_table.h"
#include "firefox_addons_table.h"

OQM_MODULE("browsers", "1.0.0", oqm_browsers::ChromeExtensionsTable,
           oqm_browsers::FirefoxAddonsTable)
