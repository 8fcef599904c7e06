# cli-basic: add/get/set/move/delete/find/audit/check/reindex round trips on
# the shipped forms, text and JSON output, every subcommand's --help.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-common.inc"

# --- help -------------------------------------------------------------------
for c in add get set move delete find audit check reindex backup forms; do
	expect_rc 0 gb "$c" --help
	contains "usage: gridbook $c" "$OUT"
done
expect_rc 0 gb add household --help	# also after the operands
contains "members.1.name" "$OUT"
expect_rc 0 gb --help
contains "find" "$OUT"

# --- add, get -----------------------------------------------------------------
id1=$(idnum 62292519800101001)
hh1=$(gb add household address=和平路12号 grid=001 building=3 unit=2 floor=5 \
    members.1.name=马文清 "members.1.id_card=$id1" members.1.sex=男 \
    members.1.birth=1980-01-01 members.1.ethnicity=回族 members.1.relation=户主 \
    members.1.care=低保对象,独居老人 \
    members.2.name=马秀英 "members.2.id_card=$(idnum 62292519820304002)" \
    members.2.sex=2 members.2.birth=1982/3/4 members.2.ethnicity=03 \
    members.2.relation=妻 members.2.phone=13993012345)
[[ $hh1 =~ ^HH-[0-9]{6}$ ]] || fail "add printed [$hh1], not an id"

expect_rc 0 gb get household "$hh1"
contains "和平路12号" "$OUT"
contains "马文清" "$OUT"
contains "回族" "$OUT"			# the choice's label, not its code
contains "低保对象" "$OUT"
contains "独居老人" "$OUT"
contains "$id1" "$OUT"			# get does not mask
contains "13993012345" "$OUT"

json=$(gb get household "$hh1" --json)
[ "$(jq_py 'd["form"]' <<<"$json")" = household ] || fail "form: $json"
[ "$(jq_py 'd["id"]' <<<"$json")" = "$hh1" ] || fail "id: $json"
[ "$(jq_py 'd["rev"]' <<<"$json")" = 1 ] || fail "rev: $json"
[ "$(jq_py 'd["state"]' <<<"$json")" = active ] || fail "state: $json"
[ "$(jq_py 'd["grid"]' <<<"$json")" = 001 ] || fail "grid: $json"
[ "$(jq_py 'd["values"]["members.1.ethnicity"]' <<<"$json")" = 03 ] ||
    fail "ethnicity label not stored as its code: $json"
[ "$(jq_py 'd["values"]["members.2.ethnicity"]' <<<"$json")" = 03 ] ||
    fail "ethnicity code: $json"
[ "$(jq_py 'd["values"]["members.1.care"]' <<<"$json")" = 01,04 ] ||
    fail "multichoice labels: $json"
[ "$(jq_py 'd["values"]["members.2.birth"]' <<<"$json")" = 1982-03-04 ] ||
    fail "date not canonical: $json"
[ "$(jq_py 'd["values"]["members.1.person_type"]' <<<"$json")" = 01 ] ||
    fail "default not applied: $json"
[ "$(jq_py 'd["values"]["floor"]' <<<"$json")" = 5 ] || fail "floor: $json"
[[ $(jq_py 'd["created"]' <<<"$json") =~ ^20[0-9]{2}-[0-9]{2}-[0-9]{2}T.*Z$ ]] ||
    fail "created time: $json"

# numeric ids work too
expect_rc 0 gb get household 1 --json
contains "\"id\":\"$hh1\"" "$OUT"

# --- set ----------------------------------------------------------------------
expect_rc 0 gb set household "$hh1" members.1.phone=13812345678 \
    members.1.care=04,01,独居老人 unit=
contains "members.1.phone" "$OUT"
json=$(gb get household "$hh1" --json)
[ "$(jq_py 'd["rev"]' <<<"$json")" = 2 ] || fail "rev after set: $json"
[ "$(jq_py 'd["values"]["members.1.phone"]' <<<"$json")" = 13812345678 ] ||
    fail "phone: $json"
[ "$(jq_py 'd["values"]["members.1.care"]' <<<"$json")" = 01,04 ] ||
    fail "multichoice codes reordered, deduplicated: $json"
[ "$(jq_py '"unit" in d["values"]' <<<"$json")" = False ] ||
    fail "unit= did not clear: $json"

