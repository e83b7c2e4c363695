# A body is read only for someone who may send it (issue 22): the session
# or token, and a CSRF token sent as a header, are checked from the headers
# before a byte of the body is taken, so a client that has not signed in
# costs a few KB, not the 20 MB an upload may hold.  Prints the figures.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
start_server --quiet

# 40 unfinished unauthenticated uploads (web, API, plan; no cookie, an
# unknown session, an unknown token): each 401 at once, the connection
# closed, the server's memory where it was
python3 "$ROOT/tests/integration/hostile.py" unauth-bodies "$BASE" "$SERVER_PID" 40 ||
	die "unauthenticated uploads"

# signed in, the body is read as before
JAR=focal.jar sign_in binhlu gemis-demo-2026
JAR=focal.jar http GET /lang/en
csrf=$(JAR=focal.jar csrf_token)
printf 'unit,period,indicator,part,sex,value\n03390,2024,female_masters,num,T,1\n03390,2024,female_masters,den,T,2\n' >one.csv
JAR=focal.jar http POST /upload -F "csrf=$csrf" -F "dry_run=1" -F "file=@one.csv;type=text/csv"
expect_status 200
contains "$body" "dry run"
JAR=focal.jar http POST "/api/v1/values?dry_run=1" -H "X-CSRF-Token: $csrf" -H "Content-Type: text/csv" \
	--data-binary @one.csv
expect_status 200
# a session's JSON or CSV carries its CSRF token in the header: without it,
# or with a wrong one, the body is refused unread
JAR=focal.jar http POST "/api/v1/values?dry_run=1" -H "Content-Type: text/csv" --data-binary @one.csv
expect_status 403
JAR=focal.jar http POST "/api/v1/values?dry_run=1" -H "X-CSRF-Token: $(printf '%064d' 0)" \
	-H "Content-Type: text/csv" --data-binary @one.csv
expect_status 403
# a form whose token is in the body: the session was enough to read it,
# the token is still checked
JAR=focal.jar http POST /upload -F "csrf=$(printf '%064d' 0)" -F "dry_run=1" -F "file=@one.csv;type=text/csv"
expect_status 403
# the sign-in form needs no account, so its body is small
head -c 20000 /dev/zero | tr '\0' a >big.txt
JAR=none.jar http POST /login --data-urlencode "name@big.txt"
expect_status 413
JAR=none.jar http POST /upload -F "file=@one.csv;type=text/csv"
expect_status 401
JAR=none.jar http POST /api/v1/values -H "Content-Type: text/csv" --data-binary @one.csv
expect_status 401
stop_server
