# gemis serve confined (issue 22, goal 6): started as root with --user, it
# binds its port and becomes that account for good; confined, it has
# no_new_privs and a system-call filter, and still serves what writes files
# (a report drawn in a temporary folder, a form saved into its database).
# What the confinement refuses is tested in test_util (confinement).
. "$ROOT/tests/integration/lib.sh"

[ "$(id -u)" = 0 ] || { echo "needs root to start the server as root"; exit 77; }
id nobody >/dev/null 2>&1 || { echo "no user nobody"; exit 77; }

expect_ok "$GEMIS" demo
chown -R nobody . # the database's folder is the server account's
start_server --user nobody --quiet
status_of() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$SERVER_PID/status"; }
[ "$(status_of Uid)" = "$(id -u nobody)" ] || die "the server runs as uid $(status_of Uid), not nobody"
[ "$(status_of Gid)" = "$(id -g nobody)" ] || die "the server runs as gid $(status_of Gid)"
[ -z "$(awk '$1 == "Groups:" {print $2}' "/proc/$SERVER_PID/status")" ] || die "supplementary groups kept"
[ "$(status_of NoNewPrivs)" = 1 ] || die "no no_new_privs"
[ "$(status_of Seccomp)" = 2 ] || die "no system-call filter (Seccomp: $(status_of Seccomp))"
JAR=focal.jar sign_in binhlu gemis-demo-2026
JAR=focal.jar http GET "/report?unit=03390&year=2026&format=xlsx"
expect_status 200
JAR=focal.jar http GET "/report?unit=03390&year=2026&format=pdf"
expect_status 200
csrf=$(JAR=focal.jar csrf_token)
JAR=focal.jar http POST /action-month/03390/2026 --data-urlencode "csrf=$csrf" --data-urlencode "theme=Chung tay"
expect_status 303
[ "$(sql gemis.db "SELECT theme FROM action_months")" = "Chung tay" ] || die "the save did not reach the database"
stop_server

expect_fail 2 "$GEMIS" serve --port 0 --user
expect_fail 1 "$GEMIS" serve --port 0 --user no-such-user-here --two-step none
contains "$err" "no such user 'no-such-user-here'"
