#include "kernel/module_loader.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <glog/logging.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/dll/shared_library.hpp>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kernel/lease_gate.h"
#include "kernel/module_host.h"

namespace fs = std::filesystem;

namespace oqk {

struct ModuleLoader::Loaded {
  // Declared first so it is destroyed last: everything else may hold pointers into its code.
  boost::dll::shared_library library;
  ModuleInfo info;
  const oqm_manifest* manifest = nullptr;
  void* state = nullptr;
  std::shared_ptr<LeaseGate> gate;
  std::unique_ptr<ModuleHost> host;
};

namespace {

constexpr size_t kManifestV10Size = offsetof(oqm_manifest, shutdown) + sizeof(void*);
constexpr size_t kOptionV10Size = offsetof(oqm_option, default_value) + sizeof(const char*);
constexpr size_t kErrorCapacity = 1024;

Status refuse(const std::string& path, const std::string& reason) {
  return Status::error("Refusing module " + path + ": " + reason + ".");
}

std::string octalMode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

// Whether the dynamic loader has this file mapped already (dlopen would return that image).
bool isResident(const std::string& path) {
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
  if (handle == nullptr) return false;
  ::dlclose(handle);
  return true;
}

bool isModuleName(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string withoutFinalPeriod(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ' ' || s.back() == '\n')) s.pop_back();
  return s;
}

// 1. The file itself: what osquery checks before it loads an extension.
Status checkFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    int e = errno;
    if (e == ENOENT || e == ENOTDIR) {
      return refuse(path, "the file does not exist; check the path (and --modules_dir, --modules)");
    }
    return refuse(path, std::string("it cannot be examined (") + std::strerror(e) +
                            "); check the path and its permissions");
  }
  if (!S_ISREG(st.st_mode)) {
    return refuse(path, "it is not a regular file; give the path of a module's .so file");
  }
  uid_t me = ::geteuid();
  if (st.st_uid != 0 && st.st_uid != me) {
    return refuse(path, "it is owned by uid " + std::to_string(st.st_uid) +
                            ", neither root nor the user running osquery (uid " +
                            std::to_string(me) + "); run chown " + std::to_string(me) + " " + path);
  }
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return refuse(path, "it is writable by group or others (mode " + octalMode(st.st_mode) +
                            "); run chmod go-w " + path);
  }
  return Status::ok();
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

bool readAt(int fd, uint64_t offset, void* out, size_t n) {
  size_t done = 0;
  while (done < n) {
    ssize_t r =
        ::pread(fd, static_cast<char*>(out) + done, n - done, static_cast<off_t>(offset + done));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    done += static_cast<size_t>(r);
  }
  return true;
}

