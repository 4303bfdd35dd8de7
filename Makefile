# ballast — one GNU Makefile. `make` builds build/ballast; `make check` runs every
# test under AddressSanitizer + UndefinedBehaviorSanitizer; `make run` builds the
# demo district and shows it. See README.md.

CC ?= gcc
PKGS := sqlite3 libpq jansson libsodium libmicrohttpd libzip expat xlsxwriter freexl cairo pangocairo libcurl
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN := -std=c17 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wvla -Wwrite-strings -Werror
BASE_CFLAGS := $(WARN) -D_GNU_SOURCE -Isrc -include src/util/banned.h $(PKG_CFLAGS) -MMD -MP
OPT_CFLAGS := -O2 -g
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LIBS := $(PKG_LIBS) -lm -lpthread

SRC := $(shell find src -name '*.c' | sort)
LIB_SRC := $(filter-out src/main.c,$(SRC))
OBJ := $(SRC:%.c=build/obj/%.o)
LIB_OBJ := $(LIB_SRC:%.c=build/obj/%.o)
SAN_OBJ := $(SRC:%.c=build/san/%.o)
SAN_LIB_OBJ := $(LIB_SRC:%.c=build/san/%.o)

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/san/tests/%)

# The web UI (web/, Vue + Vite) is built into web/dist and embedded into the
# binaries that serve it as build/gen/web_assets.c (tools/web-embed.mjs); the
# unit tests and fuzz targets link an empty table (tools/web_assets_none.c).
# Vite runs again only when a file under web/ changed.
WEB_SRC := $(shell find web -path web/node_modules -prune -o -path web/dist -prune -o \
	-type f -print 2>/dev/null | sort)
WEB_GEN := build/gen/web_assets.c
WEB_NONE := tools/web_assets_none.c
E2E := $(sort $(wildcard tests/e2e/*.test.mjs))

FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
# The same targets built with gcc under ASan + UBSan and a replaying main()
# (tests/fuzz/replay.c): `make unit` runs each over its seed corpus.
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/san/replay/%)

# -rs: every skipped test prints its reason; none is skipped silently.
PYTEST := /usr/bin/python3 -m pytest
# pytest-xdist workers for the integration suite (a test file stays on one
# worker, so its module fixtures are built once; each worker takes its
# servers' ports from a block of its own). TEST_JOBS=1 runs the files one by
# one.
TEST_JOBS ?= 2
# The UI test files at once (each its own server and browser; they spend most
# of their time waiting for pages, not computing).
UI_JOBS ?= 2
# Compiles at once when `make check` builds (one per core).
BUILD_JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps check unit integration integration-pg check-ui web run fuzz bench hardening soak mutate clean

all: build/ballast

deps:
	@scripts/deps.sh

# V=1 shows the full commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @echo "  $(1) $(2)"
endif

build/ballast: $(OBJ) build/obj/$(WEB_GEN:.c=.o)
	$(call say,LINK,$@)
	$(Q)$(CC) $(OPT_CFLAGS) -o $@ $^ $(LIBS)

build/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(BASE_CFLAGS) $(OPT_CFLAGS) -c -o $@ $<

build/san/ballast: $(SAN_OBJ) build/san/$(WEB_GEN:.c=.o)
	$(call say,LINK,$@)
	$(Q)$(CC) $(SAN_FLAGS) -o $@ $^ $(LIBS)

build/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$< [san])
	$(Q)$(CC) $(BASE_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

# Each test links tests/unit/cmocka_env.c: CMOCKA_TEST_FILTER=name runs one test.
build/san/tests/%: tests/unit/%.c tests/unit/cmocka_env.c $(SAN_LIB_OBJ) build/san/$(WEB_NONE:.c=.o)
	@mkdir -p $(dir $@)
	$(call say,TEST,$@)
	$(Q)$(CC) $(BASE_CFLAGS) $(SAN_FLAGS) -Itests/unit -o $@ $< tests/unit/cmocka_env.c \
		$(SAN_LIB_OBJ) build/san/$(WEB_NONE:.c=.o) $(LIBS) \
		$(shell pkg-config --cflags --libs cmocka)

# ---- the web UI ----

# npm ci (scripts/deps.sh) whenever the lock file is newer than node_modules.
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@scripts/deps.sh
	@touch $@

web/dist/index.html: $(WEB_SRC) web/node_modules/.package-lock.json
	$(call say,VITE,web/dist)
	$(Q)cd web && node_modules/.bin/vite build --logLevel warn
	@test -s $@ || { echo "web/dist/index.html was not built" >&2; exit 1; }
	@touch $@

web: web/dist/index.html

$(WEB_GEN): web/dist/index.html tools/web-embed.mjs
	$(call say,EMBED,$@)
	$(Q)node tools/web-embed.mjs web/dist $@

# Everything is built first, one compile per core; then the unit tests; then
# the integration suite on SQLite, the same suite on PostgreSQL and the UI suite
# side by side: none fills a core (the UI mostly waits for Chromium's pages, the
# PostgreSQL run for its server), and each
# takes loopback ports from its own block (TEST_PORT_LANE of TEST_PORT_LANES,
# tests/integration/server.py), so their servers never race for one. --output-sync keeps each
# suite's report whole.
check: deps
	$(MAKE) -j$(BUILD_JOBS) $(UNIT_BIN) $(REPLAY_BIN) build/ballast build/san/ballast
	$(MAKE) unit
	$(MAKE) -j3 --output-sync=target integration integration-pg check-ui TEST_PORT_LANES=3

integration: export TEST_PORT_LANE := 0
check-ui: export TEST_PORT_LANE := 1
integration-pg: export TEST_PORT_LANE := 2
export TEST_PORT_LANES

unit: $(UNIT_BIN) $(REPLAY_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; case $$t in \
		*/test_db|*/test_store_multi) tests/pg/cluster.sh run $$t ;; *) $$t ;; esac; done
	@set -e; for t in $(REPLAY_BIN); do $$t tests/fuzz/corpus/$$(basename $$t); done

