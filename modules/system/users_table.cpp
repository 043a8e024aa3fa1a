// osquery semantics: without include_remote = 1 only /etc/passwd is read (no NSS, so no LDAP
// traffic), filtered by `username = ...` or else by `uid = ...`. With include_remote = 1 the
// accounts come from NSS (getpwuid_r / getpwnam_r / getpwent_r). uuid is NULL on Linux;
// pid_with_namespace is always 0 (namespaces are not entered).
#include "users_table.h"

#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "accounts.h"

namespace oqm_system {
namespace {

void emitUser(oqm::Rows& rows, const std::string& name, uint32_t uid, uint32_t gid,
              const std::string& gecos, const std::string& dir, const std::string& shell,
              int include_remote) {
  rows.add()
      .set("uid", static_cast<int64_t>(uid))
      .set("gid", static_cast<int64_t>(gid))
      .set("uid_signed", static_cast<int64_t>(static_cast<int32_t>(uid)))
      .set("gid_signed", static_cast<int64_t>(static_cast<int32_t>(gid)))
      .set("username", name)
      .set("description", gecos)
      .set("directory", dir)
      .set("shell", shell)
      .set("pid_with_namespace", 0)
      .set("include_remote", include_remote);
}

void emitPasswd(oqm::Rows& rows, const struct passwd* pw) {
  auto str = [](const char* s) { return s != nullptr ? std::string(s) : std::string(); };
  emitUser(rows, str(pw->pw_name), pw->pw_uid, pw->pw_gid, str(pw->pw_gecos), str(pw->pw_dir),
           str(pw->pw_shell), 1);
}

size_t pwBufferSize() {
  long n = sysconf(_SC_GETPW_R_SIZE_MAX);
  return (n <= 0 || n > 16384) ? 16384 : static_cast<size_t>(n);
}

// getpwent_r shares one enumeration state per process.
std::mutex& pwentMutex() {
  static std::mutex m;
  return m;
}

void generateRemote(const oqm::Query& query, oqm::Rows& rows) {
  // getpwent_r and friends return ERANGE when an entry does not fit; grow and retry.
  std::vector<char> buffer(pwBufferSize());
  struct passwd pwd {};
  struct passwd* result = nullptr;
  if (query.hasEq("uid")) {
    auto wanted = query.eq<int64_t>("uid");
    for (int64_t uid : std::set<int64_t>(wanted.begin(), wanted.end())) {
      if (uid < 0 || uid > UINT32_MAX || rows.done()) continue;
      int rc;
      while ((rc = getpwuid_r(static_cast<uid_t>(uid), &pwd, buffer.data(), buffer.size(),
                              &result)) == ERANGE &&
             buffer.size() < (1u << 20)) {
        buffer.resize(buffer.size() * 2);
      }
      if (rc == 0 && result != nullptr) emitPasswd(rows, result);
    }
  } else if (query.hasEq("username")) {
    auto wanted = query.eq<std::string>("username");
    for (const auto& name : std::set<std::string>(wanted.begin(), wanted.end())) {
      if (rows.done()) break;
      int rc;
      while ((rc = getpwnam_r(name.c_str(), &pwd, buffer.data(), buffer.size(), &result)) ==
                 ERANGE &&
             buffer.size() < (1u << 20)) {
        buffer.resize(buffer.size() * 2);
      }
      if (rc == 0 && result != nullptr) emitPasswd(rows, result);
    }
  } else {
    std::lock_guard<std::mutex> lock(pwentMutex());
    setpwent();
    while (!rows.done()) {
      int rc = getpwent_r(&pwd, buffer.data(), buffer.size(), &result);
      if (rc == ERANGE && buffer.size() < (1u << 20)) {
        buffer.resize(buffer.size() * 2);
        continue;
      }
      if (rc != 0 || result == nullptr) break;
      emitPasswd(rows, result);
    }
    endpwent();
  }
}

}  // namespace

void UsersTable::generate(const oqm::Query& query, oqm::Rows& rows) {
  bool include_remote = false;
  for (int64_t v : query.eq<int64_t>("include_remote")) include_remote |= (v == 1);
  if (include_remote) {
    generateRemote(query, rows);
    return;
  }

  // Either username or uid narrows the file scan; username wins when both are given.
  const bool by_name = query.hasEq("username");
  const bool by_uid = !by_name && query.hasEq("uid");
  std::set<std::string> names;
  std::set<int64_t> uids;
  if (by_name) {
    for (auto& n : query.eq<std::string>("username")) names.insert(std::move(n));
  }
  if (by_uid) {
    for (int64_t u : query.eq<int64_t>("uid")) uids.insert(u);
  }

  for (const auto& e : parsePasswd()) {
    if (rows.done()) break;
    if (by_name && names.count(e.name) == 0) continue;
    if (by_uid && uids.count(static_cast<int64_t>(e.uid)) == 0) continue;
    emitUser(rows, e.name, e.uid, e.gid, e.gecos, e.dir, e.shell, 0);
  }
}

}  // namespace oqm_system
