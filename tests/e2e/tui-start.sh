# tui-start: the curses interface's frame at 80x24 — the menu lists the
# shipped forms; a resize below 80x24 shows "terminal too small" and the
# menu comes back when resized; Esc answers quickly; the help screen; q,
# Ctrl-Q, SIGTERM and SIGHUP all exit 0 with the terminal restored; the
# same run with TERM=vt100 leaves no escape-sequence garbage on screen.
. "$(dirname "$0")/lib.sh"

GBCMD="$GB --db $DB --forms $FORMS --config $CONFIG --user admin"

# start_tui NAME — run the interface; when it ends, its exit code and the
# terminal modes go to $T/NAME.rc and $T/NAME.stty.
start_tui() {
	local i
	tmux -S "$TMUX_SOCK" kill-server 2>/dev/null || true
	for ((i = 0; i < 40; i++)); do	# the old server gone for good
		tmux -S "$TMUX_SOCK" has-session 2>/dev/null || break
		sleep 0.05
	done
	rm -f "$TMUX_SOCK"
	tui_start -- "$GBCMD; echo \$? >$T/$1.rc; stty -a >$T/$1.stty"
	wait_for "实有人口与房屋登记"
}

# ended NAME — the interface exited 0 and left the terminal cooked.
ended() {
	local i
	for ((i = 0; i < 100; i++)); do
		[ -s "$T/$1.stty" ] && break
		sleep 0.05
	done
	[ -s "$T/$1.stty" ] || fail "$1: the interface did not exit:
$(screen)"
	[ "$(cat "$T/$1.rc")" = 0 ] || fail "$1: exit $(cat "$T/$1.rc")"
	# raw/noecho undone: canonical input, echo and signals are back.
	grep -Eq '(^| )icanon( |$)' "$T/$1.stty" || fail "$1: -icanon left"
	grep -Eq '(^| )echo( |$)' "$T/$1.stty" || fail "$1: -echo left"
	grep -Eq '(^| )isig( |$)' "$T/$1.stty" || fail "$1: -isig left"
}

gridbook_pid() {
	local i p
	for ((i = 0; i < 40; i++)); do
		p=$(pgrep -f "^$GB --db $DB" | head -1 || true)
		[ -n "$p" ] && { echo "$p"; return; }
		sleep 0.05
	done
	fail "no gridbook process"
}

# --- the menu at 80x24 ---
start_tui menu
s=$(screen)
contains "社区协商议事记录" "$s"
contains "矛盾纠纷调解登记" "$s"
contains "主菜单" "$s"
contains "系统管理员" "$s"
# the key line (bottom row) names the menu's keys
last=$(screen | tail -1)
contains "q 退出" "$last"
contains "b 批量录入" "$last"

# --- resize below 80x24 and back ---
resize 60 20
wait_for "terminal too small (need 80x24)"
lacks "主菜单" "$(screen)"
keys j k		# keys while too small do nothing (and do not crash)
resize 79 24
wait_for "terminal too small"
resize 80 24
wait_for "主菜单"
wait_gone "terminal too small"
contains "实有人口与房屋登记" "$(screen)"

# --- help: ? opens the keys of every screen, Esc closes ---
keys '?'
wait_for "按键说明"
contains "主菜单" "$(screen)"
keys PageDown PageDown
keys Escape
wait_for "b   批量录入"

# --- batch entry asks which form in the picker; typing filters it ---
keys b
wait_for "选择表单"
contains "consultation" "$(screen)"
type_text "调解"
wait_for "1/3"
s=$(screen)
contains "矛盾纠纷调解登记" "$s"
lacks "household" "$s"
keys BSpace BSpace
type_text "house"
wait_for "household"
lacks "mediation" "$(screen)"
keys Escape
wait_gone "选择表单"
contains "b   批量录入" "$(screen)"

# --- Esc answers without curses' default 1 s wait (ESCDELAY) ---
# Not a speed measurement: the best of three tries must be well under the
# 1000 ms a default ESCDELAY would take, whatever else loads the machine.
digit=$(screen | sed -n 's/^ *\([1-9]\)  *实有人口与房屋登记.*/\1/p')
[ -n "$digit" ] || fail "no menu digit for the household form:
$(screen)"
best=99999
for try in 1 2 3; do
	keys "$digit"
	wait_for "查找"
	start=$(date +%s%N)
	keys Escape
	for ((i = 0; i < 300; i++)); do
		case "$(screen)" in *"b   批量录入"*) break ;; esac
		sleep 0.01
	done
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	contains "b   批量录入" "$(screen)"
	((ms < best)) && best=$ms
done
echo "Esc answered in ${best} ms (best of 3)"
[ "$best" -lt 700 ] || fail "Esc took ${best} ms: ESCDELAY not short"

# --- q quits, the terminal is restored ---
keys q
ended menu
lacks "主菜单" "$(screen)"

# --- Ctrl-Q from a list quits too ---
start_tui ctrlq
keys "$digit"
wait_for "查找"
keys C-q
ended ctrlq

# --- SIGTERM and SIGHUP: exit 0, terminal restored ---
start_tui term
kill -TERM "$(gridbook_pid)"
ended term
start_tui hup
keys "$digit"
wait_for "查找"
kill -HUP "$(gridbook_pid)"
ended hup

# --- Ctrl-C is a key in raw mode, not a kill ---
start_tui ctrlc
keys C-c
sleep 0.3
contains "主菜单" "$(screen)"
keys q
ended ctrlc

# --- TERM=vt100: same screens, no escape garbage in the text ---
export TUI_TERM=vt100
start_tui vt100
keys "$digit"
wait_for "查找"
keys Escape
wait_for "b   批量录入"
resize 60 20
wait_for "terminal too small"
resize 80 24
wait_for "主菜单"
s=$(screen)
for junk in $'\e' '^[' '[?' '[0m' '[m' '[7m' '[1m' '[H' '[J' '[K' '(B' '(0'; do
	lacks "$junk" "$s"
done
keys q
ended vt100
