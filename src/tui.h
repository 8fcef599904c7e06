/*
 * tui.h — the curses interface.  One screen per tui-*.c, each exporting a
 * `const struct screen`; tui.c runs the screen stack, the key loop, resize,
 * signals (SIGHUP/SIGTERM save the draft and restore the terminal), and the
 * bottom line of keys.  Screens call app functions and redraw; they never
 * open an LMDB transaction or parse YAML.
 */
#ifndef GRIDBOOK_TUI_H
#define GRIDBOOK_TUI_H

#include "cmd.h"

/* Open the session and run the interface until the user quits.  Returns an
 * exit code like a subcommand. */
int tui_main(struct cmd_ctx *);

#endif
