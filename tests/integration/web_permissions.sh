# The permission matrix: every route that names a unit, for every role,
# on the account's own unit, a child, a sibling, the parent, a commune of
# another province and a unit that does not exist.  The expected answers
# come from the rules written out again here (docs/web.md, "Who may do
# what"), independently of src/core/access.c: allowed gives the route's own
# answer, anything else 403 - the same 403 for a unit that does not exist,
# so that nobody learns what exists outside their scope (an admin, who
# sees everything, gets 404 for it).
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
printf 'a long enough password\n' >pw.txt
expect_ok "$GEMIS" user add lc.viewer --role viewer --unit 12 --password-stdin <pw.txt
# budget line 1: Bình Lư's culture-social office's, submitted
expect_ok "$GEMIS" budget add --unit 03390 --year 2026 --agency vhxh --source nsnn_xa --estimate 1000 --title x --submit
# a complaint of Bình Lư handled by its culture-social office (its person
# sealed with the register key the server reads too)
expect_ok "$GEMIS" case keygen reg.key
export GEMIS_CASE_KEY_FILE="$PWD/reg.key"
expect_ok "$GEMIS" complaint add --unit 03390 --received 2026-03-02 --channel hotline --kind complaint --field family \
	--agency vhxh --name "Người khiếu nại" --text "x" --as binhlu
cmp=03390-2026-0001
# a draft of Bình Lư's economic office, its gender check not submitted
expect_ok "$GEMIS" draft add --unit 03390 --kind decision --title x --drafted-on 2026-10-01 --agency kinhte
drft=$(sql gemis.db "SELECT MAX(id) FROM drafts")
# a local indicator of Bình Lư: a custom target of a plan amending its plan
cat >amend.json <<'JSON'
{"document": {"number": "9/KH-UBND", "date": "2026-07-01", "period": [2026, 2030], "title": "Bổ sung chỉ tiêu tảo hôn",
  "unit": {"level": "commune", "name": "Bình Lư", "code": "03390"}, "amends": {"number": "645/KH-UBND", "date": "2026-04-10"}},
 "targets": [{"indicator": "custom", "goal": "family", "value": 5, "unit": "%", "direction": "at_most", "year": 2030,
   "baseline": null, "text": "Giảm tỷ lệ tảo hôn xuống dưới 5%"}],
 "aims": [], "agencies": ["vhxh"], "assignments": {}, "deadline": {"day": 30, "month": 11, "year": null, "to": "vhxh"}, "lint": []}
JSON
expect_ok "$GEMIS" plan load amend.json
lag=$(sql gemis.db "SELECT l.agency FROM local_indicators l JOIN units u ON u.id = l.unit_id WHERE u.code = '03390' AND l.seq = 1")
[ -n "$lag" ] || die "the amending plan made no local indicator L1 of 03390"
# a province's own indicators: Lai Châu's and Hà Nội's
for sc in 12:perm_lc 01:perm_hn; do
	expect_ok "$GEMIS" indicator add --id "${sc#*:}" --goal economy --kind value --unit count --scope "${sc%%:*}" \
		--name-vi "Số hợp tác xã" --name-en "Cooperatives" --part-vi "Số hợp tác xã" --part-en "Cooperatives"
done
start_server

# role -> account, its password and its jar
accounts="admin:admin ministry:bo.noivu province:laichau focal:binhlu reporter:binhlu.vhxh viewer:binhlu.viewer
	supervisor:binhlu.mttq pviewer:lc.viewer"
for a in $accounts; do
	role=${a%%:*}
	name=${a#*:}
	pw=gemis-demo-2026
	[ "$name" = lc.viewer ] && pw="a long enough password"
	JAR=$role.jar sign_in "$name" "$pw"
	JAR=$role.jar http GET /lang/en
	eval "csrf_$role=\$(JAR=$role.jar csrf_token)"
done

# the units each role is tried on: relation=code
units_of() {
	case $1 in
	admin | ministry) echo "own=VN child=12 other=09385 none=99999" ;;
	province | pviewer) echo "own=12 child=03390 sibling=24 parent=VN other=09385 none=99999" ;;
	*) echo "own=03390 sibling=03394 parent=12 other=09385 none=99999" ;;
	esac
}

# --- the rules, written out again -----------------------------------------
in_scope() { # role code
	case $1 in
	admin | ministry) [ "$2" != 99999 ] ;;
	province | pviewer) [ "$2" = 12 ] || [ "$2" = 03390 ] || [ "$2" = 03394 ] ;;
	*) [ "$2" = 03390 ] ;;
	esac
}
is_commune() { [ ${#1} = 5 ]; }
allowed() { # role action code [agency]
	in_scope "$1" "$3" || return 1
	case $2 in
	READ) return 0 ;;
	ENTER)
		is_commune "$3" || return 1
		case $1 in admin | focal) return 0 ;; reporter) [ "${4:-}" = vhxh ] ;; *) return 1 ;; esac
		;;
	APPROVE) is_commune "$3" && { [ "$1" = admin ] || [ "$1" = focal ]; } ;;
	# a budget estimate: the economic or finance office's reporter (the
	# matrix's reporter is the culture-social office's), focal, admin
	APPRAISE) is_commune "$3" && { [ "$1" = admin ] || [ "$1" = focal ]; } ;;
	IMPORT) [ "$1" = admin ] || [ "$1" = province ] || [ "$1" = focal ] ;;
	PLAN) [ "$1" = admin ] || [ "$1" = focal ] || { [ "$1" = province ] && [ "$3" = 12 ]; } ;;
	USERS) [ "$1" = admin ] || { [ "$1" = focal ] && [ "$3" = 03390 ]; } ;;
	SIGNINS) [ "$1" = admin ] ;;
	# the indicator catalog (docs/indicators.md): everyone reads it, the
	# ministry and the admin add to it, break its indicators down, retire and edit them
	CATALOG) [ "$1" = admin ] || [ "$1" = ministry ] ;;
	# a province adds its own indicators and retires them (Lai Châu's:
	# perm_lc), not a national one nor another province's (perm_hn)
	CATALOG_OWN) [ "$1" = admin ] || [ "$1" = ministry ] || [ "$1" = province ] ;;
	# the period and deadline of the reports a unit receives: the admin for
	# the nation and any province, a province for its own
	CHAIN) { [ "$1" = admin ] && ! is_commune "$3"; } || { [ "$1" = province ] && [ "$3" = 12 ]; } ;;
	# a unit's own report up the chain: the focal point its commune's, a
	# province officer its province's, the admin any (the nation sends
	# none: 404); accepting or returning one: the admin and the ministry
	# any but the nation's, a province its communes'
	SEND) [ "$1" = admin ] || { [ "$1" = focal ] && [ "$3" = 03390 ]; } || { [ "$1" = province ] && [ "$3" = 12 ]; } ;;
	RECEIVE) { { [ "$1" = admin ] || [ "$1" = ministry ]; } && [ "$3" != VN ]; } || { [ "$1" = province ] && [ "$3" != 12 ]; } ;;
	# asking the units below for an ad hoc report: the admin in any unit's
	# name, the ministry in the nation's, a province officer in its
	# province's; the focal point is told that a commune asks nobody (400,
	# not 403)
	ASK) [ "$1" = admin ] || { [ "$1" = ministry ] && [ "$3" = VN ]; } || { [ "$1" = province ] && [ "$3" = 12 ]; } ||
		{ [ "$1" = focal ] && [ "$3" = 03390 ]; } ;;
	# inspections of a commune (docs/oversight.md): the admin, its focal
	# point, its province and its Fatherland Front's supervisor record them,
	# each for its own inspecting body: the commune's and the Front's for
	# the focal point, the province's for the province, the Front's alone
	# for the supervisor; the same body takes the steps of their
	# recommendations
	INSPECT) is_commune "$3" && { [ "$1" = admin ] || [ "$1" = focal ] || [ "$1" = province ] ||
		{ [ "$1" = supervisor ] && [ "$3" = 03390 ]; }; } ;;
	INSPECT_COMMUNE) is_commune "$3" && { [ "$1" = admin ] || [ "$1" = focal ]; } ;;
	INSPECT_PROVINCE) is_commune "$3" && { [ "$1" = admin ] || [ "$1" = province ]; } ;;
	INSPECT_FRONT) is_commune "$3" && { [ "$1" = admin ] || [ "$1" = focal ] || [ "$1" = supervisor ]; } ;;
	# feedback and complaints (docs/complaints.md): the commune's own focal
	# point and the reporters of the agency handling a matter record it and
	# see who brought it; nobody else, not even the admin
	COMPLAINT) is_commune "$3" && { [ "$1" = focal ] || { [ "$1" = reporter ] && [ "${4:-}" = vhxh ]; }; } ;;
	# the gender check of a draft (docs/drafts.md): the culture-social
	# office's reporter (on another agency's draft), the focal point, the
	# admin review it; the drafting agency fills it (ENTER), the focal
	# point records it issued (APPROVE)
	REVIEW_DRAFT) is_commune "$3" && { [ "$1" = admin ] || [ "$1" = focal ] || [ "$1" = reporter ]; } ;;
	esac
}
may_import() { [ "$1" = admin ] || [ "$1" = province ] || [ "$1" = focal ]; }

