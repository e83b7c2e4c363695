# The activity log on the web: the short form, a change on an old version
# refused, removal kept in the history, another agency's activity refused,
# the same entry sent twice with its key stored once (also six times at
# once through two servers), an import all or
# nothing with every bad row named (CSV and XLSX), and
# news_items_per_quarter equal to a hand count of a logged quarter, on the
# page, in progress and beside the number a form typed.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" init
expect_ok "$GEMIS" plan import "$ROOT/tests/plan/tasks_labels.txt" --apply --as binhlu
printf 'a long enough password\n' >pw.txt
expect_ok "$GEMIS" user add bl.vhxh --role reporter --unit 03390 --agency vhxh --password-stdin <pw.txt
expect_ok "$GEMIS" user add bl.yte --role reporter --unit 03390 --agency yte --password-stdin <pw.txt
expect_ok "$GEMIS" user add bl.focal --role focal --unit 03390 --password-stdin <pw.txt
expect_ok "$GEMIS" user add lc.prov --role province --unit 12 --password-stdin <pw.txt
# a number typed for the third quarter through values, as a form would
printf 'unit,period,indicator,part,sex,value\n03390,2026Q3,news_items_per_quarter,value,T,7\n' >typed.csv
expect_ok "$GEMIS" values import typed.csv
export GEMIS_TODAY=2026-12-10
start_server

for a in vhxh:bl.vhxh yte:bl.yte focal:bl.focal lc:lc.prov; do
	JAR=${a%%:*}.jar sign_in "${a#*:}" "a long enough password"
	JAR=${a%%:*}.jar http GET /lang/en?next=/
done
csrf=$(JAR=vhxh.jar csrf_token)

# the short form: a title is all that must be typed
JAR=vhxh.jar http GET /activities
expect_status 200
contains "$body" 'name="title"'
# a task's long title is cut at a word in the list of tasks, never inside
# a letter (was '... trên loa truyền thanh của các b', then '\xe1\xbb')
printf '%s' "$body" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 || die "the page is not valid UTF-8"
contains "$body" 'lang="vi">1.a Tuyên truyền về bình đẳng giới trên loa truyền thanh của các…</option>'
JAR=vhxh.jar http POST /activities --data-urlencode "csrf=$csrf" --data-urlencode unit=03390 --data-urlencode agency=vhxh \
	--data-urlencode kind=news --data-urlencode "title=Tin về Tháng hành động" --data-urlencode date=2026-11-20
expect_status 303
JAR=vhxh.jar http GET "/activities?year=2026&quarter=4"
contains "$body" "Tin về Tháng hành động"
contains "$body" "20/11/2026 ★" # in the Action Month, from its date
id=$(printf '%s' "$body" | grep -o '/activities/03390/[0-9]*' | head -1 | cut -d/ -f4)
# the day after today, a missing title: refused, nothing stored
JAR=vhxh.jar http POST /activities --data-urlencode "csrf=$csrf" --data-urlencode unit=03390 --data-urlencode agency=vhxh \
	--data-urlencode kind=news --data-urlencode "title=" --data-urlencode date=2026-12-11
expect_status 400
contains "$body" "11/12/2026 is after today"
contains "$body" "say what it was"
[ "$(sql gemis.db "SELECT COUNT(*) FROM activities")" = 1 ] || die "a refused activity was stored"

# a change: on the version seen, then again on the same (now old) version
JAR=vhxh.jar http GET "/activities/03390/$id"
expect_status 200
JAR=vhxh.jar http POST "/activities/03390/$id" --data-urlencode "csrf=$csrf" --data-urlencode action=save \
	--data-urlencode version=1 --data-urlencode agency=vhxh --data-urlencode kind=news --data-urlencode channel=social \
	--data-urlencode "title=Tin về Tháng hành động trên fanpage" --data-urlencode date=2026-11-20
expect_status 303
JAR=vhxh.jar http POST "/activities/03390/$id" --data-urlencode "csrf=$csrf" --data-urlencode action=save \
	--data-urlencode version=1 --data-urlencode agency=vhxh --data-urlencode kind=news \
	--data-urlencode "title=Lần sửa thứ hai" --data-urlencode date=2026-11-20
