/*
 * test_util.c: the parts of src/util/ that are not exercised through a
 * domain: the one number reader of every importer, control characters,
 * and the sandbox that reads hostile documents in a child process.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "util/confine.h"
#include "util/i18n.h"
#include "util/number.h"
#include "util/sandbox.h"
#include "util/text.h"
#include "util/totp.h"

static enum number_problem num(const char *s, double *v)
{
	return number_parse(s, strlen(s), v);
}

/* What every importer takes as a value, and what it refuses and why. */
TEST(number_parse_accepts_and_refuses)
{
	char nines[1001], msg[320];
	double v = -1;

	CHECK(num("412", &v) == NUMBER_OK && v == 412);
	CHECK(num(" 41,2 ", &v) == NUMBER_OK && v == 41.2);
	CHECK(num("41.25", &v) == NUMBER_OK && v == 41.25);
	CHECK(num("-3", &v) == NUMBER_OK && v == -3);
	CHECK(num("+3", &v) == NUMBER_OK && v == 3);
	CHECK(num("0", &v) == NUMBER_OK && v == 0);
	CHECK(num("0.25", &v) == NUMBER_OK && v == 0.25);
	CHECK(num("007", &v) == NUMBER_OK && v == 7);
	CHECK(num("1.500000", &v) == NUMBER_OK && v == 1.5);
	/* 15 significant digits are kept exactly; 16 are not */
	CHECK(num("999999999999999", &v) == NUMBER_OK && v == 999999999999999.0);
	CHECK(num("0.000000000000001", &v) == NUMBER_OK && v == 1e-15);
	CHECK(num("12345678901234.5", &v) == NUMBER_OK && v == 12345678901234.5);
	CHECK(num("123456789012345.6", &v) == NUMBER_DIGITS);
	CHECK(num("9999999999999999", &v) == NUMBER_DIGITS);
	CHECK(num("1000000000000000", &v) == NUMBER_DIGITS); /* 16 digits before the mark */
	memset(nines, '9', 1000);
	nines[1000] = '\0';
	v = -1;
	CHECK(num(nines, &v) == NUMBER_DIGITS && v == -1);
	/* zeros in front of a value are no digits, but a number has an end */
	CHECK(num("0000000000000000000000000000000000000001", &v) == NUMBER_OK && v == 1);
	CHECK(num("00000000000000000000000000000000000000001", &v) == NUMBER_DIGITS);
	CHECK(num("", &v) == NUMBER_EMPTY);
	CHECK(num("   ", &v) == NUMBER_EMPTY);
	CHECK(num("1e5", &v) == NUMBER_SYNTAX);
	CHECK(num("1,2,3", &v) == NUMBER_SYNTAX);
	CHECK(num("1.234.567", &v) == NUMBER_SYNTAX);
	CHECK(num("4.", &v) == NUMBER_SYNTAX);
	CHECK(num(".5", &v) == NUMBER_SYNTAX);
	CHECK(num("-", &v) == NUMBER_SYNTAX);
	CHECK(num("-.5", &v) == NUMBER_SYNTAX);
	CHECK(num("nan", &v) == NUMBER_SYNTAX);
	CHECK(num("inf", &v) == NUMBER_SYNTAX);
	CHECK(num("0x10", &v) == NUMBER_SYNTAX);
	CHECK(num("1 000", &v) == NUMBER_SYNTAX);
	CHECK(number_parse("12\0" "5", 4, &v) == NUMBER_SYNTAX);
	/* the length bounds the parse, not a NUL */
	CHECK(number_parse("125", 2, &v) == NUMBER_OK && v == 12);

	i18n_set_lang(LANG_EN);
	number_problem_text(NUMBER_DIGITS, nines, 1000, msg, sizeof(msg));
	CHECK(strstr(msg, "'999999999999999999999999… (1000)' is too long for a value") == msg);
	number_problem_text(NUMBER_SYNTAX, "1e5", 3, msg, sizeof(msg));
	CHECK_STR(msg, "'1e5' is not a number");
	/* a long quote is cut at a character boundary */
	number_quote("Phòng Văn hóa - Xã hội Bình Lư", strlen("Phòng Văn hóa - Xã hội Bình Lư"), msg, sizeof(msg));
	CHECK(strstr(msg, "… (30)") != NULL && text_valid_utf8(msg, strlen(msg)));
	i18n_set_lang(LANG_VI);
}

/* A text's limit counts characters, as a browser's maxlength does: a
 * Vietnamese note the form let through was once refused for its bytes. */
TEST(characters_not_bytes)
{
	CHECK(text_chars("") == 0);
	CHECK(text_chars("03394") == 5);
	CHECK(text_chars("Tảo hôn") == 7 && strlen("Tảo hôn") == 10);
	CHECK(text_chars("ộ") == 1 && strlen("ộ") == 3);
	CHECK(text_chars("\xff\x80" "a") == 2); /* a stray byte counts, a lone continuation does not */
}

