# cli-conflict: several processes `set` the same record at once.  Each set
# either saves (a new revision, one audit entry) or reports a conflict that
# names the field changed since it read the record, and saves nothing: no
# change is ever silently overwritten.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-common.inc"

hh=$(add_household 001 和平路1号 马一 62292519800101001)
procs=4 rounds=15
for p in $(seq $procs); do
	(
		for i in $(seq $rounds); do
			if out=$(gb set household "$hh" "note=p$p-$i" \
			    "members.1.phone=139000${p}00$((i + 10))" 2>&1); then
				echo ok
			elif [[ $out == *"household $hh was changed by someone else since it was read"*note* ]]; then
				echo conflict
			else
				echo "other: $out"
			fi
		done >"$T/p$p"
	) &
done
wait
cat "$T"/p* >"$T/all"
! grep -q '^other' "$T/all" || fail "unexpected: $(grep '^other' "$T/all")"
ok=$(grep -c '^ok$' "$T/all" || true)
conflicts=$(grep -c '^conflict$' "$T/all" || true)
[ $((ok + conflicts)) = $((procs * rounds)) ] || fail "lost results: $ok + $conflicts"
[ "$ok" -ge "$rounds" ] || fail "only $ok of $((procs * rounds)) sets saved"
json=$(gb get household "$hh" --json)
[ "$(jq_py 'd["rev"]' <<<"$json")" = $((ok + 1)) ] ||
    fail "rev $(jq_py 'd["rev"]' <<<"$json") after $ok saves"
updates=$(gb audit household "$hh" --json | grep -c '"action":"update"')
[ "$updates" = "$ok" ] || fail "$updates update entries for $ok saves"
# the record holds what the last saving process wrote: note and phone agree
note=$(jq_py 'd["values"]["note"]' <<<"$json")
phone=$(jq_py 'd["values"]["members.1.phone"]' <<<"$json")
p=${note#p}; p=${p%%-*}; i=${note#*-}
[ "$phone" = "139000${p}00$((i + 10))" ] || fail "note $note but phone $phone: a save was mixed"
gb check >/dev/null || fail "check: $(gb check 2>&1)"
echo "cli-conflict: ok ($ok saved, $conflicts conflicts)"