checks=0
# check ROLE CODE ACTION WANT METHOD PATH [CURL ARGS]: WANT is the answer
# when allowed ("200", "200|404", "!403": anything but 403, 401 and 5xx)
check() {
	role=$1 code=$2 action=$3 want=$4
	shift 4
	agency=${AGENCY:-}
	[ -n "$agency" ] || case "$2" in */yte/* | *agency=yte*) agency=yte ;; */vhxh/* | *agency=vhxh*) agency=vhxh ;; esac
	JAR=$role.jar http "$@"
	checks=$((checks + 1))
	if allowed "$role" "$action" "$code" "$agency"; then
		case "$want" in
		!403) [ "$status" != 403 ] && [ "$status" != 401 ] && [ "$status" -lt 500 ] ;;
		*) case "|$want|" in *"|$status|"*) true ;; *) false ;; esac ;;
		esac || die "$role $1 $2 on $code: got $status, want $want (allowed)"
	elif [ "$code" = 99999 ] && [ "$role" = admin ]; then
		[ "$status" = 404 ] || [ "$status" = 400 ] || die "$role $1 $2: got $status, want 404"
	else
		[ "$status" = 403 ] || die "$role $1 $2 on $code: got $status, want 403 (denied)"
	fi
}

# a task of Bình Lư led by its culture-social office, and an evidence file
JAR=focal.jar http GET "/tasks?unit=03390&agency=vhxh"
task=$(printf '%s' "$body" | grep -o '/tasks/03390/[0-9a-f]\{16\}' | head -1 | cut -d/ -f4)
[ -n "$task" ] || die "no task of 03390 led by vhxh on /tasks"
printf '\377\330\377\340 a photo' >photo.jpg
JAR=focal.jar http POST "/tasks/03390/$task" -F "csrf=$csrf_focal" -F agency=vhxh -F period=2026 -F version=0 \
	-F status=in_progress -F "evidence1=@photo.jpg;filename=anh.jpg"
expect_status 303
# an activity of Bình Lư's culture-social office
JAR=focal.jar http POST /activities --data-urlencode "csrf=$csrf_focal" --data-urlencode unit=03390 \
	--data-urlencode agency=vhxh --data-urlencode kind=news --data-urlencode "title=Tin" --data-urlencode date=2026-07-01
expect_status 303
printf 'date,kind,title\n2026-07-02,news,Tin\n' >log.csv
# an inspection of Bình Lư by the commune, held, with a recommendation to
# its culture-social office, and one by the province
export GEMIS_TODAY=2026-12-15
JAR=focal.jar http POST /inspections --data-urlencode "csrf=$csrf_focal" --data-urlencode unit=03390 \
	--data-urlencode year=2026 --data-urlencode body=commune --data-urlencode "subject=Kiểm tra" \
	--data-urlencode from=2026-03-01 --data-urlencode to=2026-03-05
expect_status 303
insp=$(header Location | sed 's|^/inspections/03390/\([0-9]*\).*|\1|')
JAR=focal.jar http POST "/inspections/03390/$insp" --data-urlencode "csrf=$csrf_focal" --data-urlencode version=1 \
	--data-urlencode body=commune --data-urlencode "subject=Kiểm tra" --data-urlencode from=2026-03-01 \
	--data-urlencode to=2026-03-05 --data-urlencode held_on=2026-03-04 --data-urlencode "findings=x"
expect_status 303
JAR=focal.jar http POST "/inspections/03390/$insp/recommendations" --data-urlencode "csrf=$csrf_focal" \
	--data-urlencode "text=x" --data-urlencode agency=vhxh --data-urlencode due=2026-06-30
expect_status 303
rec=$(header Location | sed 's|.*#rec-||')
JAR=province.jar http POST /inspections --data-urlencode "csrf=$csrf_province" --data-urlencode unit=03390 \
	--data-urlencode year=2026 --data-urlencode body=province --data-urlencode "subject=Kiểm tra" \
	--data-urlencode from=2026-03-01 --data-urlencode to=2026-03-05 --data-urlencode held_on=2026-03-04
expect_status 303
pinsp=$(header Location | sed 's|^/inspections/03390/\([0-9]*\).*|\1|')
# ... and one by the Fatherland Front, recorded by its supervisor
JAR=supervisor.jar http POST /inspections --data-urlencode "csrf=$csrf_supervisor" --data-urlencode unit=03390 \
	--data-urlencode year=2026 --data-urlencode body=front --data-urlencode "subject=Giám sát" \
	--data-urlencode from=2026-03-01 --data-urlencode to=2026-03-05
expect_status 303
finsp=$(header Location | sed 's|^/inspections/03390/\([0-9]*\).*|\1|')

n=0
for a in $accounts; do
	role=${a%%:*}
	eval "csrf=\$csrf_$role"
	for rel in $(units_of "$role"); do
		u=${rel#*=}
		n=$((n + 1))
		check "$role" "$u" READ 200 GET "/?unit=$u"
		check "$role" "$u" READ 200 GET "/indicator/female_wage_workers?unit=$u&year=2026"
		check "$role" "$u" READ "200|303" GET "/province/$u"
		check "$role" "$u" READ 200 GET "/entry?unit=$u"
		check "$role" "$u" READ 200 GET "/entry/$u/vhxh/2026"
		check "$role" "$u" READ 200 GET "/review?unit=$u"
		check "$role" "$u" READ 200 GET "/plan/$u"
		check "$role" "$u" READ 200 GET "/tasks?unit=$u&year=2026"
		check "$role" "$u" READ "200|404" GET "/tasks/$u/$task?year=2026"
		check "$role" "$u" READ "200|404" GET "/tasks/$u/evidence/1"
		check "$role" "$u" ENTER '!403' POST "/tasks/$u/$task?agency=vhxh" -F "csrf=$csrf" -F period=2026Q1 \
			-F version=0 -F status=in_progress
		check "$role" "$u" ENTER '!403' POST "/tasks/$u/$task?agency=yte" -F "csrf=$csrf" -F period=2026Q1 \
			-F version=0 -F status=in_progress
		check "$role" "$u" READ 200 GET "/activities?unit=$u&year=2026"
		check "$role" "$u" READ 200 GET "/activities/import?unit=$u"
		AGENCY=vhxh check "$role" "$u" ENTER "200|404" GET "/activities/$u/1"
		AGENCY=vhxh check "$role" "$u" ENTER "!403" POST "/activities/$u/1" --data-urlencode "csrf=$csrf" \
			--data-urlencode action=save --data-urlencode version=99 --data-urlencode agency=vhxh --data-urlencode kind=news \
			--data-urlencode title=x --data-urlencode date=2026-07-01
		for ag in vhxh yte; do
			AGENCY=$ag check "$role" "$u" ENTER "!403" POST /activities --data-urlencode "csrf=$csrf" --data-urlencode "unit=$u" \
				--data-urlencode "agency=$ag" --data-urlencode kind=news --data-urlencode "title=x" --data-urlencode date=2026-07-01
			AGENCY=$ag check "$role" "$u" ENTER "!403" POST "/activities/import?agency=$ag" -F "csrf=$csrf" -F "unit=$u" \
				-F dry_run=1 -F "file=@log.csv;type=text/csv"
		done
		# the same in the API
		check "$role" "$u" READ 200 GET "/api/v1/tasks?unit=$u&year=2026"
		check "$role" "$u" READ "200|404" GET "/api/v1/tasks/$u/$task?year=2026"
		check "$role" "$u" READ "200|404" GET "/api/v1/evidence/$u/1"
		for ag in vhxh yte; do
			AGENCY=$ag check "$role" "$u" ENTER '!403' POST "/api/v1/tasks/$u/$task/progress" -H "X-CSRF-Token: $csrf" \
				-H "Content-Type: application/json" --data "{\"agency\": \"$ag\", \"period\": \"2026Q1\", \"version\": 99, \"status\": \"in_progress\"}"
			AGENCY=$ag check "$role" "$u" ENTER '!403' POST "/api/v1/tasks/$u/$task/progress" -H "X-CSRF-Token: $csrf" \
				-F "agency=$ag" -F period=2026Q1 -F version=99 -F status=in_progress -F "evidence=@photo.jpg;filename=anh.jpg"
			AGENCY=$ag check "$role" "$u" ENTER "!403" POST /api/v1/activities -H "X-CSRF-Token: $csrf" \
				-H "Content-Type: application/json" \
				--data "{\"unit\": \"$u\", \"agency\": \"$ag\", \"kind\": \"news\", \"title\": \"x\", \"date\": \"2026-07-01\"}"
			AGENCY=$ag check "$role" "$u" ENTER "!403" POST "/api/v1/activities/import?unit=$u&agency=$ag&dry_run=1" \
				-H "X-CSRF-Token: $csrf" -H "Content-Type: text/csv" --data-binary @log.csv
		done
		# a unit's local indicators: read by whoever reads the unit,
		# recorded only for the agency that owes them
		check "$role" "$u" READ 200 GET "/units/$u/local?year=2026"
		check "$role" "$u" READ 200 GET "/api/v1/units/$u/local-indicators?year=2026"
		AGENCY=$lag check "$role" "$u" ENTER '!403' POST "/units/$u/local/L1" --data-urlencode "csrf=$csrf" \
			--data-urlencode year=2026 --data-urlencode version=99 --data-urlencode value=1
		AGENCY=$lag check "$role" "$u" ENTER '!403' POST "/api/v1/units/$u/local-indicators/L1/values" \
			-H "X-CSRF-Token: $csrf" -H "Content-Type: application/json" --data '{"year": 2026, "value": 1, "version": 99}'
		check "$role" "$u" READ 200 GET "/api/v1/activities?unit=$u&year=2026"
		check "$role" "$u" READ "200|404" GET "/api/v1/activities/$u/1"
		AGENCY=vhxh check "$role" "$u" ENTER "!403" POST "/api/v1/activities/$u/1" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"action": "save", "version": 99, "title": "y"}'
		check "$role" "$u" READ 200 GET "/action-month?unit=$u&year=2026"
		check "$role" "$u" APPROVE 303 POST "/action-month/$u/2026" --data-urlencode "csrf=$csrf" \
			--data-urlencode "theme=Chung tay chấm dứt bạo lực"
		check "$role" "$u" READ 200 GET "/report?unit=$u&year=2026&format=html&kind=action_month"
		check "$role" "$u" READ 200 GET "/report?unit=$u&year=2026&format=html&kind=midterm"
		check "$role" "$u" READ 200 GET "/report?unit=$u&year=2026&format=xlsx&kind=final"
		# the budget: line 1 is 03390's (404 elsewhere), at version 1 (99: 409)
		check "$role" "$u" READ 200 GET "/budget?unit=$u&year=2026"
		check "$role" "$u" READ "200|404" GET "/budget/$u/1"
		for ag in vhxh yte; do
			AGENCY=$ag check "$role" "$u" ENTER "!403" POST "/budget/$u" --data-urlencode "csrf=$csrf" --data-urlencode year=2026 \
				--data-urlencode "agency=$ag" --data-urlencode source=khac --data-urlencode estimate=1 --data-urlencode title=x
			AGENCY=$ag check "$role" "$u" ENTER "!403" POST /api/v1/budget -H "X-CSRF-Token: $csrf" \
				-H "Content-Type: application/json" \
				--data "{\"unit\": \"$u\", \"agency\": \"$ag\", \"year\": 2026, \"source\": \"khac\", \"estimate\": 1, \"title\": \"x\"}"
		done
		AGENCY=vhxh check "$role" "$u" ENTER "409|404" POST "/budget/$u/1" --data-urlencode "csrf=$csrf" \
			--data-urlencode action=save --data-urlencode version=99
		check "$role" "$u" APPRAISE "409|404" POST "/budget/$u/1" --data-urlencode "csrf=$csrf" \
			--data-urlencode action=appraise --data-urlencode version=99 --data-urlencode amount=1
		check "$role" "$u" APPROVE "409|404" POST "/budget/$u/1" --data-urlencode "csrf=$csrf" \
			--data-urlencode action=approve --data-urlencode version=99
		check "$role" "$u" READ 200 GET "/api/v1/budget?unit=$u&year=2026"
		check "$role" "$u" READ "200|404" GET "/api/v1/budget/$u/1"
		AGENCY=vhxh check "$role" "$u" ENTER "409|404" POST "/api/v1/budget/$u/1" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"action": "spend", "version": 99, "amount": 1}'
		check "$role" "$u" APPRAISE "409|404" POST "/api/v1/budget/$u/1" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"action": "appraise", "version": 99, "amount": 1}'
		check "$role" "$u" APPROVE "409|404" POST "/api/v1/budget/$u/1" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"action": "return", "version": 99, "comment": "x"}'
		check "$role" "$u" READ 200 GET "/scorecard?unit=$u&year=2026"
		check "$role" "$u" READ 200 GET "/scorecard.xlsx?unit=$u&year=2026"
		check "$role" "$u" READ 200 GET "/api/v1/scorecard?unit=$u&year=2026"
		# feedback and complaints: the list for every reader, the rest for
		# the handlers of matter $cmp (Bình Lư's, the culture-social office's)
		check "$role" "$u" READ 200 GET "/complaints?unit=$u&year=2026"
		check "$role" "$u" READ 200 GET "/api/v1/complaints?unit=$u&year=2026"
		AGENCY=vhxh check "$role" "$u" COMPLAINT "200|404" GET "/complaints/$u/$cmp"
		AGENCY=vhxh check "$role" "$u" COMPLAINT "409|404" POST "/complaints/$u/$cmp" --data-urlencode "csrf=$csrf" \
			--data-urlencode action=handling --data-urlencode version=99
		for ag in vhxh yte; do
			AGENCY=$ag check "$role" "$u" COMPLAINT 303 POST "/complaints/$u" --data-urlencode "csrf=$csrf" \
				--data-urlencode received=2026-05-01 --data-urlencode channel=phone --data-urlencode kind=feedback \
				--data-urlencode field=health --data-urlencode "agency=$ag" --data-urlencode name=N --data-urlencode text=T
			AGENCY=$ag check "$role" "$u" COMPLAINT 201 POST /api/v1/complaints -H "X-CSRF-Token: $csrf" \
				-H "Content-Type: application/json" --data "{\"unit\": \"$u\", \"received\": \"2026-05-01\", \"channel\": \"phone\",
				 \"kind\": \"feedback\", \"field\": \"health\", \"agency\": \"$ag\", \"name\": \"N\", \"text\": \"T\"}"
		done
		check "$role" "$u" READ 200 GET "/api/v1/review?unit=$u&kind=midterm&year=2026"
		# inspections: each role adds one for its own body, changes the
		# commune's or the province's, issues and closes recommendations
		ibody=commune
		[ "$role" = province ] && ibody=province
		[ "$role" = supervisor ] && ibody=front
		check "$role" "$u" READ 200 GET "/inspections?unit=$u&year=2026"
		check "$role" "$u" READ "200|404" GET "/inspections/$u/$insp"
		check "$role" "$u" INSPECT 303 POST /inspections --data-urlencode "csrf=$csrf" --data-urlencode "unit=$u" \
			--data-urlencode year=2026 --data-urlencode "body=$ibody" --data-urlencode "subject=x" \
			--data-urlencode from=2026-06-01 --data-urlencode to=2026-06-02
		check "$role" "$u" INSPECT_COMMUNE "409|404" POST "/inspections/$u/$insp" --data-urlencode "csrf=$csrf" \
			--data-urlencode version=99 --data-urlencode body=commune --data-urlencode "subject=x" \
			--data-urlencode from=2026-03-01 --data-urlencode to=2026-03-05
		check "$role" "$u" INSPECT_PROVINCE "409|404" POST "/inspections/$u/$pinsp" --data-urlencode "csrf=$csrf" \
			--data-urlencode version=99 --data-urlencode body=province --data-urlencode "subject=x" \
			--data-urlencode from=2026-03-01 --data-urlencode to=2026-03-05
		check "$role" "$u" INSPECT_FRONT "409|404" POST "/inspections/$u/$finsp" --data-urlencode "csrf=$csrf" \
			--data-urlencode version=99 --data-urlencode body=front --data-urlencode "subject=x" \
			--data-urlencode from=2026-03-01 --data-urlencode to=2026-03-05
		check "$role" "$u" INSPECT_COMMUNE "303|404" POST "/inspections/$u/$insp/recommendations" \
			--data-urlencode "csrf=$csrf" --data-urlencode "text=x" --data-urlencode agency=yte --data-urlencode due=2026-06-30
		AGENCY=vhxh check "$role" "$u" ENTER "409|404" POST "/recommendations/$u/$rec" --data-urlencode "csrf=$csrf" \
			--data-urlencode action=follow_up --data-urlencode version=99 --data-urlencode "comment=x"
		check "$role" "$u" INSPECT_COMMUNE "409|404" POST "/recommendations/$u/$rec" --data-urlencode "csrf=$csrf" \
			--data-urlencode action=close --data-urlencode version=99
		check "$role" "$u" READ 200 GET "/api/v1/inspections?unit=$u&year=2026"
		check "$role" "$u" READ "200|404" GET "/api/v1/inspections/$u/$insp"
		check "$role" "$u" INSPECT 201 POST /api/v1/inspections -H "X-CSRF-Token: $csrf" -H "Content-Type: application/json" \
			--data "{\"unit\": \"$u\", \"year\": 2026, \"body\": \"$ibody\", \"subject\": \"x\", \"from\": \"2026-06-01\", \"to\": \"2026-06-02\"}"
		check "$role" "$u" INSPECT_COMMUNE "409|404" POST "/api/v1/inspections/$u/$insp" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" \
			--data '{"version": 99, "body": "commune", "subject": "x", "from": "2026-03-01", "to": "2026-03-05"}'
		check "$role" "$u" INSPECT_COMMUNE "201|404" POST "/api/v1/inspections/$u/$insp/recommendations" \
			-H "X-CSRF-Token: $csrf" -H "Content-Type: application/json" \
			--data '{"text": "x", "agency": "yte", "due": "2026-06-30"}'
		AGENCY=vhxh check "$role" "$u" ENTER "409|404" POST "/api/v1/recommendations/$u/$rec" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"action": "follow_up", "version": 99, "comment": "x"}'
		check "$role" "$u" INSPECT_COMMUNE "409|404" POST "/api/v1/recommendations/$u/$rec" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"action": "close", "version": 99}'
		# drafts: draft $drft is 03390's economic office's, in state draft
		check "$role" "$u" READ 200 GET "/drafts?unit=$u&year=2026"
		check "$role" "$u" READ "200|404" GET "/drafts/$u/$drft"
		check "$role" "$u" READ 200 GET "/api/v1/drafts?unit=$u&year=2026"
		check "$role" "$u" READ "200|404" GET "/api/v1/drafts/$u/$drft"
		for ag in vhxh yte kinhte; do
			AGENCY=$ag check "$role" "$u" ENTER 303 POST /drafts --data-urlencode "csrf=$csrf" --data-urlencode "unit=$u" \
				--data-urlencode kind=plan --data-urlencode title=x --data-urlencode drafted_on=2026-10-01 \
				--data-urlencode "agency=$ag"
			AGENCY=$ag check "$role" "$u" ENTER 201 POST /api/v1/drafts -H "X-CSRF-Token: $csrf" \
				-H "Content-Type: application/json" \
				--data "{\"unit\": \"$u\", \"kind\": \"plan\", \"title\": \"x\", \"drafted_on\": \"2026-10-01\", \"agency\": \"$ag\"}"
		done
		AGENCY=kinhte check "$role" "$u" ENTER "409|404" POST "/drafts/$u/$drft" --data-urlencode "csrf=$csrf" \
			--data-urlencode version=99 --data-urlencode action=save --data-urlencode kind=decision --data-urlencode title=x \
			--data-urlencode drafted_on=2026-10-01 --data-urlencode agency=kinhte
		AGENCY=kinhte check "$role" "$u" ENTER "409|404" POST "/api/v1/drafts/$u/$drft" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" \
			--data '{"version": 99, "kind": "decision", "title": "x", "drafted_on": "2026-10-01", "agency": "kinhte"}'
		check "$role" "$u" REVIEW_DRAFT "409|404" POST "/drafts/$u/$drft/review" --data-urlencode "csrf=$csrf" \
			--data-urlencode version=99 --data-urlencode action=review --data-urlencode comment=x
		check "$role" "$u" REVIEW_DRAFT "409|404" POST "/api/v1/drafts/$u/$drft/review" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"action": "return", "version": 99, "comment": "x"}'
		check "$role" "$u" APPROVE "409|404" POST "/drafts/$u/$drft/issue" --data-urlencode "csrf=$csrf" \
			--data-urlencode version=99 --data-urlencode issued_no=1 --data-urlencode issued_on=2026-11-01
		check "$role" "$u" APPROVE "409|404" POST "/api/v1/drafts/$u/$drft/issue" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"version": 99, "issued_no": "1", "issued_on": "2026-11-01"}'
		check "$role" "$u" USERS 200 GET "/users?unit=$u"
		check "$role" "$u" SIGNINS 200 GET "/signins?unit=$u"
		check "$role" "$u" READ 200 GET "/api/v1/progress?unit=$u&year=2026"
		check "$role" "$u" READ 200 GET "/api/v1/reporting?unit=$u&year=2026"
		check "$role" "$u" READ 200 GET "/api/v1/units/$u"
		check "$role" "$u" READ 200 GET "/api/v1/units?parent=$u"
		check "$role" "$u" READ "200|404" GET "/api/v1/plans/$u"
		check "$role" "$u" READ 200 GET "/api/v1/submissions?unit=$u"
		check "$role" "$u" READ 200 GET "/api/v1/submissions/$u/vhxh/2026"
		check "$role" "$u" ENTER '!403' POST "/entry/$u/vhxh/2025" --data-urlencode "csrf=$csrf" \
			--data-urlencode action=save --data-urlencode version=0
		check "$role" "$u" ENTER '!403' POST "/entry/$u/yte/2025" --data-urlencode "csrf=$csrf" \
			--data-urlencode action=save --data-urlencode version=0
		check "$role" "$u" APPROVE 409 POST "/entry/$u/truonghoc/2025" --data-urlencode "csrf=$csrf" \
			--data-urlencode action=approve --data-urlencode version=0
		check "$role" "$u" ENTER '!403' POST "/api/v1/submissions/$u/vhxh/2024" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"action": "save", "version": 0, "values": []}'
		check "$role" "$u" APPROVE 409 POST "/api/v1/submissions/$u/kinhte/2024" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"action": "reopen", "version": 0}'
		check "$role" "$u" PLAN "!403" POST "/plan/$u/upload" -F "csrf=$csrf" -F "file=@pw.txt;type=text/plain"
		check "$role" "$u" PLAN 409 POST "/plan/$u" --data-urlencode "csrf=$csrf" --data-urlencode plan=0
		check "$role" "$u" PLAN 404 POST "/plan/$u/apply" --data-urlencode "csrf=$csrf" --data-urlencode upload=0 \
			--data-urlencode current=0 --data-urlencode confirm=1
		check "$role" "$u" PLAN "404|409" POST "/plan/$u/restore" --data-urlencode "csrf=$csrf" --data-urlencode plan=0 \
			--data-urlencode current=0
		check "$role" "$u" READ 200 GET "/chain?unit=$u&year=2026"
		check "$role" "$u" READ 200 GET "/api/v1/chain-periods/$u/2026"
		check "$role" "$u" CHAIN 303 POST "/chain/$u/2026" --data-urlencode "csrf=$csrf" \
			--data-urlencode from=2025-12-15 --data-urlencode to=2026-12-14 --data-urlencode due=2026-12-20
		check "$role" "$u" CHAIN 200 POST "/api/v1/chain-periods/$u/2026" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"due": "2026-12-21"}'
		check "$role" "$u" READ "200|404" GET "/chain/$u/2026/report"
		check "$role" "$u" READ "200|404" GET "/chain/$u/2026/file/1"
		check "$role" "$u" READ 200 GET "/api/v1/chain-reports?unit=$u&year=2026"
		check "$role" "$u" READ "200|404" GET "/api/v1/chain-reports/$u/2026"
		check "$role" "$u" SEND "409|404" POST "/chain/$u/2026/report" -F "csrf=$csrf" -F action=submit -F version=99
		check "$role" "$u" RECEIVE 409 POST "/chain/$u/2026/report" -F "csrf=$csrf" -F action=accept -F version=99
		check "$role" "$u" SEND "409|404" POST "/api/v1/chain-reports/$u/2026" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"action": "submit", "version": 99}'
		check "$role" "$u" RECEIVE 409 POST "/api/v1/chain-reports/$u/2026" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"action": "return", "version": 99, "comment": "x"}'
		# ad hoc requests: the demo's request 1, from Lai Châu to its communes
		check "$role" "$u" READ 200 GET "/adhoc?unit=$u"
		check "$role" "$u" READ 200 GET "/api/v1/adhoc-requests?unit=$u"
		check "$role" "$u" READ "200|404" GET "/adhoc/$u/1"
		check "$role" "$u" READ "200|404" GET "/api/v1/adhoc-requests/$u/1"
		check "$role" "$u" READ "200|404" GET "/adhoc/$u/1/file/1"
		check "$role" "$u" ASK 400 POST "/adhoc/$u" --data-urlencode "csrf=$csrf" --data-urlencode title=x \
			--data-urlencode due=2001-01-01 --data-urlencode question=x
		check "$role" "$u" ASK 400 POST "/api/v1/adhoc-requests/$u" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"title": "x", "due": "2001-01-01", "question": "x"}'
		check "$role" "$u" SEND "409|404" POST "/adhoc/$u/1" -F "csrf=$csrf" -F action=submit -F version=99 -F answer=x
		check "$role" "$u" RECEIVE "409|404" POST "/adhoc/$u/1" -F "csrf=$csrf" -F action=accept -F version=99
		check "$role" "$u" SEND "409|404" POST "/api/v1/adhoc-requests/$u/1" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"action": "submit", "version": 99, "answer": "x"}'
		check "$role" "$u" RECEIVE "409|404" POST "/api/v1/adhoc-requests/$u/1" -H "X-CSRF-Token: $csrf" \
			-H "Content-Type: application/json" --data '{"action": "return", "version": 99, "comment": "x"}'
		check "$role" "$u" USERS 303 POST /users --data-urlencode "csrf=$csrf" --data-urlencode "name=m$n.$role" \
			--data-urlencode role=viewer --data-urlencode "unit=$u" --data-urlencode "password=a long enough password"

		# values: the upload needs a role that imports; then each row must be
		# in its scope (a problem, not a 403, for the others)
		printf 'unit,period,indicator,part,sex,value\n%s,2024,female_masters,num,T,1\n%s,2024,female_masters,den,T,2\n' \
			"$u" "$u" >one.csv
		JAR=$role.jar http POST /upload -F "csrf=$csrf" -F "dry_run=1" -F "file=@one.csv;type=text/csv"
		checks=$((checks + 1))
		if ! may_import "$role"; then
			[ "$status" = 403 ] || die "$role upload: got $status, want 403"
		elif allowed "$role" IMPORT "$u"; then
			[ "$status" = 200 ] || die "$role upload for $u: got $status, want 200"
			contains "$body" "dry run"
		else
			[ "$status" = 400 ] || die "$role upload for $u: got $status, want 400"
			[ "$u" = 99999 ] || contains "$body" "may not write values of $u"
		fi
		JAR=$role.jar http POST "/api/v1/values?dry_run=1" -H "X-CSRF-Token: $csrf" -H "Content-Type: text/csv" \
			--data-binary @one.csv
		checks=$((checks + 1))
		if ! may_import "$role"; then
			[ "$status" = 403 ] || die "$role API values: got $status, want 403"
		elif allowed "$role" IMPORT "$u"; then
			[ "$status" = 200 ] || die "$role API values for $u: got $status, want 200"
		else
			[ "$status" = 400 ] || die "$role API values for $u: got $status, want 400"
		fi
	done
done
# a matter named by its code in the API: its handlers only, wherever they
# ask from (the matter is Bình Lư's, the culture-social office's)
for a in $accounts; do
	role=${a%%:*}
	eval "csrf=\$csrf_$role"
	AGENCY=vhxh check "$role" 03390 COMPLAINT 200 GET "/api/v1/complaints/$cmp"
	AGENCY=vhxh check "$role" 03390 COMPLAINT 409 POST "/api/v1/complaints/$cmp" -H "X-CSRF-Token: $csrf" \
		-H "Content-Type: application/json" --data '{"version": 99, "status": "handling"}'
	AGENCY=vhxh check "$role" 03390 COMPLAINT 409 POST "/api/v1/complaints/$cmp/referral" -H "X-CSRF-Token: $csrf" \
		-H "Content-Type: application/json" --data '{"version": 99, "case": "X"}'
	check "$role" 03390 READ 200 GET /api/v1/complaint-limits
done
# the catalog, the same for every unit: read by all; changed by the ministry
# and the admin, and a province for its own, whose bodies here are refused
# naming a field (400), and nothing is added
for a in $accounts; do
	role=${a%%:*}
	eval "csrf=\$csrf_$role"
	own=$(units_of "$role" | sed 's/^own=\([^ ]*\).*/\1/')
	check "$role" "$own" READ 200 GET /catalog
	check "$role" "$own" READ 200 GET /api/v1/breakdowns
	check "$role" "$own" CATALOG_OWN 400 POST /catalog --data-urlencode "csrf=$csrf" --data-urlencode id=perm_x \
		--data-urlencode goal=economy --data-urlencode factor=abc
	check "$role" "$own" CATALOG 400 POST /catalog/breakdowns --data-urlencode "csrf=$csrf" \
		--data-urlencode indicator=female_wage_workers
	check "$role" "$own" CATALOG_OWN 400 POST /api/v1/indicators -H "X-CSRF-Token: $csrf" -H "Content-Type: application/json" \
		--data '{"id": "perm_x", "goal": "economy", "factor": "abc"}'
	check "$role" "$own" CATALOG 400 POST /api/v1/indicators/female_wage_workers/breakdowns -H "X-CSRF-Token: $csrf" \
		-H "Content-Type: application/json" --data '{}'
	check "$role" "$own" CATALOG 400 POST /catalog/retire --data-urlencode "csrf=$csrf" \
		--data-urlencode indicator=female_wage_workers --data-urlencode from=soon
	check "$role" "$own" CATALOG 400 POST /api/v1/indicators/female_wage_workers/retire -H "X-CSRF-Token: $csrf" \
		-H "Content-Type: application/json" --data '{}'
	check "$role" "$own" CATALOG_OWN 400 POST /catalog/retire --data-urlencode "csrf=$csrf" \
		--data-urlencode indicator=perm_lc --data-urlencode from=soon
	check "$role" "$own" CATALOG_OWN 400 POST /api/v1/indicators/perm_lc/retire -H "X-CSRF-Token: $csrf" \
		-H "Content-Type: application/json" --data '{}'
	check "$role" "$own" CATALOG 400 POST /catalog/retire --data-urlencode "csrf=$csrf" \
		--data-urlencode indicator=perm_hn --data-urlencode from=soon
	check "$role" "$own" CATALOG 400 POST /api/v1/indicators/perm_hn/retire -H "X-CSRF-Token: $csrf" \
		-H "Content-Type: application/json" --data '{}'
	# a built-in indicator is not edited: 400 naming id, for those who may edit
	check "$role" "$own" CATALOG 400 POST /catalog/edit --data-urlencode "csrf=$csrf" \
		--data-urlencode indicator=female_wage_workers --data-urlencode name_en=Wage
	check "$role" "$own" CATALOG 400 POST /api/v1/indicators/female_wage_workers/edit -H "X-CSRF-Token: $csrf" \
		-H "Content-Type: application/json" --data '{"name_en": "Wage"}'
done
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicator_log WHERE indicator = 'perm_x'")" = 0 ] || die "a refused indicator was added"
# every refusal to show who brought it was logged, as for cases
[ "$(sql gemis.db "SELECT COUNT(*) FROM case_access_log WHERE action = 'complaint_read' AND allowed = 0")" -gt 10 ] ||
	die "refused reads of a complaint were not logged"
