# The reports up the chain (issue 12 item 2): the focal point submits its
# commune's yearly report to the province (the DOCX as generated, or a
# signed PDF checked by its bytes), the province sees who submitted, on
# time or late, returns it with a comment (required) or accepts it; it is
# submitted again after a return; an accepted report is locked with the
# figures it carried, whatever values change later.  The province's own
# report goes to the ministry (the admin at the nation) the same way,
# through the API, carrying how many of its communes' reports it had.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
expect_ok "$GEMIS" chain period --unit 12 --year 2026 --due 2026-12-20
start_server

JAR=bl.jar sign_in binhlu gemis-demo-2026
JAR=bl.jar http GET /lang/en
bcsrf=$(JAR=bl.jar csrf_token)
JAR=prov.jar sign_in laichau gemis-demo-2026
JAR=prov.jar http GET /lang/en
pcsrf=$(JAR=prov.jar csrf_token)

# the commune's page says where its report stands and links it
JAR=bl.jar http GET "/chain?year=2026"
expect_status 200
contains "$body" "The report of Xã Bình Lư"
contains "$body" 'href="/chain/03390/2026/report"'
JAR=bl.jar http GET /chain/03390/2026/report
expect_status 200
contains "$body" "not started"
contains "$body" "20/12/2026"
contains "$body" 'class="chain-submit"'
not_contains "$body" 'class="chain-review"'

# submitted as generated: a DOCX, downloadable, the figures with it, and
# the officials' assessment written in the form (issue 12 item 3)
JAR=bl.jar http POST /chain/03390/2026/report -F "csrf=$bcsrf" -F action=submit -F version=0 \
	-F "results=Tổ chức 12 buổi truyền thông về bình đẳng giới" -F "shortcomings=Số liệu y tế chậm" \
	-F "proposals=Đề nghị tỉnh bố trí kinh phí tập huấn"
