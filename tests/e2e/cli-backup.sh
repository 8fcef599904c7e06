# cli-backup: `backup DEST` while another process keeps adding records gives
# a consistent copy: it opens with --db, passes `check`, and holds exactly
# the records of one moment (every record it has equals the original's).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-common.inc"

for i in $(seq 10 29); do
	add_household 00$((i % 3 + 1)) "和平路${i}号" "马$i" "622925198001010$i" >/dev/null
done

# a writer in the background, until told to stop
touch "$T/run"
(
	i=30
	while [ -e "$T/run" ] && [ "$i" -lt 99 ]; do
		add_household 001 "解放路${i}号" "张$i" "622925198002020$i" >/dev/null ||
		    { echo "writer failed at $i" >"$T/writer-failed"; exit 1; }
		i=$((i + 1))
	done
) &
writer=$!
# wait until it has written something, then copy while it writes
for _ in $(seq 100); do
	[ "$(gb find household 解放路 --limit 0 --json | wc -l)" -ge 3 ] && break
	sleep 0.05
done
expect_rc 0 gb backup "$T/copy1"
contains "$T/copy1" "$OUT"
expect_rc 0 gb backup "$T/copy2"
rm -f "$T/run"
wait "$writer" || fail "the writer failed: $(cat "$T/writer-failed" 2>/dev/null)"
[ ! -e "$T/writer-failed" ] || fail "$(cat "$T/writer-failed")"

bk() { "$GB" --db "$1" --forms "$FORMS" --config "$CONFIG" --user admin "${@:2}"; }
all=$(gb find household --limit 0 --json | sort)
for copy in "$T/copy1" "$T/copy2"; do
	[ -f "$copy/data.mdb" ] || fail "no data.mdb in $copy: $(ls -la "$copy")"
	bk "$copy" check >/dev/null || fail "check fails on $copy: $(bk "$copy" check 2>&1)"
	got=$(bk "$copy" find household --limit 0 --json | sort)
	n=$(jsonl_ok <<<"$got")
	[ "$n" -ge 20 ] || fail "$copy has $n households, fewer than before it began"
	# every record in the copy is identical to the original
	missing=$(comm -23 <(echo "$got") <(echo "$all"))
	[ -z "$missing" ] || fail "records of $copy differ from the original: $missing"
	# and the copy is a snapshot: its audit covers exactly its records
	creates=$(bk "$copy" audit household --json | grep -c '"action":"create"')
	[ "$creates" = "$n" ] || fail "$copy: $n records but $creates create entries"
done
n1=$(bk "$T/copy1" find household --limit 0 --json | wc -l)
n2=$(bk "$T/copy2" find household --limit 0 --json | wc -l)
[ "$n1" -le "$n2" ] || fail "the later copy has fewer records ($n2 < $n1)"

# the copy is a database like any other: it can be changed and searched
id=$(bk "$T/copy1" find household 马10 --json | jq_py 'd["id"]')
bk "$T/copy1" set household "$id" members.1.phone=13912345678 >/dev/null
out=$(bk "$T/copy1" find household 13912345678)
contains "$id" "$out"
out=$(gb find household 13912345678)
lacks "$id" "$out"

# refused when DEST exists; nothing written into it
before=$(ls -la --time-style=full-iso "$T/copy1")
expect_rc 1 gb backup "$T/copy1"
contains "already exists" "$OUT"
[ "$(ls -la --time-style=full-iso "$T/copy1")" = "$before" ] || fail "backup touched an existing copy"
# a parent that does not exist
expect_rc 1 gb backup "$T/no/such/dir"
[ ! -e "$T/no" ] || fail "backup created parents"
echo "cli-backup: ok"
