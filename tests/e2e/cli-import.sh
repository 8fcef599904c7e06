# cli-import: `gridbook import` and `gridbook export` through the real
# binary: a GB18030 ledger made with iconv, JSON Lines from
# scripts/gen-households, a file with problems at known rows (the exact
# messages, nothing written), --dry-run, standard input, export round trips
# into a fresh database (identical `get --json` values), and a leader's
# export holding only their grid.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-common.inc"

# gbdb DIR ARGS... — the binary on another database.
gbdb() { local d=$1; shift; "$GB" --db "$d" --forms "$FORMS" --config "$CONFIG" --user "${GB_USER:-admin}" "$@"; }

# values DB — every household's values (and state) as `get --json` gives them,
# one line each in id order.
values() {
	local d=$1 id
	for id in $(gbdb "$d" find household --limit 0 --json | python3 -c '
import json, sys
for l in sys.stdin: print(json.loads(l)["id"])' | sort); do
		gbdb "$d" get household "$id" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["id"], d["state"], json.dumps(d["values"], ensure_ascii=False, sort_keys=True))'
	done
}

# ---- a GB18030 ledger, as old Excel saves it ----
id1=$(idnum 62292519800101001); id2=$(idnum 62292519850202002)
cat >"$T/ledger-utf8.csv" <<EOF
住址,grid,家庭成员.1.姓名,members.1.id_card,members.1.sex,members.1.birth,members.1.ethnicity,members.1.relation,rented,state
和平路12号,001,马晓燕,$id1,女,1980/1/1,回族,户主,否,
"滨河路8号, 2单元",002,韩志强,$id2,男,19850202,汉族,户主,是,
EOF
# a rented dwelling needs its landlord: the second row says so
expect_rc 1 gb import household "$T/ledger-utf8.csv"
contains "ledger-utf8.csv:3: landlord_name: is required" "$OUT"
contains "nothing imported: 1 problem in 2 records" "$OUT"
sed -i 's/,是,$/,否,/' "$T/ledger-utf8.csv"
iconv -f UTF-8 -t GB18030 "$T/ledger-utf8.csv" >"$T/ledger.csv"
! iconv -f UTF-8 -t UTF-8 "$T/ledger.csv" >/dev/null 2>&1 || fail "the GB18030 file is valid UTF-8"
expect_rc 0 gb import household "$T/ledger.csv"
[ "$OUT" = "imported 2 households from $T/ledger.csv (GB18030): HH-000001 to HH-000002" ] ||
    fail "import summary: $OUT"
[ "$(gb get household HH-000001 --json | jq_py 'd["values"]["members.1.name"]')" = 马晓燕 ] ||
    fail "GB18030 name"
[ "$(gb get household HH-000002 --json | jq_py 'd["values"]["address"]')" = "滨河路8号, 2单元" ] ||
    fail "quoted address"
[ "$(gb get household HH-000001 --json | jq_py 'd["values"]["members.1.ethnicity"] + d["values"]["members.1.birth"]')" = 031980-01-01 ] ||
    fail "labels and dates made canonical"
expect_rc 0 gb check
# the import is in the audit trail: one entry for the file, one per record
expect_rc 0 gb audit household
contains "import  household" "$OUT"
contains "encoding: (empty) → 'GB18030'" "$OUT"
[ "$(gb audit --json | grep -c '"action":"create"')" = 2 ] || fail "create entries"

# ---- JSON Lines from the generator; --dry-run; standard input ----
python3 "$SRC/scripts/gen-households" -n 40 --seed 5 >"$T/gen.jsonl"
expect_rc 0 gb import household "$T/gen.jsonl" --dry-run
[ "$OUT" = "checked 40 households in $T/gen.jsonl (UTF-8): no problems; nothing written (--dry-run)" ] ||
    fail "dry run: $OUT"
[ "$(gb find household --limit 0 --json | jsonl_ok)" = 2 ] || fail "dry run wrote"
expect_rc 0 gb import household - --format jsonl <"$T/gen.jsonl"
contains "imported 40 households from (standard input) (UTF-8): HH-000003 to HH-000042" "$OUT"
[ "$(gb find household --limit 0 --json | jsonl_ok)" = 42 ] || fail "42 households"
# the same file again: every ID number is taken now; nothing written
before=$(snapshot)
expect_rc 1 gb import household "$T/gen.jsonl"
contains "gen.jsonl:1:" "$OUT"
contains "is already registered in household HH-000003" "$OUT"
contains "nothing imported:" "$OUT"
[ "$(snapshot)" = "$before" ] || fail "a refused import changed the database"

