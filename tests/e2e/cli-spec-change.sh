# cli-spec-change: an admin edits a form spec while the database holds its
# records.  A removed field's values are kept (listed apart by get, not in the
# way of saves, noted by check) and come back with the field; its stale index
# entries are one problem line for reindex; a field whose type changed
# (text -> integer) makes check name every record whose value no longer
# fits, with form, id, path and message, and exit 1.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-common.inc"

mkdir -p "$T/forms"
cp -r "$SRC/forms/." "$T/forms/"
FORMS=$T/forms
hf=$FORMS/household.yaml

h1=$(add_household 001 解放路3号 王永红 62292519850805557 hukou_no=123968184 \
    members.1.phone=15158772277 members.1.occupation=企业职工)
h2=$(add_household 001 解放路5号 李梅 62292519900101002 hukou_no=760147977 \
    members.1.occupation=7)
h3=$(add_household 002 建设路8号 赵强 62292519700202003)
expect_rc 0 gb check
contains "no problems found" "$OUT"

# --- remove hukou_no (top level) and members.phone (indexed, last 4) --------
cp "$hf" "$T/household.orig"
python3 - "$hf" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
a = s.index("  - name: hukou_no\n"); b = s.index("\n  - name:", a + 5) + 1
s = s[:a] + s[b:]
a = s.index("      - name: phone\n"); b = s.index("\n      - name:", a + 5) + 1
s = s[:a] + s[b:]
open(p, "w").write(s)
PY
expect_rc 0 gb forms check

expect_rc 1 gb check
contains "household: 1 index entry of members.phone, which the form no longer indexes (gridbook reindex drops them)" "$OUT"
contains "household: 1 index entry of members.phone#4, which the form no longer indexes" "$OUT"
contains "note: household: 2 records keep values of hukou_no, which the form no longer has (first household $h1)" "$OUT"
contains "note: household: 1 record keeps values of members.phone, which the form no longer has (first household $h1)" "$OUT"
contains "gridbook check: 2 problems found" "$OUT"
lacks "$h1: hukou_no" "$OUT"

# Saves of records that hold a removed field's values still work, keep them.
expect_rc 0 gb set household "$h1" area=101
expect_rc 0 gb get household "$h1" --json
contains '"hukou_no":"123968184"' "$OUT"
contains '"members.1.phone":"15158772277"' "$OUT"
expect_rc 0 gb get household "$h1"	# listed apart from the form's fields
contains "(表单中没有的字段)
  hukou_no          123968184" "$OUT"
# Naming the removed field is still refused.
expect_rc 1 gb set household "$h1" hukou_no=1
contains "unknown field 'hukou_no'" "$OUT"

expect_rc 0 gb reindex
expect_rc 0 gb check
contains "note: household: 2 records keep values of hukou_no" "$OUT"
contains "no problems found" "$OUT"
expect_rc 0 gb find household 2277
lacks "$h1" "$OUT"

# The field back: the values are there again, searchable after reindex.
cp "$T/household.orig" "$hf"
expect_rc 0 gb reindex
expect_rc 0 gb check
lacks "note:" "$OUT"
expect_rc 0 gb find household 2277
contains "$h1" "$OUT"
expect_rc 0 gb get household "$h1"
contains "123968184" "$OUT"

# --- change members.occupation from text to integer -------------------------
python3 - "$hf" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
a = s.index("      - name: occupation\n        type: text")
s = s[:a] + s[a:].replace("type: text", "type: integer", 1)
open(p, "w").write(s)
PY
expect_rc 0 gb forms check
expect_rc 1 gb check
contains "household $h1: members.1.occupation: '企业职工' is not a whole number" "$OUT"
lacks "household $h2: members.1.occupation" "$OUT"	# 7 still fits (max: 40)
lacks "$h3" "$OUT"
contains "gridbook check: 1 problem found" "$OUT"
# A save of that record names the value to fix; fixing it clears check.
expect_rc 1 gb set household "$h1" area=102
contains "members.1.occupation: '企业职工' is not a whole number" "$OUT"
expect_rc 0 gb set household "$h1" members.1.occupation=
expect_rc 0 gb check
