# The Action Month (15/11 - 15/12) on the web and the command line: a
# commune's campaign page (its theme, the activities logged for it, people
# reached by sex), the theme set by the focal point only, the province's
# glance at every commune's campaign, and the summary report (DOCX in the
# yearly report's layout, PDF, HTML) in one click and from
# `gemis report action-month`.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo --forms
export GEMIS_TODAY=2026-11-30
start_server
for a in focal:binhlu vhxh:binhlu.vhxh prov:laichau; do
	JAR=${a%%:*}.jar sign_in "${a#*:}" gemis-demo-2026
	JAR=${a%%:*}.jar http GET /lang/en?next=/
done

# the commune's campaign: under way, the four activities of the demo with
# the people they reached (166 women, 124 men where counted)
JAR=focal.jar http GET "/action-month?year=2026"
expect_status 200
contains "$body" "under way, day 16 of 31"
contains "$body" "Lễ phát động Tháng hành động vì bình đẳng giới"
contains "$body" "Hội nghị đối thoại chính sách về bình đẳng giới"
not_contains "$body" "Tập huấn kỹ năng phòng, chống bạo lực gia đình" # August: not the month's
contains "$body" "<strong>4</strong> activities"
contains "$body" "<strong>166</strong> women reached"
contains "$body" "<strong>124</strong> men reached"
contains "$body" "No theme set yet."
contains "$body" 'href="/report?unit=03390&amp;year=2026&amp;format=docx&amp;kind=action_month"'
csrf=$(csrf_of)
[ -n "$csrf" ] || die "the focal point has no theme form"

# the theme: the focal point sets it; a reporter may not; a theme of two
# lines is refused naming the field
JAR=focal.jar http POST /action-month/03390/2026 --data-urlencode "csrf=$csrf" \
	--data-urlencode "theme=Chung tay xóa bỏ bạo lực trên cơ sở giới"
expect_status 303
JAR=focal.jar http GET "/action-month?year=2026&done=1"
contains "$body" "Chung tay xóa bỏ bạo lực trên cơ sở giới"
JAR=focal.jar http POST /action-month/03390/2026 --data-urlencode "csrf=$csrf" --data-urlencode "theme=$(printf 'a\nb')"
expect_status 400
contains "$body" "theme"
JAR=vhxh.jar http GET "/action-month?year=2026"
expect_status 200
not_contains "$body" 'action="/action-month/03390/2026"'
vcsrf=$(JAR=vhxh.jar csrf_token)
JAR=vhxh.jar http POST /action-month/03390/2026 --data-urlencode "csrf=$vcsrf" --data-urlencode "theme=x"
expect_status 403
JAR=focal.jar http POST /action-month/03394/2026 --data-urlencode "csrf=$csrf" --data-urlencode "theme=x"
expect_status 403
[ "$(sql gemis.db "SELECT theme FROM action_months")" = "Chung tay xóa bỏ bạo lực trên cơ sở giới" ] ||
	die "a refused theme was stored"

# the province sees every commune's campaign at a glance
JAR=prov.jar http GET "/action-month?unit=12&year=2026"
expect_status 200
contains "$body" "1 of the 38 communes and wards logged activities of the Action Month."
contains "$body" "Chung tay xóa bỏ bạo lực trên cơ sở giới"
contains "$body" 'href="/action-month?unit=03390&amp;year=2026">Bình Lư</a>'
pcsrf=$(JAR=prov.jar csrf_token)
JAR=prov.jar http POST /action-month/03390/2026 --data-urlencode "csrf=$pcsrf" --data-urlencode "theme=x"
expect_status 403

# the summary report in one click: DOCX laid out as the yearly report
JAR=focal.jar http GET "/report?unit=03390&year=2026&format=docx&kind=action_month"
expect_status 200
cp body.txt am.docx
unzip -p am.docx word/document.xml >doc.xml || die "the report is not a DOCX"
contains "$(cat doc.xml)" "SOCIALIST REPUBLIC OF VIET NAM"
contains "$(cat doc.xml)" "Results of the Action Month for gender equality and against gender-based violence in 2026"
contains "$(cat doc.xml)" "Theme: Chung tay xóa bỏ bạo lực trên cơ sở giới."
contains "$(cat doc.xml)" "166 women and 124 men"
contains "$(cat doc.xml)" "Recipients:"
contains "$(header Content-Disposition)" "thang-hanh-dong-03390-2026.docx"
JAR=prov.jar http GET "/report?unit=12&year=2026&format=html&kind=action_month"
expect_status 200
contains "$body" "Chung tay xóa bỏ bạo lực trên cơ sở giới"
JAR=focal.jar http GET "/report?unit=03390&year=2026&format=xlsx&kind=action_month"
expect_status 400
JAR=focal.jar http GET "/report?unit=03390&year=2026&format=docx&kind=monthly"
expect_status 400
stop_server

# and from the command line
expect_ok "$GEMIS" --lang vi report action-month --unit 03390 --year 2026 --date 2026-12-15 -o am.pdf
pdftotext am.pdf am.txt
contains "$(cat am.txt)" "Kết quả tổ chức Tháng hành động"
contains "$(tr "\n" " " <am.txt)" "166 nữ và 124 nam"
expect_fail 1 "$GEMIS" report action-month --unit 03390 --year 2026 -o am.xlsx
contains "$err" "DOCX, PDF or HTML"
[ ! -e am.xlsx ] || die "a refused report left a file"
expect_ok "$GEMIS" report action-month --help