# ---- problems at known rows: the exact messages, nothing written ----
id3=$(idnum 62292519900303003); id4=$(idnum 62292519910404004)
bad3=${id3:0:17}$(( (${id3:17:1} + 1) % 10 ))
[ "${id3:17:1}" = X ] && bad3=${id3:0:17}0
cat >"$T/bad.csv" <<EOF
address,grid,members.1.name,members.1.id_card,members.1.sex,members.1.birth,members.1.ethnicity,members.1.relation,membres.2.name
和平路20号,001,马二十,$id4,男,1991-04-04,汉族,户主,
和平路21号,009,马廿一,$bad3,男,1990-03-03,汉族,户主,
,001,马廿二,$id1,女,1980-01-01,火星族,户主,
和平路23号,001,马廿三,$id4,男,1991-04-04,汉族,户主,
EOF
before=$(snapshot)
expect_rc 1 gb import household "$T/bad.csv"
want="$T/bad.csv:1:9: membres.2.name: no field 'membres' in form household; did you mean 'members'?
$T/bad.csv:3:2: grid: 009 is not a grid of $CONFIG; grids: 001, 002, 003, 004, 005, 006, 007, 008
$T/bad.csv:3:4: members.1.id_card: check digit should be ${id3:17:1}, not ${bad3:17:1}
$T/bad.csv:4:1: address: is required
$T/bad.csv:4:4: members.1.id_card: $id1 is already registered in household HH-000001
$T/bad.csv:4:7: members.1.ethnicity: '火星族' is not one of: 01 汉族, 02 蒙古族, 03 回族, 04 藏族, 05 维吾尔族, 06 苗族, 07 彝族, 08 壮族, ... (58 in all)
$T/bad.csv:5:4: members.1.id_card: $id4 is also on line 2 of this file
gridbook import: $T/bad.csv: nothing imported: 7 problems in 4 records"
[ "$OUT" = "$want" ] || fail "messages:
$OUT
--- wanted:
$want"
[ "$(snapshot)" = "$before" ] || fail "a refused import changed the database"
# a JSON Lines file with a syntax error and a bad value
printf '%s\n' '{"form":"household","values":{"address":"x","grid":"001"' \
    '{"form":"household","values":{"address":"x","grid":"001","members.1.name":"a","members.1.sex":"男","members.1.birth":"1990-13-01","members.1.ethnicity":"汉族","members.1.relation":"户主","members.1.id_card":"'"$id3"'"}}' \
    >"$T/bad.jsonl"
expect_rc 1 gb import household "$T/bad.jsonl"
contains "$T/bad.jsonl:1:30: object not closed (no '}' before the end)" "$OUT"
contains "$T/bad.jsonl:2:117: members.1.birth: 1990-13-01 is not a real date (month 13 does not exist)" "$OUT"
[ "$(snapshot)" = "$before" ] || fail "a refused import changed the database"
# bytes that are no text at all
printf 'address\n\xff\xfe\xfd\n' >"$T/garbage.csv"
expect_rc 1 gb import household "$T/garbage.csv"
contains "$T/garbage.csv:2:1: byte 0xff is neither UTF-8 nor GB18030 text" "$OUT"
# usage
expect_rc 2 gb import household "$T/ledger.txt"
contains "give --format csv or --format jsonl" "$OUT"
expect_rc 2 gb import household "$T/bad.csv" --format xml
expect_rc 1 gb import houshold "$T/bad.csv"
contains "did you mean 'household'" "$OUT"
expect_rc 1 gb import household "$T/missing.csv"
contains "cannot open $T/missing.csv" "$OUT"

# ---- export round trips: a fresh database gets the same values ----
gb move household HH-000002 moved >/dev/null 2>&1 ||
    GB_USER=clerk1 gb move household HH-000002 moved >/dev/null
mine=$(values "$DB")
for fmt in csv jsonl; do
	gb export household --format "$fmt" >"$T/all.$fmt"
	expect_rc 0 gbdb "$T/db-$fmt" import household "$T/all.$fmt"
	contains "imported 42 households" "$OUT"
	[ "$(values "$T/db-$fmt")" = "$mine" ] || fail "$fmt round trip differs"
	expect_rc 0 gbdb "$T/db-$fmt" check
done
[ "$(head -1 "$T/all.csv" | cut -d, -f1-4)" = "id,state,address,grid" ] || fail "CSV header"
[ "$(jsonl_ok <"$T/all.jsonl")" = 42 ] || fail "JSONL lines"
# the JSONL lines are what `get --json` prints
[ "$(sed -n 2p "$T/all.jsonl")" = "$(gb get household HH-000002 --json)" ] ||
    fail "export line differs from get --json"
# --excel: BOM and CRLF
gb export household --excel --where grid=001 >"$T/excel.csv"
[ "$(head -c 3 "$T/excel.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no BOM"
grep -q $'\r$' "$T/excel.csv" || fail "no CRLF"
# filters
n001=$(gb export household --format jsonl --where grid=001 | jsonl_ok)
[ "$(gb export household --format jsonl | python3 -c '
import json, sys
print(sum(json.loads(l)["values"]["grid"] == "001" for l in sys.stdin))')" = "$n001" ] ||
    fail "--where grid=001"
[ "$(gb export household --format jsonl --where state=moved | jsonl_ok)" = 1 ] || fail "--where state"
[ "$(gb export household --format jsonl --where members.name=马晓燕 --where grid=001 | jq_py 'd["id"]')" = HH-000001 ] ||
    fail "--where on a member field"
expect_rc 1 gb export household --where adress=x
contains "no field 'adress' in form household; did you mean 'address'?" "$OUT"

# ---- a leader's export holds only their grid, and is audited ----
GB_USER=leader1 gb export household --format jsonl >"$T/l1.jsonl"
python3 -c '
import json, sys
grids = {json.loads(l)["values"]["grid"] for l in open(sys.argv[1])}
assert grids == {"001"}, grids' "$T/l1.jsonl" || fail "leader1 export holds other grids"
[ "$(jsonl_ok <"$T/l1.jsonl")" = "$n001" ] || fail "leader1 export count"
GB_USER=leader1 gb export household --format csv | cut -d, -f4 | sort -u >"$T/l1.grids"
[ "$(cat "$T/l1.grids")" = "$(printf '001\ngrid')" ] || fail "leader1 CSV grids: $(cat "$T/l1.grids")"
expect_rc 0 gb audit --json
contains '"user":"leader1","form":"household","id":"","action":"export"' "$OUT"
# and a leader cannot import into another grid
printf 'address,grid,members.1.name\nx,002,a\n' >"$T/l1.csv"
GB_USER=leader1 expect_rc 1 gb import household "$T/l1.csv"
contains "l1.csv:2:2: grid: you (leader1) may import only records of your grids: 001" "$OUT"
echo "cli-import: ok"
