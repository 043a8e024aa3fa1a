/*
 * osquery_module.h: the module ABI, version 1.
 *
 * This is the only contract between the kernel (osqueryi, osqueryd) and a module (.so). It is
 * plain C so that a module built with any compiler, standard library or version of this SDK can
 * be loaded by any kernel of the same ABI major version.
 *
 * Rules that hold for every type below:
 *
 *  - Every struct that crosses the boundary starts with `uint32_t size`, the writer's
 *    sizeof(struct). Fields are only ever appended; each appended field is marked "since 1.N".
 *    A reader uses a field only if it lies within `size`: test with OQM_HAS(ptr, field).
 *    This is how a module built against 1.0 runs on a 1.7 kernel, and the other way round.
 *  - Only fixed-width integers, double, pointer+length text, function pointers, `void*` user
 *    data and opaque handles cross. No C++ types, no exceptions, no FILE*, no errno.
 *  - Whoever allocates frees. Every pointer argument is borrowed for the duration of the call
 *    unless its comment says otherwise. The kernel copies descriptors when they are registered,
 *    so a module may build them on its stack.
 *  - Modules never hand heap memory to the kernel: rows, events, configs and errors go into
 *    kernel-owned sinks and caller-owned error buffers.
 *  - Text is UTF-8 (or whatever bytes the system gave), passed as pointer + length; it need
 *    not be NUL terminated unless the comment says "C string".
 *
 * The module exports exactly one symbol: the function OQM_ENTRY_SYMBOL ("oqm_module_v1").
 * The ABI major version is part of its name, so a later kernel can still look for _v1.
 */
#ifndef OSQUERY_MODULE_H
#define OSQUERY_MODULE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OQM_ABI_MAJOR 1
#define OQM_ABI_MINOR 1 /* 1.1: oqm_logger.period_option */
#define OQM_ENTRY_SYMBOL "oqm_module_v1"

/* True when the struct behind `ptr` was written by a party that knows `field`. */
#define OQM_HAS(ptr, field) \
  ((ptr) != NULL && (ptr)->size >= offsetof(__typeof__(*(ptr)), field) + sizeof((ptr)->field))

/* Return codes of every callback and host function that can fail. */
#define OQM_OK 0
#define OQM_ERROR 1
/* Returned by a sink's `end`: the consumer wants no more rows (LIMIT reached, query
 * cancelled, shutdown). The producer should stop and return OQM_OK. */
#define OQM_STOP 2

/* ------------------------------------------------------------------------------------------ */
/* Errors                                                                                     */

/* A caller-owned buffer for one error sentence. The callee writes a NUL-terminated message of
 * at most capacity-1 bytes with oqm_error_set. Since 1.0. */
typedef struct oqm_error {
  uint32_t size;
  uint32_t capacity; /* bytes available at `message`, including the NUL */
  char* message;     /* caller-owned */
} oqm_error;

/* Copies `text` (truncated to fit) into the error buffer. Safe with err == NULL. */
static inline void oqm_error_set(oqm_error* err, const char* text) {
  if (err == NULL || err->message == NULL || err->capacity == 0 || text == NULL) return;
  size_t n = strlen(text);
  if (n >= err->capacity) n = err->capacity - 1;
  memcpy(err->message, text, n);
  err->message[n] = '\0';
}

/* ------------------------------------------------------------------------------------------ */
/* Values, columns, constraints                                                               */

/* Column types: the same as osquery's table specs. */
#define OQM_TYPE_TEXT 1
#define OQM_TYPE_INTEGER 2
#define OQM_TYPE_BIGINT 3
#define OQM_TYPE_UNSIGNED_BIGINT 4
#define OQM_TYPE_DOUBLE 5
#define OQM_TYPE_BLOB 6

/* Column flags: the same bits as osquery's ColumnOptions. */
#define OQM_COLUMN_INDEX 1u      /* an equality constraint on it narrows the work */
#define OQM_COLUMN_REQUIRED 2u   /* the table cannot be scanned without a constraint on it */
#define OQM_COLUMN_ADDITIONAL 4u /* a constraint on it makes the table produce extra rows */
#define OQM_COLUMN_OPTIMIZED 8u  /* IN (...) lists are handed over in one call */
#define OQM_COLUMN_HIDDEN 16u    /* left out of SELECT *; must be named */

/* Table attributes: the same bits as osquery's TableAttributes. */
#define OQM_TABLE_UTILITY 1u
#define OQM_TABLE_USER_BASED 2u
#define OQM_TABLE_EVENT_BASED 4u
#define OQM_TABLE_CACHEABLE 8u

