/*
 * sandbox.c: parsers of hostile input in a child process (sandbox.h).
 *
 * The job travels over a socket pair:
 *   child  -> parent  pid (int32), as soon as the child runs
 *   parent -> child   struct job_head, then the input
 *   child  -> parent  struct result_head, then the output
 * With the helper (sandbox_start()), the parent hands the child's end of
 * the pair to the helper over a SOCK_SEQPACKET socket with SCM_RIGHTS,
 * together with the function to run (the helper is a fork of this very
 * binary, so the address is the same there); the helper forks, the child
 * runs the job, and the helper never waits for it (SIGCHLD ignored).
 */
#include "sandbox.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"

#include "banned.h"

struct job_head {
	uint64_t len;
	uint64_t out_max;
	int32_t lang;
};

struct result_head {
	int32_t code;
	char where[sizeof(((struct errctx *)0)->where)];
	char msg[sizeof(((struct errctx *)0)->msg)];
	uint64_t len;
};

static pthread_mutex_t helper_mu = PTHREAD_MUTEX_INITIALIZER;
static int helper_fd = -1;
static pid_t helper_pid;

static bool write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t k = send(fd, c, n, MSG_NOSIGNAL);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		c += k;
		n -= (size_t)k;
	}
	return true;
}

static bool read_all(int fd, void *p, size_t n)
{
	char *c = p;

	while (n > 0) {
		ssize_t k = read(fd, c, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		c += k;
		n -= (size_t)k;
	}
	return true;
}

/* The child: reads the job, runs it, answers, and ends without running
 * exit handlers (they belong to the parent). */
static void __attribute__((noreturn)) child_main(int fd, sandbox_fn fn)
{
	struct job_head jh;
	struct result_head rh;
	struct errctx e = {0};
	struct buf out;
	int32_t pid = (int32_t)getpid();
	char *in = NULL;

	/* nobody left to answer: end too */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (!write_all(fd, &pid, sizeof(pid)) || !read_all(fd, &jh, sizeof(jh)))
		_exit(1);
	in = malloc(jh.len + 1);
	if (!in || !read_all(fd, in, jh.len))
		_exit(1);
	in[jh.len] = '\0';
	i18n_set_lang((enum lang)jh.lang);
	buf_init(&out, (size_t)jh.out_max);
	memset(&rh, 0, sizeof(rh));
	rh.code = (int32_t)fn(in, (size_t)jh.len, &out, &e);
	memcpy(rh.where, e.where, sizeof(rh.where));
	memcpy(rh.msg, e.msg, sizeof(rh.msg));
	rh.len = out.len;
	if (!write_all(fd, &rh, sizeof(rh)) || !write_all(fd, buf_str(&out), out.len))
		_exit(1);
	_exit(0);
}

/* The helper: forks a child for every job it is handed, until the server
 * closes its end. */
static void __attribute__((noreturn)) helper_main(int ctl)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	signal(SIGCHLD, SIG_IGN); /* children are reaped by the kernel */
	for (;;) {
		uintptr_t fnp = 0;
		char cbuf[CMSG_SPACE(sizeof(int))];
		struct iovec iov = {&fnp, sizeof(fnp)};
		struct msghdr m = {0};
		struct cmsghdr *c;
		ssize_t k;
		int fd = -1;

		m.msg_iov = &iov;
		m.msg_iovlen = 1;
		m.msg_control = cbuf;
		m.msg_controllen = sizeof(cbuf);
		k = recvmsg(ctl, &m, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			_exit(0);
		c = CMSG_FIRSTHDR(&m);
		if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof(fd));
		if (fd < 0 || k != (ssize_t)sizeof(fnp))
			continue;
		if (fork() == 0) {
			close(ctl);
			child_main(fd, (sandbox_fn)fnp);
		}
		close(fd);
	}
}

enum gemis_err sandbox_start(struct errctx *e)
{
	int sp[2];
	pid_t pid;

	pthread_mutex_lock(&helper_mu);
	if (helper_fd >= 0) {
		pthread_mutex_unlock(&helper_mu);
		return GEMIS_OK;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) != 0) {
		pthread_mutex_unlock(&helper_mu);
		return err_set(e, GEMIS_EIO, "cannot start the document reader: %s", strerror(errno));
	}
	pid = fork();
	if (pid < 0) {
		close(sp[0]);
		close(sp[1]);
		pthread_mutex_unlock(&helper_mu);
		return err_set(e, GEMIS_EIO, "cannot start the document reader: %s", strerror(errno));
	}
	if (pid == 0) {
		close(sp[0]);
		helper_main(sp[1]);
	}
	close(sp[1]);
	helper_fd = sp[0];
	helper_pid = pid;
	pthread_mutex_unlock(&helper_mu);
	return GEMIS_OK;
}

void sandbox_stop(void)
{
	pthread_mutex_lock(&helper_mu);
	if (helper_fd >= 0) {
		close(helper_fd); /* the helper reads the end and leaves */
		waitpid(helper_pid, NULL, 0);
		helper_fd = -1;
	}
	pthread_mutex_unlock(&helper_mu);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The child's resident memory that is its own (anonymous: what it
 * allocated, not the libraries it shares), in bytes; 0 when unknown. */
static size_t anon_rss(pid_t pid)
{
	char path[64], line[128];
	unsigned long size = 0, rss = 0, shared = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/statm", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(line, sizeof(line), f) || sscanf(line, "%lu %lu %lu", &size, &rss, &shared) != 3)
		rss = shared = 0;
	fclose(f);
	return rss > shared ? (size_t)(rss - shared) * (size_t)sysconf(_SC_PAGESIZE) : 0;
}

