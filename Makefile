# gridbook — GNU make.  Packagers may override CC CFLAGS LDFLAGS PREFIX DESTDIR.
#
#   make            build ./gridbook
#   make check      unit suites, then the same suites under ASan+UBSan, then e2e
#   make run        build, create a demo database on first use, start the program
#   make install    install binary, forms, config and man pages under $(PREFIX)
#
# Objects are grouped by layer (see doc/architecture.md); each unit suite links
# only the layers it tests, so a layer cannot call upward without a link error.

CC       ?= cc
PREFIX   ?= /usr/local
DESTDIR  ?=
PKGS     := ncursesw lmdb yaml-0.1
WARN     := -std=c11 -Wall -Wextra -Wformat=2 -Wmissing-prototypes -Wshadow \
            -Wstrict-prototypes -Wno-unused-parameter -Werror
CFLAGS   ?= -O2 -g
CPPFLAGS += -D_GNU_SOURCE -Isrc
# Where installed forms are looked for when --forms and $$GRIDBOOK_FORMS are
# not given (and always, when the program runs setgid): make install puts
# them there.  Build and install with the same PREFIX.
CPPFLAGS += -DGRIDBOOK_FORMS_DIR='"$(PREFIX)/share/gridbook/forms"'
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)

# SAN=1 builds everything into build-san/ with ASan+UBSan.
ifeq ($(SAN),1)
B        := build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
B        := build
SANFLAGS :=
endif

ALL_CFLAGS = $(WARN) $(CFLAGS) $(SANFLAGS) $(PKG_CFLAGS) $(CPPFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)

obj = $(patsubst src/%.c,$(B)/%.o,$(wildcard $(1)))

UTIL_OBJ   := $(call obj,src/util*.c)
FIELD_OBJ  := $(call obj,src/field*.c)
SPEC_OBJ   := $(call obj,src/spec*.c src/expr*.c)
RECORD_OBJ := $(call obj,src/record*.c)
STORE_OBJ  := $(call obj,src/store*.c)
APP_OBJ    := $(call obj,src/app*.c)
CMD_OBJ    := $(call obj,src/cmd*.c)
TUI_OBJ    := $(call obj,src/tui*.c)
MAIN_OBJ   := $(B)/main.o

LOW_OBJ  := $(UTIL_OBJ) $(FIELD_OBJ)
SPEC_ALL := $(SPEC_OBJ) $(LOW_OBJ)
REC_ALL  := $(RECORD_OBJ) $(SPEC_ALL)
APP_ALL  := $(APP_OBJ) $(REC_ALL) $(STORE_OBJ)
ALL_OBJ  := $(MAIN_OBJ) $(CMD_OBJ) $(TUI_OBJ) $(APP_ALL)

BIN := $(B)/gridbook

.PHONY: all check unit unit-san e2e run install clean deps fuzz lint-man bench FORCE valgrind
all: gridbook

gridbook: $(BIN)
	@if [ "$(B)" = build ]; then ln -sf $(BIN) gridbook; fi