echo "$checks checks"
[ "$checks" -gt 700 ] || die "only $checks checks ran"

# a unit outside the scope and one that does not exist get the same answer
for route in "/?unit=" "/plan/" "/api/v1/units/" "/indicator/female_wage_workers?unit=" "/tasks?unit=" "/activities?unit=" "/budget?unit=" "/scorecard?unit=" "/scorecard.xlsx?unit=" \
	"/adhoc?unit=" "/inspections?unit=" "/api/v1/inspections?unit=" "/complaints?unit=" "/api/v1/complaints?unit=" \
	"/drafts?unit=" "/api/v1/drafts?unit="; do
	JAR=focal.jar http GET "${route}09385"
	# (the CSRF token is masked afresh in every answer)
	sed 's/09385/CODE/g; s/[0-9a-f]\{128\}/TOKEN/g' body.txt >outside.txt
	JAR=focal.jar http GET "${route}99999"
	sed 's/99999/CODE/g; s/[0-9a-f]\{128\}/TOKEN/g' body.txt >none.txt
	cmp -s outside.txt none.txt || die "$route: the answers for a unit outside the scope and for none differ"
done

# ... and so do values uploaded for them (the values importer said "unknown
# unit code" for one and "you may not write values of" for the other)
for u in 09385 99999; do
	printf 'unit,period,indicator,part,sex,value\n%s,2024,female_masters,num,T,1\n' "$u" >"up$u.csv"
	JAR=focal.jar http POST /api/v1/values?dry_run=1 -H "X-CSRF-Token: $csrf_focal" -H "Content-Type: text/csv" \
		--data-binary "@up$u.csv"
	expect_status 400
	sed "s/$u/CODE/g" body.txt >"api$u.txt"
	JAR=focal.jar http POST /upload -F "csrf=$csrf_focal" -F dry_run=1 -F "file=@up$u.csv;type=text/csv;filename=up.csv"
	sed "s/$u/CODE/g; s/[0-9a-f]\{128\}/TOKEN/g" body.txt >"web$u.txt"
