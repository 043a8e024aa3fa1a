// accounts.h: parsers for the local account databases, /etc/passwd and /etc/group.
//
// They read the files directly (as osquery's users table does unless include_remote = 1), so a
// query never fans out to LDAP/SSSD through NSS.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_system {

inline constexpr const char* kPasswdPath = "/etc/passwd";
inline constexpr const char* kGroupPath = "/etc/group";

struct PasswdEntry {
  std::string name;
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::string gecos;
  std::string dir;
  std::string shell;
};

struct GroupEntry {
  std::string name;
  uint32_t gid = 0;
  std::vector<std::string> members;
};

// passwd(5) lines; blank, comment ('#') and NIS compat ('+', '-') lines and lines whose uid or
// gid is not a number are skipped. A missing or unreadable file gives no entries.
std::vector<PasswdEntry> parsePasswdText(std::string_view text);
std::vector<PasswdEntry> parsePasswd(const std::string& path = kPasswdPath);

// group(5) lines, with the same rules.
std::vector<GroupEntry> parseGroupText(std::string_view text);
std::vector<GroupEntry> parseGroup(const std::string& path = kGroupPath);

// The groups of a user as getgrouplist(3) computes them from files: the primary gid first,
// then every group listing the user as a member, each gid once, in file order.
std::vector<uint32_t> groupsForUser(const std::string& user, uint32_t primary_gid,
                                    const std::vector<GroupEntry>& groups);

}  // namespace oqm_system