expect_status 409
contains "$body" "bl.vhxh changed this activity at"
# the history in words, not the stored JSON
JAR=vhxh.jar http GET "/activities/03390/$id"
contains "$body" '<q lang="vi">Tin về Tháng hành động trên fanpage</q>'
contains "$body" "20/11/2026 · news item (fanpage, Zalo)"
not_contains "$body" "&quot;action_month&quot;"
# another agency's account neither sees the form nor changes it
JAR=yte.jar http GET "/activities/03390/$id"
expect_status 403
ycsrf=$(JAR=yte.jar csrf_token)
JAR=yte.jar http POST "/activities/03390/$id" --data-urlencode "csrf=$ycsrf" --data-urlencode action=delete \
	--data-urlencode version=2
expect_status 403
JAR=yte.jar http POST /activities --data-urlencode "csrf=$ycsrf" --data-urlencode unit=03390 --data-urlencode agency=vhxh \
	--data-urlencode kind=news --data-urlencode "title=x" --data-urlencode date=2026-11-20
expect_status 403
lcsrf=$(JAR=lc.jar csrf_token)
JAR=lc.jar http POST /activities --data-urlencode "csrf=$lcsrf" --data-urlencode unit=03390 --data-urlencode agency=vhxh \
	--data-urlencode kind=news --data-urlencode "title=x" --data-urlencode date=2026-11-20
expect_status 403
# removed, and kept in the history
JAR=vhxh.jar http POST "/activities/03390/$id" --data-urlencode "csrf=$csrf" --data-urlencode action=delete \
	--data-urlencode version=2
expect_status 303
JAR=vhxh.jar http GET "/activities?year=2026&quarter=4"
not_contains "$body" "Tin về Tháng hành động trên fanpage"
[ "$(sql gemis.db "SELECT COUNT(*) FROM activity_history WHERE activity_id = $id")" = 3 ] || die "the history is not whole"

# the same entry sent twice (a phone's offline queue whose answer was lost):
# stored once, both answered as saved; another key is another activity
for k in 1 2; do
	JAR=vhxh.jar http POST /activities --data-urlencode "csrf=$csrf" --data-urlencode unit=03390 --data-urlencode agency=vhxh \
		--data-urlencode kind=training --data-urlencode "title=Tập huấn từ điện thoại" --data-urlencode date=2026-12-01 \
		--data-urlencode entry=0f5c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f
	expect_status 303
done
[ "$(sql gemis.db "SELECT COUNT(*) FROM activities WHERE title = 'Tập huấn từ điện thoại'")" = 1 ] ||
	die "an entry sent twice was stored twice"
[ "$(sql gemis.db "SELECT COUNT(*) FROM activity_history h JOIN activities a ON a.id = h.activity_id
	WHERE a.title = 'Tập huấn từ điện thoại'")" = 1 ] || die "an entry sent twice has two creations in the history"
JAR=vhxh.jar http POST /activities --data-urlencode "csrf=$csrf" --data-urlencode unit=03390 --data-urlencode agency=vhxh \
	--data-urlencode kind=training --data-urlencode "title=Tập huấn từ điện thoại" --data-urlencode date=2026-12-01 \
	--data-urlencode entry=7d1e0c9b-2f3a-4b5c-8d6e-0a1b2c3d4e5f
expect_status 303
[ "$(sql gemis.db "SELECT COUNT(*) FROM activities WHERE title = 'Tập huấn từ điện thoại'")" = 2 ] ||
	die "two entries with their own keys were not both stored"
JAR=vhxh.jar http POST /activities --data-urlencode "csrf=$csrf" --data-urlencode unit=03390 --data-urlencode agency=vhxh \
	--data-urlencode kind=training --data-urlencode "title=x" --data-urlencode date=2026-12-01 --data-urlencode "entry=Not a key!"
expect_status 400
# the same entry sent six times at once (a retry racing the first send),
# through two servers on the database as behind a load balancer: every
# send answered as saved, one activity (one server alone takes its posts
# in turn; two do not)
"$GEMIS" serve --port 0 --two-step none >serve2.out 2>serve2.err &
pid2=$!
base2=""
i=0
while [ $i -lt 100 ] && [ -z "$base2" ]; do
	base2=$(sed -n 's|.* at \(https*://[^ ]*[0-9]\)/$|\1|p' serve2.out)
	kill -0 "$pid2" 2>/dev/null || { cat serve2.err >&2; die "the second server did not start"; }
	[ -n "$base2" ] || sleep 0.1
	i=$((i + 1))