done
contains "$(cat api99999.txt)" "you may not write values of CODE"
cmp -s api09385.txt api99999.txt || die "the API's answers for a unit outside the scope and for none differ"
cmp -s web09385.txt web99999.txt || die "the upload page's answers for a unit outside the scope and for none differ"

# without a session every one of them is 401
for route in "/?unit=03390" "/indicator/female_wage_workers" "/province/12" "/entry" "/review" "/plan/03390" \
	"/users" "/upload" "/account" "/api/v1/me" "/api/v1/units" "/api/v1/indicators" "/api/v1/submissions" \
	"/tasks" "/tasks/03390/$task" "/tasks/03390/evidence/1" "/activities" "/activities/03390/1" "/activities/import" \
	"/budget" "/budget/03390/1" "/api/v1/budget" "/api/v1/budget/03390/1" "/scorecard" "/api/v1/scorecard" \
	"/account/totp" "/inspections" "/inspections/03390/$insp" "/api/v1/inspections" "/api/v1/inspections/03390/$insp" \
	"/complaints" "/complaints/03390/$cmp" "/api/v1/complaints" "/api/v1/complaints/$cmp" "/api/v1/complaint-limits" \
	"/report?unit=03390&kind=midterm&format=html" "/scorecard.xlsx?unit=03390" "/api/v1/review?unit=03390&kind=final" \
	"/drafts" "/drafts/03390/$drft" "/api/v1/drafts" "/api/v1/drafts/questions" "/api/v1/drafts/03390/$drft" \
	"/units/03390/local" "/api/v1/units/03390/local-indicators" "/catalog" "/api/v1/breakdowns"; do
	JAR=none.jar http GET "$route"
	expect_status 401
