# conductscan — see README.md.  `make demo`, `make check`.
#
# Project flags are added to the user's CFLAGS, never replace them.
# DEVELOPER=1 turns warnings into errors (CI).  SANITIZE=address,undefined
# builds everything, tests included, with those sanitizers into its own
# build folder, so switching variants never mixes objects.

CC      ?= cc
CFLAGS  ?= -O2 -g
PREFIX  ?= /usr/local
DESTDIR ?=
VERSION := 0.1.0

PKGS      = libarchive libmagic libxml-2.0 libxslt libexslt jansson zlib libcrypto libpcre2-8 libutf8proc
TEST_PKGS = cmocka
# Debian packages the build and the tests need (make deps installs them).
DEB_PKGS  = gcc make pkg-config libarchive-dev libmagic-dev libmagic-mgc libxml2-dev \
            libxslt1-dev libjansson-dev zlib1g-dev libssl-dev libpcre2-dev \
            libutf8proc-dev libcmocka-dev tzdata help2man

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wformat=2 -Wvla
PROJECT_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -I. $(WARN) -MMD -MP \
                 -DCS_VERSION='"$(VERSION)"' -DCS_DATADIR='"$(PREFIX)/share/conductscan"'
ifdef DEVELOPER
PROJECT_CFLAGS += -Werror
endif

BUILD = build/default
ifdef SANITIZE
BUILD = build/san-$(subst $(comma),-,$(SANITIZE))
PROJECT_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_LDFLAGS = -fsanitize=$(SANITIZE)
endif
comma := ,

# pkg-config runs once, and only after `deps` may have installed packages
# (the variables are expanded lazily, then memoised).
PKG_CFLAGS  = $(eval PKG_CFLAGS := $$(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS    = $(eval PKG_LIBS := $$(shell pkg-config --libs $(PKGS)) -lpthread)$(PKG_LIBS)
TEST_CFLAGS = $(eval TEST_CFLAGS := $$(shell pkg-config --cflags $(TEST_PKGS)))$(TEST_CFLAGS)
TEST_LIBS   = $(eval TEST_LIBS := $$(shell pkg-config --libs $(TEST_PKGS)))$(TEST_LIBS)

ALL_CFLAGS = $(CFLAGS) $(PROJECT_CFLAGS) $(PKG_CFLAGS)

# Every module is found by folder: adding a format or a report is adding
# its file, never editing this Makefile.
LIB_SRC  = $(sort $(filter-out scanner/main.c,$(wildcard scanner/*.c scanner/*/*.c formats/*.c reports/*.c)))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
TESTS    = $(sort $(patsubst tests/%.c,%,$(wildcard tests/test_*.c)))
TEST_BIN = $(TESTS:%=$(BUILD)/tests/%)
TOOLS    = $(BUILD)/tools/mkarchive

# samples/<name>/ source trees, archived at build time (never committed).
SAMPLE_DIRS = $(sort $(patsubst %/,%,$(dir $(wildcard samples/*/.sample))))
SAMPLES     = $(SAMPLE_DIRS:samples/%=samples/built/%.zip)

.PHONY: all deps check check-browser demo install clean samples FORCE
all: conductscan

deps:
	@scripts/deps $(DEB_PKGS)

# Copied then renamed: rewriting the binary in place kills a scan that is
# running it (SIGBUS).
conductscan: $(BUILD)/conductscan
	@cp $< $@.tmp && mv -f $@.tmp $@

$(BUILD)/conductscan: $(BUILD)/scanner/main.o $(BUILD)/libconductscan.a
	$(CC) $(CFLAGS) $(SAN_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libconductscan.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -c -o $@ $<

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(BUILD)/tests/testutil.o $(BUILD)/libconductscan.a
	$(CC) $(CFLAGS) $(SAN_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

$(BUILD)/tools/%: tests/tools/%.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_LDFLAGS) $(LDFLAGS) -o $@ $< $(PKG_LIBS)

samples: $(SAMPLES)

# A sample is rebuilt when any file in its tree changes.
.SECONDEXPANSION:
samples/built/%.zip: $$(shell find samples/$$* -type f) $(TOOLS)
	@mkdir -p samples/built
	$(BUILD)/tools/mkarchive -o $@ -C samples/$* .

# Tests run from the top folder; they find the binary, the samples and the
# tools through these variables.
check: $(BUILD)/conductscan $(TEST_BIN) $(SAMPLES) $(TOOLS)
	@failed=0; for t in $(TEST_BIN); do \
		echo "== $$t"; \
		CS_BIN=$(BUILD)/conductscan CS_TOOLS=$(BUILD)/tools CS_SAMPLES=samples/built \
		CMOCKA_MESSAGE_OUTPUT=stdout $$t || failed=$$((failed+1)); \
	done; \
	if [ $$failed -ne 0 ]; then echo "$$failed test program(s) failed"; exit 1; fi; \
	echo "all test programs passed"

# Each sample is scanned with the org profile its marker names
# ("org=NAME" in samples/<name>/.sample -> samples/orgs/NAME.json).
demo: conductscan $(SAMPLES)
	@rm -rf out/demo && mkdir -p out/demo
	@for s in $(SAMPLE_DIRS); do \
		n=$$(basename $$s); \
		org=$$(sed -n 's/^org=//p' $$s/.sample); \
		echo "== $$n"; \
		./conductscan scan -q -o out/demo/$$n --case DEMO-$$n \
			--investigator "Demo Investigator" --subject "Demo Subject" \
			$${org:+--org samples/orgs/$$org.json} samples/built/$$n.zip; \
		st=$$?; [ $$st -le 1 ] || exit $$st; \
	done
	@echo "bundles in out/demo/: open out/demo/<sample>/report.html; check one with"
	@echo "  (cd out/demo/twitter-2022 && sha256sum -c SHA256SUMS)"

# The report in a real browser: headless Chromium to PNG and PDF (A4).
check-browser: conductscan $(SAMPLES)
	@scripts/deps chromium poppler-utils
	@scripts/check-browser ./conductscan out/check-browser

install: conductscan
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/conductscan \
	           $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 conductscan $(DESTDIR)$(PREFIX)/bin/conductscan
	cp -R templates policies $(DESTDIR)$(PREFIX)/share/conductscan/
	help2man --no-info --name='scan a social-media export for policy breaches' \
	         ./conductscan > $(DESTDIR)$(PREFIX)/share/man/man1/conductscan.1

clean:
	rm -rf build conductscan samples/built

# Further targets live in their own fragments (mk/fuzz.mk, mk/bench.mk).
include $(sort $(wildcard mk/*.mk))

-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d $(BUILD)/*/*/*.d)
