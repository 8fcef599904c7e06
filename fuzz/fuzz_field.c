/*
 * fuzz_field.c — libFuzzer harness for what people type: every field type's
 * parse, and record_parse_value() on every field of the shipped forms
 * (choices, bounds, lengths, patterns).  The first byte picks the field, the
 * rest is the text.  Whatever is typed, parsing must fail with a lower-case
 * message or give valid UTF-8 that parses to itself again (canonical text is
 * a fixed point), and ordered types must find it equal to itself.
 *
 *   make fuzz-field
 *   build-fuzz/fuzz_field -max_total_time=600 fuzz/corpus/field
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct field **fuzz_fields;
static size_t fuzz_nfields;
static struct formset *fuzz_forms;

static void
fuzz_add(const struct field *f)
{
	fuzz_fields = xreallocarray(fuzz_fields, fuzz_nfields + 1,
	    sizeof *fuzz_fields);
	fuzz_fields[fuzz_nfields++] = f;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diags d = DIAGS_INIT;
	const char *dir = getenv("GRIDBOOK_FORMS");
	size_t i, j, k;

	(void)argc;
	(void)argv;
	setenv("GRIDBOOK_TODAY", "2026-03-01", 1);
	spec_load_dir(dir != NULL ? dir : "forms", &fuzz_forms, &d);
	diags_free(&d);
	for (i = 0; fuzz_forms != NULL && i < fuzz_forms->n; i++) {
		const struct form *f = fuzz_forms->forms[i];

		for (j = 0; j < f->nfields; j++) {
			if (f->fields[j].type == NULL)
				continue;
			if (f->fields[j].type->kind != FK_GROUP) {
				fuzz_add(&f->fields[j]);
				continue;
			}
			for (k = 0; k < f->fields[j].nfields; k++)
				if (f->fields[j].fields[k].type != NULL)
					fuzz_add(&f->fields[j].fields[k]);
		}
	}
	return 0;
}

static void
fuzz_check_msg(const char *err)
{
	if (err[0] == '\0' || (err[0] >= 'A' && err[0] <= 'Z' && err[0] != 'X'))
		abort();
}

static void
fuzz_type(const struct field_type *t, const char *in)
{
	char err[512] = "", *out = NULL, *again = NULL;

	if (t->parse(in, &out, err, sizeof err) != 0) {
		fuzz_check_msg(err);
		return;
	}
	if (!utf8_valid(out, strlen(out), NULL))
		abort();
	if (t->parse(out, &again, err, sizeof err) != 0 ||
	    strcmp(out, again) != 0) {
		fprintf(stderr, "%s: '%s' is not a fixed point\n", t->name, out);
		abort();
	}
	if (t->compare != NULL && t->compare(out, again) != 0)
		abort();
	free(again);
	free(out);
}

static void
fuzz_field(const struct field *f, const char *in)
{
	char err[512] = "", *out = NULL, *again = NULL;

	if (record_parse_value(f, in, &out, err, sizeof err) != 0) {
		fuzz_check_msg(err);
		return;
	}
	if (out == NULL)
		return;
	if (record_parse_value(f, out, &again, err, sizeof err) != 0 ||
	    again == NULL || strcmp(out, again) != 0) {
		fprintf(stderr, "%s: '%s' is not a fixed point (%s)\n", f->name,
		    out, err);
		abort();
	}
	free(again);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const enum field_kind kinds[] = { FK_TEXT, FK_TEXTAREA,
	    FK_INTEGER, FK_DECIMAL, FK_DATE, FK_CHOICE, FK_MULTICHOICE, FK_BOOL,
	    FK_IDCARD, FK_PHONE, FK_REF };
	char *in;
	size_t pick, ntypes = sizeof kinds / sizeof kinds[0];

	if (len < 1 || len > 4096)
		return 0;
	in = xstrndup((const char *)data + 1, len - 1);
	pick = data[0] % (ntypes + (fuzz_nfields > 0 ? 1 : 0));
	if (pick < ntypes)
		fuzz_type(field_type_by_kind(kinds[pick]), in);
	else if (len > 2)
		fuzz_field(fuzz_fields[data[1] % fuzz_nfields], in + 1);
	free(in);
	return 0;
}
