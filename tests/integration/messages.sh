# Messages (issue 22): an empty document says so (it gave a plan of nulls,
# or "unit '?' was not found"); bad text names its line; an upload's
# message names its file; the Vietnamese interface gets Vietnamese; the
# case register never repeats a key or parameter name someone wrote, and
# the request log has no case codes.
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
# empty documents, each format
: >empty.txt
printf '  \n\n\t\n' >blank.txt
python3 - <<'PY'
import zipfile
with zipfile.ZipFile("empty.docx", "w") as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>')
PY
python3 "$ROOT/tests/tools/hostile_pdf.py" empty.pdf 0
for f in empty.txt blank.txt empty.docx; do
	expect_fail 1 "$GEMIS" plan import "$f"
	contains "$err" "$f: the document is empty: it has no text"
done
expect_fail 1 "$GEMIS" plan import empty.pdf
contains "$err" "empty.pdf: the PDF has no text layer (0 letters on 1 pages"
# bad text names the line
printf 'unit,period,indicator,part,sex,value\n03390,2024,female_masters,num,T,1\n03390,2024,female_masters,den,T,\377\n' >latin1.csv
expect_fail 1 "$GEMIS" values import latin1.csv
contains "$err" "latin1.csv: line 3: the file is not UTF-8 text"
# in Vietnamese, a damaged DOCX is told in Vietnamese
printf 'PK\003\004 not really a zip' >broken.docx
expect_fail 1 env GEMIS_LANG=vi "$GEMIS" plan import broken.docx
contains "$err" "không phải tệp DOCX"

# the case register: an unknown key is named by where it is, not by what was
# typed; the log of the web server holds no case code
printf 'a long enough password\n' >pw.txt
expect_ok "$GEMIS" user add cw.binhlu --role caseworker --unit 03390 --password-stdin <pw.txt
expect_ok "$GEMIS" case keygen case.key
export GEMIS_CASE_KEY_FILE="$PWD/case.key"
printf '{"detected": "2026-03-02", "source": "hotline", "survivor": {"sex": "F", "age_group": "18-24", "Nguyễn Thị Hoa": 1}, "type": "rape", "consent_statistics": true}' >case.json
expect_fail 1 "$GEMIS" case add --unit 03390 --as cw.binhlu <case.json
contains "$err" "survivor: an unknown key: the keys here are sex, age_group"
not_contains "$err" "Nguyễn"
printf '{"detected": "2026-03-02", "source": "hotline", "survivor": {"sex": "F", "age_group": "18-24"}, "type": "rape", "consent_statistics": true}' >case.json
expect_ok "$GEMIS" case add --unit 03390 --as cw.binhlu <case.json
case_code=$out
start_server
JAR=cw.jar sign_in cw.binhlu "a long enough password"
JAR=cw.jar http GET /lang/en
csrf=$(JAR=cw.jar csrf_token)
JAR=cw.jar http GET "/cases/$case_code"
expect_status 200
JAR=cw.jar http POST /cases --data-urlencode "csrf=$csrf" --data-urlencode "Nguyen Thi Hoa=1"
expect_status 400
contains "$body" "an unknown parameter"
not_contains "$body" "Nguyen"
JAR=cw.jar http POST "/cases/$case_code/close" --data-urlencode "csrf=$csrf" --data-urlencode "date=2026-03-09"
expect_status 303
stop_server
grep -q "GET /cases/{code} 200" serve.err || { cat serve.err >&2; die "the case page is not in the log as its pattern"; }
grep -q "POST /cases/{code}/close 303" serve.err || die "the closing is not in the log as its pattern"
not_contains "$(cat serve.err)" "$case_code" "the request log"
not_contains "$(cat serve.err)" "Nguyen" "the request log"

# an upload's message names its file (the plan upload)
start_server
JAR=focal.jar sign_in binhlu gemis-demo-2026
JAR=focal.jar http GET /lang/en
csrf=$(JAR=focal.jar csrf_token)
JAR=focal.jar http POST /plan/03390/upload -F "csrf=$csrf" -F "file=@empty.docx"
expect_status 400
contains "$body" "empty.docx: the document is empty: it has no text"
stop_server