done
for route in /account/signout-all /account/password /account/tokens /account/tokens/1/revoke /account/totp /logout /inspections \
	"/inspections/03390/$insp" "/inspections/03390/$insp/recommendations" "/recommendations/03390/$rec" \
	/complaints/03390 "/complaints/03390/$cmp" /drafts \
	"/drafts/03390/$drft" "/drafts/03390/$drft/review" "/drafts/03390/$drft/issue" /api/v1/drafts "/api/v1/drafts/03390/$drft" \
	"/api/v1/drafts/03390/$drft/review" "/api/v1/drafts/03390/$drft/issue" /units/03390/local/L1 \
	/api/v1/units/03390/local-indicators/L1/values /catalog /catalog/breakdowns /catalog/retire /api/v1/indicators \
	/api/v1/indicators/female_wage_workers/breakdowns /api/v1/indicators/female_wage_workers/retire /catalog/edit \
	/api/v1/indicators/female_wage_workers/edit; do
	JAR=none.jar http POST "$route"
	expect_status 401
done
JAR=none.jar http GET /signins
expect_status 401
# offline entry's files (docs/web.md, "Offline entry") are public and the
# same for everyone: the service worker and the manifest name nobody; the
# account a page is made for is named to that account alone
for route in "/sw.js" "/manifest.webmanifest?lang=vi" "/manifest.webmanifest?lang=en"; do
	JAR=none.jar http GET "$route"
	expect_status 200
	cp body.txt public.txt
	for a in $accounts; do
		role=${a%%:*}
		JAR=$role.jar http GET "$route"
		expect_status 200
		cmp -s body.txt public.txt || die "$route: $role gets another answer than nobody"
		[ -z "$(header X-Gemis-Account)" ] || die "$route names an account"
	done
	JAR=focal.jar http POST "$route" --data-urlencode "csrf=$csrf_focal"
	[ "$status" = 404 ] || [ "$status" = 405 ] || die "POST $route: got $status"
