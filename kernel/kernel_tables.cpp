#include "kernel/kernel_tables.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#include "kernel/host_identity.h"
#include "kernel/log_forwarder.h"
#include "kernel/scheduler.h"

namespace oqk {
namespace {

// Writes one row into an oqm_row_sink by column position.
class RowWriter {
 public:
  explicit RowWriter(const oqm_row_sink* sink) : sink_(sink) {}
  RowWriter& begin() {
    sink_->begin(sink_->ctx);
    column_ = 0;
    return *this;
  }
  RowWriter& text(const std::string& v) {
    sink_->set_text(sink_->ctx, column_++, v.data(), v.size());
    return *this;
  }
  RowWriter& integer(int64_t v) {
    sink_->set_integer(sink_->ctx, column_++, v);
    return *this;
  }
  bool end() { return sink_->end(sink_->ctx) == OQM_OK; }

 private:
  const oqm_row_sink* sink_;
  uint32_t column_ = 0;
};

struct KernelTable {
  std::function<void(RowWriter&)> produce;

  static int32_t generate(void* ud, const oqm_query*, const oqm_row_sink* out, oqm_error* err) {
    try {
      RowWriter writer(out);
      static_cast<KernelTable*>(ud)->produce(writer);
      return OQM_OK;
    } catch (const std::exception& e) {
      oqm_error_set(err, e.what());
      return OQM_ERROR;
    }
  }
};

ColumnDefinition col(const char* name, uint32_t type, const char* collate = "") {
  return ColumnDefinition{name, type, 0, collate};
}
constexpr uint32_t T = OQM_TYPE_TEXT, I = OQM_TYPE_INTEGER, B = OQM_TYPE_BIGINT;

std::string utcTime(const std::tm& tm, const char* format) {
  char buf[128];
  std::strftime(buf, sizeof(buf), format, &tm);
  return buf;
}

}  // namespace

struct KernelTables::State {
  State(Registry& r, Flags& f, const ModuleLoader& l, std::string kind)
      : registry(r), flags(f), loader(l), instance_kind(std::move(kind)) {}

  Registry& registry;
  Flags& flags;
  const ModuleLoader& loader;
  std::string instance_kind;
  int64_t start_time = 0;
  std::string instance_id;
  std::atomic<const Scheduler*> scheduler{nullptr};
  std::atomic<const LogForwarder*> forwarder{nullptr};
  std::vector<std::unique_ptr<KernelTable>> tables;
  Owner owner;

