# Tasks on the web: a plan's tasks after an upload-free apply, an agency
# recording progress with a photo, files that are not what they claim, too
# large or a zip bomb refused with their name and nothing half-stored, a
# stale version refused, "could not be done" needing its reason, another
# agency's task refused, the history, the lock of an approved form's year,
# and what is late on the dashboard.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo --forms
# Bình Lư's plan with tasks in every label style (tests/plan/tasks_labels.txt)
expect_ok "$GEMIS" plan import "$ROOT/tests/plan/tasks_labels.txt" --apply --as binhlu
export GEMIS_TODAY=2026-10-05
start_server

JAR=vhxh.jar sign_in binhlu.vhxh gemis-demo-2026
JAR=vhxh.jar http GET /lang/en?next=/
JAR=focal.jar sign_in binhlu gemis-demo-2026
JAR=focal.jar http GET /lang/en?next=/

# the reporter's home page lists its agency's tasks; the list of tasks
# shows them with their time
JAR=vhxh.jar http GET /
expect_status 200
contains "$body" "Your agency&#39;s tasks"
contains "$body" "Tuyên truyền về bình đẳng giới trên loa truyền thanh của các bản"
JAR=vhxh.jar http GET "/tasks?year=2026"
expect_status 200
contains "$body" "Quý III/2026"
not_contains "$body" "Rà soát quy hoạch cán bộ nữ" # Văn phòng's, not the culture-social office's
JAR=focal.jar http GET "/tasks?year=2026"
contains "$body" "Rà soát quy hoạch cán bộ nữ"
task=$(printf '%s' "$body" | grep -o '/tasks/03390/[0-9a-f]\{16\}[^"]*">1\.a ' | head -1 | cut -d/ -f4 | cut -d'?' -f1)
late=$(printf '%s' "$body" | grep -o '/tasks/03390/[0-9a-f]\{16\}[^"]*">1\.b ' | head -1 | cut -d/ -f4 | cut -d'?' -f1)
[ -n "$task" ] && [ -n "$late" ] || die "tasks 1.a and 1.b not listed: $body"

# task 1.b (Văn phòng, due 30/9/2026) is late on 5/10: on the focal point's
# dashboard, per agency, with the forms due within the week
JAR=focal.jar http GET "/?year=2026"
contains "$body" "Due this week and late"
printf '%s' "$body" | grep -q "1.b <span lang=\"vi\">Rà soát quy hoạch cán bộ nữ để thực hiện mục tiêu 1</span></a> · Office of the People&#39;s Council and Committee · <span class=\"ts ts-not_started\">not yet carried out</span> <span class=\"late\">overdue</span>" ||
	die "task 1.b is not shown as overdue for its agency: $(printf '%s' "$body" | grep -o '<section class="work">.*</section>' | head -c 3000)"

# the yearly form of the culture-social office is approved (demo --forms):
# its results of 2026 are locked
JAR=vhxh.jar http GET "/tasks/03390/$task?year=2026"
contains "$body" "locked until the focal point reopens it"
csrf=$(csrf_of)
# (demo --forms recorded some progress on the demo plan's tasks)
stored=$(sql gemis.db "SELECT COUNT(*) FROM task_progress")
JAR=vhxh.jar http POST "/tasks/03390/$task" -F "csrf=$csrf" -F agency=vhxh -F period=2026 -F version=0 -F status=done
expect_status 409
contains "$body" "are locked: the focal point must reopen the form first"
# ... and open again once the form is reopened
fcsrf=$(JAR=focal.jar csrf_token)
JAR=focal.jar http GET /api/v1/submissions/03390/vhxh/2026
fversion=$(printf '%s' "$body" | jq -r .version)
JAR=focal.jar http POST /api/v1/submissions/03390/vhxh/2026 -H "X-CSRF-Token: $fcsrf" -H "Content-Type: application/json" \
	--data "{\"action\": \"reopen\", \"version\": $fversion, \"comment\": \"sửa số liệu\"}"
expect_status 200
[ "$(sql gemis.db "SELECT COUNT(*) FROM task_progress")" = "$stored" ] || die "a locked record was stored"

