/*
 * embed.h: files built into the binary (the administrative units, the
 * message catalogues, SQL migrations, web assets), so that one binary runs
 * with no data directory.  tools/embed.sh generates the table from the file
 * list in the Makefile; the data is placed with the assembler's .incbin.
 */
#ifndef GEMIS_EMBED_H
#define GEMIS_EMBED_H

#include <stddef.h>

struct embed_file {
	const char *name;          /* "units.tsv", "sql/0001_core.sql", "web/app.css" */
	const unsigned char *data; /* followed by a NUL byte not counted in size */
	size_t size;
};

extern const struct embed_file embed_files[];
extern const size_t embed_count;

/* Returns the file of that name, or NULL. */
const struct embed_file *embed_find(const char *name);

#endif
