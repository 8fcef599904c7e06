/*
 * tui-menu.c — the first screen: the forms of the loaded form set (1..9
 * open a form's list), batch entry, search, the audit log, help and quit,
 * with the community and who is signed in.  Every entry has a letter or
 * digit, and Up/Down/Enter work too.
 *
 * Record counts are not shown: the app has no cheap count, and walking a
 * county's 70,000 households to count them would slow the first screen.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui-int.h"

#define MENU_MAXFORMS	9

enum menu_act { ACT_FORM, ACT_BATCH, ACT_SEARCH, ACT_AUDIT, ACT_HELP,
	ACT_QUIT };

struct menu_item {
	enum menu_act	 act;
	size_t		 form;		/* ACT_FORM: index in s->fs */
	int		 key;
	const char	*label;		/* English tr() key, or NULL: form */
};

struct menu {
	struct menu_item	 items[MENU_MAXFORMS + 5];
	size_t			 n;
	size_t			 sel;
	char			*title;
};

static void *
menu_init(struct tui *t, void *arg)
{
	struct menu *m = xcalloc(1, sizeof *m);
	size_t i, nf = t->s->fs != NULL ? t->s->fs->n : 0;
	static const struct { enum menu_act act; int key; const char *label; }
	    fixed[] = {
		{ ACT_BATCH, 'b', "Batch entry" },
		{ ACT_SEARCH, '/', "Search" },
		{ ACT_AUDIT, 'a', "Audit log" },
		{ ACT_HELP, '?', "Help" },
		{ ACT_QUIT, 'q', "Quit" },
	};

	(void)arg;
	for (i = 0; i < nf && i < MENU_MAXFORMS; i++) {
		m->items[m->n].act = ACT_FORM;
		m->items[m->n].form = i;
		m->items[m->n].key = '1' + (int)i;
		m->n++;
	}
	for (i = 0; i < nitems(fixed); i++) {
		if (nf == 0 && fixed[i].act != ACT_AUDIT &&
		    fixed[i].act != ACT_HELP && fixed[i].act != ACT_QUIT)
			continue;
		m->items[m->n].act = fixed[i].act;
		m->items[m->n].key = fixed[i].key;
		m->items[m->n].label = fixed[i].label;
		m->n++;
	}
	return m;
}

static const struct form *
menu_form(struct tui *t, size_t i)
{
	return t->s->fs->forms[i];
}

static void
menu_draw(struct tui *t, void *vst)
{
	struct menu *m = vst;
	int top = tui_body_top(t) + 1, y = top, x = 4, w = 44;
	const struct menu_item *it;
	const char *label, *who;
	char key[4], *line;
	size_t i;

	if (t->s->fs == NULL || t->s->fs->n == 0) {
		tui_attr_error(t, true);
		tui_put(y++, x, t->cols - x, tr(t, "no forms are loaded: see "
		    "'gridbook forms check'"), false);
		tui_attr_error(t, false);
		y++;
	} else {
		tui_attr_label(t, true);
		tui_put(y++, x, w, tr(t, "Forms"), false);
		tui_attr_label(t, false);
	}
	for (i = 0; i < m->n; i++) {
		it = &m->items[i];
		if (it->act != ACT_FORM && i > 0 &&
		    m->items[i - 1].act == ACT_FORM)
			y++;
		label = it->act == ACT_FORM ? label_get(&menu_form(t,
		    it->form)->title, t->lang) : tr(t, it->label);
		snprintf(key, sizeof key, "%c", it->key);
		if (i == m->sel)
			tui_attr_select(t, true);
		tui_put(y, x, 2, " ", true);
		tui_put(y, x + 2, 4, key, true);
		tui_put(y, x + 6, w - 6, label, true);
		if (i == m->sel)
			tui_attr_select(t, false);
		y++;
	}
	y++;
	if (t->s->user != NULL) {
		who = t->s->user->name != NULL ? t->s->user->name :
		    t->s->user->login;
		line = xasprintf(tr(t, "Signed in as %s (%s)"), who,
		    tr(t, role_name(t->s->user->role)));
		tui_put(y++, x, t->cols - x, line, false);
		free(line);
	}
	if (t->saved_count > 0) {
		line = xasprintf(tr(t, "%u saved this session"), t->saved_count);
		tui_put(y++, x, t->cols - x, line, false);
		free(line);
	}
}

