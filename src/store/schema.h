/* schema.h — numbered migrations (private to src/store/). */
#ifndef MIDAD_SCHEMA_H
#define MIDAD_SCHEMA_H

/* The newest schema version this build knows. */
int schema_latest(void);
/* The SQL that takes a database from version-1 to version (1-based). */
const char *schema_migration(int version);

#endif