# JSON escapes quotes, backslashes, newlines and tabs; text shows them
note=$'他说"好"\n第二行\t\\end'
gb set household "$hh1" "note=$note" >/dev/null
[ "$(gb get household "$hh1" --json | jq_py 'd["values"]["note"]')" = "$note" ] ||
    fail "note did not round-trip through JSON"
expect_rc 0 gb get household "$hh1"
contains $'他说"好"\n' "$OUT"
gb set household "$hh1" note= >/dev/null

# same values again: no change, no new revision
expect_rc 0 gb set household "$hh1" members.1.phone=13812345678
contains "no change" "$OUT"
[ "$(gb get household "$hh1" --json | jq_py 'd["rev"]')" = 4 ] ||
    fail "a no-op set made a revision"

# append a third member, then remove the first: the others move up
expect_rc 0 gb set household "$hh1" members.3.name=马小龙 \
    "members.3.id_card=$(idnum 62292520100607003)" members.3.sex=男 \
    members.3.birth=2010-06-07 members.3.ethnicity=回族 members.3.relation=子
json=$(gb get household "$hh1" --json)
[ "$(jq_py 'd["values"]["members.3.name"]' <<<"$json")" = 马小龙 ] ||
    fail "members.3 not appended: $json"
expect_rc 0 gb set household "$hh1" members.1= members.1.relation=户主
json=$(gb get household "$hh1" --json)
[ "$(jq_py 'd["values"]["members.1.name"]' <<<"$json")" = 马秀英 ] ||
    fail "members.1= did not remove member 1: $json"
[ "$(jq_py 'd["values"]["members.1.relation"]' <<<"$json")" = 02 ] ||
    fail "assignment after the removal went to the wrong member: $json"
[ "$(jq_py 'd["values"]["members.2.name"]' <<<"$json")" = 马小龙 ] ||
    fail "member 3 did not move up: $json"
[ "$(jq_py '"members.3.name" in d["values"]' <<<"$json")" = False ] ||
    fail "a third member is left: $json"
# the removed person's ID number is free again
hh2=$(add_household 001 和平路14号 马文清 62292519800101001)
[[ $hh2 =~ ^HH-[0-9]{6}$ ]] || fail "add after removal printed [$hh2]"

# --- find ---------------------------------------------------------------------
add_household 002 解放路3号 张建国 11010519491231002 >/dev/null
add_household 002 解放路5号 张红梅 44052418800101001 >/dev/null
expect_rc 0 gb find household 张
[ "$(grep -c . <<<"$OUT")" = 2 ] || fail "find 张: $OUT"
contains "解放路3号" "$OUT"
contains "张红梅" "$OUT"
lacks "马" "$OUT"
expect_rc 0 gb find household 马小龙
contains "$hh1" "$OUT"
lacks "$hh2" "$OUT"
# the last 4 digits of an ID number, and a whole one
expect_rc 0 gb find household "${id1:14:4}"
contains "$hh2" "$OUT"
expect_rc 0 gb find household "$id1"
contains "$hh2" "$OUT"
# full-width digits match
expect_rc 0 gb find household １３９９３０１２３４５
contains "$hh1" "$OUT"
# JSON Lines; paging
n=$(gb find household --limit 0 --json | jsonl_ok)
[ "$n" = 4 ] || fail "find --limit 0 --json gave $n records, wanted 4"
expect_rc 0 gb find household 张 --limit 1
[ "$(grep -c HH- <<<"$OUT")" = 1 ] || fail "--limit 1: $OUT"
contains "--offset 1" "$OUT"
first=$(gb find household 张 --limit 1 --json 2>/dev/null | jq_py 'd["id"]')
second=$(gb find household 张 --limit 1 --offset 1 --json | jq_py 'd["id"]')
[ -n "$first" ] && [ -n "$second" ] && [ "$first" != "$second" ] ||
    fail "paging: [$first] [$second]"
expect_rc 0 gb find household 没有这个人
[ -z "$(gb find household 没有这个人)" ] || fail "no match printed something"

