// Unit files, enablement links, desktop entries and startup items, on fixture trees.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "keyfile.h"
#include "startup_items.h"
#include "systemd_unit_files.h"
#include "test_util.h"

namespace oqm_system {
namespace {

namespace fs = std::filesystem;
using oqm_system_test::TempDir;

std::map<std::string, SystemdUnit> byId(const std::vector<SystemdUnit>& units) {
  std::map<std::string, SystemdUnit> out;
  for (const auto& u : units) out[u.id] = u;
  return out;
}

TEST(KeyFile, SectionsCommentsContinuationsAndOverrides) {
  auto e = parseKeyFile(
      "# comment\n[Unit]\nDescription=First\n; other comment\nDescription = Second \n"
      "[Service]\nExecStart=/bin/a \\\n  --flag\nUser=nobody\nnot an assignment\n",
      true);
  EXPECT_EQ(lastValue(e, "Unit", "Description"), "Second");
  EXPECT_EQ(lastValue(e, "Service", "ExecStart"), "/bin/a --flag");
  EXPECT_EQ(lastValue(e, "Service", "User"), "nobody");
  EXPECT_FALSE(lastValue(e, "Unit", "User").has_value());
}

TEST(SystemdUnitFiles, ObjectPathEscapesAsSystemd) {
  EXPECT_EQ(unitObjectPath("dbus.service"), "/org/freedesktop/systemd1/unit/dbus_2eservice");
  EXPECT_EQ(unitObjectPath("getty@tty1.service"),
            "/org/freedesktop/systemd1/unit/getty_40tty1_2eservice");
  EXPECT_EQ(unitObjectPath("1abc.mount"), "/org/freedesktop/systemd1/unit/_31abc_2emount");
  EXPECT_TRUE(isUnitFileName("a.timer"));
  EXPECT_FALSE(isUnitFileName("multi-user.target.wants"));
  EXPECT_FALSE(isUnitFileName("README"));
}

class UnitTree : public ::testing::Test {
 protected:
  void SetUp() override {
    etc = tmp.path() + "/etc/systemd/system";
    run = tmp.path() + "/run/systemd/system";
    lib = tmp.path() + "/lib/systemd/system";
    tmp.write(
        "lib/systemd/system/ssh.service",
        "[Unit]\nDescription=OpenBSD Secure Shell server\n[Service]\nExecStart=/usr/sbin/sshd\n"
        "User=sshd\n[Install]\nWantedBy=multi-user.target\nAlias=sshd.service\n");
    tmp.write("lib/systemd/system/static.service", "[Unit]\nDescription=Static one\n");
    tmp.write("lib/systemd/system/idle.service", "[Unit]\n[Install]\nWantedBy=multi-user.target\n");
    tmp.write("lib/systemd/system/getty@.service",
              "[Unit]\nDescription=Getty on %I (%i, %p, %n)\n[Install]\nWantedBy=getty.target\n");
    tmp.write("lib/systemd/system/masked.service", "[Unit]\nDescription=Masked\n");
    tmp.write("lib/systemd/system/gen.service", "[Unit]\nSourcePath=/etc/fstab\n");
    tmp.write("etc/systemd/system/override.timer", "[Unit]\nDescription=From etc\n");
    tmp.write("lib/systemd/system/override.timer", "[Unit]\nDescription=From lib\n");
    tmp.write("run/systemd/system/rt.service",
              "[Unit]\nDescription=Runtime\n[Install]\nWantedBy=a\n");
    fs::create_directories(etc + "/multi-user.target.wants");
    fs::create_directories(etc + "/getty.target.wants");
    fs::create_directories(run + "/multi-user.target.wants");
    fs::create_symlink(lib + "/ssh.service", etc + "/multi-user.target.wants/ssh.service");
    fs::create_symlink(lib + "/ssh.service", etc + "/sshd.service");  // alias
    fs::create_symlink(lib + "/getty@.service", etc + "/getty.target.wants/getty@tty1.service");
    fs::create_symlink("/dev/null", etc + "/masked.service");
    fs::create_symlink(run + "/rt.service", run + "/multi-user.target.wants/rt.service");
    dirs.search = {etc, run, lib};
    dirs.config = {{etc, false}, {run, true}};
  }

