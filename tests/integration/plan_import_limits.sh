# Reading a plan document is bounded in memory and time by the limits of
# docs/plan-import.md, not by what the document asks of its reader
# (issue 22): a 59 KB PDF whose page is a million tiny text operations took
# poppler 1.5 GB and most of a minute, and the server kept what it took.
# Now poppler runs in a child process with 64 MB of its own and 30 s.
# Prints the figures.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

python3 "$ROOT/tests/tools/hostile_pdf.py" hostile.pdf 1000000
size=$(wc -c <hostile.pdf)
[ "$size" -lt 80000 ] || die "the hostile PDF is $size bytes, not about 59 KB"

# the command line: refused, with the reason, within the limits; peak
# memory of gemis and its reader together (getrusage of the children)
python3 - "$GEMIS" <<'PY' || die "gemis plan import of the hostile PDF"
import resource, subprocess, sys, time
t0 = time.monotonic()
p = subprocess.run([sys.argv[1], "plan", "import", "hostile.pdf"], capture_output=True, text=True)
took = time.monotonic() - t0
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("gemis plan import hostile.pdf (59 KB, 1,000,000 text operations): exit %d in %.1f s, peak RSS %d KB"
      % (p.returncode, took, peak))
print(p.stderr.strip())
if p.returncode != 1:
    sys.exit("want exit 1")
if "too complex" not in p.stderr or "hostile.pdf" not in p.stderr:
    sys.exit("want the reason, with the file named")
if "no text layer" in p.stderr:
    sys.exit("the wrong reason")
if peak > 100 * 1024:
    sys.exit("more than 100 MB")
if took > 40:
    sys.exit("more than 40 s")
PY

# the server: three uploads, each refused with the reason; its memory
# afterwards is where it was before them
expect_ok "$GEMIS" demo
start_server --quiet
JAR=focal.jar sign_in binhlu gemis-demo-2026
JAR=focal.jar http GET /lang/en
csrf=$(JAR=focal.jar csrf_token)
JAR=focal.jar http POST /plan/03390/upload -F "csrf=$csrf" -F "file=@hostile.pdf;type=application/pdf"
before=$(awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
for i in 1 2 3; do
	JAR=focal.jar http POST /plan/03390/upload -F "csrf=$csrf" -F "file=@hostile.pdf;type=application/pdf"
	[ "$status" = 413 ] || die "upload $i: got $status, want 413"
	contains "$body" "too complex to read"
done
after=$(awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
echo "server RSS around three uploads of hostile.pdf: $before KB -> $after KB ($((after - before)) KB)"
[ $((after - before)) -lt 20480 ] || die "the server kept $((after - before)) KB after three uploads"
# a document that is a plan still reads
cp "$ROOT/tests/plan/assignments.txt" plan.txt
JAR=focal.jar http POST /plan/03390/upload -F "csrf=$csrf" -F "file=@plan.txt;type=text/plain"
[ "$status" = 303 ] || [ "$status" = 200 ] || die "a text plan upload: got $status"
stop_server
