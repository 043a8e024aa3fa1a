// The files module's parsers on small fixtures: crontab lines, authorized_keys options and key
// types, known_hosts lines, bash/zsh histories, sudoers includes, passwd homes, digests.
#include <fcntl.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "crontab.h"
#include "extended_attributes_table.h"
#include "multi_hash.h"
#include "shell_history.h"
#include "ssh_keys.h"
#include "sudoers.h"
#include "test_util.h"
#include "user_homes.h"

namespace {

using namespace oqm_files;
using oqm_files_test::TempDir;

TEST(Crontab, FieldsEventsCommentsAndVariables) {
  auto jobs = parseCrontab(
      "# m h dom mon dow user command\n"
      "SHELL=/bin/sh\n"
      "PATH=/usr/local/sbin:/usr/bin\n"
      "\n"
      "17 *\t* * *   root    cd / && run-parts --report /etc/cron.hourly\n"
      "   @reboot  root /usr/bin/start   --now\n"
      "*/5 1-3 1,15 jan mon-fri echo done\r\n"
      "  # indented comment\n"
      "1 2 3\n");
  ASSERT_EQ(jobs.size(), 3u);
  EXPECT_EQ(jobs[0].minute, "17");
  EXPECT_EQ(jobs[0].hour, "*");
  EXPECT_EQ(jobs[0].day_of_month, "*");
  EXPECT_EQ(jobs[0].month, "*");
  EXPECT_EQ(jobs[0].day_of_week, "*");
  EXPECT_EQ(jobs[0].command, "root cd / && run-parts --report /etc/cron.hourly");
  EXPECT_TRUE(jobs[0].event.empty());
  EXPECT_EQ(jobs[1].event, "@reboot");
  EXPECT_EQ(jobs[1].command, "root /usr/bin/start --now");
  EXPECT_TRUE(jobs[1].minute.empty());
  EXPECT_EQ(jobs[2].minute, "*/5");
  EXPECT_EQ(jobs[2].hour, "1-3");
  EXPECT_EQ(jobs[2].day_of_month, "1,15");
  EXPECT_EQ(jobs[2].month, "jan");
  EXPECT_EQ(jobs[2].day_of_week, "mon-fri");
  EXPECT_EQ(jobs[2].command, "echo done");
}

TEST(Crontab, FilesOfTheSpoolDirectories) {
  TempDir root;
  root.write("etc/crontab", "* * * * * root true\n");
  root.write("etc/cron.d/php", "0 0 * * * root php\n");
  root.write("etc/cron.d/.placeholder", "# not a crontab\n");
  root.write("var/spool/cron/crontabs/alice", "@daily backup\n");
  root.mkdir("var/spool/cron/crontabs/subdir");
  auto files = crontabFiles(root.path());
  std::set<std::string> got(files.begin(), files.end());
  std::set<std::string> want = {root.path() + "/etc/crontab", root.path() + "/etc/cron.d/php",
                                root.path() + "/var/spool/cron/crontabs/alice"};
  EXPECT_EQ(got, want);
  EXPECT_EQ(files.front(), root.path() + "/etc/crontab");
}

TEST(AuthorizedKeys, PlainKeyWithComment) {
  auto k = parseAuthorizedKeyLine("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample alice@laptop");
  EXPECT_EQ(k.algorithm, "ssh-ed25519");
  EXPECT_EQ(k.key, "AAAAC3NzaC1lZDI1NTE5AAAAIExample");
  EXPECT_EQ(k.comment, "alice@laptop");
  EXPECT_EQ(k.options, "");
}

TEST(AuthorizedKeys, OptionsWithQuotedSpaces) {
  auto k = parseAuthorizedKeyLine(
      "from=\"10.0.0.0/8,*.example.com\",command=\"/usr/bin/backup --mode full\",no-pty "
      "ecdsa-sha2-nistp256 AAAAE2VjZHNh backup key 2024");
  EXPECT_EQ(k.options,
            "from=\"10.0.0.0/8,*.example.com\",command=\"/usr/bin/backup --mode full\",no-pty");
  EXPECT_EQ(k.algorithm, "ecdsa-sha2-nistp256");
  EXPECT_EQ(k.key, "AAAAE2VjZHNh");
  EXPECT_EQ(k.comment, "backup key 2024");
}

TEST(AuthorizedKeys, KeyTypes) {
  for (const char* type :
       {"ssh-rsa", "ssh-dss", "ssh-ed25519", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
        "ssh-ed25519-cert-v01@openssh.com"}) {
    EXPECT_TRUE(isSshKeyType(type)) << type;
    auto k = parseAuthorizedKeyLine(std::string("restrict ") + type + " AAAA");
    EXPECT_EQ(k.algorithm, type);
    EXPECT_EQ(k.options, "restrict");
    EXPECT_EQ(k.key, "AAAA");
    EXPECT_EQ(k.comment, "");
  }
  EXPECT_FALSE(isSshKeyType("no-pty"));
  // No recognisable key type (an SSH protocol 1 key): the whole line stays in `key`.
  auto legacy = parseAuthorizedKeyLine("1024 35 1234567890 old@host");
  EXPECT_EQ(legacy.key, "1024 35 1234567890 old@host");
  EXPECT_EQ(legacy.algorithm, "");
}

TEST(KnownHosts, PlainHashedAndMarkedLinesKeptWhole) {
  auto lines = keyFileLines(
      "# comment\n"
      "github.com,140.82.121.4 ssh-ed25519 AAAAC3Nz\n"
      "|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI=|USECr3SWf1JUPsms5AqfD5QfxkM= ssh-rsa AAAAB3Nz\r\n"
      "\n"
      "@cert-authority *.example.com ssh-rsa AAAAB3\n"
      "[git.example.com]:2222 ecdsa-sha2-nistp256 AAAAE2\n");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "github.com,140.82.121.4 ssh-ed25519 AAAAC3Nz");
  EXPECT_EQ(lines[1],
            "|1|JfKTdBh7rNbXkVAQCRp4OQoPfmI=|USECr3SWf1JUPsms5AqfD5QfxkM= ssh-rsa AAAAB3Nz");
  EXPECT_EQ(lines[2], "@cert-authority *.example.com ssh-rsa AAAAB3");
  EXPECT_EQ(lines[3], "[git.example.com]:2222 ecdsa-sha2-nistp256 AAAAE2");
}