# the culture-social office records progress with a photo
printf '\377\330\377\340\000\020JFIF\000 a photo of the banners \377\331' >photo.jpg
JAR=vhxh.jar http GET "/tasks/03390/$task?year=2026"
expect_status 200
csrf=$(csrf_of)
version=$(grep -o 'name="version" value="[0-9]*"' body.txt | sed 's/.*value="//;s/"//')
[ "$version" = 0 ] || die "a task never recorded has version $version"
JAR=vhxh.jar http POST "/tasks/03390/$task" -F "csrf=$csrf" -F agency=vhxh -F period=2026Q3 -F version=0 \
	-F status=done -F "note=Phát 12 tin trên loa của 8 bản" -F "evidence1=@photo.jpg;filename=bang-ron.jpg"
expect_status 303
JAR=vhxh.jar http GET "/tasks/03390/$task?year=2026&period=2026Q3"
contains "$body" "Phát 12 tin trên loa của 8 bản"
contains "$body" "bang-ron.jpg"
contains "$body" "binhlu.vhxh"
file=$(printf '%s' "$body" | grep -o '/tasks/03390/evidence/[0-9]*' | head -1)
JAR=vhxh.jar http GET "$file"
expect_status 200
[ "$(header Content-Type)" = image/jpeg ] || die "evidence served as $(header Content-Type)"
cmp -s body.txt photo.jpg || die "the evidence file came back changed"
version=$(grep -o 'name="version" value="[0-9]*"' body.txt 2>/dev/null | sed 's/.*value="//;s/"//')
JAR=vhxh.jar http GET "/tasks/03390/$task?year=2026&period=2026Q3"
version=$(grep -o 'name="version" value="[0-9]*"' body.txt | sed 's/.*value="//;s/"//')
[ "$version" != 0 ] || die "the version did not move"
records() { sql gemis.db "SELECT COUNT(*) FROM task_progress"; }
before=$(records)

# a file that is not what its name says, one too large, a zip bomb: each
# refused with its name, nothing stored
JAR=vhxh.jar http POST "/tasks/03390/$task" -F "csrf=$csrf" -F agency=vhxh -F period=2026Q3 -F "version=$version" \
	-F status=done -F "evidence1=@photo.jpg;filename=bien-ban.pdf"
expect_status 400
contains "$body" "bien-ban.pdf: the name says PDF but the file is JPEG"
head -c 9000000 /dev/zero | tr '\0' 'x' >big.txt
{ printf '\377\330\377\340'; cat big.txt; } >big.jpg
JAR=vhxh.jar http POST "/tasks/03390/$task" -F "csrf=$csrf" -F agency=vhxh -F period=2026Q3 -F "version=$version" \
	-F status=done -F "evidence1=@big.jpg;filename=anh-lon.jpg"
expect_status 400
contains "$body" "anh-lon.jpg: 9 MB is larger than the 8 MB a file may have"
python3 - <<'EOF'
import zipfile
with zipfile.ZipFile("bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", b"\0" * (60 << 20))
EOF
JAR=vhxh.jar http POST "/tasks/03390/$task" -F "csrf=$csrf" -F agency=vhxh -F period=2026Q3 -F "version=$version" \
	-F status=done -F "evidence1=@bomb.docx;filename=bao-cao.docx"
expect_status 400
contains "$body" "bao-cao.docx: the archive unpacks to far more than its size (a zip bomb?)"
printf 'MZ this is a program' >tool.exe
JAR=vhxh.jar http POST "/tasks/03390/$task" -F "csrf=$csrf" -F agency=vhxh -F period=2026Q3 -F "version=$version" \
	-F status=done -F "evidence1=@tool.exe;filename=tool.exe"
expect_status 400
contains "$body" "tool.exe: only PDF, DOCX, XLSX, JPEG and PNG files are kept"
[ "$(records)" = "$before" ] || die "a refused record was stored"
[ "$(sql gemis.db "SELECT COUNT(*) FROM attachments")" = 1 ] || die "a refused file was kept"

