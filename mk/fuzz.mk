# Fuzzing with clang's libFuzzer (issue 7).  See tests/fuzz/README.
#
#   make fuzz FUZZ_SECONDS=600        every harness in turn, N seconds each
#   make -j2 fuzz FUZZ_SECONDS=600    two at a time (one per core)
#   make fuzz-twitter FUZZ_SECONDS=60 one harness
#   make fuzz-build                   build the harnesses only
#
# Each harness starts from build/fuzz/corpus/<h>/ (kept between runs) and
# a seed corpus made from samples/ (the sample trees' files and the built
# zips), policies/ and samples/orgs/.  A crash, leak or timeout found is
# copied to tests/fuzz/regressions/<h>/, which `make check` replays through
# the same harness built with gcc (tests/test_fuzz_regressions.c): commit
# it together with the fix.

FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_BUILD    = build/fuzz
FUZZ_DEB_PKGS = clang libclang-rt-dev
FUZZ_HARNESSES = $(sort $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS   = -g -O1 $(FUZZ_SAN) -std=c11 -D_DEFAULT_SOURCE -I. \
                -DCS_VERSION='"$(VERSION)"' -DCS_DATADIR='"$(PREFIX)/share/conductscan"'
FUZZ_OBJ      = $(LIB_SRC:%.c=$(FUZZ_BUILD)/obj/%.o)
# libFuzzer's options for every run: -fork=1 -ignore_crashes=1 so that a run
# uses all its time and keeps every crash, not only the first; -timeout flags
# a hang; -rss_limit_mb is ASan's shadow on top of the SPEC's 256 MiB.
FUZZ_OPTS    ?= -fork=1 -ignore_crashes=1 -rss_limit_mb=2048 -timeout=20 -print_final_stats=1

.PHONY: fuzz fuzz-build fuzz-deps fuzz-seeds $(FUZZ_HARNESSES:%=fuzz-%)

fuzz-deps:
	@scripts/deps $(FUZZ_DEB_PKGS)

$(FUZZ_BUILD)/obj/%.o: %.c | fuzz-deps deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/libconductscan.a: $(FUZZ_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_BUILD)/libconductscan.a | fuzz-deps
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -o $@ $< \
		$(FUZZ_BUILD)/libconductscan.a $(PKG_LIBS)

fuzz-build: $(FUZZ_HARNESSES:%=$(FUZZ_BUILD)/fuzz_%)

# Seeds are rebuilt every run (cheap); the corpus the fuzzer grows is kept.
fuzz-seeds: $(SAMPLES)
	@tests/fuzz/mkseeds $(FUZZ_BUILD)/seeds $(FUZZ_HARNESSES)

fuzz: $(FUZZ_HARNESSES:%=fuzz-%)

# One harness: run, then turn every artifact into a regression file.  The
# run's log is build/fuzz/<h>.log (cov/ft and execs in its last lines).
$(FUZZ_HARNESSES:%=fuzz-%): fuzz-%: $(FUZZ_BUILD)/fuzz_% fuzz-seeds
	@mkdir -p $(FUZZ_BUILD)/corpus/$* $(FUZZ_BUILD)/artifacts/$*
	@echo "== fuzz $* for $(FUZZ_SECONDS)s (log: $(FUZZ_BUILD)/$*.log)"
	@ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(FUZZ_BUILD)/fuzz_$* $(FUZZ_OPTS) -max_total_time=$(FUZZ_SECONDS) \
		-artifact_prefix=$(FUZZ_BUILD)/artifacts/$*/ \
		$(FUZZ_BUILD)/corpus/$* $(FUZZ_BUILD)/seeds/$* >$(FUZZ_BUILD)/$*.log 2>&1; \
	st=$$?; \
	tail -n 12 $(FUZZ_BUILD)/$*.log | grep -E 'stat::|DONE|cov:' | tail -n 4; \
	found=0; for f in $(FUZZ_BUILD)/artifacts/$*/*; do \
		[ -f "$$f" ] || continue; found=1; \
		mkdir -p tests/fuzz/regressions/$*; \
		cp "$$f" tests/fuzz/regressions/$*/; \
		echo "fuzz $*: found $$(basename $$f): tests/fuzz/regressions/$*/"; \
	done; \
	if [ $$st -ne 0 ] || [ $$found -ne 0 ]; then echo "fuzz $*: FAILED (status $$st)"; exit 1; fi

-include $(wildcard $(FUZZ_BUILD)/obj/*/*.d $(FUZZ_BUILD)/obj/*/*/*.d)