done
[ -n "$base2" ] || { kill "$pid2"; die "the second server did not print its URL"; }
# one curl sends them all at the same moment (-Z), three to each server
curl -s --no-progress-meter -Z --parallel-immediate --parallel-max 6 -w '%{http_code}\n' -b vhxh.jar --data-urlencode "csrf=$csrf" \
	--data-urlencode unit=03390 --data-urlencode agency=vhxh --data-urlencode kind=training \
	--data-urlencode "title=Gửi lại cùng lúc" --data-urlencode date=2026-12-01 \
	--data-urlencode entry=3b9c1d2e-4f5a-4b6c-8d7e-9f0a1b2c3d4e \
	-o /dev/null "$BASE/activities" -o /dev/null "$base2/activities" -o /dev/null "$BASE/activities" \
	-o /dev/null "$base2/activities" -o /dev/null "$BASE/activities" -o /dev/null "$base2/activities" >same.codes
kill -TERM "$pid2"
wait "$pid2" || { tail -20 serve2.err >&2; die "the second server exited badly"; }
[ "$(sort -u same.codes | tr '\n' ' ')" = "303 " ] || die "an entry sent six times at once: $(tr '\n' ' ' <same.codes)"
[ "$(sql gemis.db "SELECT COUNT(*) FROM activities WHERE title = 'Gửi lại cùng lúc'")" = 1 ] ||
	die "an entry sent six times at once was stored $(sql gemis.db "SELECT COUNT(*) FROM activities WHERE title = 'Gửi lại cùng lúc'") times"
for dup in $(sql gemis.db "SELECT id FROM activities WHERE title IN ('Tập huấn từ điện thoại', 'Gửi lại cùng lúc')"); do
	JAR=vhxh.jar http POST "/activities/03390/$dup" --data-urlencode "csrf=$csrf" --data-urlencode action=delete \
		--data-urlencode version=1
	expect_status 303
done

# an import with bad rows: every one named by its line, nothing imported
cat >bad.csv <<'EOF'
ngày,loại,kênh,tiêu đề,địa bàn,nữ,nam,nhiệm vụ
05/07/2026,tin bài,loa truyền thanh,Tin 1,Bản Nà Ún,,,
31/06/2026,tin bài,loa truyền thanh,Tin 2,,,,
06/07/2026,phim,loa truyền thanh,Tin 3,,,,
07/07/2026,tập huấn,trực tiếp,Tập huấn,Bản Nà Ún,nhiều,12,
08/07/2026,tin bài,mạng xã hội,Tin 4,,,,
09/07/2026,tin bài,loa truyền thanh,,,,,
10/07/2026,hội nghị,trực tiếp,Hội nghị,,,,9.9
EOF
JAR=vhxh.jar http GET /activities/import
csrf=$(csrf_of)
JAR=vhxh.jar http POST /activities/import -F "csrf=$csrf" -F unit=03390 -F agency=vhxh -F "file=@bad.csv;type=text/csv"
expect_status 400
contains "$body" "6 problems in the file; nothing was imported"
contains "$body" "line 3, date: &#39;31/06/2026&#39; is not a date"
contains "$body" "line 4, kind: unknown kind &#39;phim&#39;"
contains "$body" "line 5, women: &#39;nhiều&#39; is not a number of people"
contains "$body" "line 6, channel: unknown channel &#39;mạng xã hội&#39;"
contains "$body" "line 7, title: missing"
contains "$body" "line 8, task: no task &#39;9.9&#39; in the plan in force of 03390"
[ "$(sql gemis.db "SELECT COUNT(*) FROM activities WHERE deleted_at IS NULL")" = 0 ] || die "a bad file imported rows"

