# concurrency: several processes adding and updating at once come out
# exact: the record count, distinct ids, every update applied, and one audit
# entry per change.
#
# 4 workers, each 50 adds, then a `set` of each of its own records, then 10
# updates of one shared record (retried when `set` reports that someone
# else changed it since it was read: the conflict path).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-common.inc"

WORKERS=4
ADDS=50
SHARED=10

shared=$(add_household 001 共享路1号 共享户 62292519700101001)

# worker W — prints nothing; its ids go to $T/ids.W, failures to $T/fail.W
worker() {
	local w=$1 i id hid tries out
	for ((i = 1; i <= ADDS; i++)); do
		id=$(idnum "$(printf '62292519800%d%02d%03d' $((w + 1)) \
		    $((1 + i % 28)) "$i")")
		if ! hid=$(gb add household "address=并发路${w}-${i}号" \
		    grid=00$((1 + i % 3)) "members.1.name=居民${w}_$i" \
		    "members.1.id_card=$id" \
		    members.1.sex=$(( ${id:16:1} % 2 == 0 ? 2 : 1 )) \
		    "members.1.birth=${id:6:4}-${id:10:2}-${id:12:2}" \
		    members.1.ethnicity=01 members.1.relation=02 2>&1); then
			echo "add $w/$i: $hid" >>"$T/fail.$w"
			return
		fi
		echo "$hid" >>"$T/ids.$w"
	done
	while read -r hid; do
		out=$(gb set household "$hid" "members.1.phone=1390000$(printf '%04d' $((w * 1000 + 10#${hid#HH-} % 1000)))" 2>&1) ||
		    { echo "set $hid: $out" >>"$T/fail.$w"; return; }
	done <"$T/ids.$w"
	for ((i = 1; i <= SHARED; i++)); do
		for ((tries = 0; ; tries++)); do
			if out=$(gb set household "$shared" "note=worker $w update $i" 2>&1); then
				break
			fi
			case $out in
			*"was changed by"*) ;;	# a conflict: read again
			*) echo "shared $w/$i: $out" >>"$T/fail.$w"; return ;;
			esac
			((tries < 50)) || { echo "shared $w/$i: 50 conflicts" >>"$T/fail.$w"; return; }
			echo x >>"$T/conflicts.$w"
		done
	done
}

pids=()
for ((w = 1; w <= WORKERS; w++)); do
	worker "$w" & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
for ((w = 1; w <= WORKERS; w++)); do
	[ ! -s "$T/fail.$w" ] || fail "worker $w: $(cat "$T/fail.$w")"
	[ "$(wc -l <"$T/ids.$w")" -eq "$ADDS" ] || fail "worker $w added $(wc -l <"$T/ids.$w")"
done

total=$((1 + WORKERS * ADDS))
gb find household --limit 0 --json >"$T/recs.jsonl"
python3 - "$total" "$WORKERS" "$ADDS" "$SHARED" "$shared" "$T/recs.jsonl" <<'EOF' ||
import json, sys
total, workers, adds, shared_n = (int(a) for a in sys.argv[1:5])
shared = sys.argv[5]
recs = [json.loads(l) for l in open(sys.argv[6], encoding="utf-8")]
ids = [r["id"] for r in recs]
assert len(recs) == total, f"{len(recs)} records, wanted {total}"
assert len(set(ids)) == total, "duplicate ids"
nums = sorted(int(i[3:]) for i in ids)
assert nums == list(range(1, total + 1)), f"ids not 1..{total}: {nums[:5]}..."
for r in recs:
    if r["id"] == shared:
        assert r["rev"] == 1 + workers * shared_n, f"shared rev {r['rev']}"
        assert r["values"]["note"].startswith("worker "), r["values"]
    else:
        assert r["rev"] == 2, f"{r['id']} rev {r['rev']}"
        assert r["values"]["members.1.phone"].startswith("1390000"), r["values"]
EOF
    fail "records are not exact"

# One audit entry per change: creates, own updates, shared updates.
want=$((total + WORKERS * ADDS + WORKERS * SHARED))
got=$(gb audit --json | jsonl_ok)
[ "$got" -eq "$want" ] || fail "$got audit entries, wanted $want"
[ "$(gb audit household "$shared" --json | jsonl_ok)" -eq $((1 + WORKERS * SHARED)) ] ||
    fail "shared record's audit entries"
expect_rc 0 gb check
contains "no problems found" "$OUT"
echo "concurrency: ok ($total records, $got audit entries," \
    "$(cat "$T"/conflicts.* 2>/dev/null | wc -l) conflicts retried)"