/* Dynamic type of a value handed to a module. */
#define OQM_VALUE_NULL 0
#define OQM_VALUE_INTEGER 1
#define OQM_VALUE_DOUBLE 2
#define OQM_VALUE_TEXT 3
#define OQM_VALUE_BLOB 4

/* A typed value, borrowed for the call. Since 1.0. */
typedef struct oqm_value {
  uint32_t size;
  uint32_t type;    /* OQM_VALUE_* */
  int64_t integer;  /* OQM_VALUE_INTEGER */
  double real;      /* OQM_VALUE_DOUBLE */
  const char* text; /* OQM_VALUE_TEXT and OQM_VALUE_BLOB: bytes, not NUL terminated */
  size_t length;
} oqm_value;

/* A column of a table or a field of an event. Since 1.0. */
typedef struct oqm_column {
  uint32_t size;
  const char* name;    /* C string */
  uint32_t type;       /* OQM_TYPE_* */
  uint32_t flags;      /* OQM_COLUMN_* */
  const char* collate; /* C string or NULL: "nocase", "version", "version_dpkg", ... */
} oqm_column;

/* Constraint operators. The values are SQLite's SQLITE_INDEX_CONSTRAINT_* codes, which are
 * also what osquery's table plugins see. */
#define OQM_OP_EQ 2
#define OQM_OP_GT 4
#define OQM_OP_LE 8
#define OQM_OP_LT 16
#define OQM_OP_GE 32
#define OQM_OP_LIKE 65
#define OQM_OP_GLOB 66
#define OQM_OP_REGEXP 67
#define OQM_OP_NE 68

/* One WHERE-clause term on a column. Since 1.0.
 *
 * Constraints are hints: the kernel re-checks every row the table produces, so a table may
 * ignore any constraint except those on REQUIRED columns, and may produce more rows than asked.
 * An `IN (a, b, c)` list arrives as several OQM_OP_EQ constraints on the same column; a table
 * that honours them produces the rows matching ANY of those values (a safe superset also for
 * `x = a AND x = b`). */
typedef struct oqm_constraint {
  uint32_t size;
  uint32_t column; /* index into the table's columns */
  uint32_t op;     /* OQM_OP_* */
  oqm_value value;
} oqm_constraint;

/* What one scan of a table is asked for. Borrowed for the call to generate. Since 1.0. */
typedef struct oqm_query {
  uint32_t size;
  uint32_t n_constraints;
  const oqm_constraint* constraints;
  uint32_t n_columns;          /* the table's column count */
  const uint8_t* columns_used; /* n_columns flags: non-zero when the statement reads it */
  int64_t limit;               /* rows the statement can use at most; -1 when unknown */
} oqm_query;

/* ------------------------------------------------------------------------------------------ */
/* Rows                                                                                       */

/* A kernel-owned sink for rows (and for events, where the "columns" are event fields).
 * Since 1.0.
 *
 * Protocol: begin(), any number of set_*() (a column never set is NULL; setting a column twice
 * keeps the last value), end(). end() returns OQM_OK to ask for more or OQM_STOP when the
 * consumer has enough (LIMIT reached, query interrupted): the producer should then stop and
 * return OQM_OK. A begin() without a matching end() discards the unfinished row, as does
 * returning OQM_ERROR from the producer.
 *
 * The kernel converts to the declared column type as osquery does: text set on an INTEGER
 * column is parsed (base 0; empty or unparsable gives NULL), a number set on a TEXT column is
 * formatted. All text is copied before set_text returns. */
typedef struct oqm_row_sink {
  uint32_t size;
  void* ctx; /* kernel-owned; pass back unchanged */
  void (*begin)(void* ctx);
  void (*set_integer)(void* ctx, uint32_t column, int64_t value);
  void (*set_double)(void* ctx, uint32_t column, double value);
  void (*set_text)(void* ctx, uint32_t column, const char* text, size_t length);
  void (*set_blob)(void* ctx, uint32_t column, const void* data, size_t length);
  int32_t (*end)(void* ctx);
} oqm_row_sink;

/* ------------------------------------------------------------------------------------------ */
/* Tables                                                                                     */

/* Produces the rows of one scan. Called on any kernel thread, possibly concurrently with
 * itself for different queries; the kernel holds a lease on the module for the call.
 * Returns OQM_OK, or OQM_ERROR with a sentence in `err` (the statement then fails with it). */
typedef int32_t (*oqm_generate_fn)(void* user_data, const oqm_query* query, const oqm_row_sink* out,
                                   oqm_error* err);