/* Hands the job to a new child; *pid is set for a direct fork only. */
static bool spawn(sandbox_fn fn, int *fd, pid_t *direct)
{
	int sp[2];
	int ctl;

	*direct = 0;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) != 0)
		return false;
	pthread_mutex_lock(&helper_mu);
	ctl = helper_fd;
	pthread_mutex_unlock(&helper_mu);
	if (ctl >= 0) {
		uintptr_t fnp = (uintptr_t)fn;
		char cbuf[CMSG_SPACE(sizeof(int))];
		struct iovec iov = {&fnp, sizeof(fnp)};
		struct msghdr m = {0};
		struct cmsghdr *c;
		bool ok;

		memset(cbuf, 0, sizeof(cbuf));
		m.msg_iov = &iov;
		m.msg_iovlen = 1;
		m.msg_control = cbuf;
		m.msg_controllen = sizeof(cbuf);
		c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &sp[1], sizeof(int));
		ok = sendmsg(ctl, &m, MSG_NOSIGNAL) == (ssize_t)sizeof(fnp);
		close(sp[1]);
		if (!ok) {
			close(sp[0]);
			return false;
		}
	} else {
		pid_t pid = fork();

		if (pid < 0) {
			close(sp[0]);
			close(sp[1]);
			return false;
		}
		if (pid == 0) {
			close(sp[0]);
			child_main(sp[1], fn);
		}
		close(sp[1]);
		*direct = pid;
	}
	*fd = sp[0];
	return true;
}

enum gemis_err sandbox_run(sandbox_fn fn, const struct sandbox_limits *lim, const void *in,
			   size_t len, struct buf *out, enum sandbox_end *end, struct errctx *e)
{
	struct job_head jh = {len, out->max, (int32_t)i18n_lang()};
	struct result_head rh;
	size_t got_head = 0, got_body = 0, before = out->len;
	long long start = now_ms();
	enum gemis_err err = GEMIS_OK;
	int32_t cpid = 0;
	size_t inherited;
	pid_t direct;
	int fd;

	*end = SANDBOX_CRASH;
	/* A child forked from this process (no helper started: the CLI, the
	 * tests) holds our pages until it writes them, and /proc counts them as
	 * its own: its limit is on what it adds.  A large caller (the unit tests
	 * under ASan) otherwise failed an ordinary PDF. */
	inherited = anon_rss(getpid());
	if (!spawn(fn, &fd, &direct))
		return err_set(e, GEMIS_EIO, "cannot start a document reader: %s", strerror(errno));
	if (!direct)
		inherited = 0;
	if (!read_all(fd, &cpid, sizeof(cpid)) || cpid <= 0 || !write_all(fd, &jh, sizeof(jh)) ||
	    !write_all(fd, in, len)) {
		err = err_set(e, GEMIS_EIO, "the document reader ended before its work");
		goto out;
	}
	for (;;) {
		struct pollfd p = {fd, POLLIN, 0};
		int k = poll(&p, 1, 10);

		if (k < 0 && errno != EINTR) {
			err = err_set(e, GEMIS_EIO, "poll: %s", strerror(errno));
			break;
		}
		if (k > 0) {
			char chunk[65536];
			ssize_t n;
			size_t used = 0;

			n = read(fd, chunk, sizeof(chunk));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break; /* the child is done, or dead */
			if (got_head < sizeof(rh)) {
				used = sizeof(rh) - got_head < (size_t)n ? sizeof(rh) - got_head : (size_t)n;
				memcpy((char *)&rh + got_head, chunk, used);
				got_head += used;
			}
			if ((size_t)n > used) {
				if (buf_append(out, chunk + used, (size_t)n - used)) {
					err = err_set(e, GEMIS_ELIMIT, "the document reader's answer is too large");
					break;
				}
				got_body += (size_t)n - used;
			}
			continue;
		}
		if (anon_rss((pid_t)cpid) > lim->memory + inherited) {
			*end = SANDBOX_MEMORY;
			kill((pid_t)cpid, SIGKILL);
			err = err_set(e, GEMIS_ELIMIT, "more than %zu MB of memory", lim->memory >> 20);
			break;
		}
		if (now_ms() - start > (long long)lim->seconds * 1000) {
			*end = SANDBOX_TIME;
			kill((pid_t)cpid, SIGKILL);
			err = err_set(e, GEMIS_ELIMIT, "more than %u seconds", lim->seconds);
			break;
		}
	}
	if (!err && (got_head < sizeof(rh) || got_body != rh.len))
		err = err_set(e, GEMIS_EIO, "the document reader crashed");
	if (!err) {
		*end = SANDBOX_DONE;
		err = (enum gemis_err)rh.code;
		if (err && e) {
			e->code = err;
			memcpy(e->where, rh.where, sizeof(e->where));
			memcpy(e->msg, rh.msg, sizeof(e->msg));
			e->where[sizeof(e->where) - 1] = '\0';
			e->msg[sizeof(e->msg) - 1] = '\0';
		}
	}
out:
	if (err && *end != SANDBOX_DONE)
		buf_truncate(out, before);
	close(fd);
	if (direct > 0) {
		if (err && *end != SANDBOX_DONE)
			kill(direct, SIGKILL);
		waitpid(direct, NULL, 0);
	}
	return err;
}
