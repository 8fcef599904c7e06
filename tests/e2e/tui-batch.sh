# tui-batch: batch entry from the menu (b, then the form picked by typing
# part of its name): three households in a row, each saved with Ctrl-S,
# which opens the next blank form at once with the carried grid kept and
# the cursor on the address (the first field not carried); the title
# counts the records saved.  Then Ctrl-B (save and new) from an ordinary
# form does the same.  Every record is checked with `gridbook get`.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-form.inc"

gb_tui
wait_for "批量录入"
keys b
wait_for "household"
type_text "hou"
keys Enter
wait_for "+ 家庭成员 1"
contains "已存 0 条" "$(screen | head -1)"

for i in 1 2 3; do
	type_text "幸福巷${i}号"
	if [ "$i" -eq 1 ]; then
		keys Tab
		type_text "004"
	fi
	tab_to_new_member
	hh_member "居民${i}号" "$(idnum 1101051970010100$i)" 01 02
	keys C-s
	wait_for "已保存 HH-00000$i"
	wait_for "已存 $i 条"
	s=$(screen)
	# The next form: blank but for the carried grid and the defaults.
	contains "+ 家庭成员 1" "$s"
	contains "004" "$s"
	lacks "幸福巷${i}号" "$s"
	lacks "居民${i}号" "$s"
done

for i in 1 2 3; do
	gb_get household "HH-00000$i"
	contains "幸福巷${i}号" "$OUT"
	contains "居民${i}号" "$OUT"
	contains "004" "$OUT"
done

# Ctrl-B from a form opened from the list: save and a new blank one.
esc
wait_for "主菜单"
keys 2
wait_for "F3/^O"
keys C-o
wait_for "+ 家庭成员 1"
type_text "幸福巷9号"; keys Tab
type_text "005"
tab_to_new_member
hh_member "居民9号" "$(idnum 11010519700101009)" 01 02
keys C-b
wait_for "已保存 HH-000004"
contains "005" "$(screen)"
gb_get household HH-000004
contains "幸福巷9号" "$OUT"
contains "005" "$OUT"
