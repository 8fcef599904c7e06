# tui-vt100: the whole household test of tui-household.sh again with
# TERM=vt100 (no colour, reverse and bold only, ASCII or ACS borders): the
# same typing gives the same records and screens.
TUI_TERM=vt100 exec bash "$(dirname "$0")/tui-household.sh"