# a quarter's log, imported whole: the news items counted by hand here
cat >q3.csv <<'EOF'
date,kind,channel,title,place,women,men,task,action_month
2026-07-03,tin bài,loa truyền thanh,Tuyên truyền Luật Bình đẳng giới,Bản Nà Ún,,,1.a,
2026-07-15,tin bài,trang thông tin điện tử,Bài về nữ lãnh đạo,,,,,
2026-07-20,chuyên mục phát thanh,loa truyền thanh,Chuyên mục tháng 7,,,,,
2026-08-02,tin bài,fanpage,Tin trên fanpage,,,,1.a,
2026-08-19,tập huấn,trực tiếp,Tập huấn phòng chống bạo lực gia đình,Bản Phiêng Kham,23,12,,
2026-09-05,thăm hộ,trực tiếp,Thăm hộ gia đình có nguy cơ,Bản Nà Ún,2,1,,
2026-09-21,tin bài,Zalo,Tin trên nhóm Zalo các bản,,,,,
2026-09-30,hòa giải,trực tiếp,Hòa giải mâu thuẫn gia đình,,1,1,,
EOF
hand=$(grep -c ',tin bài,' q3.csv)
[ "$hand" = 4 ] || die "the hand count is $hand"
JAR=vhxh.jar http POST /activities/import -F "csrf=$csrf" -F unit=03390 -F agency=vhxh -F dry_run=1 -F "file=@q3.csv;type=text/csv"
expect_status 200
contains "$body" "8 activities checked"
[ "$(sql gemis.db "SELECT COUNT(*) FROM activities WHERE deleted_at IS NULL")" = 0 ] || die "a dry run imported"
JAR=vhxh.jar http POST /activities/import -F "csrf=$csrf" -F unit=03390 -F agency=vhxh -F "file=@q3.csv;type=text/csv"
expect_status 200
contains "$body" "8 activities imported."
JAR=vhxh.jar http GET "/activities?year=2026"
contains "$body" "<td>quarter 3/2026</td><td class=\"num\">$hand</td><td><span class=\"ts ts-done\">met</span></td><td class=\"num late\">7 · differs from the log</td><td class=\"num\">1/3</td>"
# the year by core/quota as the indicator's status: Q3 met, the others not
# logged (not reported), judged so far
contains "$body" '<p class="quota ts-done">The year: met so far; Q1, Q2, Q4 not reported</p>'
# the indicator: the third quarter is the only one logged, so the year is it
"$GEMIS" progress --unit 03390 --year 2026 --json >p.json
v=$(jq '.indicators[] | select(.indicator == "news_items_per_quarter") | .value' p.json)
[ "$v" = "$hand" ] || die "news_items_per_quarter is $v, the hand count $hand"
# ... and the server shows it too, without a restart
JAR=vhxh.jar http GET "/api/v1/progress?unit=03390&year=2026"
[ "$(printf '%s' "$body" | jq '.indicators[] | select(.indicator == "news_items_per_quarter") | .value')" = "$hand" ] ||
	die "the server's news_items_per_quarter is not the hand count"

# the same log as a workbook, by the focal point for the health station
python3 - <<'EOF'
import zipfile
rows = [["Ngày", "Cơ quan", "Loại", "Tiêu đề", "Nữ", "Nam"],
        [46327, "Trạm Y tế", "hội nghị", "Hội nghị về sức khỏe sinh sản", 30, 10]]
def cell(ref, v):
    if isinstance(v, int):
        return f'<c r="{ref}"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
sheet = "".join("<row r=\"%d\">%s</row>" % (i + 1, "".join(cell("ABCDEF"[j] + str(i + 1), v) for j, v in enumerate(r)))
                for i, r in enumerate(rows))
with zipfile.ZipFile("log.xlsx", "w") as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Nhật ký" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % sheet)
EOF
fcsrf=$(JAR=focal.jar csrf_token)
JAR=focal.jar http POST /activities/import -F "csrf=$fcsrf" -F unit=03390 -F agency=vhxh -F "file=@log.xlsx"
expect_status 200
contains "$body" "1 activity imported."
[ "$(sql gemis.db "SELECT agency || '|' || day || '|' || women || '|' || men FROM activities WHERE kind = 'conference'")" = "yte|2026-11-01|30|10" ] ||
	die "the workbook's row came in as $(sql gemis.db "SELECT agency, day, women, men FROM activities WHERE kind = 'conference'")"
# a reporter importing another agency's rows: each refused by its line
printf 'date,agency,kind,title\n2026-10-01,yte,news,Tin\n' >other.csv
JAR=vhxh.jar http POST /activities/import -F "csrf=$csrf" -F unit=03390 -F agency=vhxh -F "file=@other.csv;type=text/csv"
expect_status 400
contains "$body" "line 2, agency: you may not log activities of yte for 03390"

# the province sees its communes' quarters
JAR=lc.jar http GET "/activities?unit=12&year=2026"
expect_status 200
contains "$body" "<a href=\"/activities?unit=03390&amp;year=2026\">Bình Lư</a></td><td class=\"num hint\">–</td><td class=\"num hint\">–</td><td class=\"num\"><span class=\"ts ts-done\">$hand</span>"

stop_server
