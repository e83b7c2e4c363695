/*
 * sandbox.h: running a parser of hostile input in a child process whose
 * memory and time are bounded, so that what a library does with a crafted
 * file (poppler spent 1.5 GB on a 59 KB PDF) cannot take the process that
 * asked, and whatever the parser allocated is given back when the child
 * ends.
 *
 * The child runs fn(in, len, out, e) and sends back its result: the code,
 * the error context and out.  The parent watches the child's resident
 * memory (every 10 ms) and the clock, and kills it past the limits.
 *
 * A process with threads must not fork a child that runs library code (a
 * lock another thread held at the fork stays locked in the child), so a
 * server calls sandbox_start() while it has one thread: that forks a small
 * helper, itself single-threaded, that forks each child.  Without it,
 * sandbox_run() forks directly, which is right for the command line.
 */
#ifndef GEMIS_SANDBOX_H
#define GEMIS_SANDBOX_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

struct sandbox_limits {
	size_t memory;    /* bytes of resident memory of the child */
	unsigned seconds; /* wall-clock seconds */
};

/* How a run ended. */
enum sandbox_end {
	SANDBOX_DONE,   /* fn returned; its code and message are in e */
	SANDBOX_MEMORY, /* killed: more resident memory than the limit */
	SANDBOX_TIME,   /* killed: longer than the limit */
	SANDBOX_CRASH,  /* the child died otherwise */
};

typedef enum gemis_err (*sandbox_fn)(const void *in, size_t len, struct buf *out, struct errctx *e);

/* Runs fn on in[0..len) in a child; out receives what the child appended
 * to its own buffer (with out's maximum), in the calling thread's language.
 * Returns fn's code (SANDBOX_DONE), GEMIS_ELIMIT (memory, time; *end says
 * which) or GEMIS_EIO (the child could not be run or crashed), with a
 * plain message the caller replaces with one for people. */
enum gemis_err sandbox_run(sandbox_fn fn, const struct sandbox_limits *lim, const void *in,
			   size_t len, struct buf *out, enum sandbox_end *end, struct errctx *e);

/* Starts the helper that forks the children; call while the process has
 * a single thread.  Idempotent; sandbox_stop() ends it. */
enum gemis_err sandbox_start(struct errctx *e);
void sandbox_stop(void);

#endif