// 2. Reads the ELF dynamic symbol table (what dlsym searches) without loading the file, and
// tells whether it defines the function oqm_module_v1 with default visibility.
Status checkEntrySymbol(const std::string& path) {
  const std::string not_elf = "it is not an ELF shared library for this machine";
  const std::string fix = "; build it with oqm_add_module() from the SDK";
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return refuse(path, std::string("it cannot be opened (") + std::strerror(errno) +
                            "); check its permissions");
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return refuse(path, "it cannot be examined" + fix);
  const uint64_t size = static_cast<uint64_t>(st.st_size);

  ElfW(Ehdr) eh{};
  if (size < sizeof(eh) || !readAt(fd.get(), 0, &eh, sizeof(eh)) ||
      std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) {
    return refuse(path, not_elf + fix);
  }
  const unsigned char native_class = sizeof(void*) == 8 ? ELFCLASS64 : ELFCLASS32;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const unsigned char native_data = ELFDATA2LSB;
#else
  const unsigned char native_data = ELFDATA2MSB;
#endif
  if (eh.e_ident[EI_CLASS] != native_class || eh.e_ident[EI_DATA] != native_data) {
    return refuse(path, not_elf + " (wrong ELF class or byte order)" + fix);
  }
  if (eh.e_type != ET_DYN) return refuse(path, "it is an ELF file but not a shared library" + fix);
  if (eh.e_shnum == 0 || eh.e_shentsize != sizeof(ElfW(Shdr)) ||
      eh.e_shoff + static_cast<uint64_t>(eh.e_shnum) * sizeof(ElfW(Shdr)) > size) {
    return refuse(path, "its ELF section headers are missing or damaged" + fix);
  }
  std::vector<ElfW(Shdr)> sections(eh.e_shnum);
  if (!readAt(fd.get(), eh.e_shoff, sections.data(), sections.size() * sizeof(ElfW(Shdr)))) {
    return refuse(path, "its ELF section headers cannot be read" + fix);
  }
  const std::string no_entry =
      "it does not export " OQM_ENTRY_SYMBOL "; build it with oqm_add_module() from the SDK";
  for (const auto& symtab : sections) {
    if (symtab.sh_type != SHT_DYNSYM) continue;
    if (symtab.sh_link >= sections.size() || symtab.sh_entsize != sizeof(ElfW(Sym))) break;
    const auto& strtab = sections[symtab.sh_link];
    if (symtab.sh_offset + symtab.sh_size > size || strtab.sh_offset + strtab.sh_size > size) {
      break;
    }
    std::vector<ElfW(Sym)> symbols(symtab.sh_size / sizeof(ElfW(Sym)));
    std::vector<char> names(strtab.sh_size + 1, '\0');
    if (!readAt(fd.get(), symtab.sh_offset, symbols.data(), symbols.size() * sizeof(ElfW(Sym))) ||
        !readAt(fd.get(), strtab.sh_offset, names.data(), strtab.sh_size)) {
      break;
    }
    for (const auto& sym : symbols) {
      if (sym.st_name >= strtab.sh_size) continue;
      if (std::strcmp(names.data() + sym.st_name, OQM_ENTRY_SYMBOL) != 0) continue;
      const unsigned bind = ELF64_ST_BIND(sym.st_info);
      const unsigned type = ELF64_ST_TYPE(sym.st_info);
      const unsigned visibility = ELF64_ST_VISIBILITY(sym.st_other);
      if (sym.st_shndx != SHN_UNDEF && (bind == STB_GLOBAL || bind == STB_WEAK) &&
          (type == STT_FUNC || type == STT_GNU_IFUNC) &&
          (visibility == STV_DEFAULT || visibility == STV_PROTECTED)) {
        return Status::ok();
      }
    }
    break;
  }
  return refuse(path, no_entry);
}

std::optional<FlagType> optionFlagType(uint32_t type, const std::string& default_value) {
  switch (type) {
    case OQM_OPTION_BOOL:
      return FlagType::Bool;
    case OQM_OPTION_STRING:
      return FlagType::String;
    case OQM_OPTION_INTEGER:
      return FlagType::Int64;
  }
  return std::nullopt;
}

}  // namespace

ModuleLoader::ModuleLoader(Registry& registry, Flags& flags) : registry_(registry), flags_(flags) {}

ModuleLoader::~ModuleLoader() {
  std::lock_guard<std::mutex> op(operation_mutex_);
  while (!loaded_.empty()) {
    auto st = unloadLocked(loaded_.size() - 1, /*force=*/true);
    if (!st) LOG(WARNING) << st.message();
  }
}

void ModuleLoader::setUnregisteredHook(UnregisteredHook hook) {
  std::lock_guard<std::mutex> op(operation_mutex_);
  unregistered_hook_ = std::move(hook);
}

Result<ModuleInfo> ModuleLoader::load(const std::string& given_path) {
  std::lock_guard<std::mutex> op(operation_mutex_);
  std::string path = given_path;
  try {
    std::error_code ec;
    fs::path absolute = fs::absolute(given_path, ec);
    if (!ec) path = absolute.lexically_normal().string();
    return loadLocked(path);
  } catch (const std::exception& e) {
    return refuse(path, std::string("an unexpected error occurred (") + e.what() +
                            "); check the file and try again");
  } catch (...) {
    return refuse(path, "an unexpected error occurred; check the file and try again");
  }
}

