# cli-errors: every kind of bad input at the command line gets the right exit
# code and a message naming the form, field and value, and changes nothing
# (the records and the audit log are the same before and after).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-common.inc"

hh=$(add_household 001 和平路12号 马文清 62292519800101001)
md=$(GB_USER=clerk1 gb add mediation grid=001 received_date=2026-12-01 \
    kind=邻里纠纷 source=1 parties.1.role=申请人 parties.1.name=马文清 \
    parties.2.role=被申请人 parties.2.name=张建国 summary=漏水纠纷)
before=$(snapshot)
[ -n "$before" ] || fail "empty snapshot"

gbc() { GB_USER=clerk1 gb "$@"; }

# refused RC WANT... -- CMD...: exit RC, stderr has every WANT, no change.
refused() {
	local rc=$1 w; shift
	local -a want=()
	while [ "$1" != -- ]; do want+=("$1"); shift; done
	shift
	expect_rc "$rc" "$@"
	for w in "${want[@]}"; do contains "$w" "$OUT"; done
	[ "$(snapshot)" = "$before" ] || fail "changed something: $*"
}
good=(address=解放路1号 grid=001 members.1.name=张三
    "members.1.id_card=$(idnum 11010519491231002)" members.1.sex=女
    members.1.birth=1949-12-31 members.1.ethnicity=汉族 members.1.relation=户主)

# unknown form, with and without a near name
refused 1 "gridbook add: unknown form 'houshold'; did you mean 'household'?" \
    -- gb add houshold "${good[@]}"
refused 1 "unknown form 'zzz'" household mediation consultation \
    -- gb get zzz HH-000001
refused 1 "did you mean 'mediation'" -- gb find mediaton 张
refused 1 "unknown form" -- gb audit nosuchform

# unknown fields, with hints
refused 1 "gridbook add: household: unknown field 'adress'; did you mean 'address'?" \
    -- gb add household adress=解放路1号 "${good[@]:1}"
refused 1 "household: unknown field 'members.1.nmae'; did you mean 'name'?" \
    -- gb add household "${good[@]}" members.1.nmae=张三
refused 1 "unknown field 'name'; did you mean 'members.1.name'?" \
    -- gb add household "${good[@]}" name=张三
refused 1 "unknown field 'zzzz'" "the fields of household are" "members.N.FIELD" \
    -- gb set household "$hh" zzzz=1
refused 1 "'members.name' needs a member number: members.1.name" \
    -- gb set household "$hh" members.name=张三
refused 1 "'members' is a group" -- gb set household "$hh" members=张三
refused 1 "members.0.name: members are numbered from 1" \
    -- gb set household "$hh" members.0.name=张三
refused 1 "members.3.name: there is 1 member of members; the next one is members.2" \
    -- gb set household "$hh" members.3.name=张三
refused 1 "'state' is changed with 'gridbook move" -- gb set household "$hh" state=moved
refused 1 "'id' is kept by gridbook" -- gb set household "$hh" id=HH-000009
refused 1 "members.2: there is 1 member" -- gb set household "$hh" members.2=
refused 1 "unknown field 'address.x'" -- gb set household "$hh" address.x=1

# invalid values: the form, the path and the value in the message
refused 1 "gridbook add: household: members.1.id_card: '110105194912310021' is not a valid ID number: check digit should be X, not 1" \
    -- gb add household "${good[@]}" members.1.id_card=110105194912310021
refused 1 "household: members.1.id_card: '1101051949' is not a valid ID number" \
    -- gb set household "$hh" members.1.id_card=1101051949
long=$(printf '长%.0s' $(seq 101))
refused 1 "household: address: '长长长" "must be at most 100 characters (got 101)" \
    -- gb set household "$hh" "address=$long"
refused 1 "household: members.1.birth: '1980-02-30'" "not a real date" \
    -- gb set household "$hh" members.1.birth=1980-02-30
