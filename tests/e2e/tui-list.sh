# tui-list: the list screen over households added through the CLI — the
# newest first, search as you type by a name prefix and by the last 4
# digits of an ID (the matching ID shown masked, never in full), paging,
# Enter opens the record, Esc clears the search then goes back, and a
# leader sees only the households of their grid.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-common.inc"

ID1=$(idnum 11010519800101123)
ID2=$(idnum 62292519900215005)
ID3=$(idnum 44052419850707456)
add_household 001 和平路1号 张三 11010519800101123 >/dev/null
add_household 002 解放路8号 张三丰 62292519900215005 >/dev/null
add_household 001 团结路5号 李四 44052419850707456 >/dev/null
# 22 more in grid 003, so the list has a second page at 80x24
for ((i = 0; i < 22; i++)); do
	add_household 003 "文化巷$((i + 1))号" "马$i" \
	    "$(printf '6229251970%02d01%03d' $((i % 12 + 1)) $((i + 100)))" \
	    >/dev/null
done

masked() { echo "${1:0:6}********${1:14:4}"; }

open_list() {
	wait_for "实有人口与房屋登记"
	digit=$(screen | sed -n 's/^ *\([1-9]\)  *实有人口与房屋登记.*/\1/p')
	[ -n "$digit" ] || fail "no menu digit for households:
$(screen)"
	keys "$digit"
	wait_for "查找："
}

tui_start -- "$GB" --db "$DB" --forms "$FORMS" --config "$CONFIG" --user admin
open_list
s=$(screen)
# newest first: the last household added is on the first row
first=$(screen | sed -n '4p')
contains "文化巷22号" "$first"
contains "PgDn" "$s"
lacks "$ID1" "$s"

# paging: PgDn shows the rest, including the first households added
keys PageDown
wait_for "和平路1号"
contains "李四" "$(screen)"
keys PageUp
wait_for "文化巷22号"
# Home/End (tmux sends ESC [1~ / ESC [4~, as PuTTY does) move the
# highlight and never type into the search line or leave the screen
keys End Home End
sleep 0.3
s=$(screen)
contains "查找" "$s"
lacks "~" "$(screen | sed -n 2p)"
lacks "[" "$(screen | sed -n 2p)"

# search by a name prefix: both 张三 households, nobody else
type_text "张三"
wait_for "张三丰"
s=$(screen)
contains "和平路1号" "$s"
contains "解放路8号" "$s"
lacks "李四" "$s"
lacks "文化巷" "$s"

# search by the last 4 digits of an ID: the household, its ID masked
keys C-u
type_text "${ID3:14:4}"
wait_for "团结路5号"
s=$(screen)
contains "$(masked "$ID3")" "$s"
lacks "$ID3" "$s"
lacks "张三" "$s"

# a full ID finds its household; still masked on screen
keys C-u
type_text "$ID2"
wait_for "解放路8号"
contains "$(masked "$ID2")" "$(screen)"
lacks "$ID2" "$(screen | sed 1,2d)"	# only the search line shows it

# nothing found says so
keys C-u
type_text "不存在的人"
wait_for "没有找到"

# Esc clears the search first: the whole list is back
keys Escape
wait_for "文化巷22号"
lacks "没有找到" "$(screen)"

# Enter opens the highlighted record in the form; closing comes back
keys C-u
type_text "李四"
wait_for "团结路5号"
keys Enter
wait_gone "查找："
contains "团结路5号" "$(screen)"
keys C-x
wait_for "查找："

# Esc on an empty search goes back to the menu
keys C-u Escape
wait_for "b   批量录入"

# the audit log: newest first, who and what, ID numbers masked there too
keys a
wait_for "条"			# "共 N 条" under the entries
s=$(screen)
contains "admin" "$s"
contains "新建" "$s"
contains "文化巷22号" "$s"
lacks "$ID3" "$s"
keys End
sleep 0.2
s=$(screen)
contains "$(masked "$ID1")" "$s"
lacks "$ID1" "$s"
keys Escape
wait_for "b   批量录入"
keys q
sleep 0.3

# a leader of grid 001 sees only grid 001's households
tmux -S "$TMUX_SOCK" kill-server 2>/dev/null || true
for ((i = 0; i < 40; i++)); do
	tmux -S "$TMUX_SOCK" has-session 2>/dev/null || break
	sleep 0.05
done
rm -f "$TMUX_SOCK"
tui_start -- "$GB" --db "$DB" --forms "$FORMS" --config "$CONFIG" --user leader1
open_list
wait_for "和平路1号"
s=$(screen)
contains "李四" "$s"
lacks "解放路8号" "$s"
lacks "文化巷" "$s"
type_text "张三"
wait_for "和平路1号"
lacks "张三丰" "$(screen)"
type_text "丰"
wait_for "没有找到"
