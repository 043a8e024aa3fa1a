#include "user_homes.h"

#include <set>

#include "text_util.h"

namespace oqm_files {

std::vector<UserHome> parsePasswdHomes(std::string_view text) {
  std::vector<UserHome> out;
  for (std::string_view line : oqm_support::lines(text)) {
    if (line.empty() || line[0] == '#' || line[0] == '+' || line[0] == '-') continue;
    // name:password:uid:gid:gecos:home:shell
    std::vector<std::string_view> fields;
    size_t start = 0;
    for (;;) {
      size_t colon = line.find(':', start);
      fields.push_back(
          line.substr(start, colon == std::string_view::npos ? line.npos : colon - start));
      if (colon == std::string_view::npos) break;
      start = colon + 1;
    }
    if (fields.size() < 6) continue;
    auto uid = oqm_support::toInt(fields[2]);
    auto gid = oqm_support::toInt(fields[3]);
    if (!uid || !gid) continue;
    UserHome user;
    user.uid = *uid;
    user.gid = *gid;
    user.directory = std::string(fields[5]);
    if (user.directory.empty()) continue;
    out.push_back(std::move(user));
  }
  return out;
}

std::vector<UserHome> usersForQuery(const oqm::Query& query, const std::string& passwd_path) {
  auto text = readTextFile(passwd_path);
  if (!text) return {};
  auto users = parsePasswdHomes(*text);
  if (!query.hasEq("uid")) return users;
  auto wanted_list = query.eq<int64_t>("uid");
  std::set<int64_t> wanted(wanted_list.begin(), wanted_list.end());
  std::vector<UserHome> out;
  for (auto& user : users) {
    if (wanted.count(user.uid) != 0) out.push_back(std::move(user));
  }
  return out;
}

std::string homeFile(const std::string& home, std::string_view relative) {
  std::string path = home;
  if (path.empty() || path.back() != '/') path += '/';
  path += relative;
  return path;
}

}  // namespace oqm_files
