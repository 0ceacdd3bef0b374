# make check-valgrind: every sample scanned under valgrind (issue 7), as a
# zip and the first as its extracted folder, plus inspect and verify: no
# memory error and no definite leak, or the target fails.  PCRE2's JIT
# code confuses valgrind, so CONDUCTSCAN_NO_JIT=1 keeps it to the
# interpreter.  A few minutes; .ci/run calls it.

VALGRIND_OUT  = $(BUILD)/valgrind
VALGRIND      = valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
                --errors-for-leak-kinds=definite --track-fds=no

.PHONY: check-valgrind
check-valgrind: $(BUILD)/conductscan $(SAMPLES)
	@scripts/deps valgrind
	@rm -rf $(VALGRIND_OUT) && mkdir -p $(VALGRIND_OUT)
	@failed=0; \
	run() { \
		CONDUCTSCAN_NO_JIT=1 SOURCE_DATE_EPOCH=1763719200 $(VALGRIND) $(BUILD)/conductscan "$$@" \
			>/dev/null 2>$(VALGRIND_OUT)/log; st=$$?; \
		if [ $$st -gt 1 ]; then failed=$$((failed+1)); echo "FAILED ($$st): $$*"; cat $(VALGRIND_OUT)/log; fi; \
	}; \
	for s in $(SAMPLE_DIRS); do \
		n=$$(basename $$s); org=$$(sed -n 's/^org=//p' $$s/.sample); \
		echo "== valgrind scan $$n"; \
		run scan -q -j 2 -o $(VALGRIND_OUT)/$$n $${org:+--org samples/orgs/$$org.json} samples/built/$$n.zip; \
		[ -d $(VALGRIND_OUT)/$$n ] && run verify $(VALGRIND_OUT)/$$n samples/built/$$n.zip; \
	done; \
	first=$(firstword $(SAMPLE_DIRS)); \
	echo "== valgrind scan $$first (folder), inspect"; \
	run scan -q -j 1 -o $(VALGRIND_OUT)/folder $$first; \
	run inspect --json samples/built/$$(basename $$first).zip; \
	if [ $$failed -ne 0 ]; then echo "$$failed valgrind run(s) failed"; exit 1; fi; \
	echo "valgrind: no errors, no definite leaks"
