/*
 * confine.h: what a server may do once it listens, whatever a request
 * makes it do (issue 22, goal 6).
 *
 * confine_drop_user() leaves root for an unprivileged account after the
 * port is bound.  confine_apply() then shuts the rest, for this process
 * and every process it forks (the document readers of util/sandbox.h):
 *   - Landlock (the kernel's, when it has it): files may be written,
 *     created or removed only below the directories given (the database's
 *     and the temporary one); nothing may be executed; no TCP port may be
 *     bound, and a TCP connection may go out to one port only (the
 *     PostgreSQL server's), or none;
 *   - seccomp (libseccomp): execve and the calls a web server never needs
 *     (ptrace, mount, module loading, kexec, bpf...) fail with EPERM.
 * Both need no_new_privs, which confine_apply() sets.  Call it while the
 * process has a single thread: Landlock confines the calling thread and
 * the threads and processes it creates later, not those that exist.
 */
#ifndef GEMIS_CONFINE_H
#define GEMIS_CONFINE_H

#include <stdbool.h>

#include "err.h"

#define CONFINE_MAX_DIRS 4

struct confine_rules {
	const char *writable[CONFINE_MAX_DIRS]; /* directories, NULL after the last */
	unsigned connect_port;                  /* the one TCP port to connect to; 0: none */
};

struct confine_result {
	int landlock_abi; /* the kernel's Landlock version used; 0 when it has none */
	bool seccomp;     /* the system-call filter is in place */
};

/* Becomes `user` (its uid, gid and no supplementary groups) for good.
 * Refused unless the process runs as root. */
enum gemis_err confine_drop_user(const char *user, struct errctx *e);

/* Confines this process by r; out says what the kernel allowed.  Fails
 * only when a confinement the kernel offers could not be put in place. */
enum gemis_err confine_apply(const struct confine_rules *r, struct confine_result *out, struct errctx *e);

#endif
