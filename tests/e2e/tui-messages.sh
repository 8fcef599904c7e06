# tui-messages: what the form screen says and which keys it offers, as a
# clerk and a grid leader meet them on the Chinese screen: the record
# layer's messages (members missing, a bad ID, a grid that is not theirs)
# come out in Chinese; multichoice codes typed with spaces are taken; the
# key line never lists a key twice and keeps save, close and help when the
# field adds keys; Home/End in the forms PuTTY and rxvt send
# (ESC [7~ ESC [8~ ESC OH ESC OF) move the cursor and type nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-form.inc"

gb_tui
household_new

# Home/End sequences: the cursor moves, no "[7~" is typed, the form stays.
type_text "abc"
tmux -S "$TMUX_SOCK" send-keys -t t -H 1b 5b 37 7e	# ESC [7~ Home
type_text "X"
tmux -S "$TMUX_SOCK" send-keys -t t -H 1b 5b 38 7e	# ESC [8~ End
type_text "Y"
tmux -S "$TMUX_SOCK" send-keys -t t -H 1b 4f 48	# ESC O H Home
type_text "Z"
tmux -S "$TMUX_SOCK" send-keys -t t -H 1b 4f 46	# ESC O F End
type_text "W"
wait_for "ZXabcYW"
lacks "~" "$(screen | sed -n 2p)"
contains "新建" "$(screen | head -1)"
keys C-u
type_text "解放路7号"; keys Tab
type_text "001"

# An empty members group, saved: the record layer's English
# "at least 1 member required (got 0)" reaches the screen in Chinese.
keys C-s
wait_for "家庭成员：至少需要 1 人（现有 0 人）"
lacks "required" "$(screen)"

# Hazards (multichoice) typed as "01 06": taken as 01,06.
keys C-x
wait_for "放弃未保存的修改"
keys y
wait_for "F3/^O"
keys C-o
wait_for "+ 家庭成员 1"
type_text "解放路7号"; keys Tab
type_text "001"
tab_to_help "入户走访发现的隐患"
# The key line of an empty choice: the list key once, Tab once, and
# save, close and help still there.
s=$(screen | tail -1)
contains "Enter/空格 列表" "$s"
[ "$(grep -o 'Tab' <<<"$s" | wc -l)" -eq 1 ] || fail "Tab twice: $s"
contains "^S 保存" "$s"
contains "^X 关闭" "$s"
contains "F1/^_ 帮助" "$s"
type_text "01 06"
wait_for "电动车室内充电、群租"
keys Tab
wait_gone "“01 06”"
contains "电动车室内充电、群租" "$(screen)"

# A member: a wrong check digit is said in Chinese while it is typed.
tab_to_new_member
type_text "马建国"; keys Tab Tab
type_text "622925197001010013"
wait_for "校验位应为 2，不是 3"
lacks "check digit" "$(screen)"
keys BSpace
type_text "2"; keys Tab
wait_for "1970-01-01"
# Inside a member, more keys (^G) join the line: help and close stay.
s=$(screen | tail -1)
contains "^G 成员" "$s"
contains "F1/^_ 帮助" "$s"
contains "^X 关闭" "$s"
keys Tab Tab
type_text "03"; keys Enter
type_text "02"; keys Enter
keys C-s
wait_for "已保存 HH-000001"

# A grid leader saving a household of another grid: told in Chinese.
gb_tui_restart leader1
household_new
type_text "和平路3号"; keys Tab
type_text "002"; keys Tab
# Said as the grid field is left, before the household is typed.
wait_for "网格 002 不归您（leader1）管理；您负责的网格：001"
lacks "may not save" "$(screen)"
tab_to_new_member
type_text "马秀英"; keys Tab Tab
type_text "$(idnum 62292519720202002)"; keys Tab Tab Tab
type_text "03"; keys Enter
type_text "10"; keys Enter
keys C-s
wait_for "不能保存：网格 002 不归您（leader1）管理"
lacks "may not save" "$(screen)"
expect_rc 0 gb find household 马秀英
lacks "和平路3号" "$OUT"
