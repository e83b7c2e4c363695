/*
 * test_guard.c: the connection guard of the server (src/http/guard.c): a
 * phase's deadline that no trickle extends, and who makes room at the
 * connection cap.  Connections are socket pairs; a connection the guard
 * ends reads as closed at its other end.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harness.h"
#include "http/guard.h"

struct fake {
	int sv[2];
	struct sockaddr_in addr;
	struct guard_conn *c;
};

static void fake_open(struct guard *g, struct fake *f, const char *ip)
{
	memset(f, 0, sizeof(*f));
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, f->sv) == 0);
	f->addr.sin_family = AF_INET;
	inet_pton(AF_INET, ip, &f->addr.sin_addr);
	f->c = guard_open(g, f->sv[0], (const struct sockaddr *)&f->addr);
	CHECK(f->c != NULL);
	usleep(2000); /* distinct ages */
}

/* Whether the guard ended it: its other end reads the end of the stream. */
static bool ended(const struct fake *f)
{
	char b;

	return recv(f->sv[1], &b, 1, MSG_DONTWAIT) == 0;
}

static void fake_close(struct guard *g, struct fake *f)
{
	guard_close(g, f->c);
	close(f->sv[0]);
	close(f->sv[1]);
}

static const struct sockaddr *addr_of(const char *ip, struct sockaddr_in *a)
{
	memset(a, 0, sizeof(*a));
	a->sin_family = AF_INET;
	inet_pton(AF_INET, ip, &a->sin_addr);
	return (const struct sockaddr *)a;
}

/* A connection waiting for headers is ended at the deadline however many
 * bytes trickled in (the guard never hears of bytes, only of phases); a
 * handler at work is not. */
TEST(deadlines)
{
	struct guard_limits l = {0, 1, 1, 1};
	struct guard *g;
	struct errctx e = {0};
	struct fake waiting, working, reading;
	struct guard_stats st;

	CHECK(guard_start(&l, &g, &e) == GEMIS_OK);
	fake_open(g, &waiting, "127.0.0.1");
	fake_open(g, &working, "127.0.0.1");
	fake_open(g, &reading, "127.0.0.1");
	guard_phase(g, working.c, GUARD_HANDLING, false);
	guard_phase(g, reading.c, GUARD_SENDING, true);
	CHECK(!ended(&waiting));
	usleep(1700000);
	CHECK(ended(&waiting));
	CHECK(!ended(&working));
	CHECK(ended(&reading)); /* an answer not read in send_limit, signed in or not */
	st = guard_stats(g);
	CHECK(st.ended_headers == 1 && st.ended_send == 1 && st.ended_body == 0 && st.open == 3);
	fake_close(g, &waiting);
	fake_close(g, &working);
	fake_close(g, &reading);
	CHECK(guard_stats(g).open == 0);
	guard_stop(g);
}

/* At the cap the address holding the most connections gives up its oldest
 * one that a client holds; a signed-in body or answer, or a handler at
 * work, never; a newcomer from an address that holds as many is refused. */
TEST(room_at_the_cap)
{
	struct guard_limits l = {4, 0, 0, 0};
	struct guard *g;
	struct errctx e = {0};
	struct fake a1, a2, a3, b1;
	struct sockaddr_in sa;

	CHECK(guard_start(&l, &g, &e) == GEMIS_OK);
	CHECK(guard_admit(g, addr_of("127.0.0.9", &sa)));
	fake_open(g, &a1, "127.0.0.2"); /* the slow client's three */
	guard_phase(g, a1.c, GUARD_BODY, false);
	usleep(2000);
	fake_open(g, &a2, "127.0.0.2");
	fake_open(g, &a3, "127.0.0.2");
	fake_open(g, &b1, "127.0.0.3"); /* a quick one, waiting: younger */
	/* full: a newcomer from elsewhere ends the slow address's oldest */
	CHECK(guard_admit(g, addr_of("127.0.0.4", &sa)));
	CHECK(ended(&a1) && !ended(&a2) && !ended(&a3) && !ended(&b1));
	CHECK(guard_stats(g).evicted == 1);
	fake_close(g, &a1);
	fake_open(g, &a1, "127.0.0.4");
	/* full again: 127.0.0.2 holds two, more than anyone: one of its own
	 * is refused rather than ending another's */
	CHECK(!guard_admit(g, addr_of("127.0.0.2", &sa)));
	CHECK(guard_stats(g).refused == 1);
	CHECK(!ended(&a2) && !ended(&a3) && !ended(&b1) && !ended(&a1));
	/* signed in, or at work: never ended to make room */
	guard_phase(g, a2.c, GUARD_SENDING, true);
	guard_phase(g, a3.c, GUARD_BODY, true);
	guard_phase(g, b1.c, GUARD_HANDLING, false);
	guard_phase(g, a1.c, GUARD_HANDLING, false);
	CHECK(!guard_admit(g, addr_of("127.0.0.5", &sa)));
	CHECK(!ended(&a2) && !ended(&a3) && !ended(&b1) && !ended(&a1));
	/* an unauthenticated answer may be ended */
	guard_phase(g, a2.c, GUARD_SENDING, false);
	CHECK(guard_admit(g, addr_of("127.0.0.5", &sa)));
	CHECK(ended(&a2));
	fake_close(g, &a1);
	fake_close(g, &a2);
	fake_close(g, &a3);
	fake_close(g, &b1);
	guard_stop(g);
}

int main(void)
{
	RUN(deadlines);
	RUN(room_at_the_cap);
	return harness_report();
}
