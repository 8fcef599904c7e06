/*
 * tui-form.h — what the files of the form screen share, and nothing else
 * includes: the state of a record on screen (struct fstate), its Tab order,
 * and the helpers the popups (members, workflow, conflict) call back into.
 *
 *   tui-form.c       the screen: keys, commit, save, drafts, close
 *   tui-form-items.c the Tab order and the focused field's editor
 *   tui-form-text.c  zh strings, path labels, values as shown, notes
 *   tui-form-draw.c  layout and painting, title, key line, popup frames
 *   tui-group.c      a repeat group's members: summary rows, Ctrl-G menu
 *   tui-workflow.c   the workflow popup (Ctrl-W)
 *   tui-conflict.c   a save that met someone else's change
 *   tui-history.c    screen_history, the audit entries of one record
 *
 * Tab order.  The form is a flat list of stops (struct fitem), rebuilt after
 * every change so show_if applies live: the visible top-level fields in
 * spec order; at a group, every visible field of member 1, then of member
 * 2, ..., then one "phantom" stop: the first field of the member after the
 * last.  Typing a value there adds that member and moves on into its other
 * fields; leaving it empty (Tab or Enter) goes on past the group.  So a
 * whole household with its members is typed with letters, digits and
 * Tab/Enter only.  On screen, the member holding the focus is open (its
 * fields listed); the others are one summary row each.
 */
#ifndef GRIDBOOK_TUI_FORM_H
#define GRIDBOOK_TUI_FORM_H

#include "tui-int.h"

/* One stop of the Tab order. */
struct fitem {
	char			*path;		/* "address", "members.2.name" */
	const struct field	*f;
	const struct field	*g;		/* its group, or NULL */
	unsigned		 n;		/* member number; 0 at top level */
	bool			 phantom;	/* member n does not exist yet */
};

/* A message attached to a field: a parse error, a duplicate, a save
 * problem.  Shown next to the field and on the help line under the form. */
struct fnote {
	char	*path;
	char	*msg;
};

/* How the focused field is edited. */
enum fedit {
	FE_NONE,
	FE_LINE,	/* struct lineedit: text, numbers, dates, ids, codes */
	FE_AREA,	/* struct textarea */
	FE_BOOL,	/* Space/y/n change the record directly */
};

struct fstate {
	struct session		*s;
	const struct form	*form;
	struct record		*rec;		/* what is on screen */
	struct record		*base;		/* as read or last saved: "unsaved
						 * changes" means rec differs */
	bool			 batch;
	struct fitem		*items;
	size_t			 nitems;
	size_t			 focus;		/* index into items */
	enum fedit		 ed;
	struct lineedit		 le;
	struct textarea		*ta;
	bool			 fresh;		/* next printable key replaces */
	bool			 edited;	/* editor text differs from rec */
	unsigned		 keystrokes;	/* since the last draft save */
	bool			 drafted;	/* a draft of this form is stored */
	struct fnote		*notes;
	size_t			 nnotes;
	int			 top;		/* first layout row shown */
	int			 labelw;	/* widest label, in columns */
	char			*title;
	char			*keys;
};

/* tui-form-text.c */
/* The interface string for en: tr() (the form screens' strings are in
 * tui-i18n.c's one table). */
const char *ftr(const struct tui *, const char *en)
    __attribute__((format_arg(2)));
/* record_parse_value() for what a person typed into the editor: codes of
 * a multichoice may be separated by spaces, '，' or '；' as well. */
int tform_parse(const struct field *, const char *text, char **out,
    char *err, size_t errlen);
/* "住址", "成员 2 · 姓名", "状态" for "_state": malloc'd. */
char *tform_path_label(const struct tui *, const struct form *,
    const char *path);
/* A canonical value as shown: choice labels, yes/no, the type's format.
 * malloc'd; "" for NULL. */
char *tform_show(const struct tui *, const struct field *, const char *canon);
void tform_note(struct fstate *, const char *path, const char *msg);
const char *tform_note_get(const struct fstate *, const char *path);
void tform_note_clear(struct fstate *, const char *path);
void tform_notes_clear(struct fstate *);

/* tui-form-items.c */
/* The item holding the focus, or NULL when the form has none. */
struct fitem *tform_cur(struct fstate *);
/* Rebuild the Tab order and move the focus to path (or the nearest stop
 * at or after index `near` if path is gone). */
void tform_focus(struct fstate *, const char *path, size_t near);
/* The first stop; of a new record, the first batch entry did not fill. */
void tform_focus_first(struct fstate *);
void tform_items_free(struct fstate *);
/* Open the editor of the focused stop (closing any); close it. */
void tform_editor_open(struct fstate *);
void tform_editor_close(struct fstate *);
const char *tform_editor_text(struct fstate *);
bool tform_dirty(const struct fstate *);

/* tui-form.c */
/* Store the focused editor's text into the record (parsing it).  0, or -1
 * with the error on the message line and next to the field. */
int tform_commit(struct tui *, struct fstate *);
/* The record was changed from outside the editor (a popup): rebuild the
 * Tab order, save the draft, focus path (NULL: keep the focus). */
void tform_changed(struct tui *, struct fstate *, const char *focus);
/* Validate and save.  interactive: a conflict opens the conflict popup.
 * 0 saved, -1 not (the reason on the message line). */
int tform_save(struct tui *, struct fstate *, bool interactive);
/* What follows a successful save: counters, message, batch's new form. */
void tform_saved(struct tui *, struct fstate *);
/* Show a save's or a move's field problems: notes, message, focus. */
void tform_show_errors(struct tui *, struct fstate *, const struct verrors *);

/* tui-form-draw.c */
void tform_draw(struct tui *, void *st);
const char *tform_keys(struct tui *, void *st);
const char *tform_title(struct tui *, void *st);
/* Width of the label column for the widest label of the form. */
int tform_label_width(const struct tui *, const struct form *);
/* Clear and frame a popup of h x w (clipped to the body) centred in the
 * body, with a title; returns the inner top-left in *y, *x and the inner
 * size in *h, *w. */
void tform_popup(struct tui *, const char *title, int *y, int *x, int *h,
    int *w);

/* tui-group.c */
/* Member n as one row: its first few values, IDs masked.  malloc'd. */
char *group_summary(const struct tui *, const struct field *g,
    const struct record *, unsigned n);
/* Fill the defaults of member n's empty fields (a new member). */
void group_defaults(const struct field *g, struct record *, unsigned n);
/* Remove member n if it holds no value at all and others follow it (the
 * record keeps members dense).  Returns true if it did. */
bool group_drop_empty(const struct field *g, struct record *, unsigned n);
/* The Ctrl-G popup of the group holding the focus. */
void group_menu(struct tui *, struct fstate *);

/* tui-workflow.c: the Ctrl-W popup. */
void workflow_menu(struct tui *, struct fstate *);
/* The label of a state in the session language (the name if unknown). */
const char *workflow_state_label(const struct tui *, const struct form *,
    const char *state);

/* tui-conflict.c: app_save met GB_ECONFLICT with conflicts (the paths
 * changed on disk since fs->rec->rev).  Lets the clerk take theirs or keep
 * theirs/mine per field, then saves again.  0 saved, 1 reloaded theirs,
 * -1 cancelled or failed (message set). */
int conflict_resolve(struct tui *, struct fstate *,
    const struct changes *conflicts);

#endif