Result<ModuleInfo> ModuleLoader::loadLocked(const std::string& path) {
  // 1 and 2: nothing of the file runs before these pass.
  if (auto st = checkFile(path); !st) return st;
  if (auto st = checkEntrySymbol(path); !st) return st;

  // 3. Map it and read the manifest. A file still mapped although no module has it loaded is
  // an image that could not be unmapped at unload: dlopen would hand back that old code.
  const bool was_resident = isResident(path);
  auto loaded = std::make_unique<Loaded>();
  try {
    loaded->library.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    return refuse(path, std::string("the dynamic loader cannot load it (") + e.what() +
                            "); check that the libraries it needs are installed");
  }
  const oqm_manifest* (*entry)() = nullptr;
  try {
    entry = &loaded->library.get<const oqm_manifest*()>(OQM_ENTRY_SYMBOL);
  } catch (const std::exception&) {
    return refuse(path, "it does not export " OQM_ENTRY_SYMBOL
                        "; build it with oqm_add_module() from the SDK");
  }
  const oqm_manifest* m = entry();
  if (m == nullptr) {
    return refuse(path, OQM_ENTRY_SYMBOL " returned no manifest; fix the module's entry point");
  }
  // size and abi_major lie in the first bytes every ABI version keeps.
  if (m->size < offsetof(oqm_manifest, abi_minor)) {
    return refuse(path, "its manifest is " + std::to_string(m->size) +
                            " bytes, too short to be one; rebuild it against this SDK");
  }
  if (m->abi_major != OQM_ABI_MAJOR) {
    return refuse(path, "it was built for module ABI " + std::to_string(m->abi_major) +
                            " but this osquery speaks ABI " + std::to_string(OQM_ABI_MAJOR) +
                            "; rebuild it against this SDK");
  }
  if (m->size < kManifestV10Size) {
    return refuse(path, "its manifest is " + std::to_string(m->size) +
                            " bytes, shorter than the ABI 1.0 layout (" +
                            std::to_string(kManifestV10Size) +
                            " bytes); rebuild it against this SDK");
  }
  std::string name = m->name != nullptr ? m->name : "";
  if (!isModuleName(name)) {
    return refuse(path, "its name '" + name +
                            "' is not a valid module name (lowercase letters, digits and "
                            "underscores); fix the name in its OQM_MODULE() or manifest");
  }
  for (const auto& other : loaded_) {
    if (other->info.name == name) {
      return refuse(path, "a module named " + name + " is already loaded (from " +
                              other->info.path + "); unload it first (.unload " + name + ")");
    }
  }
  if (was_resident) {
    return refuse(path,
                  "an earlier image of this file is still mapped in this process (it could "
                  "not be unmapped when it was unloaded), so loading it again would run the "
                  "old code; copy the new file to a new path and load that, or restart");
  }
  if (m->init == nullptr) {
    return refuse(path, "its manifest has no init function; fix the module's manifest");
  }
  if (m->n_options > 0 && m->options == nullptr) {
    return refuse(path, "its manifest declares " + std::to_string(m->n_options) +
                            " options but gives none; fix the module's manifest");
  }

  // 4. Its options become flags.
  for (uint32_t i = 0; i < m->n_options; ++i) {
    const oqm_option& o = m->options[i];
    auto fail = [&](const std::string& reason) {
      flags_.removeModuleOptions(name);
      return refuse(path, reason);
    };
    std::string option = o.name != nullptr ? o.name : "";
    if (o.size < kOptionV10Size) {
      return fail("its option " + std::to_string(i) +
                  " is shorter than the ABI 1.0 layout; rebuild it against this SDK");
    }
    if (!isModuleName(option)) {
      return fail("its option name '" + option +
                  "' is not valid (lowercase letters, digits and underscores); fix the module");
    }
    std::string default_value = o.default_value != nullptr ? o.default_value : "";
    auto type = optionFlagType(o.type, default_value);
    if (!type) {
      return fail("its option " + option + " has unknown type " + std::to_string(o.type) +
                  "; fix the module");
    }
    if (!Flags::valueParses(*type, default_value)) {
      return fail("its option " + option + " has the default '" + default_value +
                  "', which is not a valid " + Flags::typeName(*type) + "; fix the module");
    }
    FlagDefinition def;
    def.name = option;
    def.type = *type;
    def.default_value = default_value;
    def.description = OQM_HAS(&o, description) && o.description != nullptr ? o.description : "";
    def.kind = FlagKind::Option;
    def.owner = name;
    if (auto st = flags_.defineModuleOption(std::move(def)); !st) {
      return fail("its option " + option + " clashes with an existing flag (" + st.message() +
                  "); rename the option");
    }
  }

  // 5. init, with a host API bound to this module.
  loaded->manifest = m;
  loaded->gate = std::make_shared<LeaseGate>();
  loaded->info.id = next_id_++;
  loaded->info.name = name;
  loaded->info.version = m->version != nullptr ? m->version : "";
  loaded->info.path = path;
  loaded->info.abi_major = m->abi_major;
  loaded->info.abi_minor = m->abi_minor;
  loaded->host =
      std::make_unique<ModuleHost>(registry_, flags_, Owner{loaded->info.id, name, loaded->gate});
  std::vector<char> message(kErrorCapacity, '\0');
  oqm_error err{sizeof(oqm_error), static_cast<uint32_t>(message.size()), message.data()};
  int32_t rc = m->init(loaded->host->api(), &loaded->state, &err);
  loaded->host->closeRegistration();
  if (rc != OQM_OK) {
    std::string reason = withoutFinalPeriod(message.data());
    if (reason.empty()) reason = "it gave no reason";
    // Roll back exactly as an unload does; the library closes when `loaded` goes.
    loaded->host->unregister();
    if (unregistered_hook_) unregistered_hook_(loaded->info);
    loaded->gate->closeAndWait();
    loaded->host->destroyAll();
    flags_.removeModuleOptions(name);
    if (m->shutdown != nullptr) m->shutdown(loaded->state);
    return refuse(path, "init failed: " + reason);
  }
  loaded->info.tables = loaded->host->tableNames();
  loaded->info.plugins = loaded->host->pluginNames();
  ModuleInfo info = loaded->info;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    loaded_.push_back(std::move(loaded));
  }
  LOG(INFO) << "Loaded module " << info.name << " " << info.version << " from " << info.path;
  return info;
}

