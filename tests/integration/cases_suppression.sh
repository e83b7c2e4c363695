# Suppression as an outsider meets it: a province officer reads the counts of
# the province and of each commune (`gemis case stats`, `gemis progress
# --json`) and tries to recompute every hidden count from the published ones
# (province minus the other communes, total minus one sex, all minus the
# counted).  Nothing hidden may be recovered, and the commune's own
# caseworker still sees the exact figures.
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" init
printf 'a long enough password\n' >pw.txt
expect_ok "$GEMIS" user add prov.laichau --role province --unit 12 --password-stdin <pw.txt
for c in 03390 03394 03405; do
	expect_ok "$GEMIS" user add "cw.$c" --role caseworker --unit "$c" --password-stdin <pw.txt
done
expect_ok "$GEMIS" case keygen case.key
export GEMIS_CASE_KEY_FILE="$PWD/case.key"

# add COMMUNE SEX SUPPORTED: one consenting case of physical assault in 2026
add() {
	printf '{"detected": "2026-04-0%s", "source": "police", "survivor": {"sex": "%s", "age_group": "25-59"},
	 "type": "physical_assault", "perpetrator": {"sex": "M"}, "consent_statistics": true}' \
		"$(( $(date +%N | cut -c1) % 9 + 1 ))" "$2" >c.json
	code=$("$GEMIS" case add --unit "$1" --as "cw.$1" <c.json) || die "add"
	if [ "$3" = yes ]; then
		"$GEMIS" case service "$code" --as "cw.$1" --service health_care --date 2026-05-01 >/dev/null || die "service"
		"$GEMIS" case counsel "$code" --as "cw.$1" --date 2026-05-02 >/dev/null || die "counsel"
	fi
}
# Bình Lư: 3 women, all supported (a small cell)
for i in 1 2 3; do add 03390 F yes; done
# Sin Suối Hồ: 7 women (5 supported), 2 men supported
for i in 1 2 3 4 5; do add 03394 F yes; done
for i in 1 2; do add 03394 F no; done
for i in 1 2; do add 03394 M yes; done
# Tả Lèng: 8 women (6 supported)
for i in 1 2 3 4 5 6; do add 03405 F yes; done
for i in 1 2; do add 03405 F no; done

for u in 12 03390 03394 03405; do
	"$GEMIS" case stats --unit "$u" --year 2026 --as prov.laichau --json >"stats.$u.json" || die "stats $u"
	"$GEMIS" progress --unit "$u" --year 2026 --json >"progress.$u.json" || die "progress $u"
done
# the caseworker's own view is exact
expect_ok "$GEMIS" case stats --unit 03390 --year 2026 --as cw.03390 --json
contains "$out" '"num": {"F": 3, "M": 0, "T": 3}'
# the outsider's is not
contains "$(cat stats.03390.json)" '"<5"'
not_contains "$(cat stats.03390.json)" '"F": 3'

python3 - <<'PY' || die "a hidden count can be recomputed"
import json, sys
units = {"12": None, "03390": "12", "03394": "12", "03405": "12"}
cells = {}
for u in units:
    d = json.load(open("stats.%s.json" % u))
    for ind in d["indicators"]:
        for part in ("num", "rest", "den"):
            for sex in ("F", "M", "T"):
                cells[(u, ind["indicator"], part, sex)] = ind[part][sex]
hidden = lambda v: isinstance(v, str)
lines = []
for ind in {k[1] for k in cells}:
    for u in units:
        for part in ("num", "rest", "den"):
            lines.append([(u, ind, part, "T"), (u, ind, part, "F"), (u, ind, part, "M")])
        for sex in ("F", "M", "T"):
            lines.append([(u, ind, "den", sex), (u, ind, "num", sex), (u, ind, "rest", sex)])
    for part in ("num", "rest", "den"):
        for sex in ("F", "M", "T"):
            lines.append([("12", ind, part, sex)] + [(c, ind, part, sex) for c in units if units[c]])
small = 0
for k, v in cells.items():
    if v == "<5":
        small += 1
if small == 0:
    print("no small cell in the test data"); sys.exit(1)
for line in lines:
    h = [c for c in line if hidden(cells[c])]
    if len(h) == 1:
        print("recoverable:", h[0], "from", line); sys.exit(1)
# an interval attack on each line: a "<5" cell with all others shown but one "x"
# is bounded by the line; it must keep at least two possible values
for line in lines:
    h = [c for c in line if hidden(cells[c])]
    if len(h) != 2:
        continue
    total, parts = line[0], line[1:]
    known = sum(cells[c] for c in line if not hidden(cells[c]) and c != total)
    for a in h:
        if cells[a] != "<5":
            continue
        other = [c for c in h if c != a][0]
        lo_o, hi_o = (1, 4) if cells[other] == "<5" else (5, 10**9)
        vals = []
        for va in range(1, 5):
            for_other = None
            if hidden(cells[total]):
                ok = True  # total hidden too: unbounded from this line alone
            elif a == total or other == total:
                ok = True
            else:
                vo = cells[total] - known - va
                ok = lo_o <= vo <= hi_o
            if ok:
                vals.append(va)
        if len(vals) < 2:
            print("pinned by interval:", a, vals); sys.exit(1)
# progress for a commune shows no figure of a hidden value
p = json.load(open("progress.03390.json"))
for ind in p["indicators"]:
    if ind["indicator"] == "dv_victims_supported":
        if ind["value"] is not None or ind["status"] != "suppressed":
            print("progress shows a hidden value:", ind); sys.exit(1)
        if not isinstance(ind["numerator"], str) or not isinstance(ind["denominator"], str):
            print("progress shows hidden parts:", ind); sys.exit(1)
PY
# with the small commune's cases, the others' figures went into hiding too
contains "$(cat stats.03405.json)$(cat stats.03394.json)" '"x"'