# a record made on an older version is refused and names who came first
JAR=vhxh.jar http POST "/tasks/03390/$task" -F "csrf=$csrf" -F agency=vhxh -F period=2026Q3 -F version=0 \
	-F status=in_progress
expect_status 409
contains "$body" "binhlu.vhxh recorded progress on this task at"
# "could not be done" needs its reason
JAR=vhxh.jar http POST "/tasks/03390/$task" -F "csrf=$csrf" -F agency=vhxh -F period=2026Q4 -F version=0 \
	-F status=not_done
expect_status 400
contains "$body" "say why the task could not be done"
# another agency's part, and another commune: 403
JAR=vhxh.jar http POST "/tasks/03390/$late" -F "csrf=$csrf" -F agency=vanphong -F period=2026 -F version=0 \
	-F status=done
expect_status 403
JAR=vhxh.jar http POST "/tasks/03394/$task" -F "csrf=$csrf" -F agency=vhxh -F period=2026 -F version=0 \
	-F status=done
expect_status 403
JAR=vhxh.jar http GET "/tasks/03394/evidence/1"
expect_status 403
# an agency with no part in a task, by the focal point: a problem, not a record
JAR=focal.jar http POST "/tasks/03390/$late" -F "csrf=$fcsrf" -F agency=yte -F period=2026 -F version=0 -F status=done
expect_status 400
contains "$body" "yte has no part in task 1.b"
# the focal point records for Văn phòng: 1.b is no longer late
JAR=focal.jar http POST "/tasks/03390/$late" -F "csrf=$fcsrf" -F agency=vanphong -F period=2026 -F version=0 \
	-F status=done -F "note=Đã rà soát"
expect_status 303
JAR=focal.jar http GET "/?year=2026"
not_contains "$body" "1.b <span lang=\"vi\">Rà soát quy hoạch cán bộ nữ để thực hiện mục tiêu 1</span></a> · Office"
JAR=vhxh.jar http POST "/tasks/03390/$task" -F "csrf=$csrf" -F agency=vhxh -F period=2026 -F version=0 -F status=done
expect_status 303

# the province reads its communes' tasks at a glance, and a commune's task
JAR=lc.jar sign_in laichau gemis-demo-2026
JAR=lc.jar http GET /lang/en?next=/
JAR=lc.jar http GET "/tasks?unit=12&year=2026"
expect_status 200
contains "$body" '<a href="/tasks?unit=03390&amp;year=2026">Bình Lư</a></td><td class="num">6</td><td class="num">2</td>'
JAR=lc.jar http GET "/tasks/03390/$task?year=2026"
expect_status 200
not_contains "$body" "Record progress"
lcsrf=$(JAR=lc.jar csrf_token)
JAR=lc.jar http POST "/tasks/03390/$task" -F "csrf=$lcsrf" -F agency=vhxh -F period=2026 -F version=0 -F status=done
expect_status 403

# the texts of the offline queue (web/offline.c) reach the page, every one
# in the page's language: English, then Vietnamese
offline_texts() {
	printf '%s' "$body" | sed -n 's|.*<script type="application/json" id="offline-data">\([^<]*\)</script>.*|\1|p' | jq -c .t
}
JAR=vhxh.jar http GET "/tasks?year=2026"
t=$(offline_texts)
[ "$(printf '%s' "$t" | jq 'length')" = 21 ] || die "offline texts: $t"
[ "$(printf '%s' "$t" | jq -r '.keep_mine + "|" + .waiting_many + "|" + .signout')" = \
	"Keep mine|%d entries saved on this device wait to be sent.|Entries saved on this device have not been sent yet and will be lost if you sign out. Sign out anyway?" ] ||
	die "offline texts in English: $t"
JAR=vhxh.jar http GET /lang/vi?next=/
JAR=vhxh.jar http GET "/tasks?year=2026"
t=$(offline_texts)
[ "$(printf '%s' "$t" | jq -r '.keep_mine')" = "Giữ bản của tôi" ] || die "offline texts in Vietnamese: $t"
[ "$(printf '%s' "$t" | jq '[.[] | select(test("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]"))] | length')" = 21 ] ||
	die "an offline text left in English: $t"

stop_server
