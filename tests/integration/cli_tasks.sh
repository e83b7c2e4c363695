# gemis task and gemis activity on the command line: the tasks of a plan
# listed with their time and status, progress recorded with a photo (and
# refused for another agency, without a reason, with a file that is not
# what it claims: nothing stored), an activity logged and a log imported
# all or nothing with every bad row named, news_items_per_quarter of the
# log equal to a hand count, and --help for each command.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" init
expect_ok "$GEMIS" plan import "$ROOT/tests/plan/tasks_labels.txt" --apply --as binhlu
printf 'a long enough password\n' >pw.txt
expect_ok "$GEMIS" user add bl.vhxh --role reporter --unit 03390 --agency vhxh --password-stdin <pw.txt
expect_ok "$GEMIS" user add bl.yte --role reporter --unit 03390 --agency yte --password-stdin <pw.txt
export GEMIS_TODAY=2026-10-05

for c in "task list" "task record" "activity list" "activity log" "activity import"; do
	# shellcheck disable=SC2086
	expect_ok "$GEMIS" $c --help
	contains "$out" "gemis $c"
done

# the tasks, their days and what is late on 05/10/2026
expect_ok "$GEMIS" task list --unit 03390 --year 2026
contains "$out" "1.a    Tuyên truyền về bình đẳng giới"
contains "$out" "30/09/2026 not yet carried out (overdue)"
contains "$out" "15/12/2026"
expect_ok "$GEMIS" task list --unit 03390 --year 2026 --agency yte --json
[ "$(printf '%s' "$out" | jq -r '[.tasks[].number] | join(",")')" = 3 ] || die "the health station's tasks: $out"
expect_fail 1 "$GEMIS" task list --unit 12
contains "$err" "12 is not one"
# the same refusal, in the same words, for the budget (cli_unit_open)
expect_fail 1 "$GEMIS" budget add --unit 12 --year 2026 --agency vhxh --source nsnn_xa --estimate 6000000
contains "$err" "gemis budget add: --unit: budget lines belong to a commune or ward; 12 is not one"
expect_fail 2 "$GEMIS" task list --unit 03390 --agency nobody
contains "$err" "unknown agency 'nobody'"

# progress with a photo, as the culture-social office
printf '\377\330\377\340\000\020JFIF\000 a photo of the banners \377\331' >photo.jpg
expect_ok "$GEMIS" task record --unit 03390 --task 1.a --agency vhxh --status done --period 2026Q3 \
	--note "Phát 12 tin trên loa của 8 bản" --evidence photo.jpg --as bl.vhxh
contains "$out" "Recorded task 1.a"
[ "$(sql gemis.db "SELECT COUNT(*) FROM task_progress")" = 1 ] || die "the record was not stored"
[ "$(sql gemis.db "SELECT COUNT(*) FROM task_evidence")" = 1 ] || die "the photo was not kept"
[ "$(sql gemis.db "SELECT recorded_by FROM task_progress")" = bl.vhxh ] || die "the author is not the account"
expect_ok "$GEMIS" task list --unit 03390 --year 2026 --agency vhxh
contains "$out" "1.a    Tuyên truyền về bình đẳng giới trên loa truyền … 30/09/2026 done"
# refused: another agency's task, no reason for not done, a file that is not a
# photo; nothing stored
expect_fail 1 "$GEMIS" task record --unit 03390 --task 1.a --agency vhxh --status done --as bl.yte
contains "$err" "you may not record progress for vhxh of 03390"
expect_fail 1 "$GEMIS" task record --unit 03390 --task 3 --agency yte --status not_done --as bl.yte
contains "$err" "reason: "
printf 'MZ not a photo' >fake.jpg
expect_fail 1 "$GEMIS" task record --unit 03390 --task 3 --agency yte --status done --evidence fake.jpg --as bl.yte
contains "$err" "fake.jpg"
expect_fail 1 "$GEMIS" task record --unit 03390 --task 9.9 --agency yte --status done
contains "$err" "no such task in the plan in force '9.9'"
expect_fail 2 "$GEMIS" task record --unit 03390 --task 3 --agency yte --status finished
contains "$err" "unknown status 'finished'"
[ "$(sql gemis.db "SELECT COUNT(*) FROM task_progress")" = 1 ] || die "a refused record was stored"
[ "$(sql gemis.db "SELECT COUNT(*) FROM attachments")" = 1 ] || die "a refused file was kept"
# the duties of the health station (task "3" of the implementation section)
expect_ok "$GEMIS" task record --unit 03390 --task 3 --agency yte --status in_progress --as bl.yte

# one activity logged; after today and without a title refused
expect_ok "$GEMIS" activity log --unit 03390 --agency vhxh --title "Tin về Luật Bình đẳng giới" --date 2026-07-03 \
	--task 1.a --as bl.vhxh
contains "$out" "03/07/2026"
expect_fail 1 "$GEMIS" activity log --unit 03390 --agency vhxh --title "" --date 2026-10-06
contains "$err" "06/10/2026 is after today"
contains "$err" "the activity was not saved"
# a log imported all or nothing: one bad row imports none, each bad row named
cat >bad.csv <<'CSV'
ngày,loại,tiêu đề,địa bàn,nữ,nam
04/07/2026,tin bài,Tin về phòng chống bạo lực gia đình,Bản Nà Ún,,
31/02/2026,tin bài,Ngày không có,,,
05/07/2026,văn nghệ,,,,
CSV
expect_fail 1 "$GEMIS" activity import bad.csv --unit 03390 --agency vhxh
contains "$err" "bad.csv:3: date:"
contains "$err" "bad.csv:4: kind:"
contains "$err" "bad.csv:4: title:"
contains "$err" "nothing was imported"
[ "$(sql gemis.db "SELECT COUNT(*) FROM activities")" = 1 ] || die "a refused import stored rows"
cat >log.csv <<'CSV'
date,kind,title,place,women,men
04/07/2026,tin bài,Tin về phòng chống bạo lực gia đình,Bản Nà Ún,,
15/08/2026,news,Tin trên cổng thông tin,,,
20/09/2026,tập huấn,Tập huấn kỹ năng hòa giải,Bản Phiêng Kham,23,12
02/10/2026,news,Tin quý IV,,,
CSV
expect_ok "$GEMIS" activity import log.csv --unit 03390 --agency vhxh --dry-run
contains "$out" "4 activities checked"
[ "$(sql gemis.db "SELECT COUNT(*) FROM activities")" = 1 ] || die "a dry run stored rows"
expect_ok "$GEMIS" activity import log.csv --unit 03390 --agency vhxh --as bl.vhxh
contains "$out" "4 activities imported"
expect_fail 1 "$GEMIS" activity import log.csv --unit 03390 --agency vhxh --as bl.yte
# the third quarter by hand: 03/07, 04/07 and 15/08 are news items (the
# training is not): 3, on the command line and in the indicator
expect_ok "$GEMIS" activity list --unit 03390 --year 2026 --json
[ "$(printf '%s' "$out" | jq -c '[.quarters[] | .news_items]')" = '[0,0,3,1]' ] || die "news items: $out"
[ "$(printf '%s' "$out" | jq '.activities | length')" = 5 ] || die "activities: $out"
expect_ok "$GEMIS" activity list --unit 03390 --year 2026 --quarter 3
contains "$out" "quarter 3/2026: news items logged 3"
contains "$out" "Tập huấn kỹ năng hòa giải"
contains "$out" "23 / 12"
not_contains "$out" "Tin quý IV"