TEST(ShellHistory, BashWithTimestamps) {
  auto entries = parseShellHistory(
      "ls -la\n"
      "#1700000000\n"
      "cd /tmp\n"
      "#1700000100\n"
      "#not-a-time\n"
      "\n"
      "echo '#1700000200'\n");
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].time, 0);
  EXPECT_EQ(entries[0].command, "ls -la");
  EXPECT_EQ(entries[1].time, 1700000000);
  EXPECT_EQ(entries[1].command, "cd /tmp");
  // A timestamp line takes the next line as its command, whatever it is (as osquery does).
  EXPECT_EQ(entries[2].time, 1700000100);
  EXPECT_EQ(entries[2].command, "#not-a-time");
  EXPECT_EQ(entries[3].command, "echo '#1700000200'");
}

TEST(ShellHistory, ZshExtendedFormat) {
  auto entries = parseShellHistory(
      ": 1700000300:0;git status\n"
      ":1700000400:12;make -j2 && ./run; echo ok\n"
      ": 1700000500:0\n"
      "plain command\n");
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].time, 1700000300);
  EXPECT_EQ(entries[0].command, "git status");
  EXPECT_EQ(entries[1].time, 1700000400);
  EXPECT_EQ(entries[1].command, "make -j2 && ./run; echo ok");
  EXPECT_EQ(entries[2].time, 0);  // no ';': not an extended line
  EXPECT_EQ(entries[2].command, ": 1700000500:0");
  EXPECT_EQ(entries[3].command, "plain command");
}