  void add(const std::string& name, std::vector<ColumnDefinition> columns,
           std::function<void(RowWriter&)> produce) {
    auto impl = std::make_unique<KernelTable>();
    impl->produce = std::move(produce);
    auto def = std::make_shared<TableDefinition>();
    def->name = name;
    def->columns = std::move(columns);
    def->attributes = OQM_TABLE_UTILITY;
    def->user_data = impl.get();
    def->generate = &KernelTable::generate;
    def->owner = owner;
    Status s = registry.addTable(def);
    if (s) tables.push_back(std::move(impl));
  }
};

KernelTables::KernelTables(Registry& registry, Flags& flags, const ModuleLoader& loader,
                           std::string instance_kind)
    : state_(std::make_unique<State>(registry, flags, loader, std::move(instance_kind))) {
  State& st = *state_;
  st.start_time = static_cast<int64_t>(std::time(nullptr));
  st.instance_id = randomUuid();
  st.owner = Owner{0, "core", std::make_shared<LeaseGate>()};

  st.add("osquery_info",
         {col("pid", I), col("uuid", T, "nocase"), col("instance_id", T),
          col("version", T, "version"), col("config_hash", T, "nocase"), col("config_valid", I),
          col("extensions", T), col("build_platform", T), col("build_distro", T),
          col("start_time", I), col("watcher", I), col("platform_mask", I)},
         [&st](RowWriter& w) {
           bool daemon = st.instance_kind == "daemon";
           w.begin()
               .integer(getpid())
               .text(hostUuid())
               .text(st.instance_id)
               .text(OQM_OSQUERY_VERSION)
               .text("")
               .integer(0)
               .text(st.loader.modules().empty() ? "inactive" : "active")
               .text("linux")
               .text(OQM_BUILD_DISTRO)
               .integer(st.start_time)
               .integer(daemon ? static_cast<int64_t>(getppid()) : -1)
               .integer(9);  // kPlatformPosix | kPlatformLinux
           w.end();
         });

  st.add("osquery_flags",
         {col("name", T), col("type", T), col("description", T), col("default_value", T),
          col("value", T), col("shell_only", I)},
         [&st](RowWriter& w) {
           for (const auto& e : st.flags.all()) {
             if (e.def.name.size() <= 2) continue;  // osquery hides S, D, L, A
             w.begin()
                 .text(e.def.name)
                 .text(Flags::typeName(e.def.type))
                 .text(e.def.description)
                 .text(e.def.default_value)
                 .text(e.value)
                 .integer(e.def.kind == FlagKind::Shell ? 1 : 0);
             if (!w.end()) return;
           }
         });

  st.add("osquery_registry",
         {col("registry", T), col("name", T), col("owner_uuid", I), col("internal", I),
          col("active", I)},
         [&st](RowWriter& w) {
           for (const auto& t : st.registry.tables()) {
             w.begin().text("table").text(t->name).integer(static_cast<int64_t>(t->owner.id));
             w.integer(0).integer(1);
             if (!w.end()) return;
           }
           for (const auto& p : st.registry.plugins()) {
             w.begin().text(p->registry).text(p->name).integer(static_cast<int64_t>(p->owner.id));
             w.integer(0).integer(1);
             if (!w.end()) return;
           }
         });

  st.add("osquery_extensions",
         {col("uuid", B), col("name", T), col("version", T, "version"),
          col("sdk_version", T, "version"), col("path", T), col("type", T)},
         [&st](RowWriter& w) {
           w.begin().integer(0).text("core").text(OQM_OSQUERY_VERSION).text("0.0.0");
           w.text(executablePath()).text("core");
           if (!w.end()) return;
           for (const auto& m : st.loader.modules()) {
             w.begin().integer(static_cast<int64_t>(m.id)).text(m.name).text(m.version);
             w.text(std::to_string(m.abi_major) + "." + std::to_string(m.abi_minor));
             w.text(m.path).text("extension");
             if (!w.end()) return;
           }
         });

  st.add("osquery_schedule",
         {col("name", T), col("query", T), col("interval", I), col("executions", B),
          col("last_executed", B), col("denylisted", I), col("output_size", B), col("wall_time", B),
          col("wall_time_ms", B), col("last_wall_time_ms", B), col("user_time", B),
          col("last_user_time", B), col("system_time", B), col("last_system_time", B),
          col("average_memory", B), col("last_memory", B)},
         [&st](RowWriter& w) {
           const Scheduler* scheduler = st.scheduler.load();
           if (scheduler == nullptr) return;
           auto stats = scheduler->stats();
           for (const auto& q : scheduler->scheduledQueries()) {
             QueryStats s = stats.count(q.name) != 0 ? stats.at(q.name) : QueryStats{};
             w.begin().text(q.name).text(q.query).integer(static_cast<int64_t>(q.interval));
             for (uint64_t v : {s.executions, static_cast<uint64_t>(s.last_executed)}) {
               w.integer(static_cast<int64_t>(v));
             }
             w.integer(0);  // denylisted: no watchdog denylist yet
             for (uint64_t v : {s.output_size, s.wall_time, s.wall_time_ms, s.last_wall_time_ms,
                                s.user_time, s.last_user_time, s.system_time, s.last_system_time,
                                s.average_memory, s.last_memory}) {
               w.integer(static_cast<int64_t>(v));
             }
             if (!w.end()) return;
           }
         });

  st.add("osquery_packs",
         {col("name", T), col("platform", T), col("version", T), col("shard", I),
          col("discovery_cache_hits", I), col("discovery_executions", I), col("active", I)},
         [&st](RowWriter& w) {
           const Scheduler* scheduler = st.scheduler.load();
           if (scheduler == nullptr) return;
           for (const auto& [name, active] : scheduler->packs()) {
             if (name == "main") continue;
             w.begin().text(name).text("").text("").integer(0).integer(0).integer(0);
             w.integer(active ? 1 : 0);
             if (!w.end()) return;
           }
         });

  // Not in osquery: what each active logger delivered, retried, dropped and still holds, and
  // whether its delivery is stalled (since when, and why).
  st.add("osquery_logger_status",
         {col("logger", T), col("sent", B), col("retried", B), col("dropped", B), col("purged", B),
          col("buffered", B), col("stalled", I), col("stalled_since", B), col("last_error", T)},
         [&st](RowWriter& w) {
           const LogForwarder* forwarder = st.forwarder.load();
           if (forwarder == nullptr) return;
           for (const auto& s : forwarder->status()) {
             w.begin().text(s.logger);
             for (uint64_t v : {s.counters.sent, s.counters.retried, s.counters.dropped,
                                s.counters.purged, s.buffered}) {
               w.integer(static_cast<int64_t>(v));
             }
             w.integer(s.stalled_since != 0 ? 1 : 0).integer(s.stalled_since).text(s.last_error);
             if (!w.end()) return;
           }
         });

  st.add("time",
         {col("weekday", T), col("year", I), col("month", I), col("day", I), col("hour", I),
          col("minutes", I), col("seconds", I), col("timezone", T), col("local_timezone", T),
          col("unix_time", I), col("timestamp", T), col("datetime", T), col("iso_8601", T)},
         [](RowWriter& w) {
           std::time_t now = std::time(nullptr);
           std::tm utc{}, local{};
           gmtime_r(&now, &utc);
           localtime_r(&now, &local);
           std::string iso = utcTime(utc, "%Y-%m-%dT%H:%M:%SZ");
           w.begin()
               .text(utcTime(utc, "%A"))
               .integer(utc.tm_year + 1900)
               .integer(utc.tm_mon + 1)
               .integer(utc.tm_mday)
               .integer(utc.tm_hour)
               .integer(utc.tm_min)
               .integer(utc.tm_sec)
               .text("UTC")
               .text(local.tm_zone != nullptr ? local.tm_zone : "UTC")
               .integer(static_cast<int64_t>(now))
               .text(utcTime(utc, "%a %b %e %H:%M:%S %Y UTC"))
               .text(iso)
               .text(iso);
           w.end();
         });
}

void KernelTables::attachScheduler(const Scheduler* scheduler) {
  state_->scheduler = scheduler;
}

void KernelTables::attachForwarder(const LogForwarder* forwarder) {
  state_->forwarder = forwarder;
}

KernelTables::~KernelTables() {
  state_->registry.removeTablesOf(state_->owner.id);
}

}  // namespace oqk
