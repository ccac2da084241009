// SQLite's process-wide settings, which Swift cannot make itself: sqlite3_config() is
// variadic. Only the store's start-up uses this; statements go through GRDB's SQLite module.
#include <sqlite3.h>

// Turns off SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS). With them on, every
// allocation and free inside SQLite takes a global mutex to count bytes; caseminer reads no
// statistics. Must run before SQLite initialises and while no other thread uses SQLite;
// returns SQLITE_MISUSE (and changes nothing) once SQLite is in use.
static inline int cm_sqlite_without_memory_statistics(void) {
  return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
