// md5.h: the MD5 digest osquery reports for firmware tables (acpi_tables, smbios_tables).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace oqm_hardware {

// The lower-case hex MD5 of `data` (OpenSSL's EVP interface).
std::string md5Hex(std::string_view data);

}  // namespace oqm_hardware