TEST(Sudoers, RulesIncludesAndIncludeDirs) {
  TempDir root;
  const std::string dir = root.mkdir("sudoers.d");
  root.write("sudoers.d/10-admins", "%admin ALL=(ALL) ALL\n");
  root.write("sudoers.d/README.txt", "ignored: has a dot\n");
  root.write("sudoers.d/backup~", "ignored: editor backup\n");
  root.write("sudoers.d/20-ops", "#include ../extra\nops ALL=NOPASSWD: /bin/systemctl\n");
  const std::string extra = root.write("extra", "Defaults   env_reset\n");
  const std::string main = root.write("sudoers",
                                      "# comment\n"
                                      "Defaults\tsecure_path=\"/usr/sbin:/usr/bin\"\n"
                                      "root    ALL=(ALL:ALL) ALL\n"
                                      "\n"
                                      "@includedir " +
                                          dir + "\n");
  auto rules = readSudoers(main);
  ASSERT_EQ(rules.size(), 7u);
  EXPECT_EQ(rules[0].source, main);
  EXPECT_EQ(rules[0].header, "Defaults");
  EXPECT_EQ(rules[0].rule_details, "secure_path=\"/usr/sbin:/usr/bin\"");
  EXPECT_EQ(rules[1].header, "root");
  EXPECT_EQ(rules[1].rule_details, "ALL=(ALL:ALL) ALL");
  EXPECT_EQ(rules[2].header, "includedir");
  EXPECT_EQ(rules[2].rule_details, dir);
  EXPECT_EQ(rules[3].source, dir + "/10-admins");
  EXPECT_EQ(rules[3].header, "%admin");
  EXPECT_EQ(rules[4].source, dir + "/20-ops");
  EXPECT_EQ(rules[4].header, "include");
  EXPECT_EQ(rules[4].rule_details, dir + "/../extra");
  EXPECT_EQ(rules[5].source, dir + "/../extra");
  EXPECT_EQ(rules[5].rule_details, "env_reset");
  EXPECT_EQ(rules[6].header, "ops");
  EXPECT_EQ(rules[6].rule_details, "ALL=NOPASSWD: /bin/systemctl");
}

TEST(Sudoers, SelfIncludeStopsAtTheNestingLimit) {
  TempDir root;
  const std::string path = root.path() + "/loop";
  root.write("loop", "#include " + path + "\n");
  auto rules = readSudoers(path);
  EXPECT_EQ(rules.size(), 128u);
}

TEST(UserHomes, PasswdLines) {
  auto users = parsePasswdHomes(
      "root:x:0:0:root:/root:/bin/bash\n"
      "# comment\n"
      "+nis\n"
      "bad:x:abc:0::/home/bad:/bin/sh\n"
      "nohome:x:5:5:::/bin/sh\n"
      "alice:x:1000:1000:Alice,,,:/home/alice:/bin/zsh");
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].uid, 0);
  EXPECT_EQ(users[0].directory, "/root");
  EXPECT_EQ(users[1].uid, 1000);
  EXPECT_EQ(users[1].gid, 1000);
  EXPECT_EQ(users[1].directory, "/home/alice");
  EXPECT_EQ(homeFile("/", ".ssh/known_hosts"), "/.ssh/known_hosts");
  EXPECT_EQ(homeFile("/home/a", ".zsh_history"), "/home/a/.zsh_history");
}

TEST(MultiHash, KnownVectorsAndSelection) {
  auto all = hashBytes("abc", 3, {});
  EXPECT_EQ(all.md5, "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(all.sha1, "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(all.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto only = hashBytes("abc", 3, {false, false, true});
  EXPECT_TRUE(only.md5.empty());
  EXPECT_TRUE(only.sha1.empty());
  EXPECT_EQ(only.sha256, all.sha256);
}

TEST(MultiHash, FileLargerThanOneBlock) {
  TempDir root;
  std::string content(3 * 1024 * 1024 + 17, '\0');
  for (size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>(i * 31 + 7);
  const std::string path = root.write("big", content);
  auto digests = hashFileAt(AT_FDCWD, path.c_str(), {});
  ASSERT_TRUE(digests.has_value());
  auto expected = hashBytes(content.data(), content.size(), {});
  EXPECT_EQ(digests->md5, expected.md5);
  EXPECT_EQ(digests->sha1, expected.sha1);
  EXPECT_EQ(digests->sha256, expected.sha256);
  EXPECT_FALSE(hashFileAt(AT_FDCWD, (root.path() + "/missing").c_str(), {}).has_value());
}

TEST(ExtendedAttributes, PrintableAndBase64) {
  EXPECT_TRUE(isPrintableText("https://example.com/a b"));
  EXPECT_FALSE(isPrintableText(std::string("a\0b", 3)));
  EXPECT_EQ(base64Encode(""), "");
  EXPECT_EQ(base64Encode("f"), "Zg==");
  EXPECT_EQ(base64Encode("fo"), "Zm8=");
  EXPECT_EQ(base64Encode("foo"), "Zm9v");
  EXPECT_EQ(base64Encode(std::string("\x00\xff\x10", 3)), "AP8Q");
}

}  // namespace
