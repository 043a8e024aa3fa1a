#include "control_file.h"

#include <gtest/gtest.h>

using namespace oqm_packages;

TEST(ControlFile, ParagraphsFieldsAndContinuations) {
  auto ps = parseControl(
      "Package: a\n"
      "Description: short\n"
      " long line one\n"
      " .\n"
      "\tlong line two\n"
      "\n\n"
      "# a comment\n"
      "package: b\r\n"
      "Empty:\r\n"
      "not a field\n"
      "   \n"
      "Package: c");
  ASSERT_EQ(ps.size(), 3u);
  EXPECT_EQ(ps[0].get("Package"), "a");
  EXPECT_EQ(ps[0].get("description"), "short\nlong line one\n.\nlong line two");
  EXPECT_EQ(ps[0].firstLine("Description"), "short");
  EXPECT_EQ(ps[1].get("Package"), "b");  // names compare case-insensitively
  EXPECT_EQ(ps[1].get("Empty"), "");
  EXPECT_FALSE(ps[1].get("Missing").has_value());
  EXPECT_EQ(ps[1].size(), 2u);
  EXPECT_EQ(ps[2].get("Package"), "c");
}

TEST(ControlFile, StopsWhenAsked) {
  int seen = 0;
  forEachParagraph("A: 1\n\nA: 2\n\nA: 3\n", [&](const Paragraph&) { return ++seen < 2; });
  EXPECT_EQ(seen, 2);
}

TEST(ControlFile, ClearSignature) {
  const char* signed_text =
      "-----BEGIN PGP SIGNED MESSAGE-----\n"
      "Hash: SHA512\n"
      "\n"
      "Origin: Debian\n"
      "Codename: bookworm\n"
      "-----BEGIN PGP SIGNATURE-----\n"
      "\n"
      "iQIzBAEBCgAdFiEE\n"
      "-----END PGP SIGNATURE-----\n";
  auto body = stripClearSignature(signed_text);
  EXPECT_EQ(body, "Origin: Debian\nCodename: bookworm\n");
  EXPECT_EQ(stripClearSignature("Origin: x\n"), "Origin: x\n");
}
