/*
 * records.h: what the records of a unit that a workflow moves along share
 * in their shape: the history of the steps taken on a draft's gender check
 * (drafts.h) or on a recommendation (inspections.h), one type for both so
 * that one function reads it (records.c) and one loop shows it.
 */
#ifndef GEMIS_STORE_RECORDS_H
#define GEMIS_STORE_RECORDS_H

/* One step of a record's history. */
struct record_step {
	const char *action;  /* the workflow's action id */
	const char *state;   /* the state it led to */
	const char *comment; /* NULL for none */
	const char *by;
	long long at;
};

#endif