# ID numbers are masked in lists: a form whose list shows one
mkdir -p "$T/forms/lists"
cp "$FORMS"/lists/*.yaml "$T/forms/lists/"
cat >"$T/forms/person.yaml" <<'YAML'
form: person
version: 1
title: {zh: 人员, en: Person}
id: "P-{seq:03}"
scope: community
fields:
  - {name: name, type: text, label: 姓名, required: true, index: true}
  - {name: id_card, type: idcard, label: 身份证号, unique: true}
list: [id, name, id_card]
YAML
pid=$("$GB" --db "$T/db2" --forms "$T/forms" --config "$CONFIG" --user admin \
    add person name=测试 "id_card=$id1")
out=$("$GB" --db "$T/db2" --forms "$T/forms" --config "$CONFIG" --user admin \
    find person 测试)
contains "${id1:0:6}********${id1:14:4}" "$out"
lacks "$id1" "$out"
out=$("$GB" --db "$T/db2" --forms "$T/forms" --config "$CONFIG" --user admin \
    get person "$pid")
contains "$id1" "$out"

# --- move: the workflow -------------------------------------------------------
GB_USER=clerk1 gb move household "$hh2" moved >/dev/null
[ "$(gb get household "$hh2" --json | jq_py 'd["state"]')" = moved ] ||
    fail "move to moved"
GB_USER=clerk1 gb move household "$hh2" active >/dev/null
[ "$(gb get household "$hh2" --json | jq_py 'd["state"]')" = active ] ||
    fail "move back to active"

md=$(GB_USER=clerk1 gb add mediation grid=001 received_date=2026-12-01 \
    kind=邻里纠纷 source=1 parties.1.role=申请人 parties.1.name=马文清 \
    parties.2.role=被申请人 parties.2.name=张建国 summary='楼上漏水，双方争执')
[[ $md =~ ^MD-2026-[0-9]{4}$ ]] || fail "mediation id [$md]"
[ "$(gb get mediation "$md" --json | jq_py 'd["state"]')" = registered ] ||
    fail "initial state"
GB_USER=clerk1 gb set mediation "$md" mediator=王调解员 >/dev/null
GB_USER=clerk1 gb move mediation "$md" investigating >/dev/null
out=$(GB_USER=clerk1 gb move mediation "$md" mediating)
contains "investigating → mediating" "$out"
GB_USER=clerk1 gb set mediation "$md" agreement='楼上住户负责维修并赔偿500元' >/dev/null
GB_USER=clerk1 gb move mediation "$md" agreed >/dev/null
expect_rc 0 gb get mediation "$md"
contains "达成协议" "$OUT"
contains "楼上住户负责维修" "$OUT"

xs=$(gb add consultation topic=3号楼加装电梯 method=居民议事会 proposer=社区党支部 \
    proposed_date=2026-11-20 participants.1.name=马文清 participants.1.standing=居民代表)
[[ $xs =~ ^XS-2026-[0-9]{3}$ ]] || fail "consultation id [$xs]"
expect_rc 0 gb find consultation 3号楼
contains "$xs" "$OUT"

# --- delete, audit --------------------------------------------------------------
expect_rc 0 gb delete household "$hh2"
expect_rc 1 gb get household "$hh2"
contains "no record" "$OUT"
expect_rc 0 gb audit household "$hh2"
contains "create" "$OUT"
contains "move" "$OUT"
contains "delete" "$OUT"
contains "clerk1" "$OUT"
gb audit household "$hh1" --json >"$T/audit.jsonl"
[ "$(jsonl_ok <"$T/audit.jsonl")" -ge 4 ] || fail "audit of $hh1: $(cat "$T/audit.jsonl")"
head -1 "$T/audit.jsonl" | jq_py 'd["action"]' | grep -qx create ||
    fail "first audit entry is not create"
grep -q '"path":"members.1.phone","old":null,"new":"13812345678"' \
    "$T/audit.jsonl" || fail "audit lacks the phone change: $(cat "$T/audit.jsonl")"
expect_rc 0 gb audit household "$hh1"
contains "members.1.phone: (empty) → '13812345678'" "$OUT"
expect_rc 0 gb audit
contains "$md" "$OUT"
contains "$xs" "$OUT"

# --- check, reindex -------------------------------------------------------------
expect_rc 0 gb check
expect_rc 0 gb reindex household
expect_rc 0 gb reindex
expect_rc 0 gb check
expect_rc 0 gb find household 马小龙
contains "$hh1" "$OUT"
echo "cli-basic: ok"
