/*
 * fuzz_spec.c — libFuzzer harness for the spec layer: each input is loaded
 * as a form (with one shared list available), as a shared list file and as
 * a config; a form that loads has every show_if evaluated against every
 * state and against made-up values, so the evaluators see what the checker
 * let through.  Inputs over 256 KiB are skipped (the loader's own 4 MiB
 * limit is tested in check_spec_hostile); the dictionary is fuzz/spec.dict.
 *
 *   make fuzz-spec
 *   build-fuzz/fuzz_spec -dict=fuzz/spec.dict -max_total_time=600 \
 *       build-fuzz/corpus-spec fuzz/corpus/spec
 *
 * Keep any crash-* it writes, once fixed, under tests/fuzz-regress/spec/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spec.h"

#define FUZZ_MAX_INPUT	(256 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int LLVMFuzzerInitialize(int *, char ***);

static struct choice_list shared;

static const char shared_yaml[] =
    "list: sex\ntitle: {zh: 性别, en: Sex}\nchoices:\n"
    "  - {code: \"1\", zh: 男, en: Male}\n  - {code: \"2\", zh: 女}\n";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diags d = DIAGS_INIT;

	(void)argc;
	(void)argv;
	if (spec_list_parse("sex.yaml", shared_yaml, strlen(shared_yaml),
	    &shared, &d) != 0)
		abort();
	diags_free(&d);
	return 0;
}

/* Values for evaluation: the field's name, or its default, or nothing. */
static const char *
fuzz_get(void *ctx, const struct field *f)
{
	unsigned *n = ctx;

	switch ((*n)++ % 4) {
	case 0:
		return NULL;
	case 1:
		return f->def;
	case 2:
		return f->choices != NULL && f->choices->n > 0 ?
		    f->choices->v[0].code : "1";
	default:
		return f->name;
	}
}

static void
exercise(const struct form *form)
{
	const struct field *f;
	unsigned n = 0;
	size_t i, j, s;

	for (i = 0; i < form->nfields; i++) {
		for (j = 0; j <= form->fields[i].nfields; j++) {
			struct expr_env env = { fuzz_get, &n, NULL };

			f = j == 0 ? &form->fields[i] :
			    &form->fields[i].fields[j - 1];
			if (f->show_if == NULL)
				continue;
			(void)expr_eval(f->show_if, &env);
			(void)expr_eval_state(f->show_if, NULL);
			for (s = 0; s < form->wf.nstates; s++) {
				env.state = form->wf.states[s].name;
				(void)expr_eval(f->show_if, &env);
				if (expr_eval_state(f->show_if,
				    form->wf.states[s].name) > 1)
					abort();
			}
			if (form_field(form, f->name) == NULL && f->parent ==
			    NULL)
				abort();
		}
	}
	for (i = 0; i < form->ncolumns; i++)
		(void)form_field(form, form->columns[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d = DIAGS_INIT;
	struct form *form = NULL;
	struct choice_list l;
	struct config *cfg = NULL;
	size_t i;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (spec_load_buffer("fuzz.yaml", (const char *)data, size, &shared,
	    1, &form, &d) == 0) {
		if (form == NULL || d.n != 0)
			abort();
		exercise(form);
		form_free(form);
	} else if (form != NULL || d.n == 0)
		abort();	/* a failure always says why */
	for (i = 0; i < d.n; i++)
		if (d.v[i].msg[0] == '\0')
			abort();
	diags_free(&d);
	if (spec_list_parse("fuzz.yaml", (const char *)data, size, &l, &d) ==
	    0)
		choice_list_clear(&l);
	diags_free(&d);
	if (config_load_buffer("fuzz.yaml", (const char *)data, size, &cfg,
	    &d) == 0) {
		for (i = 0; i < cfg->nusers; i++)
			if (config_user(cfg, cfg->users[i].login) == NULL)
				abort();
		config_free(cfg);
	}
	diags_free(&d);
	return 0;
}
