// meta_arguments.h: how osquery's shell reads the words of a meta-command line (`.mode csv`,
// `.print "a b"`, `.separator \t`) and its boolean and integer arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oqs {

// The words after the leading '.': split on whitespace; '…' and "…" group words (a missing
// closing quote runs to the end of the line); C escapes (\n \t \r \\ \NNN) are resolved in
// unquoted words and in "…", not in '…'. At most 50 words.
std::vector<std::string> splitMetaCommand(std::string_view line);

// osquery's integerValue: optional sign, decimal or 0x hex digits, then an optional size
// suffix (KiB MiB GiB KB MB GB K M G, case-insensitive); stops at the first other character.
int64_t integerValue(std::string_view text);

// osquery's booleanValue: a decimal or 0x hex number is true when not 0; otherwise a word
// (true/false, yes/no, on/off, ...). Anything else gives nullopt (the caller prints
// `ERROR: Not a boolean value: "<x>". Assuming "no".`).
std::optional<bool> booleanValue(std::string_view text);

// True when `typed` names `command`, typed in full or abbreviated to at least `min_length`
// characters (osquery compares the typed word with strncmp over its own length).
bool commandMatches(std::string_view typed, std::string_view command, size_t min_length = 1);

}  // namespace oqs
