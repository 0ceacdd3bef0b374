# Benchmark (issue 8).  See tests/bench/README.
#
#   make bench                   generate the data if missing, measure, print
#                                the table, write tests/bench/results.md
#   make bench-data              only generate tests/bench/data/ (ignored by git)
#   make bench-profile           callgrind (and perf, where it works) on a
#                                20k-tweet archive: tests/bench/profile.txt
#   make bench BENCH_RUNS=5 BENCH_PAIRS=5   more repetitions
#   make bench BENCH_SETS="tw200k"          fewer data sets
#
# The data is deterministic (same seed, same bytes): tests/bench/gen.c.

BENCH_DIR     = tests/bench/data
BENCH_GEN     = $(BUILD)/bench/gen
BENCH_SEED   ?= 1
BENCH_RUNS   ?= 2
BENCH_PAIRS  ?= 2
BENCH_SETS   ?= tw50k:1 tw100k:1 tw200k fb
BENCH_DEB_PKGS = hyperfine libarchive-tools time
PROFILE_DEB_PKGS = valgrind

# name: generator arguments.  The 50k and 100k archives are the 200k one
# scaled down in every part (likes and media too), so time against size is
# a straight line if the scan is linear.
BENCH_ARGS_tw200k = twitter --tweets 200000 --likes 50000 --media-mib 300
BENCH_ARGS_tw100k = twitter --tweets 100000 --likes 25000 --media-mib 150
BENCH_ARGS_tw50k  = twitter --tweets 50000 --likes 12500 --media-mib 75
BENCH_ARGS_tw20k  = twitter --tweets 20000 --likes 5000 --media-mib 30
BENCH_ARGS_fb     = facebook --posts 200000 --comments 150000 --reactions 100000 \
                    --friends 2000 --media-mib 300

.PHONY: bench bench-data bench-deps bench-profile

bench-deps:
	@scripts/deps $(BENCH_DEB_PKGS)

$(BENCH_GEN): tests/bench/gen.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_LDFLAGS) $(LDFLAGS) -o $@ $< $(PKG_LIBS)

# A data set is remade when the generator changes (same seed: same bytes).
$(BENCH_DIR)/%.zip: $(BENCH_GEN)
	@mkdir -p $(BENCH_DIR)
	$(BENCH_GEN) $(BENCH_ARGS_$*) --seed $(BENCH_SEED) -o $@

bench-data: $(foreach s,$(BENCH_SETS),$(BENCH_DIR)/$(firstword $(subst :, ,$(s))).zip)

bench: conductscan bench-data | bench-deps
	@python3 tests/bench/bench.py --bin ./conductscan --data $(BENCH_DIR) \
		--runs $(BENCH_RUNS) --pairs $(BENCH_PAIRS) --out tests/bench/results.md $(BENCH_SETS)

bench-profile: conductscan $(BENCH_DIR)/tw20k.zip | bench-deps
	@scripts/deps $(PROFILE_DEB_PKGS)
	@tests/bench/profile.sh ./conductscan $(BENCH_DIR)/tw20k.zip tests/bench/profile.txt
