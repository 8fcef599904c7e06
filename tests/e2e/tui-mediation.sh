# tui-mediation: a dispute case typed in the form (choice codes typed
# directly, two parties through the new-member stop, a multi-line summary,
# a bool), saved, then moved through its workflow with Ctrl-W: the popup
# lists only the moves open from the state and what each still needs; a
# move that lacks a field puts the cursor there; typing it and choosing the
# move again saves and moves.  `gridbook get` shows each state, the form's
# show_if follows the state, and the history lists the moves.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-form.inc"

state_is() {
	gb_get mediation MD-2026-0001
	contains "状态            $1" "$OUT"
}

gb_tui
wait_for "矛盾纠纷调解登记"
keys 3
wait_for "F3/^O"
keys C-o
wait_for "+ 当事人 1"

type_text "001"; keys Tab			# grid
type_text "20261201"; keys Tab			# received date, typed short
wait_for "2026-12-01"
type_text "02"; keys Enter			# kind: 02 邻里纠纷
wait_for "02 邻里纠纷"
keys Space					# source: the list, filtered
wait_for "当事人申请"
type_text "法院"
wait_for "1/5"
keys Enter
wait_for "4 法院委托"
tab_to_new_member				# place, amount
type_text "1"; keys Tab				# party 1: role 申请人
type_text "张三"
tab_to_new_member
type_text "2"; keys Tab				# party 2: role 被申请人
type_text "李四"
tab_to_new_member
keys Tab					# leave the parties
type_text "两家因楼道堆放杂物发生争执。"
keys Enter					# a textarea takes Enter as a newline
type_text "多次协商未果。"
keys Tab Tab					# claims
type_text "王调解"; keys Tab			# mediator
keys Space					# rights_notified
wait_for "[x] 是"
s=$(screen)
contains "1. 张三  申请人" "$s"
contains "2. 李四  被申请人" "$s"
contains "多次协商未果。" "$s"
keys C-s
wait_for "已保存 MD-2026-0001"
state_is "已登记"
gb_get mediation MD-2026-0001
contains "邻里纠纷" "$OUT"
contains "法院委托" "$OUT"
contains "多次协商未果。" "$OUT"

# registered: accept (mediator is there) or reject (needs a reason).
keys C-w
wait_for "状态：已登记"
s=$(screen)
contains "1  受理并调查 → 调查中" "$s"
contains "2  不予受理" "$s"
contains "还需填写：不予受理理由" "$s"
lacks "开始调解" "$s"
keys 1
wait_for "已流转为：调查中"
state_is "调查中"
contains "调查记录" "$(screen)"		# show_if opened by the state
lacks "不予受理理由" "$(screen)"

keys C-w
wait_for "状态：调查中"
contains "开始调解" "$(screen)"
keys Enter					# the first move
wait_for "已流转为：调解中"
state_is "调解中"

# mediating -> agreed needs the agreement: the cursor goes there.
keys C-w
wait_for "还需填写：调解协议内容"
keys 1
wait_for "请先填写：调解协议内容"
type_text "双方同意三日内清理楼道。"
keys C-w
wait_for "状态：调解中"
lacks "还需填写：调解协议内容" "$(screen)"
keys 1
wait_for "已流转为：达成协议"
state_is "达成协议"
gb_get mediation MD-2026-0001
contains "双方同意三日内清理楼道。" "$OUT"

# Esc closes the popup without a move.
keys C-w
wait_for "状态：达成协议"
esc
wait_gone "状态：达成协议"
state_is "达成协议"

keys C-r
wait_for "MD-2026-0001 的修改记录"
contains "调解中 → 达成协议" "$(screen)"
esc
keys C-x
wait_for "F3/^O"
wait_for "MD-2026-0001"

# Someone else changes the case while it is open here: the save shows
# their value and mine per field, mine kept where I changed it, theirs
# where I did not; Enter saves the merge.
keys Enter
wait_for "纠纷发生地"
expect_rc 0 gb set mediation MD-2026-0001 place=西街 mediator=赵调解
keys Tab Tab Tab Tab				# place
type_text "南街"; keys Tab
type_text "500"; keys Tab			# amount
keys C-s
wait_for "请逐项选择保留哪一方"
s=$(screen)
contains "赵调解" "$s"
contains "西街" "$s"
contains "南街" "$s"
keys Enter
wait_for "已保存 MD-2026-0001"
gb_get mediation MD-2026-0001
contains "南街" "$OUT"
contains "赵调解" "$OUT"
contains "500" "$OUT"
contains "达成协议" "$OUT"

# Again, and this time the clerk takes their version (r: reload).
expect_rc 0 gb set mediation MD-2026-0001 place=北街
keys BTab BTab				# back to place
type_text "中街"
keys C-s
wait_for "请逐项选择保留哪一方"
keys r
wait_for "已重新载入保存的版本"
contains "北街" "$(screen)"
lacks "中街" "$(screen)"
gb_get mediation MD-2026-0001
contains "北街" "$OUT"
