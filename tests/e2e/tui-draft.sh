# tui-draft: a dropped SSH link in the middle of a household.  The clerk has
# typed an address, a grid and a member, and is half-way through an ID
# number when the gridbook process gets SIGHUP: it saves the draft, restores
# the terminal and exits 0.  The next start offers the draft back; taking
# it shows the typed values; Ctrl-S lists what is still missing with the
# cursor on the first (the ID number), and once completed the household is
# saved and the draft is gone (not offered on the next start).  A draft of
# an edit of a saved record comes back too, and SIGTERM does the same.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-form.inc"

gb_tui
household_new
type_text "胜利街5号"; keys Tab
type_text "003"
tab_to_new_member
type_text "马六"; keys Tab Tab
type_text "62292319850203"		# 14 of 18 characters
sleep 0.3
pid=$(gb_pid)
[ -n "$pid" ] || fail "no gridbook process in the pane"
kill -HUP "$pid"
wait_for "gridbook-exit=0"

gb_tui_restart
wait_for "恢复未保存的“实有人口与房屋登记”"
keys y
wait_for "胜利街5号"
s=$(screen)
contains "003" "$s"
contains "1. 马六" "$s"
contains "户籍人口" "$s"		# the new member's default came along

# Complete it: Ctrl-S puts the cursor on each missing field in turn.
keys C-s
wait_for "处需要修改"
contains "公民身份号码" "$(screen | tail -2)"
type_text "$(idnum 62292319850203003)"
wait_for "$(idnum 62292319850203003)"
keys C-s
wait_for "处需要修改"
lacks "公民身份号码" "$(screen | tail -2)"	# sex and birth came from it
type_text "01"; keys Enter			# ethnicity
type_text "02"; keys Enter			# relation
keys C-s
wait_for "已保存 HH-000001"
gb_get household HH-000001
contains "胜利街5号" "$OUT"
contains "马六" "$OUT"
contains "1985-02-03" "$OUT"

# A saved record's unsaved edit comes back as well, after SIGTERM.
esc
wait_for "主菜单"			# the restored form was opened from there
keys 2
wait_for "F3/^O"
keys Enter
wait_for "HH-000001"
type_text "胜利街7号"
keys Tab
sleep 0.3
kill -TERM "$(gb_pid)"
wait_for "gridbook-exit=0"
gb_get household HH-000001
contains "胜利街5号" "$OUT"			# not saved...
gb_tui_restart
wait_for "HH-000001"
keys y
wait_for "胜利街7号"				# ...but kept
keys C-s
wait_for "已保存 HH-000001"
gb_get household HH-000001
contains "胜利街7号" "$OUT"

# Saved: no draft left to offer.
keys C-q
wait_for "gridbook-exit=0"
gb_tui_restart
wait_for "主菜单"
sleep 0.5
lacks "恢复" "$(screen)"
