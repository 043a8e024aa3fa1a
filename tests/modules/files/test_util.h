// test_util.h: a temporary directory for the fixtures the files module's tests write.
#pragma once

#include <gtest/gtest.h>
#include <oqm_test/temp_dir.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace oqm_files_test {

using TempDir = ::oqm_test::TempDir;

}  // namespace oqm_files_test
