# forms-check.sh — `gridbook forms check` and `forms show` on the spec
# fixtures: every tests/forms/bad/NAME.yaml prints exactly NAME.expected on
# stderr and exits 1; the good fixtures and the shipped forms exit 0.
# Run from the source tree so the file names in messages are relative.
. "$(dirname "$0")/lib.sh"
cd "$SRC"
GOOD=tests/forms/good

n=0
for f in tests/forms/bad/*.yaml; do
	want=${f%.yaml}.expected
	[ -f "$want" ] || fail "$f has no $want"
	set +e
	"$GB" --forms "$GOOD" forms check "$f" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	[ "$rc" -eq 1 ] || fail "$f: exit $rc, wanted 1"
	diff -u "$want" "$T/err" >"$T/diff" || fail "$f: messages differ:
$(cat "$T/diff")"
	contains "problem" "$(cat "$T/out")"
	n=$((n + 1))
done
[ "$n" -ge 20 ] || fail "only $n bad fixtures"

# All bad files at once: every message of every file, still exit 1.
set +e
"$GB" --forms "$GOOD" forms check tests/forms/bad/*.yaml >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "all bad files: exit $rc"
[ "$(wc -l <"$T/err")" -eq "$(cat tests/forms/bad/*.expected | wc -l)" ] ||
	fail "all bad files: $(wc -l <"$T/err") messages, wanted $(cat tests/forms/bad/*.expected | wc -l)"

# Good fixtures: one by one, together, and as a whole forms directory.
for f in "$GOOD"/*.yaml; do
	expect_rc 0 "$GB" --forms "$GOOD" forms check "$f"
done
expect_rc 0 "$GB" --forms "$GOOD" forms check "$GOOD"/*.yaml
expect_rc 0 "$GB" --forms "$GOOD" forms check
contains "3 forms and 2 lists, no problems" "$OUT"
expect_rc 0 "$GB" --forms "$GOOD" forms check "$GOOD"/lists/sex.yaml

# The shipped forms: the whole directory, each file, each list.
expect_rc 0 "$GB" --forms forms forms check
expect_rc 0 env GRIDBOOK_FORMS=forms "$GB" forms check forms/*.yaml forms/lists/*.yaml
(cd "$T" && mkdir forms && cp -r "$SRC"/forms/. forms/ &&
	expect_rc 0 "$GB" forms check) || fail "./forms is not the default"

# Usage: exit 2 without a subcommand, with an unknown one, show without FORM.
expect_rc 2 "$GB" forms
expect_rc 2 "$GB" forms frobnicate
expect_rc 2 "$GB" --forms forms forms show
expect_rc 0 "$GB" forms --help
contains "forms check [FILE...]" "$OUT"

# Problems in a whole directory are reported with exit 1.
mkdir -p "$T/broken/lists"
cp forms/*.yaml "$T/broken/"
cp forms/lists/*.yaml "$T/broken/lists/"
sed -i 's/type: text/type: txt/' "$T/broken/mediation.yaml"
expect_rc 1 "$GB" --forms "$T/broken" forms check
contains "mediation.yaml:" "$OUT"
contains "unknown type 'txt'; did you mean 'text'?" "$OUT"
# A missing file or directory is a handled error.
expect_rc 1 "$GB" --forms forms forms check "$T/nonexistent.yaml"
contains "nonexistent.yaml: cannot open: No such file or directory" "$OUT"
expect_rc 1 "$GB" --forms "$T/nowhere" forms check

# show: the form as understood, in plain UTF-8.
expect_rc 0 "$GB" --forms forms forms show mediation
contains "form mediation, version" "$OUT"
contains "矛盾纠纷调解登记 / Dispute mediation log" "$OUT"
contains "parties            group" "$OUT"
contains "repeat=2..20" "$OUT"
contains "workflow (initial: registered)" "$OUT"
contains "mediating -> agreed" "$OUT"
contains "require: agreement" "$OUT"
contains "list columns" "$OUT"
expect_rc 0 "$GB" --forms forms forms show household
contains "ethnicity (GB/T 3304" "$OUT"
contains "01  汉族 / Han" "$OUT"
expect_rc 0 "$GB" --forms "$GOOD" forms show "$GOOD/alltypes.yaml"
contains "default=\"r,蓝\"" "$OUT"
contains "ref=minimal" "$OUT"
expect_rc 1 "$GB" --forms forms forms show houshold
contains "no form 'houshold' in forms; did you mean 'household'?" "$OUT"
echo "forms-check: $n bad fixtures compared"