refused 1 "household: members.1.sex: 'X' is not one of" -- gb set household "$hh" members.1.sex=X
refused 1 "household: members.1.care: '低保' is not one of" \
    -- gb set household "$hh" members.1.care=低保
refused 1 "household: floor: '5楼'" -- gb set household "$hh" floor=5楼
refused 1 "household: floor: '120' must be at most 99" -- gb set household "$hh" floor=120
refused 1 "household: members.1.phone: '12345'" "phone number" \
    -- gb set household "$hh" members.1.phone=12345
# every problem is reported, not just the first
refused 1 "members.1.phone: '12345'" "floor: '5楼'" "unknown field 'adress'" \
    -- gb set household "$hh" members.1.phone=12345 floor=5楼 adress=x
# a required field cleared; a required field missing in add
refused 1 "household: address:" -- gb set household "$hh" address=
refused 1 "household: members.1.relation:" \
    -- gb add household "${good[@]:0:7}"
# a unique value held by another record: the holder is named
refused 1 "$hh" -- gb add household "${good[@]:0:3}" \
    "members.1.id_card=$(idnum 62292519800101001)" "${good[@]:4}"

# malformed FIELD=VALUE: bad usage
refused 2 "gridbook add: household: 'address' is not FIELD=VALUE" "usage: gridbook add" \
    -- gb add household address "${good[@]:1}"
refused 2 "'=x' is not FIELD=VALUE" -- gb set household "$hh" =x

# workflow: unknown state, impossible move, missing required field, no workflow
refused 1 "mediation: unknown state 'agred'; did you mean 'agreed'?" \
    "moves from registered (已登记): investigating (调查中), rejected (不予受理)" \
    -- gbc move mediation "$md" agred
refused 1 "mediation $md: no move from registered to agreed" "moves from registered" \
    -- gb move mediation "$md" agreed
refused 1 "mediator" -- gbc move mediation "$md" investigating
refused 1 "is already registered" -- gb move mediation "$md" registered

# records that are not there
refused 1 "gridbook get: household: no record 'HH-999999'" -- gb get household HH-999999
refused 1 "no record 'HH-999999'" -- gb set household HH-999999 address=x
refused 1 "no record" -- gb move household HH-999999 moved
refused 1 "no record" -- gb delete household HH-999999
refused 1 "no record" -- gb audit household HH-999999
refused 1 "no record" -- gb get household "$md"

# bad usage
refused 2 "usage: gridbook get FORM ID" -- gb get household
refused 2 "usage: gridbook get" -- gb get household "$hh" extra
refused 2 "usage: gridbook add" -- gb add
refused 2 "usage: gridbook set" -- gb set household "$hh"
refused 2 "usage: gridbook move" -- gb move mediation "$md"
refused 2 "unknown option '--jsn'" "usage: gridbook find" -- gb find household --jsn
refused 2 "--limit: 'abc' is not a count" -- gb find household --limit abc
refused 2 "--limit needs a value" -- gb find household --limit
refused 2 "usage: gridbook backup" -- gb backup
refused 2 "usage: gridbook check" -- gb check extra
refused 2 "unknown command 'frobnicate'" -- gb frobnicate

# backup onto something that exists
mkdir "$T/exists"
refused 1 "already exists" -- gb backup "$T/exists"
[ -z "$(ls -A "$T/exists")" ] || fail "backup wrote into an existing directory"
: >"$T/file"
refused 1 "already exists" -- gb backup "$T/file"

# roles: reindex and backup are for admins
refused 1 "" -- gbc backup "$T/bk"
refused 1 "" -- gbc reindex
[ ! -e "$T/bk" ] || fail "a clerk made a backup"
# an unknown user
refused 1 "user 'nobody' is not in" -- "$GB" --db "$DB" --forms "$FORMS" \
    --config "$CONFIG" --user nobody find household 张

gb check >/dev/null || fail "check after the refused commands"
echo "cli-errors: ok"