done
JAR=none.jar http GET "/manifest.webmanifest?lang=vi"
contains "$(header Content-Type)" "application/manifest+json"
JAR=none.jar http GET /login
[ -z "$(header X-Gemis-Account)" ] || die "the sign-in page names an account"
JAR=focal.jar http GET /
[ "$(header X-Gemis-Account)" = "u$(sql gemis.db "SELECT id FROM users WHERE name = 'binhlu'")" ] ||
	die "the dashboard does not name its account for the service worker"
JAR=reporter.jar http GET /
[ "$(header X-Gemis-Account)" = "u$(sql gemis.db "SELECT id FROM users WHERE name = 'binhlu.vhxh'")" ] ||
	die "the reporter's dashboard does not name the reporter"
# a form posted without its CSRF token is refused, signed in or not
JAR=focal.jar http POST /entry/03390/vhxh/2025 --data-urlencode action=save --data-urlencode version=0
expect_status 403
JAR=focal.jar http POST /entry/03390/vhxh/2025 --data-urlencode action=save --data-urlencode version=0 \
	--data-urlencode "csrf=$(printf '%064d' 0)"
expect_status 403
JAR=focal.jar http POST /users --data-urlencode "csrf=$csrf_reporter" --data-urlencode name=x.y
expect_status 403
JAR=focal.jar http POST /account/signout-all
expect_status 403
JAR=focal.jar http POST /account/signout-all --data-urlencode "csrf=$csrf_reporter"
expect_status 403
JAR=focal.jar http POST /account/tokens --data-urlencode label=x
expect_status 403
JAR=focal.jar http POST /account/tokens/1/revoke --data-urlencode "csrf=$csrf_reporter"
expect_status 403
JAR=focal.jar http GET /account
expect_status 200
JAR=focal.jar http POST /api/v1/submissions/03390/vhxh/2025 -H "Content-Type: application/json" --data '{"action": "save"}'
expect_status 403
JAR=focal.jar http POST "/tasks/03390/$task" -F agency=vhxh -F period=2026 -F version=0 -F status=done
expect_status 403