Status ModuleLoader::unload(const std::string& name) {
  std::lock_guard<std::mutex> op(operation_mutex_);
  for (size_t i = 0; i < loaded_.size(); ++i) {
    if (loaded_[i]->info.name == name) return unloadLocked(i, /*force=*/false);
  }
  return Status::error("No module named " + name +
                       " is loaded; .modules (or SELECT * FROM osquery_extensions) lists the "
                       "loaded ones.");
}

Status ModuleLoader::unloadLocked(size_t index, bool force) {
  Loaded& m = *loaded_[index];
  const std::string name = m.info.name;  // a copy: m goes away below
  if (!force) {
    // A subscriber of another module would be left without its publisher.
    std::set<std::string> publishers;
    auto plugins = registry_.plugins();
    for (const auto& p : plugins) {
      if (p->registry == "event_publisher" && p->owner.id == m.info.id) publishers.insert(p->name);
    }
    for (const auto& p : plugins) {
      if (p->registry == "event_subscriber" && p->owner.id != m.info.id &&
          p->subscriber.publisher != nullptr && publishers.count(p->subscriber.publisher)) {
        return Status::error("Module " + name + " cannot be unloaded: event table " + p->name +
                             " of module " + p->owner.name + " uses its publisher " +
                             p->subscriber.publisher + "; unload " + p->owner.name + " first.");
      }
    }
    if (m.manifest->can_unload != nullptr) {
      std::vector<char> message(kErrorCapacity, '\0');
      oqm_error err{sizeof(oqm_error), static_cast<uint32_t>(message.size()), message.data()};
      if (m.manifest->can_unload(m.state, &err) != OQM_OK) {
        std::string reason = withoutFinalPeriod(message.data());
        if (reason.empty()) reason = "it gave no reason";
        return Status::error("Module " + name + " refuses to be unloaded: " + reason + ".");
      }
    }
  }

  // New statements stop seeing it, then running calls end, then its code may go.
  m.host->unregister();
  if (unregistered_hook_) {
    try {
      unregistered_hook_(m.info);
    } catch (const std::exception& e) {
      LOG(ERROR) << "unload of module " << name << ": " << e.what();
    }
  }
  m.gate->closeAndWait();
  m.host->destroyAll();
  flags_.removeModuleOptions(name);
  if (m.manifest->shutdown != nullptr) m.manifest->shutdown(m.state);

  std::unique_ptr<Loaded> gone;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    gone = std::move(loaded_[index]);
    loaded_.erase(loaded_.begin() + static_cast<std::ptrdiff_t>(index));
  }
  LOG(INFO) << "Unloaded module " << gone->info.name << " " << gone->info.version;
  const std::string path = gone->info.path;
  gone.reset();  // closes the library
  if (isResident(path)) {
    LOG(WARNING) << "Module " << name << " stays mapped after unload (" << path
                 << " is marked nodelete or holds unique symbols): to load a new version, "
                    "copy it to a new path first";
  }
  return Status::ok();
}

