// Tests of the /proc text parsers on fixed input, including the awkward cases.
#include "proc_parsers.h"

#include <fcntl.h>
#include <gtest/gtest.h>

#include <string>

#include "proc_fs.h"

namespace processes_module {
namespace {

using namespace std::string_view_literals;

// The tail every stat line has after the fields we read.
const std::string kStatTail = " 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

TEST(ParseStat, CommandNameWithSpacesAndParentheses) {
  std::string stat =
      "4242 (a) (b c)) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 -3 4 0 "
      "123456 10000000 300" +
      kStatTail;
  StatFields f;
  ASSERT_TRUE(parseStat(stat, f));
  EXPECT_EQ(f.state, 'S');
  EXPECT_EQ(f.parent, 1);
  EXPECT_EQ(f.pgroup, 4242);
  EXPECT_EQ(f.user_ticks, 250);
  EXPECT_EQ(f.system_ticks, 75);
  EXPECT_EQ(f.nice, -3);
  EXPECT_EQ(f.threads, 4);
  ASSERT_TRUE(f.start_ticks);
  EXPECT_EQ(*f.start_ticks, 123456);
}

TEST(ParseStat, RejectsTruncatedText) {
  StatFields f;
  EXPECT_FALSE(parseStat("", f));
  EXPECT_FALSE(parseStat("12 (no close paren S 1 2", f));
  EXPECT_FALSE(parseStat("12 (x) S 1 2 3", f));
  EXPECT_FALSE(parseStat("12 (x)", f));
}

TEST(ParseStatus, NameIdsAndSizes) {
  StatusFields f;
  parseStatus(
      "Name:\tmy: proc \nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1000\t1001\t1002\t1003\n"
      "Gid:\t2000\t2001\t2002\t2003\nVmPeak:\t  9000 kB\nVmSize:\t    8192 kB\n"
      "VmRSS:\t     512 kB\nThreads:\t1\n",
      f);
  ASSERT_TRUE(f.name);
  EXPECT_EQ(*f.name, "my: proc");  // trimmed; a ':' in the name is kept
  EXPECT_EQ(f.uid, 1000);
  EXPECT_EQ(f.euid, 1001);
  EXPECT_EQ(f.suid, 1002);
  EXPECT_EQ(f.gid, 2000);
  EXPECT_EQ(f.egid, 2001);
  EXPECT_EQ(f.sgid, 2002);
  EXPECT_EQ(f.total_kb, 8192);
  EXPECT_EQ(f.resident_kb, 512);
}

TEST(ParseStatus, KernelThreadHasNoMemoryLines) {
  StatusFields f;
  parseStatus("Name:\tkthreadd\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nThreads:\t1\n", f);
  EXPECT_EQ(*f.name, "kthreadd");
  EXPECT_EQ(f.uid, 0);
  EXPECT_FALSE(f.resident_kb);
  EXPECT_FALSE(f.total_kb);
}

TEST(ParseStatus, MalformedIdLineIsIgnored) {
  StatusFields f;
  parseStatus("Uid:\t1\t2\t3\n", f);
  EXPECT_FALSE(f.uid);
  EXPECT_FALSE(f.euid);
}

TEST(ParseIo, Counters) {
  IoFields f;
  parseIo(
      "rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 4096\nwrite_bytes: 8192\n"
      "cancelled_write_bytes: 1024\n",
      f);
  EXPECT_EQ(f.read_bytes, 4096);
  EXPECT_EQ(f.write_bytes, 8192);
  EXPECT_EQ(f.cancelled_write_bytes, 1024);
}

TEST(ParseCgroupPath, FirstLineAfterSecondColon) {
  EXPECT_EQ(parseCgroupPath("0::/user.slice/user-1000.slice/session-2.scope\n"),
            "/user.slice/user-1000.slice/session-2.scope");
  EXPECT_EQ(parseCgroupPath("12:pids:/system.slice/x.service\n0::/system.slice/x.service\n"),
            "/system.slice/x.service");
  EXPECT_EQ(parseCgroupPath("0::/a:b:c\n"), "/a:b:c");
  EXPECT_EQ(parseCgroupPath("0::/\n"), "/");
  EXPECT_EQ(parseCgroupPath("garbage\n"), "");
  EXPECT_EQ(parseCgroupPath("1:only-one-colon\n2::/late\n"), "");
  EXPECT_EQ(parseCgroupPath(""), "");
}

TEST(ParseMapsLine, FileBackedMapping) {
  MapsLine m;
  ASSERT_TRUE(parseMapsLine(
      "55d0c5a4b000-55d0c5a4d000 r-xp 00002000 fd:01 1234567                    /usr/bin/sleep",
      m));
  EXPECT_EQ(m.start, "55d0c5a4b000");
  EXPECT_EQ(m.end, "55d0c5a4d000");
  EXPECT_EQ(m.permissions, "r-xp");
  EXPECT_EQ(m.offset, 0x2000);
  EXPECT_EQ(m.device, "fd:01");
  EXPECT_EQ(m.inode, 1234567);
  EXPECT_EQ(m.path, "/usr/bin/sleep");
  EXPECT_FALSE(m.pseudo);
}

TEST(ParseMapsLine, PseudoAnonymousAndOddPaths) {
  MapsLine m;
  ASSERT_TRUE(parseMapsLine("7ffd1000-7ffd2000 rw-p 00000000 00:00 0          [stack]", m));
  EXPECT_EQ(m.path, "[stack]");
  EXPECT_TRUE(m.pseudo);

  ASSERT_TRUE(parseMapsLine("7f000000-7f001000 rw-p 00000000 00:00 0 ", m));
  EXPECT_EQ(m.path, "");
  EXPECT_FALSE(m.pseudo);  // osquery: nameless anonymous memory is not pseudo

  ASSERT_TRUE(parseMapsLine("7f000000-7f001000 rw-p 00000000 00:00 0", m));
  EXPECT_EQ(m.path, "");

  ASSERT_TRUE(parseMapsLine("7f0-7f1 r--s 00000000 08:02 77   /tmp/with space.so (deleted)", m));
  EXPECT_EQ(m.path, "/tmp/with space.so (deleted)");
  EXPECT_FALSE(m.pseudo);

  ASSERT_TRUE(parseMapsLine("1-2 r--p zzzz 08:02 77 /x", m));
  EXPECT_EQ(m.offset, -1);  // unparsable offset, as osquery

  EXPECT_FALSE(parseMapsLine("", m));
  EXPECT_FALSE(parseMapsLine("7f0-7f1 r--p 00000000 08:02", m));
  EXPECT_FALSE(parseMapsLine("7f0 r--p 00000000 08:02 77 /x", m));
}

TEST(Environ, EntriesAndSplitting) {
  std::string_view rest = "A=1\0B==2\0C\0\0JUNK=x\0"sv;
  EXPECT_EQ(nextNulEntry(rest), "A=1");
  EnvEntry b = splitEnvEntry(nextNulEntry(rest));
  EXPECT_EQ(b.key, "B");
  EXPECT_EQ(b.value, "=2");
  EnvEntry c = splitEnvEntry(nextNulEntry(rest));
  EXPECT_EQ(c.key, "C");
  EXPECT_EQ(c.value, "");
  EXPECT_EQ(nextNulEntry(rest), "");  // the table stops here
}

TEST(OpenFiles, WhichTargetsAreFiles) {
  EXPECT_TRUE(isOpenFileTarget("/etc/passwd"));
  EXPECT_TRUE(isOpenFileTarget("/dev/null"));
  EXPECT_TRUE(isOpenFileTarget("/tmp/x (deleted)"));
  EXPECT_TRUE(isOpenFileTarget("/memfd:buffer (deleted)"));
  EXPECT_TRUE(isOpenFileTarget("/tmp/pipe:[not really]"));
  EXPECT_FALSE(isOpenFileTarget("socket:[12345]"));
  EXPECT_FALSE(isOpenFileTarget("pipe:[12345]"));
  EXPECT_FALSE(isOpenFileTarget("anon_inode:[eventfd]"));
  EXPECT_FALSE(isOpenFileTarget("anon_inode:inotify"));
  EXPECT_FALSE(isOpenFileTarget(""));
}

TEST(Cmdline, NulsBecomeSpacesAndEndsAreTrimmed) {
  std::string cmdline(
      "sleep\0"
      "600\0\0"sv);
  EXPECT_EQ(normalizeCmdline(cmdline.data(), cmdline.size()), "sleep 600");
  std::string spaced(" a b \0c\0"sv);
  EXPECT_EQ(normalizeCmdline(spaced.data(), spaced.size()), "a b  c");
  std::string empty;
  EXPECT_EQ(normalizeCmdline(empty.data(), 0), "");
}

TEST(Numbers, DecimalParsing) {
  EXPECT_EQ(parseDecimal("0"), 0);
  EXPECT_EQ(parseDecimal("9223372036854775807"), INT64_MAX);
  EXPECT_FALSE(parseDecimal("9223372036854775808"));
  EXPECT_FALSE(parseDecimal(""));
  EXPECT_FALSE(parseDecimal("12a"));
  EXPECT_FALSE(parseDecimal("-1"));
  EXPECT_EQ(trimWhitespace(" \t x y\n"), "x y");
}

TEST(ReadFile, LargeFileSpillsFromStackToHeap) {
  // /proc/self/maps of a test binary is several kB; read it through a tiny stack buffer.
  char stack[64];
  GrowableBuffer overflow;
  auto small = readFile(AT_FDCWD, "/proc/self/maps", stack, sizeof(stack), overflow);
  GrowableBuffer whole;
  auto big = readFile(AT_FDCWD, "/proc/self/maps", whole);
  ASSERT_TRUE(small);
  ASSERT_TRUE(big);
  EXPECT_GT(small->size(), sizeof(stack));
  EXPECT_EQ(small->substr(0, 200), big->substr(0, 200));
  EXPECT_FALSE(readFile(AT_FDCWD, "/proc/self/no-such-file", whole));
}

}  // namespace
}  // namespace processes_module
