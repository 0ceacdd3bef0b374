#!/bin/sh
# Records what conductscan writes for every sample (and any extra INPUTs
# given), at -j 1 and -j 2, into DIR: `inspect --json` and every file of the
# scan's bundle, under SOURCE_DATE_EPOCH.  Run it before and after a change
# and compare the two folders with `diff -r`: the output must not depend on
# the change (nor on -j).
#   tests/tools/same-output.sh DIR [INPUT...]; diff -r BEFORE AFTER
# Run from the worktree root (so ./conductscan finds policies/), with the
# binary to test at ./conductscan: run.command records argv, the binary's
# name and the bundle's path (always the same one here) included.
set -eu
dir=$1; shift
export SOURCE_DATE_EPOCH=1700000000 TZ=UTC
mkdir -p "$dir"
cs=./conductscan
out=/tmp/conductscan-same-output
rm -rf "$out"
trap 'rm -rf "$out"' EXIT
run() {     # name input org
	n=$1 in=$2 org=$3
	"$cs" inspect --json "$in" > "$dir/$n.inspect.json" 2>"$dir/$n.inspect.err" || true
	for j in 1 2; do
		rm -rf "$out"
		st=0
		"$cs" scan -q -j $j -o "$out" --case SAME --format html,csv \
			${org:+--org samples/orgs/$org.json} "$in" >"$dir/$n.j$j.stdout" 2>"$dir/$n.j$j.stderr" || st=$?
		echo "$st" > "$dir/$n.j$j.status"
		mkdir -p "$dir/$n.j$j"
		[ -d "$out" ] && cp -r "$out/." "$dir/$n.j$j/"
		# -j must not matter
		if [ $j = 2 ] && ! diff -r "$dir/$n.j1" "$dir/$n.j2" >/dev/null; then
			echo "DIFFERENT at -j 1 and -j 2: $n" >&2
		fi
	done
	echo "$n done"
}
for s in samples/*/.sample; do
	d=$(dirname "$s"); n=$(basename "$d")
	run "$n" "samples/built/$n.zip" "$(sed -n 's/^org=//p' "$s")"
done
for in in "$@"; do
	run "$(basename "$in" .zip)" "$in" ""
done
