# cli-access: a grid leader sees and changes only the records of their grids,
# in every command (find, get, set, move, delete, audit, export); a record of
# another grid is "not found".  Community-scope forms are seen by everyone.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-common.inc"

l1() { GB_USER=leader1 gb "$@"; }	# grid 001
l2() { GB_USER=leader2 gb "$@"; }	# grids 002, 003

a=$(add_household 001 和平路1号 马一 62292519800101001)
b=$(add_household 002 和平路2号 马二 62292519800101002)
c=$(add_household 003 和平路3号 马三 62292519800101003)
m2=$(GB_USER=clerk1 gb add mediation grid=002 received_date=2026-12-01 \
    kind=邻里纠纷 source=1 parties.1.role=申请人 parties.1.name=马二 \
    parties.2.role=被申请人 parties.2.name=马三 summary=噪音纠纷)
xs=$(gb add consultation topic=小区停车 method=居民议事会 proposer=社区党支部 \
    proposed_date=2026-11-20)

# find: only their grids, whatever the search
expect_rc 0 l1 find household 马
contains "$a" "$OUT"; lacks "$b" "$OUT"; lacks "$c" "$OUT"
expect_rc 0 l1 find household
contains "$a" "$OUT"; lacks "$b" "$OUT"
[ "$(l1 find household --limit 0 --json | jsonl_ok)" = 1 ] || fail "leader1 count"
expect_rc 0 l1 find household 马二
lacks "$b" "$OUT"
expect_rc 0 l1 find household "$(idnum 62292519800101002)"
lacks "$b" "$OUT"
expect_rc 0 l1 find household "$b"
lacks "$b" "$OUT"
expect_rc 0 l2 find household 马
contains "$b" "$OUT"; contains "$c" "$OUT"; lacks "$a" "$OUT"
expect_rc 0 l1 find mediation
lacks "$m2" "$OUT"
expect_rc 0 l2 find mediation
contains "$m2" "$OUT"

# get: another grid's record is not found
expect_rc 0 l1 get household "$a"
expect_rc 1 l1 get household "$b"
contains "no record '$b'" "$OUT"; lacks "和平路2号" "$OUT"
expect_rc 1 l1 get household 2
lacks "和平路2号" "$OUT"
expect_rc 1 l1 get mediation "$m2"
expect_rc 0 l2 get mediation "$m2"

# changes to another grid's record: not found, nothing changed
before=$(gb get household "$b" --json)
expect_rc 1 l1 set household "$b" address=偷改
contains "no record" "$OUT"
expect_rc 1 l1 move household "$b" moved
contains "no record" "$OUT"
expect_rc 1 l1 delete household "$b"
contains "no record" "$OUT"
expect_rc 1 l1 move mediation "$m2" investigating
[ "$(gb get household "$b" --json)" = "$before" ] || fail "leader1 changed $b"

# a leader cannot put a record into another grid, new or existing
n0=$(gb find household --limit 0 --json | wc -l)
expect_rc 1 l1 add household address=和平路9号 grid=002 members.1.name=马九 \
    "members.1.id_card=$(idnum 62292519800101009)" members.1.sex=男 \
    members.1.birth=1980-01-01 members.1.ethnicity=汉族 members.1.relation=户主
contains "002" "$OUT"
[ "$(gb find household --limit 0 --json | wc -l)" = "$n0" ] || fail "leader1 added to 002"
expect_rc 1 l1 set household "$a" grid=002
[ "$(gb get household "$a" --json | jq_py 'd["grid"]')" = 001 ] || fail "leader1 moved $a to 002"
# within their grid they work normally
expect_rc 0 l1 set household "$a" members.1.phone=13912345678
expect_rc 0 l1 move household "$a" moved

# audit: only entries of records they may see
expect_rc 0 l1 audit
contains "$a" "$OUT"; lacks "$b" "$OUT"; lacks "$c" "$OUT"; lacks "$m2" "$OUT"
expect_rc 0 l1 audit household
lacks "$b" "$OUT"
expect_rc 1 l1 audit household "$b"
lacks "马二" "$OUT"
expect_rc 0 l1 audit household "$a"
contains "13912345678" "$OUT"
expect_rc 0 l2 audit --json
contains "\"id\":\"$b\"" "$OUT"; lacks "\"id\":\"$a\"" "$OUT"

# a unique value held in another grid: refused without showing that record
expect_rc 1 l1 add household address=和平路10号 grid=001 members.1.name=马二 \
    "members.1.id_card=$(idnum 62292519800101002)" members.1.sex=女 \
    members.1.birth=1980-01-01 members.1.ethnicity=汉族 members.1.relation=户主
lacks "和平路2号" "$OUT"

# community-scope forms: every role sees them
expect_rc 0 l1 get consultation "$xs"
expect_rc 0 l2 find consultation 小区
contains "$xs" "$OUT"

# admin tasks
expect_rc 1 l1 backup "$T/bk"
[ ! -e "$T/bk" ] || fail "a leader made a backup"
expect_rc 1 l1 reindex
expect_rc 1 l1 check
contains "admins and clerks" "$OUT"

# export (when the command exists): the same rule
if gb export --help >/dev/null 2>&1; then
	expect_rc 0 l1 export household --format jsonl
	contains "和平路1号" "$OUT"; lacks "和平路2号" "$OUT"; lacks "和平路3号" "$OUT"
	expect_rc 0 l2 export household --format csv
	contains "和平路2号" "$OUT"; lacks "和平路1号" "$OUT"
fi
echo "cli-access: ok"