$(BIN): $(ALL_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $(ALL_OBJ) $(PKG_LIBS) -lm

$(B)/%.o: src/%.c $(wildcard src/*.h)
	@mkdir -p $(B)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The files that compile PREFIX in are rebuilt when it changes.
$(B)/app.o $(B)/cmd-forms.o: $(B)/prefix.stamp
$(B)/prefix.stamp: FORCE
	@mkdir -p $(B)
	@[ "$$(cat $@ 2>/dev/null)" = "$(PREFIX)" ] || echo "$(PREFIX)" > $@
FORCE:

$(B)/tests/%.o: tests/%.c $(wildcard src/*.h) $(wildcard tests/*.h)
	@mkdir -p $(B)/tests
	$(CC) $(ALL_CFLAGS) -Itests -c -o $@ $<

# Unit suites: tests/check_<layer>*.c, each linked with the layers below it.
define suite
$(B)/tests/$(1): $(B)/tests/$(1).o $(2)
	$$(CC) $$(ALL_LDFLAGS) -o $$@ $$^ $$(PKG_LIBS) $$(CHECK_LIBS) -lm
endef
SUITES :=
$(foreach t,$(notdir $(basename $(wildcard tests/check_util*.c tests/check_field*.c))),$(eval $(call suite,$(t),$(LOW_OBJ)))$(eval SUITES += $(t)))
$(foreach t,$(notdir $(basename $(wildcard tests/check_spec*.c tests/check_expr*.c))),$(eval $(call suite,$(t),$(SPEC_ALL)))$(eval SUITES += $(t)))
$(foreach t,$(notdir $(basename $(wildcard tests/check_record*.c))),$(eval $(call suite,$(t),$(REC_ALL)))$(eval SUITES += $(t)))
$(foreach t,$(notdir $(basename $(wildcard tests/check_store*.c))),$(eval $(call suite,$(t),$(STORE_OBJ) $(UTIL_OBJ)))$(eval SUITES += $(t)))
$(foreach t,$(notdir $(basename $(wildcard tests/check_app*.c))),$(eval $(call suite,$(t),$(APP_ALL)))$(eval SUITES += $(t)))
$(foreach t,$(notdir $(basename $(wildcard tests/check_tui*.c))),$(eval $(call suite,$(t),$(TUI_OBJ) $(APP_ALL)))$(eval SUITES += $(t)))

SUITE_BINS := $(addprefix $(B)/tests/,$(SUITES))

deps:
	@scripts/install-deps

# Run every unit suite; CK_FORK keeps a crashing test from taking the suite down.
unit: $(SUITE_BINS)
	@fail=0; for t in $(SUITE_BINS); do \
	  echo "== $$t"; GRIDBOOK_FORMS=$(CURDIR)/forms $$t || fail=1; done; exit $$fail

unit-san:
	@$(MAKE) --no-print-directory SAN=1 unit

e2e: gridbook
	@tests/run-e2e $(CURDIR)/build/gridbook

check: deps
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory unit-san
	@$(MAKE) --no-print-directory e2e

run: deps gridbook
	@scripts/demo-db demo
	./gridbook --db demo/db --forms forms --config config/gridbook.yaml --user admin

# The CLI end-to-end scripts with every gridbook run under valgrind (memory
# errors and definite leaks fail the run; logs in build/valgrind/).  Slow:
# not part of `make check`.
VG_SCRIPTS := $(wildcard tests/e2e/cli-*.sh) tests/e2e/forms-check.sh
valgrind: gridbook
	@mkdir -p build/valgrind && rm -f build/valgrind/vg.*.log
	@fail=0; for t in $(VG_SCRIPTS); do \
	  if GRIDBOOK_VG_LOG=$(CURDIR)/build/valgrind \
	    GRIDBOOK_BIN=$(CURDIR)/tests/valgrind-wrap GRIDBOOK_SRC=$(CURDIR) \
	    bash $$t >build/valgrind/$$(basename $$t .sh).out 2>&1; \
	  then echo "ok   $$t"; else echo "FAIL $$t"; fail=1; \
	    tail -5 build/valgrind/$$(basename $$t .sh).out; fi; done; \
	for l in build/valgrind/vg.*.log; do \
	  if [ -s "$$l" ]; then echo "== $$l"; cat "$$l"; fail=1; fi; done; \
	echo "valgrind: $$(ls build/valgrind/vg.*.log | wc -l) runs"; exit $$fail

lint-man:
	@for m in man/*.[0-9]; do mandoc -Tlint -Wwarning $$m || exit 1; done

install: gridbook
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gridbook/forms/lists \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/man/man8
	install -m 755 build/gridbook $(DESTDIR)$(PREFIX)/bin/gridbook
	install -m 644 forms/*.yaml $(DESTDIR)$(PREFIX)/share/gridbook/forms/
	install -m 644 forms/lists/*.yaml $(DESTDIR)$(PREFIX)/share/gridbook/forms/lists/
	install -m 644 config/gridbook.yaml $(DESTDIR)$(PREFIX)/share/gridbook/gridbook.yaml.example
	for m in man/*.1; do [ -f $$m ] && install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man1/; done; true
	for m in man/*.5; do [ -f $$m ] && install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man5/; done; true
	for m in man/*.8; do [ -f $$m ] && install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man8/; done; true

# libFuzzer harness for the record decoder (clang).  Run it with e.g.
#   build-fuzz/fuzz_record -max_total_time=600 fuzz/corpus/record
# and keep any crash-* it writes under tests/fuzz-regress/record/.
FUZZ_CC    ?= clang
FUZZ_FLAGS := -std=c11 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
FUZZ_REC_SRC := $(wildcard src/util*.c src/field*.c src/spec*.c src/expr*.c src/record*.c)

.PHONY: fuzz-record
fuzz-record: build-fuzz/fuzz_record
build-fuzz/fuzz_record: fuzz/fuzz_record.c $(FUZZ_REC_SRC) $(wildcard src/*.h)
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) $(PKG_CFLAGS) $(CPPFLAGS) -o $@ fuzz/fuzz_record.c $(FUZZ_REC_SRC) $(PKG_LIBS) -lm

# The field parsers and record_parse_value on every field of ./forms.
.PHONY: fuzz-field
fuzz-field: build-fuzz/fuzz_field
build-fuzz/fuzz_field: fuzz/fuzz_field.c $(FUZZ_REC_SRC) $(wildcard src/*.h)
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) $(PKG_CFLAGS) $(CPPFLAGS) -o $@ fuzz/fuzz_field.c $(FUZZ_REC_SRC) $(PKG_LIBS) -lm

# libFuzzer harness for the spec loader (forms, lists, config).  Run it with
#   build-fuzz/fuzz_spec -dict=fuzz/spec.dict -max_total_time=600 \
#       build-fuzz/corpus-spec fuzz/corpus/spec
# and keep any crash-* it writes, once fixed, under tests/fuzz-regress/spec/.
FUZZ_SPEC_SRC := $(wildcard src/util*.c src/field*.c src/spec*.c src/expr*.c)

.PHONY: fuzz-spec
fuzz-spec: build-fuzz/fuzz_spec
build-fuzz/fuzz_spec: fuzz/fuzz_spec.c $(FUZZ_SPEC_SRC) $(wildcard src/*.h)
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) $(PKG_CFLAGS) $(CPPFLAGS) -o $@ fuzz/fuzz_spec.c $(FUZZ_SPEC_SRC) $(PKG_LIBS) -lm

# Every fuzz harness.
fuzz: fuzz-spec fuzz-record fuzz-field

clean:
	rm -rf build build-san build-fuzz gridbook
