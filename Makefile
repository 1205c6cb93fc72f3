# midad — build, run, test.
#
#   make run    install what is missing, build, create the demo site, serve it
#   make test   install what is missing, build with sanitizers, run every suite
#
# Two builds live side by side: build/rel (optimised, for run and bench) and
# build/asan (AddressSanitizer + UndefinedBehaviorSanitizer, for tests).

CC      ?= cc
PKGS    := libmicrohttpd sqlite3 icu-uc icu-i18n libsodium zlib libbrotlienc md4c inih libutf8proc \
           libxml-2.0 libcurl
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN    := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
CFLAGS_COMMON := -std=c11 -D_GNU_SOURCE $(WARN) -Isrc -Ibuild/gen $(PKG_CFLAGS) -pthread
LIBS    := $(PKG_LIBS) -lstemmer -lm -pthread   # libstemmer has no pkg-config file

REL_CFLAGS  := $(CFLAGS_COMMON) -O2 -g
ASAN_CFLAGS := $(CFLAGS_COMMON) -O1 -g -fno-omit-frame-pointer \
               -fsanitize=address,undefined -fno-sanitize-recover=undefined
ASAN_LDFLAGS := -fsanitize=address,undefined

LIB_SRC  := $(sort $(wildcard src/*/*.c))
ASSETS   := $(sort $(shell find templates static locale demo -type f 2>/dev/null))
GEN      := build/gen/assets.c
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

FUZZ_CC     := clang
FUZZ_CFLAGS := $(CFLAGS_COMMON) -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
               -DTMPL_RENDER_BUDGET=65536   # runaway templates stop sooner under the fuzzer
FUZZ_SRC    := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN    := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/bin/%)
FUZZ_OBJ    := $(LIB_SRC:src/%.c=build/fuzz/%.o) build/fuzz/assets.o
FUZZ_SECONDS ?= 60

REL_OBJ  := $(LIB_SRC:src/%.c=build/rel/%.o) build/rel/assets.o
ASAN_OBJ := $(LIB_SRC:src/%.c=build/asan/%.o) build/asan/assets.o
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)

DB      ?= data/midad.db
LISTEN  ?= 127.0.0.1:8080

.PHONY: all deps run test fuzz bench clean
all: build/rel/midad

deps:
	@tools/deps.sh

build/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $<

$(GEN): build/tools/embed $(ASSETS)
	@mkdir -p $(@D)
	build/tools/embed $(ASSETS) > $@.tmp && mv $@.tmp $@

build/rel/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(REL_CFLAGS) -MMD -MP -c -o $@ $<

build/asan/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -MMD -MP -c -o $@ $<

build/rel/assets.o: $(GEN)
	$(CC) $(REL_CFLAGS) -c -o $@ $<
build/asan/assets.o: $(GEN)
	$(CC) $(ASAN_CFLAGS) -c -o $@ $<

build/fuzz/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<
build/fuzz/assets.o: $(GEN)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<
build/fuzz/libmidad.a: $(FUZZ_OBJ)
	ar rcs $@ $^
build/fuzz/bin/%: tests/fuzz/%.c build/fuzz/libmidad.a
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< build/fuzz/libmidad.a $(LIBS)

build/rel/libmidad.a: $(REL_OBJ)
	ar rcs $@ $^
build/asan/libmidad.a: $(ASAN_OBJ)
	ar rcs $@ $^

build/rel/midad: build/rel/main.o build/rel/libmidad.a
	$(CC) -o $@ $^ $(LIBS)
build/asan/midad: build/asan/main.o build/asan/libmidad.a
	$(CC) $(ASAN_LDFLAGS) -o $@ $^ $(LIBS)

build/rel/main.o: src/main.c
	@mkdir -p $(@D)
	$(CC) $(REL_CFLAGS) -MMD -MP -c -o $@ $<
build/asan/main.o: src/main.c
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -MMD -MP -c -o $@ $<

build/asan/tests/%: tests/unit/%.c build/asan/libmidad.a
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -Itests/unit -o $@ $< build/asan/libmidad.a $(LIBS) $(ASAN_LDFLAGS) $$(pkg-config --libs cmocka)

run: deps build/rel/midad
	@mkdir -p data
	@if [ ! -f $(DB) ]; then build/rel/midad init --db $(DB) && build/rel/midad demo --db $(DB); fi
	build/rel/midad serve --db $(DB) --listen $(LISTEN)

test: deps build/asan/midad $(UNIT_BIN) $(FUZZ_BIN)
	@tools/test.sh

# Run every fuzz target for FUZZ_SECONDS each, growing a corpus in build/.
fuzz: deps $(FUZZ_BIN)
	@tests/fuzz/run.sh $(FUZZ_SECONDS)

bench: deps build/rel/midad
	bench/serve

clean:
	rm -rf build

-include $(wildcard build/*/*.d build/*/*/*.d)

# sqlmap against every form and query parameter of a server on 127.0.0.1
# with a fresh database (about 8 minutes: not part of `make test`).
.PHONY: test-security
test-security: deps build/rel/midad
	tests/security/sqlmap.sh build/rel/midad
