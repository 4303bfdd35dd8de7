# ballast — one GNU Makefile. `make` builds build/ballast; `make check` runs every
# test under AddressSanitizer + UndefinedBehaviorSanitizer; `make run` builds the
# demo district and shows it. See README.md.

CC ?= gcc
PKGS := sqlite3 jansson libsodium libmicrohttpd libzip expat xlsxwriter freexl cairo pangocairo
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

FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)

PYTEST := /usr/bin/python3 -m pytest

.PHONY: all deps check unit integration run fuzz bench clean

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

build/ballast: $(OBJ)
	$(call say,LINK,$@)
	$(Q)$(CC) $(OPT_CFLAGS) -o $@ $^ $(LIBS)

build/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(BASE_CFLAGS) $(OPT_CFLAGS) -c -o $@ $<

build/san/ballast: $(SAN_OBJ)
	$(call say,LINK,$@)
	$(Q)$(CC) $(SAN_FLAGS) -o $@ $^ $(LIBS)

build/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$< [san])
	$(Q)$(CC) $(BASE_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/san/tests/%: tests/unit/%.c $(SAN_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(call say,TEST,$@)
	$(Q)$(CC) $(BASE_CFLAGS) $(SAN_FLAGS) -Itests/unit -o $@ $< $(SAN_LIB_OBJ) $(LIBS) \
		$(shell pkg-config --cflags --libs cmocka)

check: deps
	$(MAKE) unit integration

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

integration: build/san/ballast build/ballast
	BALLAST=$(CURDIR)/build/san/ballast $(PYTEST) -q tests/integration

run: deps build/ballast
	@rm -f demo.db demo.db-wal demo.db-shm
	build/ballast demo --db demo.db
	build/ballast overview --db demo.db --year 2024 --asof 2024-06-30

build/fuzz/%: tests/fuzz/%.c $(LIB_SRC)
	@mkdir -p $(dir $@)
	clang $(filter-out -MMD -MP,$(BASE_CFLAGS)) -Wno-unused-command-line-argument -g -O1 \
		-fsanitize=fuzzer,address,undefined -o $@ $< $(LIB_SRC) $(LIBS)

fuzz: deps $(FUZZ_BIN)
	@set -e; for f in $(FUZZ_BIN); do echo "== $$f"; \
		mkdir -p build/fuzz/corpus/$$(basename $$f); \
		$$f -max_total_time=$${FUZZ_SECONDS:-60} build/fuzz/corpus/$$(basename $$f) \
		tests/fuzz/corpus/$$(basename $$f); done

bench: deps build/ballast
	bench/run.sh

clean:
	rm -rf build

-include $(OBJ:.o=.d) $(SAN_OBJ:.o=.d)
