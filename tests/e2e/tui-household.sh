# tui-household: a clerk registers a household with two members (Chinese
# names, valid ID numbers) using only letters, digits, Tab, Enter and
# Ctrl-S; the missing fields of an empty save are listed; a duplicate ID is
# flagged while it is typed; the household is found by a name prefix and by
# the last 4 digits of an ID, edited (address), and the change is seen by
# `gridbook get` and in the record's history; the form survives a resize
# below 80x24 and back.  tui-vt100.sh runs this again with TERM=vt100.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-form.inc"

gb_tui
household_new

# An empty save lists what is missing and puts the cursor on the first.
keys C-s
wait_for "处需要修改"
contains "住址" "$(screen | tail -2)"
contains "家庭成员" "$(screen | tail -2)"

# The household: address, grid, then the members, Tab/Enter only.
type_text "解放路12号"; keys Tab
type_text "001"

# show_if applies as the value changes: a rented dwelling asks for the
# landlord, and stops asking when it is not rented after all.
tab_to_help "本户租住他人房屋"
lacks "房东姓名" "$(screen)"
keys y
wait_for "房东姓名"
keys n
wait_gone "房东姓名"

# A bad date is caught as the clerk leaves the field: the error is shown
# and the cursor stays until it is fixed.
tab_to_help "网格员最近一次入户核查的日期"
type_text "2026-13-45"; keys Tab
wait_for "不是有效日期（没有 13 月）"
type_text "1130"			# typed on: still the same field
keys Tab
wait_for "“2026-13-451130”不是日期"
keys C-u
type_text "20261130"; keys Tab
wait_for "2026-11-30"
wait_gone "不是日期"

tab_to_new_member
hh_member "张三" 11010519491231002X 01 02
hh_member "李四" 440524198001010013 01 10
s=$(screen)
contains "共 2 人" "$s"
contains "1. 张三" "$s"
contains "2. 李四" "$s"
contains "110105********002X" "$s"	# members' rows mask the ID
contains "户主" "$s"
keys C-s
wait_for "已保存 HH-000001"

gb_get household HH-000001
contains "解放路12号" "$OUT"
contains "张三" "$OUT"
contains "李四" "$OUT"
contains "2026-11-30" "$OUT"
contains "11010519491231002X" "$OUT"
contains "440524198001010013" "$OUT"
contains "1980-01-01" "$OUT"		# birth date taken from the ID
contains "配偶" "$OUT"

# Members with Ctrl-G: the focus is on the new-member stop; go up to 李四
# and move it up: it is member 1 when saved.
first_member() { awk '/^家庭成员 1$/ { getline; print; exit }' <<<"$OUT"; }
keys C-g
wait_for "添加成员"
keys k u
esc
wait_for "家庭成员 1 / 2"
contains "李四" "$(screen)"
keys C-s
wait_for "已保存 HH-000001"
gb_get household HH-000001
contains "李四" "$(first_member)"
keys C-g
wait_for "添加成员"
keys d
esc
wait_for "1. 张三"
# A member started by mistake is removed (after a question).
tab_to_new_member
type_text "临时"; keys Tab
wait_for "共 3 人"
keys C-g
wait_for "3. 临时"
keys x
wait_for "删除成员 3"
keys y
wait_for "共 2 人"
esc
lacks "临时" "$(screen)"
keys C-s
wait_for "已保存 HH-000001"
gb_get household HH-000001
contains "张三" "$(first_member)"
lacks "临时" "$OUT"

# A second household with the same ID: flagged when the 18th character is
# typed, before the clerk goes on.
esc
wait_for "F3/^O"
keys C-o
wait_for "+ 家庭成员 1"
type_text "解放路13号"; keys Tab
type_text "001"
tab_to_new_member
type_text "王五"; keys Tab Tab
type_text "11010519491231002"
sleep 0.2
lacks "HH-000001" "$(screen)"
type_text "X"
wait_for "已在实有人口与房屋登记 HH-000001 中登记"
# Close without saving: asked, and nothing is stored.
esc
wait_for "放弃未保存的修改"
keys y
wait_for "F3/^O"
expect_rc 1 gb get household HH-000002

# Found by a name prefix, and by the last 4 digits of an ID, among others.
other=$(idnum 62292319900315009)
expect_rc 0 gb add household "address=滨河路7号" grid=002 \
    "members.1.name=刘七" "members.1.id_card=$other" members.1.sex=1 \
    members.1.birth=1990-03-15 members.1.ethnicity=01 members.1.relation=02
esc
keys C-x
wait_for "主菜单"
keys 2
wait_for "滨河路7号"
type_text "张"
wait_gone "滨河路7号"
contains "解放路12号" "$(screen)"
esc
wait_for "滨河路7号"
type_text "0013"
wait_gone "滨河路7号"
contains "解放路12号" "$(screen)"
lacks "440524198001010013" "$(screen)"	# the list masks IDs

# Edit: the address is the first field; typing replaces it.
keys Enter
wait_for "HH-000001"
wait_for "住址"
type_text "解放路99号"
keys C-s
wait_for "已保存 HH-000001"
gb_get household HH-000001
contains "解放路99号" "$OUT"
lacks "解放路12号" "$OUT"
contains "张三" "$OUT"

# The history of the record opens on the newest change; g shows the first.
keys C-r
wait_for "HH-000001 的修改记录"
s=$(screen)
contains "clerk1  修改" "$s"
contains "住址：解放路12号 → 解放路99号" "$s"
keys g
wait_for "clerk1  新建"
esc
wait_for "住址"

# Too small, then back: the form is still there.
resize 70 20
wait_for "terminal too small"
resize 80 24
wait_for "解放路99号"
contains "2. 李四" "$(screen)"

# Ctrl-Q quits cleanly from the form (nothing unsaved).
keys C-q
wait_for "gridbook-exit=0"
