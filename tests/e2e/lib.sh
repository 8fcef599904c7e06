# lib.sh — sourced by tests/e2e/*.sh.  Gives each test a private temp dir,
# database, and tmux socket, and small assertion helpers.  A test fails by
# calling fail (or any command failing under set -e); it passes by exiting 0.
set -euo pipefail
GB=${GRIDBOOK_BIN:?run through tests/run-e2e}
SRC=${GRIDBOOK_SRC:?run through tests/run-e2e}
T=$(mktemp -d "${TMPDIR:-/tmp}/gridbook-e2e.XXXXXX")
DB=$T/db
FORMS=$SRC/forms
CONFIG=$SRC/config/gridbook.yaml
TMUX_SOCK=$T/tmux.sock
export GRIDBOOK_TODAY=${GRIDBOOK_TODAY:-2026-12-04}
export LANG=C.UTF-8 LC_ALL=C.UTF-8
cleanup() {
	tmux -S "$TMUX_SOCK" kill-server 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# gb ARGS... — run the binary on this test's database as admin.
gb() { "$GB" --db "$DB" --forms "$FORMS" --config "$CONFIG" --user "${GB_USER:-admin}" "$@"; }

# expect_rc N CMD... — run CMD, fail unless it exits N; its stdout+stderr in $OUT.
expect_rc() {
	local want=$1; shift
	set +e; OUT=$("$@" 2>&1); local rc=$?; set -e
	[ "$rc" -eq "$want" ] || fail "exit $rc, wanted $want: $*
$OUT"
}
# contains TEXT HAYSTACK — fail unless HAYSTACK contains TEXT.
contains() { case "$2" in *"$1"*) ;; *) fail "expected to find [$1] in:
$2" ;; esac; }
lacks() { case "$2" in *"$1"*) fail "did not expect [$1] in:
$2" ;; *) ;; esac; }

# Screen tests: one tmux server per test, one window of W x H running CMD.
# tui_start [W H] -- CMD...
tui_start() {
	local w=80 h=24
	if [ "$1" != "--" ]; then w=$1; h=$2; shift 2; fi
	shift
	tmux -S "$TMUX_SOCK" -f /dev/null new-session -d -s t -x "$w" -y "$h" \
	    "env TERM=${TUI_TERM:-xterm-256color} GRIDBOOK_TODAY=$GRIDBOOK_TODAY LANG=C.UTF-8 LC_ALL=C.UTF-8 $*; sleep 30"
	tmux -S "$TMUX_SOCK" set-option -g remain-on-exit on >/dev/null
}
keys() { tmux -S "$TMUX_SOCK" send-keys -t t "$@"; }
# type_text TEXT — send literal text (CJK fine).
type_text() { tmux -S "$TMUX_SOCK" send-keys -t t -l "$1"; }
screen() { tmux -S "$TMUX_SOCK" capture-pane -p -t t; }
# wait_for TEXT [SECONDS] — until the screen shows TEXT, else fail with it.
wait_for() {
	local i n=$(( ${2:-5} * 20 ))
	for ((i = 0; i < n; i++)); do
		case "$(screen)" in *"$1"*) return 0 ;; esac
		sleep 0.05
	done
	fail "screen never showed [$1]:
$(screen)"
}
wait_gone() {
	local i n=$(( ${2:-5} * 20 ))
	for ((i = 0; i < n; i++)); do
		case "$(screen)" in *"$1"*) ;; *) return 0 ;; esac
		sleep 0.05
	done
	fail "screen still shows [$1]:
$(screen)"
}
resize() { tmux -S "$TMUX_SOCK" resize-window -t t -x "$1" -y "$2"; }
tui_pid() { tmux -S "$TMUX_SOCK" list-panes -t t -F '#{pane_pid}'; }