/* A table descriptor, copied by register_table. Since 1.0. */
typedef struct oqm_table {
  uint32_t size;
  const char* name; /* C string; [a-z0-9_]+ */
  uint32_t n_columns;
  const oqm_column* columns;
  uint32_t attributes; /* OQM_TABLE_* */
  void* user_data;     /* module-owned, handed to generate and destroy */
  oqm_generate_fn generate;
  /* Called once when the table is unregistered (module unload or init rollback); may be
   * NULL. The module frees user_data here. */
  void (*destroy)(void* user_data);
} oqm_table;

/* ------------------------------------------------------------------------------------------ */
/* Events (declared in 1.0, served by the events work)                                        */

/* One published event, as handed to subscribers: its fields in the publisher's declared
 * order. Borrowed for the call. Since 1.0. */
typedef struct oqm_event {
  uint32_t size;
  int64_t time; /* unix seconds */
  uint32_t n_fields;
  const oqm_value* fields;
} oqm_event;

/* A publisher turns a system source (inotify, audit netlink, ...) into typed events.
 * Since 1.0. Lifecycle: setup, run (on a kernel-owned thread, emitting through `emit`, one
 * begin/set/end per event; returns after stop), stop (any thread; must wake run), teardown. */
typedef struct oqm_publisher {
  uint32_t size;
  const char* name; /* C string */
  uint32_t n_fields;
  const oqm_column* fields;
  void* user_data;
  int32_t (*setup)(void* user_data, oqm_error* err);
  int32_t (*run)(void* user_data, const oqm_row_sink* emit, oqm_error* err);
  void (*stop)(void* user_data);
  void (*teardown)(void* user_data);
} oqm_publisher;

/* A subscriber maps events of a publisher (possibly in another module) to rows of its event
 * table, which the kernel stores and serves. Since 1.0. */
typedef struct oqm_subscriber {
  uint32_t size;
  const char* table;     /* C string: the event table's name */
  const char* publisher; /* C string: the publisher's name */
  uint32_t n_columns;
  const oqm_column* columns;
  void* user_data;
  /* Writes zero or more rows for the event into `out`. */
  int32_t (*on_event)(void* user_data, const oqm_event* event, const oqm_row_sink* out,
                      oqm_error* err);
  void (*destroy)(void* user_data);
} oqm_subscriber;

/* ------------------------------------------------------------------------------------------ */
/* Loggers (declared in 1.0, served by the daemon work)                                       */

#define OQM_LOG_RESULT 1u   /* differential result records */
#define OQM_LOG_SNAPSHOT 2u /* snapshot result records */
#define OQM_LOG_STATUS 4u   /* status (glog) lines */

#define OQM_VERDICT_OK 0    /* delivered; the kernel removes it from the buffer */
#define OQM_VERDICT_RETRY 1 /* not delivered; the kernel retries it later with backoff */
#define OQM_VERDICT_DROP                                                  \
  2 /* can never be delivered (too large, rejected); removed and counted. \
     * The logger logs why (one status line); the kernel does not. */

/* One record handed to a logger, borrowed for the call. Since 1.0. */
typedef struct oqm_log_record {
  uint32_t size;
  uint32_t kind; /* OQM_LOG_* */
  uint64_t id;   /* the kernel's buffer id; increases in the order records were produced */
  int64_t time;  /* unix seconds */
  const char* data;
  size_t length;
} oqm_log_record;

/* A logger plugin. The kernel owns the durable buffer, batching, backoff and retry; the logger
 * only serializes and sends. Since 1.0. */
typedef struct oqm_logger {
  uint32_t size;
  const char* name; /* C string: the --logger_plugin name */
  uint32_t kinds;   /* OQM_LOG_* bits it wants */
  uint32_t max_batch_records;
  uint64_t max_batch_bytes;
  void* user_data;
  int32_t (*init)(void* user_data, oqm_error* err);
  /* Writes a verdict (OQM_VERDICT_*) for each of the n records into `verdicts`. Returning
   * OQM_ERROR means "every record: RETRY". */
  int32_t (*log_batch)(void* user_data, const oqm_log_record* records, uint32_t n,
                       uint8_t* verdicts, oqm_error* err);
  int32_t (*flush)(void* user_data, oqm_error* err);
  void (*shutdown)(void* user_data);
  /* Since 1.1. NULL, or the name of an integer option (a flag) holding the seconds between two
   * deliveries to this logger (osquery's --aws_kinesis_period): records are then handed over in
   * batches at most once per period, instead of as soon as they are buffered. The kernel reads
   * the option when it activates the logger. */
  const char* period_option;
} oqm_logger;

