// module_loader.h: loads module shared libraries (Boost.DLL), checks them before any of their
// code runs, and unloads them once no call into them is running.
//
// Order of checks for a path, each refusal a sentence naming the file, the reason and the fix:
//   1. the file: exists, is a regular file, owned by root or by the effective user, and not
//      writable by group or others;
//   2. the exported symbol `oqm_module_v1`, read from the ELF dynamic symbol table (.dynsym)
//      without loading the file (boost::dll::library_info of Boost 1.74 reads only .symtab,
//      which `strip` removes, so it would refuse every stripped module);
//   3. dlopen (RTLD_NOW | RTLD_LOCAL), call the entry, check the manifest: abi_major ==
//      OQM_ABI_MAJOR, size at least the 1.0 layout, a valid name not already loaded, an init;
//   4. its options become flags (refused if a flag of that name exists);
//   5. init with a host API bound to this module; on failure every registration it made is
//      rolled back (tables destroyed), shutdown is called, the library closed.
#pragma once

#include <cstdint>
#include <functional>
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
  std::vector<std::string> tables;   // the tables it registered
  std::vector<std::string> plugins;  // its other contributions: "logger name", "config name", ...
};

class ModuleLoader {
 public:
  ModuleLoader(Registry& registry, Flags& flags);
  ~ModuleLoader();  // unloads every module, newest first (ignoring vetoes)

  // Loads one module file; the refusal (a Status whose message is the sentence
  // "Refusing module <path>: <reason>; <fix>.") is returned, not logged: hosts print or log it.
  // No exception escapes, and a refusal leaves nothing behind (no table, option or mapping).
  Result<ModuleInfo> load(const std::string& path);
  // Refused when no module has that name, when another module's event subscriber uses one of
  // its publishers, or when its can_unload vetoes (the reason given). Otherwise, in order: its
  // entries leave the Registry (new statements get "no such table"), the unregistered hook
  // runs, its gate is closed and running calls are waited for, its tables' (and plugins')
  // destroy run, its options are removed, shutdown(state) runs, the library is closed.
  Status unload(const std::string& name);

  // Called during unload (and init rollback) after the module's entries left the Registry and
  // before waiting for calls into it to end: where the daemon stops the module's publishers
  // and flushes its loggers. Runs under the loader's lock: it must not load or unload.
  using UnregisteredHook = std::function<void(const ModuleInfo&)>;
  void setUnregisteredHook(UnregisteredHook hook);

  std::vector<ModuleInfo> modules() const;

  // Loads what the flags select: every `*.so` of --modules_dir (default_dir when the flag is
  // empty), or with --modules=a,b only `<dir>/a.so` and `<dir>/b.so` (a missing one is a
  // refusal; none at all with --disable_modules); then each --module PATH (repeatable, joined
  // with ','). Returns the refusals; the modules that passed are loaded.
  std::vector<Status> loadSelected(const std::string& default_dir);

  // The module folder a host uses when --modules_dir is not given:
  // <directory of the running executable>/../lib/osquery/modules (normalized; lib64/ or a
  // multiarch lib/<triplet>/ instead when only that one exists).
  static std::string defaultModulesDir();

 private:
  struct Loaded;
  Status unloadLocked(size_t index, bool force);
  Result<ModuleInfo> loadLocked(const std::string& path);

  Registry& registry_;
  Flags& flags_;
  std::mutex operation_mutex_;  // serializes load and unload (held across init and draining)
  mutable std::mutex mutex_;    // guards loaded_ for readers such as modules()
  UnregisteredHook unregistered_hook_;
  std::vector<std::unique_ptr<Loaded>> loaded_;
  uint64_t next_id_ = 1;
};

}  // namespace oqk