# accounts: a focal point manages its commune's reporters and viewers, not
# the others, and never learns whether an account outside exists
JAR=focal.jar http POST /users/laichau/disable --data-urlencode "csrf=$csrf_focal"
expect_status 403
JAR=focal.jar http POST /users/nobody.here/disable --data-urlencode "csrf=$csrf_focal"
expect_status 403
JAR=focal.jar http POST /users --data-urlencode "csrf=$csrf_focal" --data-urlencode name=bl.focal2 \
	--data-urlencode role=focal --data-urlencode unit=03390 --data-urlencode "password=a long enough password"
expect_status 403
# the commune's Fatherland Front is the focal point's to add; the ministry is not
JAR=focal.jar http POST /users --data-urlencode "csrf=$csrf_focal" --data-urlencode name=bl.mttq2 \
	--data-urlencode role=supervisor --data-urlencode unit=03390 --data-urlencode "password=a long enough password"
expect_status 303
[ "$(sql gemis.db "SELECT role FROM users WHERE name = 'bl.mttq2'")" = supervisor ] || die "no supervisor made"
JAR=focal.jar http POST /users --data-urlencode "csrf=$csrf_focal" --data-urlencode name=bl.bo \
	--data-urlencode role=ministry --data-urlencode unit=03390 --data-urlencode "password=a long enough password"