/* ------------------------------------------------------------------------------------------ */
/* Config plugins (declared in 1.0, served by the daemon work)                                */

/* A kernel-owned sink for (source name, JSON text) pairs. Since 1.0. */
typedef struct oqm_config_sink {
  uint32_t size;
  void* ctx;
  int32_t (*add)(void* ctx, const char* source, size_t source_length, const char* json,
                 size_t json_length);
} oqm_config_sink;

typedef struct oqm_config_plugin {
  uint32_t size;
  const char* name; /* C string: the --config_plugin name */
  void* user_data;
  int32_t (*gen_config)(void* user_data, const oqm_config_sink* out, oqm_error* err);
  /* May be NULL. Resolves a pack given by name and locator (a path, a URL, ...). */
  int32_t (*gen_pack)(void* user_data, const char* name, const char* locator,
                      const oqm_config_sink* out, oqm_error* err);
  void (*destroy)(void* user_data);
} oqm_config_plugin;

/* ------------------------------------------------------------------------------------------ */
/* Kernel services and the manifest                                                           */

typedef struct oqm_host oqm_host; /* opaque, kernel-owned */

#define OQM_SEVERITY_INFO 0
#define OQM_SEVERITY_WARNING 1
#define OQM_SEVERITY_ERROR 2

/* What the kernel offers a module. Handed to init; valid until shutdown returns, so a module
 * may keep the pointer for log and get_option. The register_* functions work only during init;
 * they copy the descriptor (and the strings and arrays it points to). Since 1.0. */
typedef struct oqm_host_api {
  uint32_t size;
  uint32_t abi_major;
  uint32_t abi_minor;
  oqm_host* host;
  int32_t (*register_table)(oqm_host* host, const oqm_table* table, oqm_error* err);
  int32_t (*register_publisher)(oqm_host* host, const oqm_publisher* publisher, oqm_error* err);
  int32_t (*register_subscriber)(oqm_host* host, const oqm_subscriber* subscriber, oqm_error* err);
  int32_t (*register_logger)(oqm_host* host, const oqm_logger* logger, oqm_error* err);
  int32_t (*register_config)(oqm_host* host, const oqm_config_plugin* config, oqm_error* err);
  /* A status log line (OQM_SEVERITY_*), attributed to the module. Any thread. */
  void (*log)(oqm_host* host, int32_t severity, const char* message, size_t length);
  /* Copies the value of a flag or option (the module's own declared options included) into
   * buffer, NUL terminated and truncated to capacity. Returns the value's full length, or -1
   * when no such option exists. Any thread. */
  int64_t (*get_option)(oqm_host* host, const char* name, char* buffer, size_t capacity);
} oqm_host_api;

#define OQM_OPTION_BOOL 1
#define OQM_OPTION_INTEGER 2
#define OQM_OPTION_STRING 3

/* A flag the module accepts (e.g. aws_kinesis_stream); settable on the command line, in a
 * flagfile or in the config's options like the kernel's own. Since 1.0. */
typedef struct oqm_option {
  uint32_t size;
  const char* name;          /* C string */
  uint32_t type;             /* OQM_OPTION_* */
  const char* default_value; /* C string */
  const char* description;   /* C string */
} oqm_option;

/* What oqm_module_v1 returns: a static, module-owned description. Since 1.0.
 *
 * The kernel refuses a module whose abi_major differs from its own, whose size is smaller than
 * the 1.0 layout, or whose name is already loaded. */
typedef struct oqm_manifest {
  uint32_t size;
  uint32_t abi_major;
  uint32_t abi_minor;
  const char* name;    /* C string; [a-z0-9_]+, unique among loaded modules */
  const char* version; /* C string */
  uint32_t n_options;
  const oqm_option* options;
  /* Registers the module's contributions. On OQM_ERROR the kernel rolls back every
   * registration the module made and unloads it. *state is module-owned, handed to
   * can_unload and shutdown. */
  int32_t (*init)(const oqm_host_api* host, void** state, oqm_error* err);
  /* May be NULL. OQM_ERROR with a reason in err vetoes an unload. */
  int32_t (*can_unload)(void* state, oqm_error* reason);
  /* May be NULL. Called after every registration is gone and every call has returned. */
  void (*shutdown)(void* state);
} oqm_manifest;

/* The one exported entry point. Must have no side effects: the kernel may call it only to
 * read the manifest and then refuse the module. */
typedef const oqm_manifest* (*oqm_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* OSQUERY_MODULE_H */