std::vector<ModuleInfo> ModuleLoader::modules() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<ModuleInfo> out;
  out.reserve(loaded_.size());
  for (const auto& m : loaded_) out.push_back(m->info);
  return out;
}

std::vector<Status> ModuleLoader::loadSelected(const std::string& default_dir) {
  std::vector<Status> refusals;
  std::set<std::string> attempted;
  auto attempt = [&](const std::string& path) {
    std::error_code ec;
    std::string key = fs::absolute(path, ec).lexically_normal().string();
    if (ec) key = path;
    if (!attempted.insert(key).second) return;  // the same file selected twice
    auto r = load(path);
    if (!r) refusals.push_back(r.status());
  };

  const std::string flag_dir = flags_.getString("modules_dir");
  const std::string dir = flag_dir.empty() ? default_dir : flag_dir;
  if (!flags_.getBool("disable_modules") && !dir.empty()) {
    if (!flags_.getString("modules").empty()) {
      for (const auto& item : flags_.getList("modules")) {
        std::string file =
            item.size() > 3 && item.compare(item.size() - 3, 3, ".so") == 0 ? item : item + ".so";
        attempt((fs::path(dir) / file).string());
      }
    } else {
      std::error_code ec;
      if (fs::is_directory(dir, ec)) {
        std::vector<std::string> files;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
          const fs::path& p = it->path();
          if (p.extension() == ".so") files.push_back(p.string());
        }
        std::sort(files.begin(), files.end());
        for (const auto& f : files) attempt(f);
      } else if (!flag_dir.empty()) {
        refusals.push_back(Status::error("The module directory " + dir +
                                         " given by --modules_dir does not exist or is not a "
                                         "directory; fix --modules_dir."));
      }
    }
  }
  for (const auto& path : flags_.getList("module")) attempt(path);
  return refusals;
}

std::string ModuleLoader::defaultModulesDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  fs::path prefix = (exe.parent_path() / "..").lexically_normal();
  fs::path primary = prefix / "lib" / "osquery" / "modules";
  if (fs::is_directory(primary, ec)) return primary.string();
  // Installs whose CMAKE_INSTALL_LIBDIR is lib64 or a multiarch lib/<triplet>.
  fs::path lib64 = prefix / "lib64" / "osquery" / "modules";
  if (fs::is_directory(lib64, ec)) return lib64.string();
  for (fs::directory_iterator it(prefix / "lib", ec), end; !ec && it != end; it.increment(ec)) {
    fs::path candidate = it->path() / "osquery" / "modules";
    std::error_code ec2;
    if (fs::is_directory(candidate, ec2)) return candidate.string();
  }
  return primary.string();
}

}  // namespace oqk