# A fuzz target as a plain program over its seeds (no libFuzzer, no clang).
# The query-parameter target answers req_query itself: it links without server.c.
build/san/replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(SAN_LIB_OBJ) build/san/$(WEB_NONE:.c=.o)
	@mkdir -p $(dir $@)
	$(call say,REPLAY,$@)
	$(Q)$(CC) $(BASE_CFLAGS) $(SAN_FLAGS) -o $@ $< tests/fuzz/replay.c \
		$(filter-out $(if $(filter fuzz_params,$*),build/san/src/http/server.o),$(SAN_LIB_OBJ)) \
		build/san/$(WEB_NONE:.c=.o) $(LIBS)

integration: build/san/ballast build/ballast
	BALLAST=$(CURDIR)/build/san/ballast $(PYTEST) -q -rs $(if $(filter-out 1,$(TEST_JOBS)),-n $(TEST_JOBS) --dist loadfile) tests/integration

# The same black-box tests against PostgreSQL (issue #17): a cluster of the run's
# own (tests/pg/cluster.sh), each test's database a PostgreSQL database of its own
# (tests/integration/backend.py).
integration-pg: build/san/ballast build/ballast
	tests/pg/cluster.sh run env BALLAST=$(CURDIR)/build/san/ballast $(PYTEST) -q -rs $(if $(filter-out 1,$(TEST_JOBS)),-n $(TEST_JOBS) --dist loadfile) tests/integration

# The UI tests: headless Chromium (playwright-core) against a real `ballast serve`.
check-ui: build/ballast web/node_modules/.package-lock.json
	BALLAST=$(CURDIR)/build/ballast node --test --test-concurrency=$(UI_JOBS) $(E2E)

# The demo district as of 2024-06-30, one account per role, then the server;
# `make run DB=postgres` keeps it in a local PostgreSQL cluster (build/pg-demo).
PORT ?= 8080
DB ?= sqlite
run: deps build/ballast
	exec scripts/demo.sh $(DB) $(PORT)

FUZZ_CFLAGS := $(filter-out -MMD -MP,$(BASE_CFLAGS)) -Wno-unused-command-line-argument \
	-Wno-string-concatenation -g -O1 -fsanitize=fuzzer,address,undefined

build/fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(WEB_NONE)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -o $@ $< $(LIB_SRC) $(WEB_NONE) $(LIBS)

# The query-parameter target answers req_query itself, so it links without server.c.
build/fuzz/fuzz_params: tests/fuzz/fuzz_params.c $(LIB_SRC) $(WEB_NONE)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -o $@ $< $(filter-out src/http/server.c,$(LIB_SRC)) $(WEB_NONE) $(LIBS)

fuzz: deps $(FUZZ_BIN)
	@set -e; for f in $(FUZZ_BIN); do echo "== $$f"; \
		mkdir -p build/fuzz/corpus/$$(basename $$f); \
		$$f -max_total_time=$${FUZZ_SECONDS:-60} build/fuzz/corpus/$$(basename $$f) \
		tests/fuzz/corpus/$$(basename $$f); done

bench: deps build/ballast
	bench/run.sh
	bench/http.sh
	BALLAST=$(CURDIR)/build/ballast node bench/ui.mjs

# The full hardening checks (kill -9, permission matrix, ~1,800 payloads) and their table.
hardening: build/san/ballast
	BALLAST=$(CURDIR)/build/san/ballast /usr/bin/python3 tests/hardening/run.py

# The server 10 minutes (SOAK_SECONDS) under load: flat RSS, no descriptor growth.
soak: build/ballast
	BALLAST=$(CURDIR)/build/ballast /usr/bin/python3 tests/hardening/soak.py

# Mutation testing, not part of check: FILE=src/core/access.c for one file, MUTATE_LIMIT=N to sample (docs/testing.md).
mutate:
	MUTATE_LIMIT=$(MUTATE_LIMIT) MUTATE_BUDGET=$(MUTATE_BUDGET) python3 tools/mutate.py $(FILE)

clean:
	rm -rf build

-include $(OBJ:.o=.d) $(SAN_OBJ:.o=.d)
