// ssh_keys.h: `authorized_keys` and `known_hosts`, the OpenSSH key files in each user's ~/.ssh.
#pragma once

#include <osquery_module.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace oqm_files {

// One line of an authorized_keys file (sshd(8) AUTHORIZED_KEYS FILE FORMAT):
// [options] keytype base64-key [comment]. Options may contain quoted spaces.
struct AuthorizedKey {
  std::string options;
  std::string algorithm;
  std::string key;
  std::string comment;
};

// Whether `word` names an OpenSSH public key type (ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256,
// sk-ssh-ed25519@openssh.com, certificate types, ...).
bool isSshKeyType(std::string_view word);

// Parses one non-comment line. A line with no recognisable key type keeps everything in `key`.
AuthorizedKey parseAuthorizedKeyLine(std::string_view line);

// The lines of a key file that are neither blank nor comments (as osquery keeps them: whole,
// including a known_hosts line's hashed or plain host list and marker).
std::vector<std::string_view> keyFileLines(std::string_view text);

struct AuthorizedKeysTable {
  static constexpr const char* kName = "authorized_keys";
  static constexpr oqm::Column kColumns[] = {
      {"uid", oqm::Type::BigInt, oqm::kAdditional},
      {"algorithm", oqm::Type::Text},
      {"key", oqm::Type::Text},
      {"options", oqm::Type::Text},
      {"comment", oqm::Type::Text},
      {"key_file", oqm::Type::Text},
      {"pid_with_namespace", oqm::Type::Integer, oqm::kHidden | oqm::kAdditional},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

struct KnownHostsTable {
  static constexpr const char* kName = "known_hosts";
  static constexpr oqm::Column kColumns[] = {
      {"uid", oqm::Type::BigInt, oqm::kIndex | oqm::kOptimized},
      {"key", oqm::Type::Text},
      {"key_file", oqm::Type::Text},
  };

  void generate(const oqm::Query& query, oqm::Rows& rows);
};

}  // namespace oqm_files
