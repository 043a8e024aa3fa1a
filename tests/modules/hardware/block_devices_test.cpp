// block_devices and disk_encryption on sysfs fixture trees: a SATA disk with partitions, a
// LUKS2 mapping on one of them with an LVM volume inside, and a dm-verity mapping.
#include "block_devices.h"

#include <gtest/gtest.h>

#include <cstring>

#include "block_devices_table.h"
#include "disk_encryption_table.h"
#include "test_support.h"

using namespace hardware_test;
using namespace oqm_hardware;

namespace {

constexpr const char* kLuksUuid = "CRYPT-LUKS2-4f8c2a0e9e1d4b3aa5c6d7e8f9012345-luks-root";

class BlockFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string b = "sys/block/";
    dir_.write(b + "sda/size", "500118192\n");
    dir_.write(b + "sda/queue/logical_block_size", "512\n");
    dir_.write(b + "sda/device/vendor", "ATA     \n");
    dir_.write(b + "sda/device/model", "Samsung SSD 860 \n");
    dir_.write(b + "sda/uevent", "MAJOR=8\nMINOR=0\nDEVNAME=sda\nDEVTYPE=disk\n");
    dir_.write(b + "sda/sda1/partition", "1\n");
    dir_.write(b + "sda/sda1/size", "1048576\n");
    dir_.write(b + "sda/sda2/partition", "2\n");
    dir_.write(b + "sda/sda2/size", "499067904\n");
    dir_.write(b + "sda/sda2/uevent", "DEVNAME=sda2\nPARTN=2\n");
    dir_.mkdir(b + "sda/holders");  // a directory that is not a partition

    dir_.write(b + "dm-0/size", "499035136\n");
    dir_.write(b + "dm-0/queue/logical_block_size", "512\n");
    dir_.write(b + "dm-0/dm/uuid", std::string(kLuksUuid) + "\n");
    dir_.write(b + "dm-0/dm/name", "luks-root\n");
    dir_.write(b + "dm-0/dev", "253:0\n");
    dir_.write(b + "dm-0/slaves/sda2/uevent", "DEVNAME=sda2\n");

    dir_.write(b + "dm-1/size", "400000000\n");
    dir_.write(b + "dm-1/dm/uuid",
               "LVM-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV\n");
    dir_.write(b + "dm-1/slaves/dm-0/dev", "253:0\n");

    dir_.write(b + "dm-2/size", "2048\n");
    dir_.write(b + "dm-2/dm/uuid", "CRYPT-VERITY-0123456789abcdef0123456789abcdef-verity\n");

    dir_.write(b + "vda/size", "0\n");
    dir_.write(b + "vda/serial", "disk-serial-1\n");
    dir_.write(b + "vda/device/vendor", "0x1af4\n");

    source_.sysfs_root = dir_.path() + "/sys";
    source_.dev_root = "/dev";
    source_.probe = false;
  }

  TempDir dir_;
  BlockDeviceSource source_;
};

const FakeRow& byName(const std::vector<FakeRow>& rows, const std::string& name) {
  for (const auto& row : rows) {
    if (row.at("name").text() == name) return row;
  }
  throw std::runtime_error("no row named " + name);
}

}  // namespace

