// flag_definitions.cpp: osquery's flags with their Linux defaults, so that existing flagfiles
// and config `options` are accepted unchanged. Flags whose feature is served by a later
// component are defined here already: setting them is never an error.
#include <string_view>

#include "kernel/flags.h"

namespace oqk {

namespace {

struct Def {
  const char* name;
  FlagType type;
  const char* value;
  FlagKind kind;
  const char* description;
};

constexpr FlagType B = FlagType::Bool;
constexpr FlagType I = FlagType::Int32;
constexpr FlagType U = FlagType::UInt64;
constexpr FlagType S = FlagType::String;
constexpr FlagKind O = FlagKind::Option;
constexpr FlagKind C = FlagKind::Cli;
constexpr FlagKind SH = FlagKind::Shell;
constexpr FlagKind H = FlagKind::Hidden;

const Def kDefinitions[] = {
    // Process, paths and identity.
    {"flagfile", S, "", C, "Line-delimited file of additional flags"},
    {"config_plugin", S, "filesystem", C, "Config plugin name"},
    {"config_path", S, "/etc/osquery/osquery.conf", C, "Path to JSON config file"},
    {"config_check", B, "false", C, "Check the format of an osquery config and exit"},
    {"config_dump", B, "false", C, "Dump the contents of the configuration, then exit"},
    {"config_refresh", U, "0", C, "Optional interval in seconds to re-read configuration"},
    {"config_accelerated_refresh", U, "300", C,
     "Interval to wait if reading a configuration fails"},
    {"config_enable_backup", B, "false", C, "Backup config and use it when refresh fails"},
    {"database_path", S, "/var/osquery/osquery.db", C,
     "If using a disk-based backing store, specify a path"},
    {"database_dump", B, "false", C, "Dump the contents of the backing store"},
    {"disable_database", B, "false", H, "Disable the persistent backing store"},
    {"ephemeral", B, "false", H, "Skip pidfile and database state checks"},
    {"pidfile", S, "/var/run/osqueryd.pidfile", C, "Path to the daemon pidfile mutex"},
    {"force", B, "false", C, "Force osqueryd to kill previously-running daemons"},
    {"daemonize", B, "false", C, "Attempt to daemonize (POSIX only)"},
    {"host_identifier", S, "hostname", O,
     "Field used to identify the host running osquery (hostname, uuid, instance, ephemeral, "
     "specified)"},
    {"specified_identifier", S, "", O,
     "Field used to specify the host_identifier when set to \"specified\""},
    {"verbose", B, "false", O, "Enable verbose informational messages"},
    {"alarm_timeout", U, "15", C, "Seconds to allow for shutdown. Minimum is 10"},
    {"allow_unsafe", B, "false", H, "Allow unsafe executable permissions"},
    {"utc", B, "true", H, "Convert all UNIX times to UTC"},
    {"tls_hostname", S, "", O, "TLS/HTTPS hostname for Config, Logger, and Enroll plugins"},
    {"tls_server_certs", S, "", O, "Optional path to a TLS server PEM certificate(s) bundle"},
    {"enroll_secret_path", S, "", C, "Path to an optional client enrollment-auth secret"},
    // Modules (this project's hot-loadable .so modules).
    {"modules_dir", S, "", C,
     "Directory of modules to load (default: the build's or install's module directory)"},
    {"modules", S, "", C,
     "Comma-separated names of the modules to load from --modules_dir (default: all)"},
    {"module", S, "", C, "Path of one more module to load (repeatable; comma-separated)"},
    {"disable_modules", B, "false", C, "Load no module from --modules_dir"},
    // Extensions (accepted for compatibility).
    {"disable_extensions", B, "false", C, "Disable extension API"},
    {"extensions_socket", S, "/var/osquery/osquery.em", C,
     "Path to the extensions UNIX domain socket"},
    {"extensions_autoload", S, "/etc/osquery/extensions.load", C,
     "Optional path to a list of autoloaded & managed extensions"},
    {"extensions_timeout", S, "3", C, "Seconds to wait for autoloaded extensions"},
    {"extensions_interval", S, "3", C, "Seconds delay between connectivity checks"},
    {"extensions_require", S, "", C, "Comma-separated list of required extensions"},
    {"extensions_default_index", B, "true", C, "Enable INDEX on all extension table columns"},
    {"extension", S, "", SH, "Path to a single extension to autoload"},
    // Tables and SQL.
    {"disable_tables", S, "", O, "Comma-delimited list of table names to be disabled"},
    {"enable_tables", S, "", O, "Comma-delimited list of table names to be enabled"},
    {"table_delay", U, "0", O, "Add an optional microsecond delay between table scans"},
    {"read_max", U, "52428800", O, "Maximum file read size"},
    {"hash_delay", U, "20", H, "Number of milliseconds to delay after hashing"},
    {"enable_foreign", B, "false", O, "Enable no-op foreign virtual tables"},
    {"ignore_table_exceptions", B, "false", O, "Disable cpp-exceptions in table plugins"},
    {"ignore_registry_exceptions", B, "false", H, "Disable cpp-exceptions in registry plugins"},
    {"disable_caching", B, "false", O, "Disable scheduled query caching"},
    {"planner", B, "false", H, "Enable osquery runtime planner output"},
    {"nullvalue", S, "", O, "Set string for NULL values, default ''"},
    // Logging.
    {"logger_plugin", S, "filesystem", C, "Logger plugin name"},
    {"logger_path", S, "/var/log/osquery/", O,
     "Directory path for ERROR/WARN/INFO and results logging"},
    {"logger_mode", S, "0640", C, "Decimal mode for log files (default '0640')"},
    {"logger_rotate", B, "false", O, "Use log file rotation"},
    {"logger_rotate_size", U, "26214400", O, "Size in bytes to trigger rotation"},
    {"logger_rotate_max_files", U, "25", O, "Number of files to keep in rotation"},
    {"logger_event_type", B, "true", O, "Log scheduled results as events"},
    {"logger_snapshot_event_type", B, "false", O, "Log scheduled snapshot results as events"},
    {"logger_numerics", B, "false", O, "Use numeric JSON syntax for numeric values"},
    {"logger_min_status", I, "0", O, "Minimum level for status log recording"},
    {"logger_min_stderr", I, "0", O, "Minimum level for statuses written to stderr"},
    {"logger_stderr", B, "true", C, "Write status logs to stderr"},
    {"logger_status_sync", B, "false", H, "Always send status logs synchronously"},
    {"logger_syslog_facility", I, "19", O, "Syslog facility for status and results logs (0-23)"},
    {"logger_syslog_prepend_cee", B, "false", O, "Prepend @cee: tag to logged JSON messages"},
    {"logger_kafka_brokers", S, "", O, "Bootstrap broker(s) as a comma-separated list"},
    {"disable_logging", B, "false", O, "Disable ERROR/INFO logging"},
    {"buffered_log_max", U, "1000000", O,
     "Maximum number of logs in buffered output plugins (0 = unlimited)"},
    {"decorations_top_level", B, "false", O, "Add decorators as top level JSON objects"},
    {"disable_decorators", B, "false", O, "Disable log result decoration"},
    // Scheduler.
    {"schedule_splay_percent", U, "10", O, "Percent to splay config times"},
    {"schedule_default_interval", U, "3600", O, "Query interval to use if none is provided"},
    {"schedule_max_drift", U, "60", O, "Max time drift in seconds"},
    {"schedule_reload", U, "300", O, "Interval in seconds to reload database arenas"},
    {"schedule_epoch", U, "0", O, "Epoch for scheduled queries"},
    {"schedule_timeout", U, "0", O, "Limit the schedule to a duration in seconds, 0 for unlimited"},
    {"schedule_lognames", B, "false", O, "Log the running scheduled query name"},
    {"pack_refresh_interval", U, "3600", O, "Cache expiration for a packs discovery queries"},
    {"pack_delimiter", S, "_", O, "Delimiter for pack and query names"},
    {"worker_threads", I, "4", H, "Number of work dispatch threads"},
    {"disable_distributed", B, "true", O, "Disable distributed queries"},
    {"distributed_plugin", S, "tls", O, "Distributed plugin name"},
    {"distributed_interval", U, "60", O, "Seconds between polling for new queries"},
    // Watchdog.
    {"disable_watchdog", B, "false", C, "Disable userland watchdog process"},
    {"watchdog_level", I, "0", C, "Performance limit level (0=normal, 1=restrictive, -1=off)"},
    {"watchdog_memory_limit", U, "0", C,
     "Override watchdog profile memory limit (e.g., 300, for 300MB)"},
    {"watchdog_utilization_limit", U, "0", C, "Override watchdog profile CPU utilization limit"},
    {"watchdog_delay", U, "60", C,
     "Initial delay in seconds before watchdog starts enforcing limits"},
    {"watchdog_latency_limit", U, "0", C, "Override watchdog profile latency limit"},
    {"watchdog_forced_shutdown_delay", U, "4", C,
     "Seconds that the watchdog will wait to shutdown the worker"},
    {"enable_extensions_watchdog", B, "false", C,
     "Enable userland watchdog for extensions processes"},
    // Events.
    {"disable_events", B, "false", O, "Disable osquery publish/subscribe system"},
    {"events_expiry", U, "3600", O, "Timeout to expire event subscriber results"},
    {"events_max", U, "50000", O, "Maximum number of event batches per type to buffer"},
    {"events_optimize", B, "true", O, "Optimize subscriber select queries (scheduler only)"},
    {"events_enforce_denylist", B, "false", H, "Enforce denylist for event-based queries"},
    {"enable_file_events", B, "false", O, "Enable the file_events publisher"},
    {"disable_audit", B, "true", O, "Disable receiving events from the audit subsystem"},
    {"audit_allow_config", B, "false", O,
     "Allow the audit publisher to change auditing configuration"},
    {"audit_allow_process_events", B, "true", O,
     "Allow the audit publisher to install process event monitoring rules"},
    {"audit_allow_sockets", B, "false", O,
     "Allow the audit publisher to install socket-related rules"},
    {"audit_allow_user_events", B, "true", O,
     "Allow the audit publisher to install user-related rules"},
    {"audit_allow_fim_events", B, "false", O,
     "Allow the audit publisher to install filesystem event monitoring rules"},
    {"audit_allow_accept_socket_events", B, "true", O, "Include rows for accept socket syscalls"},
    {"audit_persist", B, "true", O, "Attempt to retain control of audit"},
    {"audit_force_reconfigure", B, "false", O, "Reconfigure the audit subsystem on start"},
    {"audit_force_unconfigure", B, "false", O, "Clear all audit rules on exit"},
    {"audit_backlog_limit", U, "4096", O, "The audit backlog limit"},
    {"audit_backlog_wait_time", U, "0", O, "The audit backlog wait time"},
    {"hardware_disabled_types", S, "partition", O, "List of disabled hardware event types"},
    {"enable_syslog", B, "false", O, "Enable the syslog ingestion event publisher"},
    {"syslog_pipe_path", S, "/var/osquery/syslog_pipe", O,
     "Path to the named pipe used for forwarding rsyslog events"},
    {"syslog_rate_limit", U, "100", O, "Maximum number of logs to ingest per run"},
    // AWS loggers.
    {"aws_kinesis_stream", S, "", O, "Name of Kinesis stream for logging"},
    {"aws_kinesis_period", U, "10", O, "Seconds between flushing logs to Kinesis (default 10)"},
    {"aws_kinesis_random_partition_key", B, "false", O, "Enable random kinesis partition keys"},
    {"aws_kinesis_disable_log_status", B, "false", O, "Disable status logs processing"},
    {"aws_kinesis_endpoint", S, "", O, "Custom Kinesis endpoint"},
    {"aws_kinesis_region", S, "", O, "AWS region for Kinesis"},
    {"aws_firehose_stream", S, "", O, "Name of Firehose stream for logging"},
    {"aws_firehose_period", U, "10", O, "Seconds between flushing logs to Firehose (default 10)"},
    {"aws_firehose_endpoint", S, "", O, "Custom Firehose endpoint"},
    {"aws_firehose_region", S, "", O, "AWS region for Firehose"},
    {"aws_access_key_id", S, "", O, "AWS access key ID"},
    {"aws_secret_access_key", S, "", O, "AWS secret access key"},
    {"aws_session_token", S, "", O, "AWS STS session token"},
    {"aws_profile_name", S, "", O, "AWS profile for authentication and region configuration"},
    {"aws_region", S, "", O, "AWS region"},
    {"aws_sts_arn_role", S, "", O, "AWS STS ARN role"},
    {"aws_sts_region", S, "", O, "AWS STS region"},
    {"aws_sts_session_name", S, "default", O, "AWS STS session name"},
    {"aws_sts_timeout", U, "3600", O, "AWS STS assume role credential validity in seconds"},
    {"aws_enable_proxy", B, "false", O,
     "Enable proxying of HTTP/HTTPS requests in AWS client config"},
    {"aws_proxy_scheme", S, "https", O, "Proxy HTTP scheme for use in AWS client config"},
    {"aws_proxy_host", S, "", O, "Proxy host for use in AWS client config"},
    {"aws_proxy_port", U, "0", O, "Proxy port for use in AWS client config"},
    {"aws_proxy_username", S, "", O, "Proxy username for use in AWS client config"},
    {"aws_proxy_password", S, "", O, "Proxy password for use in AWS client config"},
    {"aws_debug", B, "false", O, "Enable AWS SDK debug logging"},
    {"aws_imdsv2_request_attempts", U, "3", O,
     "How many attempts to do at requesting an IMDSv2 token"},
    {"aws_imdsv2_request_interval", U, "3", O, "Base seconds to wait between attempts"},
    {"aws_disable_imdsv1_fallback", B, "false", O,
     "Whether to disable support for IMDSv1 and fail if an IMDSv2 token could not be retrieved"},
    {"aws_enforce_fips", B, "false", C, "Enforce FIPS endpoints for AWS services"},
    // Shell.
    {"csv", B, "false", SH, "Set output mode to 'csv'"},
    {"json", B, "false", SH, "Set output mode to 'json'"},
    {"json_pretty", B, "false", SH, "Set output mode to 'json_pretty'"},
    {"json_typed", B, "false", SH,
     "With --json/--json_pretty: numbers as JSON numbers and NULL as null (an addition to "
     "osquery)"},
    {"line", B, "false", SH, "Set output mode to 'line'"},
    {"list", B, "false", SH, "Set output mode to 'list'"},
    {"separator", S, "|", SH, "Set output field separator, default '|'"},
    {"header", B, "true", SH, "Toggle column headers true/false"},
    {"pack", S, "", SH, "Run all queries in a pack"},
    {"L", B, "false", SH, "List all table names"},
    {"A", S, "", SH, "Select all from a table"},
    {"S", B, "false", H, "Run as a shell process"},
    {"D", B, "false", H, "Run as a daemon process"},
    {"connect", S, "", SH, "Connect to an extension socket"},
    {"query", S, "", SH, "Run a single query and exit"},
    {"query_file", S, "", SH, "Run queries from a file and exit"},
    {"output", S, "", SH, "Write query results to a file ('-' for stdout)"},
    {"profile", I, "0", SH, "Enable profile mode when non-0, set number of iterations"},
    {"profile_delay", U, "0", SH, "Sleep a number of seconds before and after the profiling"},
    {"help", B, "false", C, "Show this help message and exit"},
    {"version", B, "false", C, "Print the version and exit"},
};

}  // namespace

void defineOsqueryFlags(Flags& flags) {
  for (const auto& d : kDefinitions) {
    bool repeatable = std::string_view(d.name) == "module";
    flags.define(
        FlagDefinition{d.name, d.type, d.value, d.description, d.kind, "core", repeatable});
  }
  flags.alias("db_path", "database_path");
  flags.alias("osquery_log_dir", "logger_path");
  flags.alias("config_tls_refresh", "config_refresh");
  flags.alias("h", "help");
}

}  // namespace oqk
