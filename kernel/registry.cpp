#include "kernel/registry.h"

#include <algorithm>

namespace oqk {

namespace {

bool isIdentifier(const std::string& s) {
  if (s.empty() || s.size() > 128) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

const char* TableDefinition::typeName(uint32_t type) {
  switch (type) {
    case OQM_TYPE_TEXT:
      return "TEXT";
    case OQM_TYPE_INTEGER:
      return "INTEGER";
    case OQM_TYPE_BIGINT:
      return "BIGINT";
    case OQM_TYPE_UNSIGNED_BIGINT:
      return "UNSIGNED BIGINT";
    case OQM_TYPE_DOUBLE:
      return "DOUBLE";
    case OQM_TYPE_BLOB:
      return "BLOB";
  }
  return "TEXT";
}

bool TableDefinition::hasRequiredColumns() const {
  return std::any_of(columns.begin(), columns.end(), [](const ColumnDefinition& c) {
    return (c.flags & OQM_COLUMN_REQUIRED) != 0;
  });
}

int TableDefinition::columnIndex(const std::string& column) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == column) return static_cast<int>(i);
  }
  return -1;
}

std::string TableDefinition::createStatement() const {
  std::string sql = "CREATE TABLE " + name + "(";
  std::vector<std::string> keys;
  for (size_t i = 0; i < columns.size(); ++i) {
    const auto& c = columns[i];
    if (i > 0) sql += ", ";
    sql += "`" + c.name + "` " + typeName(c.type);
    if (c.flags & OQM_COLUMN_HIDDEN) sql += " HIDDEN";
    if (!c.collate.empty()) sql += " COLLATE " + c.collate;
    if (c.flags & (OQM_COLUMN_INDEX | OQM_COLUMN_ADDITIONAL)) keys.push_back("`" + c.name + "`");
  }
  if (!keys.empty()) {
    sql += ", PRIMARY KEY (";
    for (size_t i = 0; i < keys.size(); ++i) sql += (i > 0 ? ", " : "") + keys[i];
    sql += ")";
  }
  sql += ")";
  if (!keys.empty()) sql += " WITHOUT ROWID";
  return sql;
}

TableDefinition TableDefinition::fromDescriptor(const oqm_table& t, Owner owner) {
  TableDefinition def;
  def.name = t.name != nullptr ? t.name : "";
  for (uint32_t i = 0; i < t.n_columns && t.columns != nullptr; ++i) {
    const oqm_column& c = t.columns[i];
    ColumnDefinition col;
    col.name = c.name != nullptr ? c.name : "";
    col.type = c.type;
    col.flags = c.flags;
    if (OQM_HAS(&c, collate) && c.collate != nullptr) col.collate = c.collate;
    def.columns.push_back(std::move(col));
  }
  def.attributes = t.attributes;
  def.user_data = t.user_data;
  def.generate = t.generate;
  const oqm_table* descriptor = &t;  // OQM_HAS checks for NULL; a reference never is
  def.destroy = OQM_HAS(descriptor, destroy) ? t.destroy : nullptr;
  def.owner = std::move(owner);
  return def;
}

Status Registry::addTable(std::shared_ptr<const TableDefinition> table) {
  if (!isIdentifier(table->name)) {
    return Status::error("table name '" + table->name + "' is not a valid identifier");
  }
  if (table->columns.empty()) return Status::error("table " + table->name + " has no columns");
  if (table->generate == nullptr) {
    return Status::error("table " + table->name + " has no generate function");
  }
  for (const auto& c : table->columns) {
    if (!isIdentifier(c.name)) {
      return Status::error("table " + table->name + ": column name '" + c.name +
                           "' is not a valid identifier");
    }
    if (c.type < OQM_TYPE_TEXT || c.type > OQM_TYPE_BLOB) {
      return Status::error("table " + table->name + ": column " + c.name + " has unknown type " +
                           std::to_string(c.type));
    }
    if (!c.collate.empty() && !isIdentifier(c.collate)) {
      return Status::error("table " + table->name + ": column " + c.name +
                           " has an invalid collation");
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = tables_.find(table->name);
  if (it != tables_.end()) {
    return Status::error("table " + table->name + " is already provided by " +
                         it->second->owner.name);
  }
  tables_[table->name] = std::move(table);
  ++generation_;
  return Status::ok();
}

Status Registry::addPlugin(std::shared_ptr<const PluginDefinition> plugin) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto key = std::make_pair(plugin->registry, plugin->name);
  auto it = plugins_.find(key);
  if (it != plugins_.end()) {
    return Status::error(plugin->registry + " plugin " + plugin->name + " is already provided by " +
                         it->second->owner.name);
  }
  plugins_[key] = std::move(plugin);
  ++generation_;
  return Status::ok();
}

std::vector<std::shared_ptr<const TableDefinition>> Registry::removeTablesOf(uint64_t owner_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::shared_ptr<const TableDefinition>> removed;
  for (auto it = tables_.begin(); it != tables_.end();) {
    if (it->second->owner.id == owner_id) {
      removed.push_back(it->second);
      it = tables_.erase(it);
    } else {
      ++it;
    }
  }
  if (!removed.empty()) ++generation_;
  return removed;
}

std::vector<std::shared_ptr<const PluginDefinition>> Registry::removePluginsOf(uint64_t owner_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::shared_ptr<const PluginDefinition>> removed;
  for (auto it = plugins_.begin(); it != plugins_.end();) {
    if (it->second->owner.id == owner_id) {
      removed.push_back(it->second);
      it = plugins_.erase(it);
    } else {
      ++it;
    }
  }
  if (!removed.empty()) ++generation_;
  return removed;
}

std::shared_ptr<const TableDefinition> Registry::table(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const TableDefinition>> Registry::tables() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::shared_ptr<const TableDefinition>> out;
  for (const auto& [name, t] : tables_) out.push_back(t);
  return out;
}

std::vector<std::shared_ptr<const PluginDefinition>> Registry::plugins() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::shared_ptr<const PluginDefinition>> out;
  for (const auto& [key, p] : plugins_) out.push_back(p);
  return out;
}

uint64_t Registry::generation() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return generation_;
}

}  // namespace oqk