TEST(control_characters)
{
	CHECK(text_control_at("03394", 5) == -1);
	CHECK(text_control_at("03394\0junk", 10) == 5);
	CHECK(text_control_at("a\tb", 3) == -1);
	CHECK(text_control_at("a\nb", 3) == 1);
	CHECK(text_control_at("a\x7f", 2) == 1);
	CHECK(text_control_at("Bình Lư", strlen("Bình Lư")) == -1);
}

static const struct sandbox_limits limits = {(size_t)32 << 20, 5};

static enum gemis_err upper(const void *in, size_t len, struct buf *out, struct errctx *e)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = ((const char *)in)[i];

		if (buf_putc(out, (char)(c >= 'a' && c <= 'z' ? c - 32 : c)))
			return err_set(e, GEMIS_ELIMIT, "too long");
	}
	if (len == 0)
		return err_set_at(e, GEMIS_EFORMAT, "input", "%s", i18n_lang() == LANG_EN ? "empty" : "rỗng");
	return GEMIS_OK;
}

static enum gemis_err hog(const void *in, size_t len, struct buf *out, struct errctx *e)
{
	size_t i, n = (size_t)256 << 20;
	char *p = malloc(n);

	(void)in, (void)len, (void)out, (void)e;
	/* touch every page, slowly enough for the watchdog to see it grow */
	for (i = 0; p && i < n; i += 4096) {
		p[i] = 1;
		if (i % ((size_t)1 << 20) == 0)
			usleep(200);
	}
	free(p);
	return GEMIS_OK;
}

static enum gemis_err sleeper(const void *in, size_t len, struct buf *out, struct errctx *e)
{
	(void)in, (void)len, (void)out, (void)e;
	for (;;)
		sleep(1);
	return GEMIS_OK;
}

static enum gemis_err crasher(const void *in, size_t len, struct buf *out, struct errctx *e)
{
	(void)in, (void)len, (void)out, (void)e;
	_exit(3);
}

/* A child's result, its error and its language come back; a child past
 * its memory or time is killed and said to be; a crash is a crash; the
 * parent's buffer keeps nothing of a killed child. */
static void sandbox_cases(void)
{
	struct sandbox_limits quick = {(size_t)32 << 20, 1};
	struct errctx e = {0};
	enum sandbox_end end;
	struct buf out;

	buf_init(&out, 1024);
	buf_puts(&out, "kept:");
	CHECK(sandbox_run(upper, &limits, "plan 2026", 9, &out, &end, &e) == GEMIS_OK);
	CHECK(end == SANDBOX_DONE);
	CHECK_STR(buf_str(&out), "kept:PLAN 2026");

	i18n_set_lang(LANG_EN);
	CHECK(sandbox_run(upper, &limits, "", 0, &out, &end, &e) == GEMIS_EFORMAT);
	CHECK(end == SANDBOX_DONE && e.code == GEMIS_EFORMAT);
	CHECK_STR(e.where, "input");
	CHECK_STR(e.msg, "empty");
	i18n_set_lang(LANG_VI);

	/* the parent's maximum holds in the child */
	buf_reset(&out);
	{
		char big[2048];

		memset(big, 'a', sizeof(big));
		CHECK(sandbox_run(upper, &limits, big, sizeof(big), &out, &end, &e) == GEMIS_ELIMIT);
		CHECK(end == SANDBOX_DONE);
	}

	buf_reset(&out);
	buf_puts(&out, "kept");
	CHECK(sandbox_run(hog, &limits, "x", 1, &out, &end, &e) == GEMIS_ELIMIT);
	CHECK(end == SANDBOX_MEMORY);
	CHECK_STR(buf_str(&out), "kept");

	CHECK(sandbox_run(sleeper, &quick, "x", 1, &out, &end, &e) == GEMIS_ELIMIT);
	CHECK(end == SANDBOX_TIME);

	CHECK(sandbox_run(crasher, &limits, "x", 1, &out, &end, &e) == GEMIS_EIO);
	CHECK(end == SANDBOX_CRASH);
	buf_release(&out);
}

TEST(sandbox_direct)
{
	sandbox_cases();
}

/* The same through the helper a server starts before its threads. */
TEST(sandbox_helper)
{
	struct errctx e = {0};

	CHECK(sandbox_start(&e) == GEMIS_OK);
	CHECK(sandbox_start(&e) == GEMIS_OK);
	sandbox_cases();
	sandbox_stop();
}

