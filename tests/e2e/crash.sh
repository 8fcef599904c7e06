# crash: writers killed with SIGKILL at random points lose nothing they
# acknowledged and leave a database that passes `gridbook check`.
#
# Each round starts a batch of `gridbook add household ...` processes at
# once, SIGKILLs every one still running after a random 0-45 ms (while
# loading specs, inside the write transaction, while growing the map, or
# while printing), then requires: `gridbook check` exits 0, and every add
# that printed its id and exited 0 is there (get by id).  The map starts
# tiny so it grows while writers are being killed.  It goes on until 30
# rounds have killed something (about 30-60 s on a quiet machine), or for
# at most 180 s on a loaded one, where at least 10 such rounds must have
# happened: the test counts kills, not seconds.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-common.inc"

export GRIDBOOK_MAPSIZE=64K
BATCH=6
WANT_KILLS=30
MIN_KILLS=10
DEADLINE=$((SECONDS + 180))
n=0		# ID numbers handed out
rounds=0 kills=0 acked=0
: >"$T/acked"

# id17 N — a distinct 17-digit ID prefix for each N (birth 1960-MM-DD).
id17() {
	local n=$1
	printf '1101051960%02d%02d%03d' $((1 + (n / 28000) % 12)) \
	    $((1 + (n / 1000) % 28)) $((n % 1000))
}

while ((kills < WANT_KILLS && SECONDS < DEADLINE)); do
	rounds=$((rounds + 1))
	waiters=()
	for ((i = 0; i < BATCH; i++)); do
		n=$((n + 1))
		id=$(idnum "$(id17 $n)")
		rm -f "$T/pid.$i" "$T/rc.$i"
		# The waiter records the writer's pid and exit status; its own
		# stderr is closed so the shell's "Killed" notes stay quiet.
		{
			"$GB" --db "$DB" --forms "$FORMS" --config "$CONFIG" \
			    --user admin add household "address=崩溃路${n}号" \
			    grid=001 "members.1.name=居民$n" \
			    "members.1.id_card=$id" \
			    members.1.sex=$(( ${id:16:1} % 2 == 0 ? 2 : 1 )) \
			    "members.1.birth=${id:6:4}-${id:10:2}-${id:12:2}" \
			    members.1.ethnicity=01 members.1.relation=02 \
			    "note=$(printf '%0300d' "$n")" \
			    >"$T/out.$i" 2>"$T/err.$i" &
			echo $! >"$T/pid.$i"
			st=0; wait $! || st=$?		# (set -e is on)
			echo "$st" >"$T/rc.$i"
		} 2>/dev/null &
		waiters+=($!)
	done
	# A process lives ~20-40 ms (spec loading, open, one write txn).
	sleep "0.$(printf '%03d' $((RANDOM % 45)))"
	for ((i = 0; i < BATCH; i++)); do
		# Only writers not yet reaped, so the pid is still theirs.
		if [ -s "$T/pid.$i" ] && [ ! -e "$T/rc.$i" ]; then
			kill -KILL "$(cat "$T/pid.$i")" 2>/dev/null || true
		fi
	done
	killed=0
	for ((i = 0; i < BATCH; i++)); do
		wait "${waiters[i]}" || true
		rc=$(cat "$T/rc.$i")
		if [ "$rc" -eq 137 ]; then
			killed=$((killed + 1))
		elif [ "$rc" -eq 0 ]; then
			hid=$(cat "$T/out.$i")
			[[ $hid =~ ^HH-[0-9]{6}$ ]] ||
			    fail "add exited 0 but printed [$hid]"
			echo "$hid" >>"$T/acked"
			acked=$((acked + 1))
		else
			fail "add exited $rc (not killed): $(cat "$T/err.$i")"
		fi
	done
	((killed > 0)) && kills=$((kills + 1))

	# After every kill: the database is consistent ...
	expect_rc 0 gb check
	contains "no problems found" "$OUT"
	# ... and this round's acknowledged records are there.
	for ((i = 0; i < BATCH; i++)); do
		if [ -s "$T/out.$i" ] && grep -qx "$(cat "$T/out.$i")" "$T/acked"; then
			expect_rc 0 gb get household "$(cat "$T/out.$i")"
		fi
		rm -f "$T/out.$i" "$T/err.$i"
	done
done

((kills >= MIN_KILLS)) || fail "only $kills rounds killed a writer in 180 s"
((acked > 0)) || fail "no add ever completed"
# Every acknowledged record, at the end, exactly once, and ids distinct.
have=$(gb find household --limit 0 --json | python3 -c '
import json, sys
ids = [json.loads(l)["id"] for l in sys.stdin]
assert len(ids) == len(set(ids)), "duplicate ids"
print("\n".join(ids))')
while read -r hid; do
	grep -qx "$hid" <<<"$have" || fail "acknowledged $hid is missing"
done <"$T/acked"
expect_rc 0 gb check
echo "crash: ok ($rounds rounds, $kills with kills, $acked acknowledged," \
    "$(wc -l <<<"$have") stored)"
