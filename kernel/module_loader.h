// module_loader.h: loads module shared libraries (Boost.DLL), checks them before any of their
// code runs, and unloads them once no call into them is running.
//
// Order of checks for a path, each refusal a sentence naming the file, the reason and the fix:
//   1. the file: exists, is a regular file, owned by root or by the effective user, and not
//      writable by group or others;
//   2. the exported symbol `oqm_module_v1`, read from the ELF symbol table without loading it
//      (boost::dll::library_info);
//   3. dlopen (RTLD_NOW | RTLD_LOCAL), call the entry, check the manifest: size at least the
//      1.0 layout, abi_major == OQM_ABI_MAJOR, a valid name not already loaded;
//   4. its options become flags (refused if a flag of that name exists);
//   5. init with a host API bound to this module; on failure every registration it made is
//      rolled back (tables destroyed), shutdown is called, the library closed.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kernel/flags.h"
#include "kernel/registry.h"
#include "kernel/status.h"

namespace oqk {

struct ModuleInfo {
  uint64_t id = 0;  // owner id of its registry entries; never 0 (0 is the kernel)
  std::string name;
  std::string version;
  std::string path;  // as given (made absolute)
  uint32_t abi_major = 0;
  uint32_t abi_minor = 0;
  std::vector<std::string> tables;  // the tables it registered
};

class ModuleLoader {
 public:
  ModuleLoader(Registry& registry, Flags& flags);
  ~ModuleLoader();  // unloads every module, newest first (ignoring vetoes)

  Result<ModuleInfo> load(const std::string& path);
  // Refused when no module has that name, or when its can_unload vetoes (the reason given).
  Status unload(const std::string& name);

  std::vector<ModuleInfo> modules() const;

  // Loads what the flags select: every `*.so` of --modules_dir (default_dir when the flag is
  // empty), or with --modules=a,b only `<dir>/a.so` and `<dir>/b.so` (a missing one is a
  // refusal; none at all with --disable_modules); then each --module PATH (repeatable, joined
  // with ','). Returns the refusals; the modules that passed are loaded.
  std::vector<Status> loadSelected(const std::string& default_dir);

  // The module folder a host uses when --modules_dir is not given:
  // <directory of the running executable>/../lib/osquery/modules.
  static std::string defaultModulesDir();

 private:
  struct Loaded;
  Registry& registry_;
  Flags& flags_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Loaded>> loaded_;
  uint64_t next_id_ = 1;
};

}  // namespace oqk
