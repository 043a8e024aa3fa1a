#include "kernel/module_host.h"

#include <glog/logging.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <string_view>

namespace oqk {

namespace {

ModuleHost* self(oqm_host* host) {
  return reinterpret_cast<ModuleHost*>(host);
}

bool isIdentifier(const std::string& s) {
  if (s.empty() || s.size() > 128) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// The bytes of the 1.0 layout up to and including `field`: a descriptor shorter than that was
// not written against this ABI.
#define OQM_MIN_SIZE(type, field) \
  (offsetof(type, field) + sizeof(static_cast<type*>(nullptr)->field))

// A copy of a size-prefixed descriptor: the fields its writer knew, the others zero (NULL), and
// `size` the part that was actually copied, so OQM_HAS keeps working on the copy.
template <typename T>
T copyDescriptor(const T& src) {
  T out{};
  size_t n = std::min<size_t>(src.size, sizeof(T));
  std::memcpy(&out, &src, n);
  out.size = static_cast<uint32_t>(n);
  return out;
}

std::string cString(const char* s) {
  return s != nullptr ? std::string(s) : std::string();
}

// Runs a registration body; no exception may travel back into the module's C code.
template <typename F>
int32_t guarded(oqm_error* err, F&& body) {
  try {
    Status st = body();
    if (st) return OQM_OK;
    oqm_error_set(err, st.message().c_str());
    return OQM_ERROR;
  } catch (const std::exception& e) {
    oqm_error_set(err, e.what());
  } catch (...) {
    oqm_error_set(err, "unknown error in the host");
  }
  return OQM_ERROR;
}

// Copies event columns (a publisher's fields or a subscriber's columns) into `def`. The strings
// go into def->strings, which the caller reserved, so their addresses stay put.
Status copyColumns(const std::string& what, const oqm_column* columns, uint32_t n,
                   PluginDefinition& def) {
  if (n > 0 && columns == nullptr) return Status::error(what + " declares columns but gives none");
  for (uint32_t i = 0; i < n; ++i) {
    const oqm_column& c = columns[i];
    if (c.size < OQM_MIN_SIZE(oqm_column, flags)) {
      return Status::error(what + ": column " + std::to_string(i) +
                           " is shorter than the ABI 1.0 layout");
    }
    std::string name = cString(c.name);
    if (!isIdentifier(name)) {
      return Status::error(what + ": column name '" + name + "' is not a valid identifier");
    }
    if (c.type < OQM_TYPE_TEXT || c.type > OQM_TYPE_BLOB) {
      return Status::error(what + ": column " + name + " has unknown type " +
                           std::to_string(c.type));
    }
    oqm_column copy{};
    copy.size = sizeof(oqm_column);
    copy.type = c.type;
    copy.flags = c.flags;
    def.strings.push_back(std::move(name));
    copy.name = def.strings.back().c_str();
    if (OQM_HAS(&c, collate) && c.collate != nullptr) {
      def.strings.push_back(c.collate);
      copy.collate = def.strings.back().c_str();
    }
    def.columns.push_back(copy);
  }
  return Status::ok();
}

}  // namespace

ModuleHost::ModuleHost(Registry& registry, Flags& flags, Owner owner)
    : registry_(registry), flags_(flags), owner_(std::move(owner)) {
  api_.size = sizeof(oqm_host_api);
  api_.abi_major = OQM_ABI_MAJOR;
  api_.abi_minor = OQM_ABI_MINOR;
  api_.host = reinterpret_cast<oqm_host*>(this);
  api_.register_table = &ModuleHost::registerTable;
  api_.register_publisher = &ModuleHost::registerPublisher;
  api_.register_subscriber = &ModuleHost::registerSubscriber;
  api_.register_logger = &ModuleHost::registerLogger;
  api_.register_config = &ModuleHost::registerConfig;
  api_.log = &ModuleHost::log;
  api_.get_option = &ModuleHost::getOption;
}

Status ModuleHost::checkOpen(const std::string& what) const {
  if (registration_open_) return Status::ok();
  return Status::error("module " + owner_.name + " tried to register " + what +
                       " after its init returned; contributions can only be registered "
                       "during init");
}

std::string ModuleHost::existingTableOwner(const std::string& name) const {
  if (auto t = registry_.table(name)) return t->owner.name;
  for (const auto& p : registry_.plugins()) {
    if (p->registry == "event_subscriber" && p->name == name) return p->owner.name;
  }
  return "";
}

Status ModuleHost::addTable(const oqm_table* table) {
  if (table == nullptr) return Status::error("register_table was given no table");
  std::string name = cString(table->name);
  auto st = checkOpen("table " + name);
  if (!st) return st;
  if (table->size < OQM_MIN_SIZE(oqm_table, generate)) {
    return Status::error("table " + name + " has a descriptor of " + std::to_string(table->size) +
                         " bytes, shorter than the ABI 1.0 layout");
  }
  if (table->n_columns > 0 && table->columns == nullptr) {
    return Status::error("table " + name + " declares columns but gives none");
  }
  for (uint32_t i = 0; i < table->n_columns; ++i) {
    if (table->columns[i].size < OQM_MIN_SIZE(oqm_column, flags)) {
      return Status::error("table " + name + ": column " + std::to_string(i) +
                           " is shorter than the ABI 1.0 layout");
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  std::string existing = existingTableOwner(name);
  if (!existing.empty()) {
    return Status::error("table " + name + " is already provided by module " + existing);
  }
  auto def = std::make_shared<TableDefinition>(TableDefinition::fromDescriptor(*table, owner_));
  st = registry_.addTable(def);
  if (!st) return st;
  tables_.push_back(name);
  return Status::ok();
}

Status ModuleHost::addPlugin(std::shared_ptr<PluginDefinition> plugin) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (plugin->registry == "event_subscriber") {
    std::string existing = existingTableOwner(plugin->name);
    if (!existing.empty()) {
      return Status::error("table " + plugin->name + " is already provided by module " + existing);
    }
  }
  std::string label = plugin->registry + " " + plugin->name;
  auto st = registry_.addPlugin(std::move(plugin));
  if (!st) return st;
  plugins_.push_back(std::move(label));
  return Status::ok();
}

int32_t ModuleHost::registerTable(oqm_host* host, const oqm_table* table, oqm_error* err) {
  return guarded(err, [&] { return self(host)->addTable(table); });
}

int32_t ModuleHost::registerPublisher(oqm_host* host, const oqm_publisher* p, oqm_error* err) {
  return guarded(err, [&]() -> Status {
    ModuleHost* h = self(host);
    if (p == nullptr) return Status::error("register_publisher was given no publisher");
    std::string name = cString(p->name);
    auto st = h->checkOpen("event publisher " + name);
    if (!st) return st;
    if (p->size < OQM_MIN_SIZE(oqm_publisher, teardown)) {
      return Status::error("event publisher " + name + " is shorter than the ABI 1.0 layout");
    }
    if (!isIdentifier(name)) {
      return Status::error("event publisher name '" + name + "' is not a valid identifier");
    }
    if (p->run == nullptr || p->stop == nullptr) {
      return Status::error("event publisher " + name + " needs both run and stop");
    }
    auto def = std::make_shared<PluginDefinition>();
    def->registry = "event_publisher";
    def->name = name;
    def->owner = h->owner_;
    def->strings.reserve(1 + 2 * static_cast<size_t>(p->n_fields));
    def->strings.push_back(name);
    def->publisher = copyDescriptor(*p);
    def->publisher.name = def->strings.front().c_str();
    st = copyColumns("event publisher " + name, p->fields, p->n_fields, *def);
    if (!st) return st;
    def->publisher.fields = def->columns.empty() ? nullptr : def->columns.data();
    return h->addPlugin(std::move(def));
  });
}

int32_t ModuleHost::registerSubscriber(oqm_host* host, const oqm_subscriber* s, oqm_error* err) {
  return guarded(err, [&]() -> Status {
    ModuleHost* h = self(host);
    if (s == nullptr) return Status::error("register_subscriber was given no subscriber");
    std::string table = cString(s->table);
    auto st = h->checkOpen("event subscriber " + table);
    if (!st) return st;
    if (s->size < OQM_MIN_SIZE(oqm_subscriber, destroy)) {
      return Status::error("event subscriber " + table + " is shorter than the ABI 1.0 layout");
    }
    if (!isIdentifier(table)) {
      return Status::error("event table name '" + table + "' is not a valid identifier");
    }
    std::string publisher = cString(s->publisher);
    if (!isIdentifier(publisher)) {
      return Status::error("event subscriber " + table + " names no valid publisher");
    }
    if (s->on_event == nullptr) {
      return Status::error("event subscriber " + table + " has no on_event function");
    }
    if (s->n_columns == 0) return Status::error("event table " + table + " has no columns");
    auto def = std::make_shared<PluginDefinition>();
    def->registry = "event_subscriber";
    def->name = table;
    def->owner = h->owner_;
    def->strings.reserve(2 + 2 * static_cast<size_t>(s->n_columns));
    def->strings.push_back(table);
    def->strings.push_back(publisher);
    def->subscriber = copyDescriptor(*s);
    def->subscriber.table = def->strings[0].c_str();
    def->subscriber.publisher = def->strings[1].c_str();
    st = copyColumns("event table " + table, s->columns, s->n_columns, *def);
    if (!st) return st;
    def->subscriber.columns = def->columns.data();
    return h->addPlugin(std::move(def));
  });
}

int32_t ModuleHost::registerLogger(oqm_host* host, const oqm_logger* l, oqm_error* err) {
  return guarded(err, [&]() -> Status {
    ModuleHost* h = self(host);
    if (l == nullptr) return Status::error("register_logger was given no logger");
    std::string name = cString(l->name);
    auto st = h->checkOpen("logger " + name);
    if (!st) return st;
    if (l->size < OQM_MIN_SIZE(oqm_logger, shutdown)) {
      return Status::error("logger " + name + " is shorter than the ABI 1.0 layout");
    }
    if (!isIdentifier(name)) {
      return Status::error("logger name '" + name + "' is not a valid identifier");
    }
    if (l->log_batch == nullptr) return Status::error("logger " + name + " has no log_batch");
    auto def = std::make_shared<PluginDefinition>();
    def->registry = "logger";
    def->name = name;
    def->owner = h->owner_;
    def->strings.reserve(1);
    def->strings.push_back(name);
    def->logger = copyDescriptor(*l);
    def->logger.name = def->strings.front().c_str();
    return h->addPlugin(std::move(def));
  });
}

int32_t ModuleHost::registerConfig(oqm_host* host, const oqm_config_plugin* c, oqm_error* err) {
  return guarded(err, [&]() -> Status {
    ModuleHost* h = self(host);
    if (c == nullptr) return Status::error("register_config was given no config plugin");
    std::string name = cString(c->name);
    auto st = h->checkOpen("config plugin " + name);
    if (!st) return st;
    if (c->size < OQM_MIN_SIZE(oqm_config_plugin, destroy)) {
      return Status::error("config plugin " + name + " is shorter than the ABI 1.0 layout");
    }
    if (!isIdentifier(name)) {
      return Status::error("config plugin name '" + name + "' is not a valid identifier");
    }
    if (c->gen_config == nullptr) {
      return Status::error("config plugin " + name + " has no gen_config");
    }
    auto def = std::make_shared<PluginDefinition>();
    def->registry = "config";
    def->name = name;
    def->owner = h->owner_;
    def->strings.reserve(1);
    def->strings.push_back(name);
    def->config = copyDescriptor(*c);
    def->config.name = def->strings.front().c_str();
    return h->addPlugin(std::move(def));
  });
}

void ModuleHost::log(oqm_host* host, int32_t severity, const char* message, size_t length) {
  try {
    ModuleHost* h = self(host);
    std::string_view text =
        message != nullptr ? std::string_view(message, length) : std::string_view();
    switch (severity) {
      case OQM_SEVERITY_WARNING:
        LOG(WARNING) << h->owner_.name << ": " << text;
        break;
      case OQM_SEVERITY_ERROR:
        LOG(ERROR) << h->owner_.name << ": " << text;
        break;
      default:
        LOG(INFO) << h->owner_.name << ": " << text;
        break;
    }
  } catch (...) {
    // A status line is not worth an exception in a module's C code.
  }
}

int64_t ModuleHost::getOption(oqm_host* host, const char* name, char* buffer, size_t capacity) {
  try {
    if (name == nullptr) return -1;
    auto value = self(host)->flags_.get(name);
    if (!value) return -1;
    if (buffer != nullptr && capacity > 0) {
      size_t n = std::min(value->size(), capacity - 1);
      std::memcpy(buffer, value->data(), n);
      buffer[n] = '\0';
    }
    return static_cast<int64_t>(value->size());
  } catch (...) {
    return -1;
  }
}

void ModuleHost::unregister() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (unregistered_) return;
  unregistered_ = true;
  registration_open_ = false;
  removed_tables_ = registry_.removeTablesOf(owner_.id);
  removed_plugins_ = registry_.removePluginsOf(owner_.id);
}

void ModuleHost::destroyAll() {
  unregister();
  std::vector<std::shared_ptr<const TableDefinition>> tables;
  std::vector<std::shared_ptr<const PluginDefinition>> plugins;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tables.swap(removed_tables_);
    plugins.swap(removed_plugins_);
  }
  for (const auto& t : tables) {
    if (t->destroy != nullptr) t->destroy(t->user_data);
  }
  for (const auto& p : plugins) {
    if (p->registry == "event_subscriber" && OQM_HAS(&p->subscriber, destroy) &&
        p->subscriber.destroy != nullptr) {
      p->subscriber.destroy(p->subscriber.user_data);
    } else if (p->registry == "config" && OQM_HAS(&p->config, destroy) &&
               p->config.destroy != nullptr) {
      p->config.destroy(p->config.user_data);
    }
  }
}

void ModuleHost::removeAll() {
  unregister();
  if (owner_.gate) owner_.gate->closeAndWait();
  destroyAll();
}

}  // namespace oqk