expect_status 403
JAR=focal.jar http POST /users/binhlu.viewer/disable --data-urlencode "csrf=$csrf_focal"
expect_status 303
JAR=viewer.jar http GET /
expect_status 401
JAR=focal.jar http POST /users/binhlu.viewer/disable --data-urlencode "csrf=$csrf_focal" --data-urlencode enable=1
expect_status 303
JAR=focal.jar http POST /users/binhlu.yte/password --data-urlencode "csrf=$csrf_focal" --data-urlencode "password=new password 2026"
expect_status 303
JAR=yte.jar sign_in binhlu.yte "new password 2026"

# ... and never the accounts that hold the case register: a focal point that
# could create a caseworker, or set its password, could read every case.
# Those are an admin's, and every change and refusal is in the case log.
expect_ok "$GEMIS" user add cw.binhlu --role caseworker --unit 03390 --password-stdin <pw.txt
JAR=focal.jar http GET "/users?unit=03390"
expect_status 200
contains "$body" "cw.binhlu"
not_contains "$body" 'action="/users/cw.binhlu/' "the focal point's users page"
not_contains "$body" "<option value=\"caseworker\">" "the focal point's role list"
contains "$body" "<option value=\"viewer\">viewer</option>"
JAR=focal.jar http POST /users --data-urlencode "csrf=$csrf_focal" --data-urlencode name=cw.mine \
	--data-urlencode role=caseworker --data-urlencode unit=03390 --data-urlencode "password=a long enough password"
expect_status 403
JAR=focal.jar http POST /users/cw.binhlu/password --data-urlencode "csrf=$csrf_focal" \
	--data-urlencode "password=focal knows it now"
expect_status 403
JAR=focal.jar http POST /users/cw.binhlu/disable --data-urlencode "csrf=$csrf_focal"
expect_status 403
JAR=focal.jar http POST /users/admin/password --data-urlencode "csrf=$csrf_focal" \
	--data-urlencode "password=focal knows it now"
expect_status 403
[ "$(sql gemis.db "SELECT COUNT(*) FROM users WHERE name = 'cw.mine'")" = 0 ] || die "a focal point created a caseworker"
JAR=cw.jar sign_in cw.binhlu "a long enough password"
JAR=admin.jar http GET "/users?unit=03390"
contains "$body" 'action="/users/cw.binhlu/password"'
JAR=admin.jar http POST /users/cw.binhlu/password --data-urlencode "csrf=$csrf_admin" \
	--data-urlencode "password=reset by the admin"
expect_status 303
JAR=cw.jar http GET /account
expect_status 401
JAR=cw.jar sign_in cw.binhlu "reset by the admin"
JAR=admin.jar http POST /users/cw.binhlu/disable --data-urlencode "csrf=$csrf_admin"
expect_status 303
JAR=admin.jar http POST /users/cw.binhlu/disable --data-urlencode "csrf=$csrf_admin" --data-urlencode enable=1
expect_status 303
JAR=admin.jar http POST /users --data-urlencode "csrf=$csrf_admin" --data-urlencode name=cw.second \
	--data-urlencode role=caseworker --data-urlencode unit=03390 --data-urlencode "password=a long enough password"
expect_status 303
JAR=cw2.jar sign_in cw.second "a long enough password"
csrf_cw2=$(JAR=cw2.jar csrf_token)
JAR=cw2.jar http POST /account/password --data-urlencode "csrf=$csrf_cw2" --data-urlencode "current=a long enough password" \
	--data-urlencode "password=my own new one" --data-urlencode "confirm=my own new one"
expect_status 303
log=$(sql gemis.db "SELECT user_name || ' ' || role || ' ' || coalesce(unit_code, '-') || ' ' || detail || ' ' || allowed
	FROM case_access_log WHERE action = 'account' ORDER BY id" | sed 's/^cli:[^ ]*/cli:USER/')
want="cli:USER admin 03390 create caseworker cw.binhlu 1
binhlu focal 03390 create caseworker cw.mine 0
binhlu focal 03390 password caseworker cw.binhlu 0
binhlu focal 03390 disable caseworker cw.binhlu 0
binhlu focal VN password admin admin 0
admin admin 03390 password caseworker cw.binhlu 1
admin admin 03390 disable caseworker cw.binhlu 1
admin admin 03390 enable caseworker cw.binhlu 1
admin admin 03390 create caseworker cw.second 1
cw.second caseworker 03390 password caseworker cw.second 1"
[ "$log" = "$want" ] || { printf '%s\n' "$log" >&2; die "the account changes in the case access log"; }

stop_server