TEST_F(BlockFixture, DisksPartitionsAndStackedDevices) {
  auto devices = readBlockDevices(source_);
  std::vector<std::string> names;
  for (const auto& d : devices) names.push_back(d.name);
  EXPECT_EQ(names, (std::vector<std::string>{"/dev/dm-0", "/dev/dm-1", "/dev/dm-2", "/dev/sda",
                                             "/dev/sda1", "/dev/sda2", "/dev/vda"}));

  auto& table = tableInstance<BlockDevicesTable>();
  table.source = source_;
  auto rows = host().query("block_devices");
  ASSERT_EQ(rows.size(), 7u);

  const FakeRow& sda = byName(rows, "/dev/sda");
  EXPECT_EQ(text(sda, "parent"), "");
  EXPECT_EQ(text(sda, "vendor"), "ATA");
  EXPECT_EQ(text(sda, "model"), "Samsung SSD 860");
  EXPECT_EQ(integer(sda, "size"), 500118192);
  EXPECT_EQ(integer(sda, "block_size"), 512);
  EXPECT_EQ(text(sda, "uuid"), "");  // not probed

  const FakeRow& sda2 = byName(rows, "/dev/sda2");
  EXPECT_EQ(text(sda2, "parent"), "/dev/sda");
  EXPECT_EQ(integer(sda2, "size"), 499067904);
  EXPECT_EQ(integer(sda2, "block_size"), 512);
  EXPECT_EQ(text(sda2, "model"), "Samsung SSD 860");

  EXPECT_EQ(text(byName(rows, "/dev/dm-0"), "parent"), "/dev/sda2");
  EXPECT_EQ(text(byName(rows, "/dev/dm-1"), "parent"), "/dev/dm-0");
  EXPECT_TRUE(isNull(byName(rows, "/dev/dm-1"), "block_size"));

  const FakeRow& vda = byName(rows, "/dev/vda");
  EXPECT_EQ(text(vda, "serial"), "disk-serial-1");
  EXPECT_EQ(text(vda, "vendor"), "");  // virtio's vendor file holds the PCI id

  // name = ... narrows the rows (and the libblkid probing).
  rows = host().query("block_devices", {{"name", oqm::Op::Eq, std::string("/dev/sda1")},
                                        {"name", oqm::Op::Eq, std::string("/dev/vda")}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(text(rows[0], "name"), "/dev/sda1");
  EXPECT_EQ(text(rows[1], "name"), "/dev/vda");

  table.source.sysfs_root = dir_.path() + "/absent";
  EXPECT_TRUE(host().query("block_devices").empty());
}

TEST_F(BlockFixture, DiskEncryptionFromDeviceMapper) {
  auto& table = tableInstance<DiskEncryptionTable>();
  table.source = source_;
  std::vector<std::string> asked;
  table.cipher_of = [&](const BlockDevice& d) {
    asked.push_back(d.name);
    return std::string("aes-xts-plain64");
  };
  auto rows = host().query("disk_encryption");
  ASSERT_EQ(rows.size(), 7u);

  const FakeRow& luks = byName(rows, "/dev/dm-0");
  EXPECT_EQ(integer(luks, "encrypted"), 1);
  EXPECT_EQ(text(luks, "type"), "LUKS2-aes-xts-plain64");
  EXPECT_EQ(text(luks, "encryption_status"), "encrypted");

  // The LVM volume inside the LUKS container inherits its status.
  const FakeRow& lvm = byName(rows, "/dev/dm-1");
  EXPECT_EQ(integer(lvm, "encrypted"), 1);
  EXPECT_EQ(text(lvm, "type"), "LUKS2-aes-xts-plain64");

  for (const char* plain : {"/dev/sda", "/dev/sda2", "/dev/dm-2", "/dev/vda"}) {
    const FakeRow& row = byName(rows, plain);
    EXPECT_EQ(integer(row, "encrypted"), 0) << plain;
    EXPECT_EQ(text(row, "encryption_status"), "not encrypted") << plain;
    EXPECT_EQ(text(row, "type"), "") << plain;
  }
  EXPECT_EQ(asked, (std::vector<std::string>{"/dev/dm-0"}));  // once, cached for the child

  // A name constraint still resolves the parent chain.
  rows = host().query("disk_encryption", {{"name", oqm::Op::Eq, std::string("/dev/dm-1")}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(integer(rows[0], "encrypted"), 1);
}

TEST(DiskEncryption, TypeFromDmUuid) {
  EXPECT_EQ(encryptionFromDmUuid(kLuksUuid, "").type, "LUKS2");
  EXPECT_EQ(encryptionFromDmUuid("CRYPT-LUKS1-abc-name", "aes-cbc-essiv:sha256").type,
            "LUKS1-aes-cbc-essiv:sha256");
  EXPECT_TRUE(encryptionFromDmUuid("CRYPT-PLAIN-name", "").encrypted);
  EXPECT_TRUE(encryptionFromDmUuid("CRYPT-BITLK-abc-name", "").encrypted);
  EXPECT_FALSE(encryptionFromDmUuid("CRYPT-VERITY-abc-name", "").encrypted);
  EXPECT_FALSE(encryptionFromDmUuid("CRYPT-INTEGRITY-abc-name", "").encrypted);
  EXPECT_FALSE(encryptionFromDmUuid("LVM-abc", "").encrypted);
  EXPECT_FALSE(encryptionFromDmUuid("", "").encrypted);
}

TEST(BlockProbe, SwapImageHasTypeUuidAndLabel) {
  // A Linux swap area (version 1) in a 10-page image file: libblkid reads files as well as
  // device nodes.
  std::string image(40960, '\0');
  const uint32_t version = 1, last_page = 9;
  std::memcpy(&image[1024], &version, 4);
  std::memcpy(&image[1028], &last_page, 4);
  const unsigned char uuid[16] = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
                                  0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
  std::memcpy(&image[1036], uuid, 16);
  std::memcpy(&image[1052], "oqm-swap", 8);
  std::memcpy(&image[4096 - 10], "SWAPSPACE2", 10);
  TempDir dir;
  std::string path = dir.write("swap.img", image);

  BlockDevice d;
  ASSERT_TRUE(probeBlockDevice(path, d));
  EXPECT_EQ(d.type, "swap");
  EXPECT_EQ(d.uuid, "12345678-9abc-def0-0123-456789abcdef");
  EXPECT_EQ(d.label, "oqm-swap");

  BlockDevice empty;
  EXPECT_TRUE(probeBlockDevice(dir.write("zeros.img", std::string(40960, '\0')), empty));
  EXPECT_EQ(empty.type, "");
  EXPECT_FALSE(probeBlockDevice(dir.path() + "/absent.img", empty));
}
