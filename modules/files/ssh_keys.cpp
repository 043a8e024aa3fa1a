// osquery semantics: osquery/tables/system/posix/authorized_keys.cpp and known_hosts.cpp.
// Files: ~/.ssh/authorized_keys and ~/.ssh/authorized_keys2, ~/.ssh/known_hosts of every
// account in /etc/passwd (or of the accounts named by `uid`). osquery drops privileges to each
// user before reading; this module reads with its own rights.
#include "ssh_keys.h"

#include "text_util.h"
#include "user_homes.h"

namespace oqm_files {
namespace {

// The end of the whitespace-delimited word starting at `pos`; double quotes protect spaces.
size_t wordEnd(std::string_view line, size_t pos) {
  bool quoted = false;
  for (; pos < line.size(); ++pos) {
    char c = line[pos];
    if (c == '\\' && quoted && pos + 1 < line.size()) {
      ++pos;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == ' ' || c == '\t')) {
      break;
    }
  }
  return pos;
}

size_t skipBlanks(std::string_view line, size_t pos) {
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  return pos;
}

}  // namespace

bool isSshKeyType(std::string_view word) {
  static constexpr std::string_view kTypes[] = {
      "ssh-rsa",
      "ssh-dss",
      "ssh-ed25519",
      "ssh-ed448",
      "ecdsa-sha2-nistp256",
      "ecdsa-sha2-nistp384",
      "ecdsa-sha2-nistp521",
      "sk-ecdsa-sha2-nistp256@openssh.com",
      "sk-ssh-ed25519@openssh.com",
      "ssh-rsa-cert-v01@openssh.com",
      "ssh-dss-cert-v01@openssh.com",
      "ssh-ed25519-cert-v01@openssh.com",
      "ssh-ed448-cert-v01@openssh.com",
      "ecdsa-sha2-nistp256-cert-v01@openssh.com",
      "ecdsa-sha2-nistp384-cert-v01@openssh.com",
      "ecdsa-sha2-nistp521-cert-v01@openssh.com",
      "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
      "sk-ssh-ed25519-cert-v01@openssh.com",
  };
  for (auto type : kTypes) {
    if (word == type) return true;
  }
  return false;
}

AuthorizedKey parseAuthorizedKeyLine(std::string_view line) {
  line = trim(line);
  AuthorizedKey out;
  size_t pos = 0;
  size_t end = wordEnd(line, pos);
  if (!isSshKeyType(line.substr(pos, end - pos))) {
    // The first word is the options list; the key type must follow it.
    size_t type_begin = skipBlanks(line, end);
    size_t type_end = wordEnd(line, type_begin);
    if (!isSshKeyType(line.substr(type_begin, type_end - type_begin))) {
      out.key = std::string(line);
      return out;
    }
    out.options = std::string(line.substr(0, end));
    pos = type_begin;
    end = type_end;
  }
  out.algorithm = std::string(line.substr(pos, end - pos));
  size_t key_begin = skipBlanks(line, end);
  size_t key_end = wordEnd(line, key_begin);
  out.key = std::string(line.substr(key_begin, key_end - key_begin));
  out.comment = std::string(trim(line.substr(key_end)));
  return out;
}

std::vector<std::string_view> keyFileLines(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::string_view line : splitAny(text, "\n")) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    out.push_back(line);
  }
  return out;
}

void AuthorizedKeysTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  for (const auto& user : usersForQuery(query)) {
    for (const char* name : {".ssh/authorized_keys", ".ssh/authorized_keys2"}) {
      const std::string file = homeFile(user.directory, name);
      auto text = readTextFile(file);
      if (!text) continue;
      for (auto line : keyFileLines(*text)) {
        if (rows.done()) return;
        AuthorizedKey key = parseAuthorizedKeyLine(line);
        rows.add()
            .set("uid", user.uid)
            .set("algorithm", key.algorithm)
            .set("key", key.key)
            .set("options", key.options)
            .set("comment", key.comment)
            .set("key_file", file)
            .set("pid_with_namespace", 0);
      }
    }
  }
}

void KnownHostsTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  for (const auto& user : usersForQuery(query)) {
    const std::string file = homeFile(user.directory, ".ssh/known_hosts");
    auto text = readTextFile(file);
    if (!text) continue;
    for (auto line : keyFileLines(*text)) {
      if (rows.done()) return;
      rows.add().set("uid", user.uid).set("key", line).set("key_file", file);
    }
  }
}

}  // namespace oqm_files