/* Ask which form (the picker over the form titles); NULL on Esc. */
static const struct form *
menu_ask_form(struct tui *t)
{
	const struct formset *fs = t->s->fs;
	struct choice_list l;
	const struct form *f = NULL;
	char *code;
	size_t i;

	if (fs == NULL || fs->n == 0)
		return NULL;
	if (fs->n == 1)
		return fs->forms[0];
	memset(&l, 0, sizeof l);
	l.title.zh = l.title.en = (char *)tr(t, "Choose a form");
	l.v = xcalloc(fs->n, sizeof *l.v);
	l.n = fs->n;
	for (i = 0; i < fs->n; i++) {
		l.v[i].code = fs->forms[i]->name;
		l.v[i].label = fs->forms[i]->title;
	}
	code = tui_pick(t, &l, NULL, false, tr(t, "Choose a form"));
	if (code != NULL)
		f = formset_find(fs, code);
	free(code);
	free(l.v);
	return f;
}

static enum tui_ret
menu_do(struct tui *t, struct menu *m, const struct menu_item *it)
{
	struct tui_form_arg arg;
	const struct form *f;

	(void)m;
	switch (it->act) {
	case ACT_FORM:
		tui_push(t, &screen_list, (void *)menu_form(t, it->form));
		break;
	case ACT_BATCH:
		if ((f = menu_ask_form(t)) != NULL) {
			memset(&arg, 0, sizeof arg);
			arg.form = f;
			arg.batch = true;
			tui_push(t, &screen_form, &arg);
		}
		break;
	case ACT_SEARCH:
		if ((f = menu_ask_form(t)) != NULL)
			tui_push(t, &screen_list, (void *)f);
		break;
	case ACT_AUDIT:
		tui_push(t, &screen_audit, NULL);
		break;
	case ACT_HELP:
		tui_push(t, &screen_help, (void *)"menu");
		break;
	case ACT_QUIT:
		return TUI_CLOSE;
	}
	return TUI_HANDLED;
}

static enum tui_ret
menu_key(struct tui *t, void *vst, const struct tui_key *k)
{
	struct menu *m = vst;
	size_t i;

	if ((k->fn && k->code == KEY_UP) || (!k->fn && (k->code ==
	    TUI_CTRL('P') || k->code == 'k'))) {
		m->sel = m->sel > 0 ? m->sel - 1 : m->n - 1;
		return TUI_HANDLED;
	}
	if ((k->fn && k->code == KEY_DOWN) || (!k->fn && (k->code ==
	    TUI_CTRL('N') || k->code == 'j'))) {
		m->sel = m->sel + 1 < m->n ? m->sel + 1 : 0;
		return TUI_HANDLED;
	}
	if (k->fn && k->code == KEY_HOME) {
		m->sel = 0;
		return TUI_HANDLED;
	}
	if (k->fn && k->code == KEY_END) {
		m->sel = m->n - 1;
		return TUI_HANDLED;
	}
	if (!k->fn && k->code == '\n')
		return menu_do(t, m, &m->items[m->sel]);
	if (!k->fn && (k->code == TUI_ESC || k->code == TUI_CTRL('X')))
		return TUI_HANDLED;	/* the bottom: q quits */
	if (k->fn || k->code >= 0x80)
		return TUI_UNHANDLED;
	for (i = 0; i < m->n; i++)
		if (m->items[i].key == ((int)k->code | (k->code >= 'A' &&
		    k->code <= 'Z' ? 0x20 : 0))) {
			m->sel = i;
			return menu_do(t, m, &m->items[i]);
		}
	return TUI_UNHANDLED;
}

static const char *
menu_keys(struct tui *t, void *vst)
{
	(void)vst;
	return tr(t, "1-9 open a form  b batch entry  / search  a audit  "
	    "F1/^_ help  q quit");
}

static const char *
menu_title(struct tui *t, void *vst)
{
	(void)vst;
	return tr(t, "Main menu");
}

static void
menu_free(void *vst)
{
	struct menu *m = vst;

	free(m->title);
	free(m);
}

const struct screen screen_menu = {
	.name = "menu",
	.init = menu_init,
	.draw = menu_draw,
	.key = menu_key,
	.keys = menu_keys,
	.title = menu_title,
	.hangup = NULL,
	.resume = NULL,
	.free = menu_free,
};
