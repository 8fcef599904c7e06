# tui-keys: help without F-keys, and a record's history beside the audit
# log.  Every key line says "F1/^_ 帮助"; Ctrl-_ opens the help on every
# screen and '?' where nothing is being typed (the menu, an empty search
# line, the history, the audit log), while in a search or a field '?' is
# typed.  A grid leader's history of a household shows the ID numbers
# masked and "（空）" for an empty value, exactly as the audit log does.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-common.inc"
. "$(dirname "$0")/tui-form.inc"

ID=$(idnum 62292519800101123)
add_household 001 和平路1号 张三 62292519800101123 >/dev/null
gb set household HH-000001 members.1.phone=13812345678 >/dev/null
gb set household HH-000001 members.1.phone= >/dev/null
MASKED="${ID:0:6}********${ID:14:4}"

# help_opens KEY — KEY opens the help; Esc comes back.
help_opens() {
	keys "$1"
	wait_for "按键说明"
	esc
	wait_gone "按键说明"
}

gb_tui leader1
wait_for "实有人口与房屋登记"
contains "F1/^_ 帮助" "$(screen | tail -1)"
help_opens C-_
help_opens '?'

keys 2
wait_for "查找："
contains "F1/^_ 帮助" "$(screen | tail -1)"
help_opens C-_
help_opens '?'
# Typing a search: '?' is text, not help.
type_text "张"
wait_for "查找： 张"
keys '?'
wait_for "查找： 张?"
lacks "按键说明" "$(screen)"
keys BSpace BSpace
wait_gone "查找： 张"

keys Enter
wait_for "HH-000001"
wait_for "和平路1号"
contains "F1/^_ 帮助" "$(screen | tail -1)"
help_opens C-_

keys C-r
wait_for "HH-000001 的修改记录"
s=$(screen)
contains "F1/^_ 帮助" "$(tail -1 <<<"$s")"
contains "家庭成员 1 · 公民身份号码：（空） → $MASKED" "$s"
contains "家庭成员 1 · 联系电话：（空） → 13812345678" "$s"
contains "家庭成员 1 · 联系电话：13812345678 → （空）" "$s"
lacks "$ID" "$s"
lacks "—" "$s"
help_opens '?'
wait_for "HH-000001 的修改记录"
esc
wait_gone "的修改记录"
keys C-x
wait_for "查找："
esc
wait_for "实有人口与房屋登记"

# The audit log says the same, the same way.
keys a
wait_for "操作记录"
s=$(screen)
contains "F1/^_ 帮助" "$(tail -1 <<<"$s")"
contains "家庭成员 1 · 联系电话：13812345678 → （空）" "$s"
lacks "$ID" "$s"
help_opens '?'
esc
wait_for "实有人口与房屋登记"