expect_status 303
[ "$(header Location)" = /chain/03390/2026/report ] || die "redirect: $(header Location)"
JAR=bl.jar http GET /chain/03390/2026/report
contains "$body" "bao-cao-03390-2026.docx"
contains "$body" "(as generated)"
contains "$body" 'data-indicator="female_key_leaders"'
file=$(printf '%s' "$body" | grep -o '/chain/03390/2026/file/[0-9]*' | head -1)
[ -n "$file" ] || die "no link to the file"
JAR=bl.jar http GET "$file"
expect_status 200
[ "$(header Content-Type)" = "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ] ||
	die "file type: $(header Content-Type)"
[ "$(head -c 2 body.txt)" = PK ] || die "the file is not a DOCX"
cp body.txt first.docx
unzip -p first.docx word/document.xml >doc.xml
contains "$(cat doc.xml)" "ASSESSMENT AND PROPOSALS"
contains "$(cat doc.xml)" "Tổ chức 12 buổi truyền thông về bình đẳng giới"
contains "$(cat doc.xml)" "Đề nghị tỉnh bố trí kinh phí tập huấn"
# not twice: it waits for review; and the page shows the form no more
JAR=bl.jar http POST /chain/03390/2026/report -F "csrf=$bcsrf" -F action=submit -F version=1
expect_status 409
contains "$body" "this report is submitted and waits for review"
not_contains "$body" 'class="chain-submit"'
# the commune may not review its own report; a reporter may not submit it
JAR=bl.jar http POST /chain/03390/2026/report -F "csrf=$bcsrf" -F action=accept -F version=1
expect_status 403
JAR=rep.jar sign_in binhlu.vhxh gemis-demo-2026
rcsrf=$(JAR=rep.jar csrf_token)
JAR=rep.jar http POST /chain/03390/2026/report -F "csrf=$rcsrf" -F action=submit -F version=1
expect_status 403

# the province sees it: submitted, on time; 1 of 38
JAR=prov.jar http GET "/chain?unit=12&year=2026"
expect_status 200
contains "$body" "1 of 38 submitted, 0 accepted, 0 late"
printf '%s' "$body" | tr '\n' ' ' | grep -q 'data-unit="03390">.*submitted.*on time' || die "03390 not listed as submitted on time"
JAR=prov.jar http GET /chain/03390/2026/report
contains "$body" 'class="chain-review"'
not_contains "$body" 'class="chain-submit"'
# returned: a comment is required
JAR=prov.jar http POST /chain/03390/2026/report -F "csrf=$pcsrf" -F action=return -F version=1 -F comment=" "
expect_status 400
contains "$body" "say why the report is returned"
"$GEMIS" chain status --unit 03390 --year 2026 --json >st.json
[ "$(jq -r .report.state st.json)" = submitted ] || die "a refused return changed the state: $(jq -c .report st.json)"
JAR=prov.jar http POST /chain/03390/2026/report -F "csrf=$pcsrf" -F action=return -F version=1 \
	-F "comment=Thiếu số liệu của trạm y tế"
expect_status 303
JAR=bl.jar http GET /chain/03390/2026/report
contains "$body" "returned"
contains "$body" "Thiếu số liệu của trạm y tế"
contains "$body" 'class="chain-submit"'
# the commune's dashboard says so: returned, with the comment and the due day
JAR=bl.jar http GET "/?unit=03390&year=2026"
expect_status 200
printf '%s' "$body" | tr '\n' ' ' | grep -q 'class="own-report">The report of Xã Bình Lư for 2026 to Lai Châu: <span[^>]*sub-returned' ||
	die "the dashboard does not show the report returned"
contains "$body" '<span class="due">20/12/2026</span>'
contains "$body" "Returned with the comment <q lang=\"vi\">Thiếu số liệu của trạm y tế</q>"
# the province's reporting page counts the reports received beside the forms
JAR=prov.jar http GET "/reporting?unit=12&year=2026"
expect_status 200
contains "$body" "Reports received from the units below: 0 of 38 submitted, 0 accepted, 0 late"

# submitted again, signed: a photo or a program named .pdf are refused,
# naming the file; a PDF goes
printf '\377\330\377\340 a photo' >anh.jpg
JAR=bl.jar http POST /chain/03390/2026/report -F "csrf=$bcsrf" -F action=submit -F version=2 -F "file=@anh.jpg"
expect_status 400
contains "$body" "anh.jpg is a jpeg file: a report is a PDF or a DOCX"
printf 'MZ\220\000 not a pdf' >bao-cao.pdf
JAR=bl.jar http POST /chain/03390/2026/report -F "csrf=$bcsrf" -F action=submit -F version=2 -F "file=@bao-cao.pdf"
expect_status 400
contains "$body" "bao-cao.pdf"
printf '%%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%%%EOF\n' >ky.pdf
JAR=bl.jar http POST /chain/03390/2026/report -F "csrf=$bcsrf" -F action=submit -F version=2 -F "file=@ky.pdf"
expect_status 303
JAR=prov.jar http GET /api/v1/chain-reports/03390/2026
expect_status 200
[ "$(jq -c '[.state, .version, .file.name, .file.generated, .late, .comment]' body.txt)" = \
	'["submitted",3,"ky.pdf",false,false,null]' ] || die "resubmitted: $(cat body.txt)"
[ "$(jq -c '[.steps[].action]' body.txt)" = '["submit","return","submit"]' ] || die "steps: $(cat body.txt)"
step=$(jq -r '.file.step' body.txt)
before=$(jq -c '.figures.indicators[] | select(.indicator == "female_key_leaders") | .value' body.txt)
JAR=prov.jar http GET "/chain/03390/2026/file/$step"
[ "$(header Content-Type)" = application/pdf ] || die "signed copy type: $(header Content-Type)"
cmp -s body.txt ky.pdf || die "the signed copy changed"
# another unit's step is not this unit's file
JAR=prov.jar http GET "/chain/03394/2026/file/$step"
expect_status 404

# accepted: a stale version is refused, then it goes; locked
JAR=prov.jar http POST /chain/03390/2026/report -F "csrf=$pcsrf" -F action=accept -F version=2
expect_status 409
contains "$body" "this report changed since you opened it"
JAR=prov.jar http POST /chain/03390/2026/report -F "csrf=$pcsrf" -F action=accept -F version=3
expect_status 303
JAR=prov.jar http POST /chain/03390/2026/report -F "csrf=$pcsrf" -F action=return -F version=4 -F comment=late
expect_status 409
contains "$body" "this report is accepted and locked with the figures it carried"
JAR=bl.jar http POST /chain/03390/2026/report -F "csrf=$bcsrf" -F action=submit -F version=4
expect_status 409
# the narrative is locked with it: a save is refused, the text stays
JAR=bl.jar http POST /chain/03390/2026/report -F "csrf=$bcsrf" -F action=save -F version=4 -F "results=khác"
expect_status 409
JAR=bl.jar http GET /chain/03390/2026/report
contains "$body" '<dd data-section="results" lang="vi">Tổ chức 12 buổi truyền thông về bình đẳng giới</dd>'
contains "$body" '<dd data-section="causes" lang="vi">–</dd>'
not_contains "$body" 'class="chain-narrative"'
JAR=bl.jar http GET "/?unit=03390&year=2026"
printf '%s' "$body" | tr '\n' ' ' | grep -q 'class="own-report">[^<]*<span[^>]*sub-accepted' ||
	die "the dashboard does not show the report accepted"
not_contains "$body" "Returned with the comment"
JAR=prov.jar http GET "/reporting?unit=12&year=2026"
contains "$body" "Reports received from the units below: 1 of 38 submitted, 1 accepted, 0 late"

# the narrative saved before sending (a draft), from the command line: a
# section left out stays, an over-long one is refused naming the option
expect_ok "$GEMIS" chain save --unit 03394 --year 2026 --results "Kết quả" --causes "Nguyên nhân" --as admin
expect_ok "$GEMIS" chain save --unit 03394 --year 2026 --causes "" --proposals "Kiến nghị" --as admin
"$GEMIS" chain status --unit 03394 --year 2026 --json >sv.json
[ "$(jq -c '[.report.state, .report.narrative]' sv.json)" = \
	'["draft",{"results":"Kết quả","shortcomings":null,"causes":null,"proposals":"Kiến nghị"}]' ] ||
	die "saved narrative: $(jq -c .report sv.json)"
head -c 8001 /dev/zero | tr '\0' x >long.txt
expect_fail 1 "$GEMIS" chain save --unit 03394 --year 2026 --results "$(cat long.txt)" --as admin
contains "$err" "--results"
[ "$(sql gemis.db "SELECT version FROM chain_reports r JOIN units u ON u.id = r.unit_id WHERE u.code = '03394'")" = 2 ] ||
	die "a refused save was written"

# the values change afterwards; the accepted report keeps what it carried
printf 'unit,period,indicator,part,sex,value\n03390,2026,female_key_leaders,num,T,9\n03390,2026,female_key_leaders,den,T,10\n' >v.csv
JAR=prov.jar http POST /api/v1/values -H "X-CSRF-Token: $pcsrf" -H "Content-Type: text/csv" --data-binary @v.csv
expect_status 200
JAR=prov.jar http GET "/api/v1/progress?unit=03390&year=2026"
[ "$(jq -c '.indicators[] | select(.indicator == "female_key_leaders") | .value' body.txt)" = 90 ] ||
	die "the new value is not in force: $(cat body.txt | head -c 300)"
JAR=prov.jar http GET /api/v1/chain-reports/03390/2026
after=$(jq -c '.figures.indicators[] | select(.indicator == "female_key_leaders") | .value' body.txt)
[ -n "$before" ] && [ "$before" = "$after" ] && [ "$after" != 90 ] || die "accepted figures changed: $before -> $after"

# the province's own report to the ministry, through the API: the admin at
# the nation reviews it; it carries its communes' reports
JAR=prov.jar http POST /api/v1/chain-reports/12/2026 -H "X-CSRF-Token: $pcsrf" -H "Content-Type: application/json" \
	--data '{"action": "submit", "version": 0}'
expect_status 200
[ "$(jq -c '[.state, .to, .file.generated, .figures.sub_reports]' body.txt)" = \
	'["submitted","VN",true,{"expected":38,"submitted":1,"accepted":1,"late":0}]' ] || die "province's report: $(cat body.txt)"
JAR=prov.jar http POST /api/v1/chain-reports/12/2026 -H "X-CSRF-Token: $pcsrf" -H "Content-Type: application/json" \
	--data '{"action": "accept", "version": 1}'
expect_status 403
JAR=adm.jar sign_in admin gemis-demo-2026
JAR=adm.jar http GET /lang/en
acsrf=$(JAR=adm.jar csrf_token)
JAR=adm.jar http GET "/api/v1/chain-reports?unit=VN&year=2026"
expect_status 200
[ "$(jq -c '[.received[] | select(.state != "none") | [.unit, .state]]' body.txt)" = '[["12","submitted"]]' ] ||
	die "ministry's list: $(cat body.txt | head -c 500)"
JAR=adm.jar http POST /api/v1/chain-reports/12/2026 -H "X-CSRF-Token: $acsrf" -H "Content-Type: application/json" \
	--data '{"action": "return", "version": 1}'
expect_status 400
JAR=adm.jar http POST /api/v1/chain-reports/12/2026 -H "X-CSRF-Token: $acsrf" -H "Content-Type: application/json" \
	--data '{"action": "return", "version": 1, "comment": "Bổ sung phần kiến nghị"}'
expect_status 200
[ "$(jq -r .comment body.txt)" = "Bổ sung phần kiến nghị" ] || die "comment: $(cat body.txt)"
JAR=prov.jar http POST /api/v1/chain-reports/12/2026 -H "X-CSRF-Token: $pcsrf" -F action=submit -F version=2 \
	-F "file=@ky.pdf"
expect_status 200
JAR=adm.jar http POST /api/v1/chain-reports/12/2026 -H "X-CSRF-Token: $acsrf" -H "Content-Type: application/json" \
	--data '{"action": "accept", "version": 3}'
expect_status 200
[ "$(jq -r .state body.txt)" = accepted ] || die "not accepted: $(cat body.txt)"
JAR=adm.jar http GET "/chain?unit=VN&year=2026"
contains "$body" "1 of 34 submitted, 1 accepted"
# bad requests name what is wrong
JAR=adm.jar http POST /api/v1/chain-reports/12/2026 -H "X-CSRF-Token: $acsrf" -H "Content-Type: application/json" \
	--data '{"action": "approve"}'
expect_status 400
contains "$body" "the action must be save, submit, return or accept"
JAR=adm.jar http POST /api/v1/chain-reports/VN/2026 -H "X-CSRF-Token: $acsrf" -H "Content-Type: application/json" \
	--data '{"action": "submit"}'
expect_status 404

# the command line: a commune submitted late once the deadline is earlier
expect_ok "$GEMIS" chain submit --unit 03394 --year 2026
expect_ok "$GEMIS" chain period --unit 12 --year 2026 --due 2026-01-10
"$GEMIS" --lang en chain status --unit 12 --year 2026 >st.txt
contains "$(cat st.txt)" "Reports to Lai Châu for 2026: 2 of 38 submitted, 1 accepted"
grep -a '03394' st.txt | grep -q late || die "03394 not late: $(grep -a 03394 st.txt)"
expect_fail 1 "$GEMIS" --lang en chain return --unit 03394 --year 2026 --as laichau
contains "$err" "--comment: say why the report is returned"
expect_fail 1 "$GEMIS" --lang en chain submit --unit 03394 --year 2026 --as binhlu
contains "$err" "you may not do this to this report"
stop_server
