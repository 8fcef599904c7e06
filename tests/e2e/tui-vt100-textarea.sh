# tui-vt100-textarea: tui-textarea.sh again with TERM=vt100, whose terminfo
# has no PgUp/PgDn: the keys tmux (and phone clients) send for them must
# still page inside the minutes (tui.c defines them beside terminfo).
TUI_TERM=vt100 exec bash "$(dirname "$0")/tui-textarea.sh"
