/*
 * confine.c: privilege drop, Landlock and seccomp (confine.h).
 */
#include "confine.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/landlock.h>
#include <pwd.h>
#include <seccomp.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/banned.h"

enum gemis_err confine_drop_user(const char *user, struct errctx *e)
{
	struct passwd *pw;

	if (geteuid() != 0)
		return err_set_at(e, GEMIS_EINVAL, "--user", "only a server started as root can change its user");
	pw = getpwnam(user);
	if (!pw)
		return err_set_at(e, GEMIS_EINVAL, "--user", "no such user '%s'", user);
	if (pw->pw_uid == 0)
		return err_set_at(e, GEMIS_EINVAL, "--user", "'%s' is root", user);
	if (setgroups(0, NULL) != 0 || setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0)
		return err_set_at(e, GEMIS_EIO, "--user", "cannot become '%s': %s", user, strerror(errno));
	/* for good: root cannot be had back */
	if (setuid(0) == 0)
		return err_set_at(e, GEMIS_EIO, "--user", "could become root again after leaving it");
	return GEMIS_OK;
}

/* --- Landlock ----------------------------------------------------------- */

/* What Landlock's later versions added (truncation: 3; TCP ports: 4),
 * which the headers of Debian 12 (Linux 6.1) do not have yet; the
 * kernel's interface is stable, so they are written out here. */
struct ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
};
struct ll_net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};
#define LL_ACCESS_FS_TRUNCATE (1ULL << 14)
#define LL_ACCESS_NET_BIND_TCP (1ULL << 0)
#define LL_ACCESS_NET_CONNECT_TCP (1ULL << 1)
#define LL_RULE_NET_PORT 2

/* The rights over files Landlock version abi knows that change the file
 * system or run a program; reading stays open. */
static uint64_t fs_rights(int abi)
{
	uint64_t r = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
		     LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR |
		     LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
		     LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;

	if (abi >= 2)
		r |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		r |= LL_ACCESS_FS_TRUNCATE;
	return r;
}

/* Grants `rights` below path (a directory, or a file for file rights). */
static int allow_path(int ruleset, const char *path, uint64_t rights)
{
	struct landlock_path_beneath_attr pb = {0};
	int rc;

	pb.parent_fd = open(path, O_PATH | O_CLOEXEC);
	if (pb.parent_fd < 0)
		return -1;
	pb.allowed_access = rights;
	rc = (int)syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
	close(pb.parent_fd);
	return rc;
}

static enum gemis_err landlock(const struct confine_rules *r, int abi, struct errctx *e)
{
	struct ll_ruleset_attr ra = {0};
	uint64_t dir_rights = fs_rights(abi) & ~(uint64_t)LANDLOCK_ACCESS_FS_EXECUTE;
	int rs, i, rc = 0;

	ra.handled_access_fs = fs_rights(abi);
	if (abi >= 4)
		ra.handled_access_net = LL_ACCESS_NET_BIND_TCP | LL_ACCESS_NET_CONNECT_TCP;
	rs = (int)syscall(SYS_landlock_create_ruleset, &ra, abi >= 4 ? sizeof(ra) : sizeof(ra.handled_access_fs), 0);
	if (rs < 0)
		return err_set(e, GEMIS_EIO, "Landlock: cannot make a rule set: %s", strerror(errno));
	for (i = 0; i < CONFINE_MAX_DIRS && r->writable[i] && !rc; i++) {
		rc = allow_path(rs, r->writable[i], dir_rights);
		if (rc)
			err_set_at(e, GEMIS_EIO, r->writable[i], "Landlock: %s", strerror(errno));
	}
	/* libraries write to /dev/null now and then */
	if (!rc)
		allow_path(rs, "/dev/null", LANDLOCK_ACCESS_FS_WRITE_FILE);
	if (!rc && abi >= 4 && r->connect_port) {
		struct ll_net_port_attr np = {LL_ACCESS_NET_CONNECT_TCP, r->connect_port};

		rc = (int)syscall(SYS_landlock_add_rule, rs, LL_RULE_NET_PORT, &np, 0);
		if (rc)
			err_set(e, GEMIS_EIO, "Landlock: port %u: %s", r->connect_port, strerror(errno));
	}
	if (!rc && syscall(SYS_landlock_restrict_self, rs, 0) != 0) {
		rc = -1;
		err_set(e, GEMIS_EIO, "Landlock: %s", strerror(errno));
	}
	close(rs);
	return rc ? GEMIS_EIO : GEMIS_OK;
}

/* --- seccomp ------------------------------------------------------------ */

/* LeakSanitizer stops the world with ptrace when the process ends: a
 * build with AddressSanitizer (the tests') keeps ptrace. */
#if defined(__SANITIZE_ADDRESS__)
#define LEAK_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LEAK_CHECKED 1
#endif
#endif
#ifdef LEAK_CHECKED
#define PTRACE_CALL
#else
#define PTRACE_CALL SCMP_SYS(ptrace),
#endif

/* System calls a web server never makes: running programs, inspecting or
 * changing other processes, the kernel, mounts and namespaces. */
static const int denied_calls[] = {
	SCMP_SYS(execve), SCMP_SYS(execveat), PTRACE_CALL SCMP_SYS(process_vm_readv),
	SCMP_SYS(process_vm_writev), SCMP_SYS(mount), SCMP_SYS(umount2), SCMP_SYS(pivot_root),
	SCMP_SYS(chroot), SCMP_SYS(kexec_load), SCMP_SYS(kexec_file_load), SCMP_SYS(init_module),
	SCMP_SYS(finit_module), SCMP_SYS(delete_module), SCMP_SYS(bpf), SCMP_SYS(perf_event_open),
	SCMP_SYS(reboot), SCMP_SYS(swapon), SCMP_SYS(swapoff), SCMP_SYS(setns), SCMP_SYS(unshare),
	SCMP_SYS(keyctl), SCMP_SYS(add_key), SCMP_SYS(request_key), SCMP_SYS(userfaultfd),
	SCMP_SYS(open_by_handle_at), SCMP_SYS(personality),
};

static enum gemis_err seccomp(struct errctx *e)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	size_t i;
	int rc = ctx ? 0 : -1;

	for (i = 0; !rc && i < sizeof(denied_calls) / sizeof(denied_calls[0]); i++)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), denied_calls[i], 0);
	if (!rc)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc)
		return err_set(e, GEMIS_EIO, "seccomp: %s", strerror(rc < 0 ? -rc : rc));
	return GEMIS_OK;
}

enum gemis_err confine_apply(const struct confine_rules *r, struct confine_result *out, struct errctx *e)
{
	enum gemis_err err;
	int abi;

	memset(out, 0, sizeof(*out));
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return err_set(e, GEMIS_EIO, "no_new_privs: %s", strerror(errno));
	abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (abi > 0) {
		err = landlock(r, abi, e);
		if (err)
			return err;
		out->landlock_abi = abi;
	}
	err = seccomp(e);
	if (!err)
		out->seccomp = true;
	return err;
}