/* RFC 4226 appendix D, RFC 6238 appendix B (SHA-1), RFC 4648 section 10. */
TEST(totp_vectors)
{
	static const long hotp_want[10] = {755224, 287082, 359152, 969429, 338314,
					   254676, 287922, 162583, 399871, 520489};
	const unsigned char *key = (const unsigned char *)"12345678901234567890";
	char b32[16], code[48];
	long long step = 0;
	unsigned i;

	for (i = 0; i < 10; i++)
		CHECK(hotp(key, 20, i, 6) == hotp_want[i]);
	CHECK(hotp(key, 20, totp_step(59), 8) == 94287082);
	CHECK(hotp(key, 20, totp_step(1111111109), 8) == 7081804);
	CHECK(hotp(key, 20, totp_step(2000000000), 8) == 69279037);
	CHECK(base32_encode((const unsigned char *)"foobar", 6, b32, sizeof(b32)) && strcmp(b32, "MZXW6YTBOI") == 0);
	CHECK(base32_encode((const unsigned char *)"f", 1, b32, sizeof(b32)) && strcmp(b32, "MY") == 0);
	CHECK(!base32_encode((const unsigned char *)"foobar", 6, b32, 10));
	/* a code of the step before, now or after is taken once, as typed with
	 * a space; older ones, a used step and malformed codes are not */
	snprintf(code, sizeof(code), "%06ld", hotp(key, 20, totp_step(1111111109) - 1, 6));
	CHECK(totp_check(key, 20, code, 1111111109, 0, &step) && step == totp_step(1111111109) - 1);
	CHECK(!totp_check(key, 20, code, 1111111109, step, &step));
	CHECK(!totp_check(key, 20, code, 1111111109 + 60, 0, &step));
	snprintf(code, sizeof(code), "%03ld %03ld", hotp(key, 20, totp_step(1111111109) + 1, 6) / 1000,
		 hotp(key, 20, totp_step(1111111109) + 1, 6) % 1000);
	CHECK(totp_check(key, 20, code, 1111111109, 0, &step));
	CHECK(!totp_check(key, 20, "12345", 1111111109, 0, &step));
	CHECK(!totp_check(key, 20, "1234567", 1111111109, 0, &step));
	CHECK(!totp_check(key, 20, "12a456", 1111111109, 0, &step));
	CHECK(!totp_check(key, 20, NULL, 1111111109, 0, &step));
}

/* A listening TCP socket on 127.0.0.1; its port in *port. */
static int tcp_listener(unsigned *port)
{
	struct sockaddr_in a = {0};
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 4) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0)
		return -1;
	*port = ntohs(a.sin_port);
	return fd;
}

static bool tcp_connects(unsigned port)
{
	struct sockaddr_in a = {0};
	int fd = socket(AF_INET, SOCK_STREAM, 0), rc;

	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	rc = connect(fd, (struct sockaddr *)&a, sizeof(a));
	close(fd);
	return rc == 0;
}

static bool creates(const char *dir)
{
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/made", dir);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

/* What a confined process can no longer do (issue 22, goal 6): in a child,
 * confine_apply() with one writable directory and one TCP port; then
 * running a program, writing elsewhere, connecting to another port and
 * binding one fail, and what was allowed works.  Each failure is one bit
 * of the child's exit status. */
TEST(confinement)
{
	char a[] = "/tmp/gemis-confine-a-XXXXXX", b[] = "/tmp/gemis-confine-b-XXXXXX";
	unsigned allowed = 0, other = 0;
	int la = tcp_listener(&allowed), lb = tcp_listener(&other), st = 0;
	pid_t pid;

	CHECK(mkdtemp(a) && mkdtemp(b) && la >= 0 && lb >= 0);
	pid = fork();
	if (pid == 0) {
		struct confine_rules r = {{a, NULL}, allowed};
		struct confine_result got;
		struct errctx e = {0};
		char *argv[] = {(char *)"/bin/true", NULL};
		unsigned bits = 0;

		if (confine_apply(&r, &got, &e) != GEMIS_OK || !got.seccomp)
			_exit(1);
		if (execv("/bin/true", argv) == 0 || errno != EPERM)
			bits |= 2;
		if (!creates(a))
			bits |= 4;
		if (got.landlock_abi >= 1 && creates(b))
			bits |= 8;
		if (got.landlock_abi >= 4 && (tcp_connects(other) || !tcp_connects(allowed)))
			bits |= 16;
		if (got.landlock_abi >= 4 && tcp_listener(&other) >= 0)
			bits |= 32;
		/* a kernel without Landlock (or before 6.7, without its ports)
		 * confines less: say so rather than pass in silence */
		if (got.landlock_abi < 4)
			fprintf(stderr, "confinement: Landlock %d: %s not checked\n", got.landlock_abi,
				got.landlock_abi ? "ports" : "files and ports");
		_exit((int)bits);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st));
	if (WEXITSTATUS(st))
		fprintf(stderr, "confinement: child status %d\n", WEXITSTATUS(st));
	CHECK(WEXITSTATUS(st) == 0);
	CHECK(creates(b)); /* the parent is not confined */
	close(la);
	close(lb);
}

int main(void)
{
	RUN(number_parse_accepts_and_refuses);
	RUN(characters_not_bytes);
	RUN(control_characters);
	RUN(sandbox_direct);
	RUN(sandbox_helper);
	RUN(totp_vectors);
	RUN(confinement);
	return harness_report();
}
