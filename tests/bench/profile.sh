#!/bin/sh
# make bench-profile: where a scan's time goes, on a 20k-tweet archive.
#
#   tests/bench/profile.sh BIN ARCHIVE REPORT
#
# 1. callgrind, -j 1, PCRE2's JIT on (as in real runs): instruction counts
#    per function, inclusive and self.  JIT-compiled matching code has no
#    symbols and shows as "???"; its cost is included in its callers
#    (pcre2_jit_match, rx_*, the engine), which is what the breakdown uses.
# 2. with PROFILE_NO_JIT=1, callgrind again with CONDUCTSCAN_NO_JIT=1
#    (PCRE2's interpreter, no "???"), at interpreter prices: not the time
#    users see, so off by default.
# 3. perf record -e cpu-clock (hardware counters are not available in this
#    VM; the software clock is): the same split in time, per library; then
#    `inspect` alone (reading, hashing, decoding, items: no policy, no
#    bundle), the part left once the engine is cheap.
#
# The report is the raw tables; tests/bench/results.md says what they mean.
set -eu
bin=$1 archive=$2 report=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/conductscan-profile-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
export SOURCE_DATE_EPOCH=1763719200
# a private copy (a concurrent `make` rewrites the binary in place: SIGBUS),
# finding policies/ and templates/ here
cp "$bin" "$work/conductscan"
bin=$work/conductscan
export CONDUCTSCAN_DATADIR="${CONDUCTSCAN_DATADIR:-$(pwd)}"

annotate() {
	# inclusive (each function once, anonymous JIT frames left out), self,
	# then the callers of the matcher with their call counts
	echo "### $1: inclusive"
	callgrind_annotate --inclusive=yes --threshold=99.5 "$2" 2>/dev/null |
		sed -n '/file:function/,$p' | grep -v '???:0x' | sed 's/ \[.*\]$//' |
		sed 's|/[^ ]*/work/main/||' | awk '!seen[$0]++' | head -70
	echo
	echo "### $1: self"
	callgrind_annotate --inclusive=no --threshold=99 "$2" 2>/dev/null |
		sed -n '/file:function/,$p' | head -40
	echo
	echo "### $1: who calls the matcher (calls, inclusive)"
	callgrind_annotate --tree=caller --inclusive=yes "$2" 2>/dev/null |
		grep -E '< .*(lexicon_match|rx_spans|run_detector|rx_any|eval_liked|engine_item) \(' |
		grep -v '???:0x' | head -20
	echo
}

{
	echo "# conductscan profile: $(date -u '+%Y-%m-%d %H:%M UTC'), $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
	echo "# archive: $archive ($(stat -c %s "$archive") bytes)"
	echo
	valgrind --tool=callgrind --callgrind-out-file="$work/cg.jit" \
		"$bin" scan -q -j 1 -o "$work/out1" "$archive" >/dev/null 2>"$work/log1" || [ $? -le 1 ]
	annotate "callgrind, JIT on" "$work/cg.jit"
	if [ "${PROFILE_NO_JIT:-0}" = 1 ]; then
		CONDUCTSCAN_NO_JIT=1 valgrind --tool=callgrind --callgrind-out-file="$work/cg.nojit" \
			"$bin" scan -q -j 1 -o "$work/out2" "$archive" >/dev/null 2>"$work/log2" || [ $? -le 1 ]
		annotate "callgrind, CONDUCTSCAN_NO_JIT=1" "$work/cg.nojit"
	fi
	if perf record -e cpu-clock -F 999 -o "$work/perf.data" \
		"$bin" scan -q -j 1 -o "$work/out3" "$archive" >/dev/null 2>&1 || [ -s "$work/perf.data" ]; then
		echo "### perf, cpu-clock, -j 1: by library"
		perf report -i "$work/perf.data" --no-children --sort dso --stdio 2>/dev/null |
			grep '%' | grep -v '^#' | head -15
		echo
		echo "### perf, cpu-clock, -j 1: by symbol (self)"
		perf report -i "$work/perf.data" --no-children --sort dso,symbol --stdio 2>/dev/null |
			grep '%' | grep -v '^#' | head -40
		perf record -e cpu-clock -F 999 -o "$work/perf-inspect.data" \
			"$bin" inspect "$archive" >/dev/null 2>&1 || true
		echo
		echo "### perf, cpu-clock: conductscan inspect (the reading side alone), by library"
		perf report -i "$work/perf-inspect.data" --no-children --sort dso --stdio 2>/dev/null |
			grep '%' | grep -v '^#' | head -12
	else
		echo "### perf: not available here"
	fi
} >"$report"
echo "profile: written to $report"