  TempDir tmp;
  std::string etc, run, lib;
  UnitDirectories dirs;
};

TEST_F(UnitTree, StatesPathsAndDescriptions) {
  auto units = byId(scanUnitFiles(dirs));
  EXPECT_EQ(units.count("getty@.service"), 0u) << "a template is not a unit";
  EXPECT_EQ(units.count("sshd.service"), 0u) << "an alias is not a unit of its own";

  ASSERT_EQ(units.count("ssh.service"), 1u);
  const auto& ssh = units["ssh.service"];
  EXPECT_EQ(ssh.description, "OpenBSD Secure Shell server");
  EXPECT_EQ(ssh.load_state, "loaded");
  EXPECT_EQ(ssh.unit_file_state, "enabled");
  EXPECT_EQ(ssh.fragment_path, lib + "/ssh.service");
  EXPECT_EQ(ssh.user, "sshd");

  EXPECT_EQ(units["static.service"].unit_file_state, "static");
  EXPECT_EQ(units["idle.service"].unit_file_state, "disabled");
  EXPECT_EQ(units["idle.service"].description, "idle.service") << "no Description: the id";

  ASSERT_EQ(units.count("getty@tty1.service"), 1u);
  const auto& getty = units["getty@tty1.service"];
  EXPECT_EQ(getty.description, "Getty on tty1 (tty1, getty, getty@tty1.service)");
  EXPECT_EQ(getty.fragment_path, lib + "/getty@.service");
  EXPECT_EQ(getty.unit_file_state, "enabled");

  EXPECT_EQ(units["masked.service"].load_state, "masked");
  EXPECT_EQ(units["masked.service"].unit_file_state, "masked");
  EXPECT_EQ(units["gen.service"].source_path, "/etc/fstab");
  EXPECT_EQ(units["override.timer"].description, "From etc");
  EXPECT_EQ(units["override.timer"].fragment_path, etc + "/override.timer");
  EXPECT_EQ(units["rt.service"].unit_file_state, "enabled-runtime");
}

TEST_F(UnitTree, StartupItemsFromHomesScriptsEntriesAndEnabledUnits) {
  tmp.write("home/alice/.config/autostart/app.desktop",
            "[Desktop Entry]\nType=Application\nName=My App\nName[de]=Meine App\n"
            "Exec=/usr/bin/app --start now\n[Desktop Action New]\nName=New Window\n");
  tmp.write("home/alice/.config/autostart/off.desktop",
            "[Desktop Entry]\nName=Off\nExec=off\nHidden=true\n");
  tmp.write("home/alice/.config/autostart-scripts/run.sh", "#!/bin/sh\n");
  tmp.write("init.d/foo", "#!/bin/sh\n");
  tmp.write("xdg/autostart/agent.desktop",
            "[Desktop Entry]\nName=Agent\nExec=agent\nX-GNOME-Autostart-enabled=false\n");

  StartupRoots roots;
  roots.homes = {{"alice", tmp.path() + "/home/alice"}};
  roots.item_dirs = {tmp.path() + "/xdg/autostart"};
  roots.script_dirs = {tmp.path() + "/init.d/"};
  roots.units = dirs;
  auto items = listStartupItems(roots);

  std::map<std::string, StartupItem> by_name;
  for (const auto& i : items) by_name[i.name] = i;
  ASSERT_EQ(by_name.count("My App"), 1u);
  EXPECT_EQ(by_name["My App"].path, "/usr/bin/app --start now");
  EXPECT_EQ(by_name["My App"].args, "--start now");
  EXPECT_EQ(by_name["My App"].type, "Startup Item");
  EXPECT_EQ(by_name["My App"].status, "enabled");
  EXPECT_EQ(by_name["My App"].username, "alice");
  EXPECT_EQ(by_name["My App"].source, tmp.path() + "/home/alice/.config/autostart/");
  EXPECT_EQ(by_name["Off"].status, "disabled");
  EXPECT_EQ(by_name["run.sh"].path, tmp.path() + "/home/alice/.config/autostart-scripts/run.sh");
  EXPECT_EQ(by_name["foo"].source, tmp.path() + "/init.d/");
  EXPECT_EQ(by_name["foo"].username, "");
  EXPECT_EQ(by_name["Agent"].status, "disabled");

  // Exactly the enabled units, with their files and users.
  std::set<std::string> units;
  for (const auto& i : items) {
    if (i.type == "systemd unit") units.insert(i.name);
  }
  EXPECT_EQ(units, (std::set<std::string>{"ssh.service", "getty@tty1.service", "rt.service"}));
  EXPECT_EQ(by_name["ssh.service"].path, lib + "/ssh.service");
  EXPECT_EQ(by_name["ssh.service"].username, "sshd");
  EXPECT_EQ(by_name["rt.service"].status, "enabled-runtime");
}

TEST(DesktopEntry, FirstAssignmentOfTheMainGroup) {
  auto d = parseDesktopEntry(
      "[Desktop Action x]\nName=Action\n[Desktop Entry]\nName=Main\nName=Later\nExec=a=b c\n");
  EXPECT_EQ(d.name, "Main");
  EXPECT_EQ(d.exec, "a=b c");
  EXPECT_FALSE(d.disabled);
}

}  // namespace
}  // namespace oqm_system
