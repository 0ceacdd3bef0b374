/*
 * conductscan: the command line.  The only place that exits: every module
 * returns a graded code with a struct cs_error, and this file turns it into
 * a message on stderr ("conductscan: <what failed 'subject': why>") and an
 * exit status from the SPEC.
 */
#include <errno.h>
#include <getopt.h>
#include <libxml/parser.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/format.h"
#include "scanner/error.h"
#include "scanner/inspect.h"
#include "scanner/pipeline.h"
#include "scanner/scan.h"
#include "scanner/source.h"
#include "scanner/timez.h"
#include "scanner/xalloc.h"

#ifndef CS_VERSION
#define CS_VERSION "0.0.0"
#endif

static const char usage_main[] =
	"Usage: conductscan COMMAND [OPTIONS] ...\n"
	"Scan a person's social-media data export (Twitter/X archive, Facebook\n"
	"\"Download Your Information\" in JSON or HTML, zipped or extracted) for items\n"
	"that may breach an employer's social-media policy, and write a timestamped,\n"
	"hashed evidence bundle. Flags are indicators for a person to review, never\n"
	"findings of misconduct. Nothing leaves the machine.\n"
	"\n"
	"Commands:\n"
	"  scan    [OPTIONS] INPUT...   scan one subject's export into an evidence bundle\n"
	"  verify  BUNDLE [INPUT...]    re-check a bundle's SHA256SUMS and seal; with\n"
	"                               INPUTs, re-hash them against the recorded sources\n"
	"  inspect [--json] INPUT...    what the input is: platform, layout, entries and\n"
	"                               their SHA-256, items per kind; no policy applied\n"
	"  policies [ID]                list the policy packs; with ID, its clauses and rules\n"
	"\n"
	"Options:\n"
	"  -h, --help       this text; 'conductscan COMMAND --help' for a command's\n"
	"  -V, --version    the version\n"
	"\n"
	"Exit status: 0 done and no finding of severity low or above (verify: intact);\n"
	"1 done with such a finding (verify: failed); 2 usage or configuration error;\n"
	"3 input error (unreadable, unsupported, corrupt, over a safety limit);\n"
	"4 output error.\n";

static const char usage_limits[] =
	"Safety limits (an export is untrusted data; exceeding one is exit 3):\n"
	"      --max-entry-size SIZE   largest uncompressed entry (default 8G)\n"
	"      --max-total SIZE        all entries of the run together (default 64G)\n"
	"      --max-entries N         entries of the run (default 1000000)\n"
	"      --max-ratio N           expansion of one entry over its compressed size,\n"
	"                              checked past 1 MiB (default 200)\n"
	"      --max-depth N           archives inside archives opened (default 2; deeper\n"
	"                              ones are hashed as files, not opened, with a warning)\n"
	"      --max-element SIZE      largest single JSON element or HTML item (default and\n"
	"                              most 16M: a larger value is refused, so that a scan\n"
	"                              stays under 256 MiB of memory; larger elements are\n"
	"                              skipped with a warning the report lists)\n"
	"SIZE takes K, M or G (powers of 1024).\n";

static const char usage_inspect[] =
	"Usage: conductscan inspect [--json] [--tz ZONE] [LIMITS] INPUT...\n"
	"Read the INPUTs (parts of one export) and say what they are: each input's size,\n"
	"SHA-256 and MIME type, the platform and layout detected, every entry with its\n"
	"SHA-256, size and the parser that read it, the account, items per kind and any\n"
	"warnings. No policy is applied and nothing is written.\n"
	"\n"
	"      --json       the SPEC's inspect --json object on stdout\n"
	"      --tz ZONE    IANA zone for archive entry times (default Europe/London)\n";

static const char usage_verify[] =
	"Usage: conductscan verify BUNDLE [INPUT...]\n"
	"Re-hash every file listed in BUNDLE/SHA256SUMS and report each file changed,\n"
	"missing or not listed; print the bundle's seal (the SHA-256 of SHA256SUMS) to\n"
	"compare with the one noted at scan time. With INPUTs, re-hash them and match\n"
	"them to the sources the bundle records. Exit 0 intact, 1 not, 3 no SHA256SUMS.\n";

static const char usage_policies[] =
	"Usage: conductscan policies [ID]\n"
	"List the shipped policy packs; with ID (or a pack file), print its clauses,\n"
	"quoted verbatim from the council's policy, and its rules.\n";

static const char usage_scan[] =
	"Usage: conductscan scan -o DIR [OPTIONS] INPUT...\n"
	"Scan one subject's export (several INPUTs are parts of one export of one\n"
	"platform) and write the evidence bundle DIR: findings.json, evidence.xml,\n"
	"manifest.csv, exhibits/, SHA256SUMS, and report.html and findings.csv.\n"
	"\n"
	"  -o, --out DIR            the bundle folder; created; refused if not empty\n"
	"  -p, --policy ID|FILE     policy pack: portsmouth, charnwood, sheffield,\n"
	"                           tameside, peterborough, uk-council (default), or a file\n"
	"      --org FILE           organisation profile (JSON; see README)\n"
	"      --mode MODE          investigation (default) or self-audit\n"
	"      --case REF           case reference for the report header\n"
	"      --investigator NAME  investigating officer\n"
	"      --subject NAME       the person whose export this is\n"
	"      --from DATE          judge only items on or after DATE (YYYY-MM-DD)\n"
	"      --to DATE            judge only items on or before DATE (YYYY-MM-DD)\n"
	"      --kinds LIST         judge only these kinds: post,share,comment,like,tag,\n"
	"                           connection,message,profile,group\n"
	"                           (items outside the scope are counted, not judged)\n"
	"      --format LIST        extra outputs: html,csv (default both; 'none' for none)\n"
	"      --template FILE      another XSLT stylesheet for report.html\n"
	"      --tz ZONE            IANA zone for local times (default: the org profile's,\n"
	"                           else Europe/London)\n"
	"  -j, --jobs N             worker threads (the output never depends on it)\n"
	"      --progress, --no-progress, -q   progress on stderr (default: on a terminal)\n";

static void oom_handler(size_t n)
{
	scan_abort_cleanup();
	fprintf(stderr, "conductscan: out of memory allocating %zu bytes\n", n);
	_exit(EXIT_INPUT);
}

static int fail(const struct cs_error *err)
{
	fprintf(stderr, "conductscan: %s\n", err->msg[0] ? err->msg : "failed");
	return err->status ? err->status : EXIT_INPUT;
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "conductscan: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'conductscan --help'.\n");
	return EXIT_USAGE;
}

/* "64M" -> bytes.  0 on success. */
static int parse_size(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return -1;
	unsigned shift = 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	case 't': case 'T': shift = 40; end++; break;
	default: break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end || (shift && v > (~0ull >> shift)))
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

enum {
	OPT_ORG = 256, OPT_MODE, OPT_CASE, OPT_INVESTIGATOR, OPT_SUBJECT, OPT_FROM, OPT_TO,
	OPT_KINDS, OPT_FORMAT, OPT_TEMPLATE, OPT_TZ, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_JSON,
	OPT_MAX_ENTRY_SIZE, OPT_MAX_TOTAL, OPT_MAX_ENTRIES, OPT_MAX_RATIO, OPT_MAX_DEPTH,
	OPT_MAX_ELEMENT,
};

#define LIMIT_OPTIONS \
	{"max-entry-size", required_argument, NULL, OPT_MAX_ENTRY_SIZE}, \
	{"max-total", required_argument, NULL, OPT_MAX_TOTAL}, \
	{"max-entries", required_argument, NULL, OPT_MAX_ENTRIES}, \
	{"max-ratio", required_argument, NULL, OPT_MAX_RATIO}, \
	{"max-depth", required_argument, NULL, OPT_MAX_DEPTH}, \
	{"max-element", required_argument, NULL, OPT_MAX_ELEMENT}

/* A limit option: 1 handled, 0 not a limit option, -1 bad value (reported). */
static int limit_option(int c, const char *arg, struct source_limits *lim, size_t *element_cap)
{
	uint64_t v;
	const char *name;
	switch (c) {
	case OPT_MAX_ENTRY_SIZE: name = "--max-entry-size"; break;
	case OPT_MAX_TOTAL: name = "--max-total"; break;
	case OPT_MAX_ENTRIES: name = "--max-entries"; break;
	case OPT_MAX_RATIO: name = "--max-ratio"; break;
	case OPT_MAX_DEPTH: name = "--max-depth"; break;
	case OPT_MAX_ELEMENT: name = "--max-element"; break;
	default: return 0;
	}
	if (parse_size(arg, &v) != 0 || (c != OPT_MAX_DEPTH && v == 0) ||
	    (c == OPT_MAX_DEPTH && v > 8)) {
		fprintf(stderr, "conductscan: invalid value '%s' for %s\n", arg, name);
		return -1;
	}
	/* Refused rather than lowered in silence: the investigator asked
	 * for elements that size to be examined, and must know they cannot
	 * be (the memory bound holds whatever the options say). */
	if (c == OPT_MAX_ELEMENT && v > PIPELINE_MAX_ELEMENT) {
		fprintf(stderr, "conductscan: invalid value '%s' for %s: at most %zuM, so that the "
			"scan stays under 256 MiB of memory\n", arg, name, PIPELINE_MAX_ELEMENT >> 20);
		return -1;
	}
	switch (c) {
	case OPT_MAX_ENTRY_SIZE: lim->max_entry_size = v; break;
	case OPT_MAX_TOTAL: lim->max_total = v; break;
	case OPT_MAX_ENTRIES: lim->max_entries = v; break;
	case OPT_MAX_RATIO: lim->max_ratio = v; break;
	case OPT_MAX_DEPTH: lim->max_depth = (unsigned)v; break;
	case OPT_MAX_ELEMENT: *element_cap = (size_t)v; break;
	}
	return 1;
}

static int cmd_inspect(int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, OPT_JSON},
		{"tz", required_argument, NULL, OPT_TZ},
		{"help", no_argument, NULL, 'h'},
		LIMIT_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct source_limits lim;
	source_limits_default(&lim);
	size_t element_cap = 0;
	bool json = false;
	const char *tz = "Europe/London";
	int c;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		int l = limit_option(c, optarg, &lim, &element_cap);
		if (l < 0)
			return EXIT_USAGE;
		if (l > 0)
			continue;
		switch (c) {
		case OPT_JSON: json = true; break;
		case OPT_TZ: tz = optarg; break;
		case 'h': fputs(usage_inspect, stdout); fputs(usage_limits, stdout); return 0;
		default: return usage_error("%s", "bad option for inspect");
		}
	}
	if (optind >= argc)
		return usage_error("%s", "inspect needs an INPUT");
	struct cs_error err = {0};
	if (timez_set(tz, &err) != CS_OK)
		return fail(&err);
	if (inspect_run((const char *const *)argv + optind, (size_t)(argc - optind), &lim, element_cap,
			json, stdout, &err) != CS_OK) {
		fflush(stdout);
		return fail(&err);
	}
	return 0;
}

static int cmd_scan(int argc, char **argv, int full_argc, char **full_argv)
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, 'o'},
		{"policy", required_argument, NULL, 'p'},
		{"org", required_argument, NULL, OPT_ORG},
		{"mode", required_argument, NULL, OPT_MODE},
		{"case", required_argument, NULL, OPT_CASE},
		{"investigator", required_argument, NULL, OPT_INVESTIGATOR},
		{"subject", required_argument, NULL, OPT_SUBJECT},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"kinds", required_argument, NULL, OPT_KINDS},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"template", required_argument, NULL, OPT_TEMPLATE},
		{"tz", required_argument, NULL, OPT_TZ},
		{"jobs", required_argument, NULL, 'j'},
		{"progress", no_argument, NULL, OPT_PROGRESS},
		{"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		LIMIT_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct scan_opts so;
	scan_opts_init(&so);
	int c;
	while ((c = getopt_long(argc, argv, "+o:p:j:qh", opts, NULL)) != -1) {
		int l = limit_option(c, optarg, &so.limits, &so.element_cap);
		if (l < 0)
			return EXIT_USAGE;
		if (l > 0)
			continue;
		switch (c) {
		case 'o': so.out = optarg; break;
		case 'p': so.policy = optarg; break;
		case OPT_ORG: so.org = optarg; break;
		case OPT_MODE:
			if (strcmp(optarg, "investigation") && strcmp(optarg, "self-audit"))
				return usage_error("unknown --mode '%s' (investigation or self-audit)", optarg);
			so.mode = optarg;
			break;
		case OPT_CASE: so.case_reference = optarg; break;
		case OPT_INVESTIGATOR: so.investigator = optarg; break;
		case OPT_SUBJECT: so.subject = optarg; break;
		case OPT_FROM: so.from = optarg; break;
		case OPT_TO: so.to = optarg; break;
		case OPT_KINDS: so.kinds = optarg; break;
		case OPT_FORMAT: so.formats = optarg; break;
		case OPT_TEMPLATE: so.template_path = optarg; break;
		case OPT_TZ: so.tz = optarg; break;
		case 'j': {
			char *end;
			errno = 0;
			long j = strtol(optarg, &end, 10);
			if (errno || *end || j < 1 || j > 256)
				return usage_error("invalid --jobs '%s' (1 to 256)", optarg);
			so.jobs = (int)j;
			break;
		}
		case OPT_PROGRESS: so.progress = 1; break;
		case OPT_NO_PROGRESS: case 'q': so.progress = 0; break;
		case 'h': fputs(usage_scan, stdout); fputs(usage_limits, stdout); return 0;
		default: return usage_error("%s", "bad option for scan");
		}
	}
	if (!so.out)
		return usage_error("%s", "scan needs --out DIR");
	if (optind >= argc)
		return usage_error("%s", "scan needs an INPUT");
	so.argv = full_argv;
	so.argc = full_argc;
	so.inputs = (const char *const *)argv + optind;
	so.n_inputs = (size_t)(argc - optind);
	struct cs_error err = {0};
	int status = 0;
	if (scan_run(&so, &status, &err) != CS_OK)
		return fail(&err);
	return status;
}

static int cmd_verify(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage_verify, stdout);
		return 0;
	}
	if (argc < 2)
		return usage_error("%s", "verify needs a BUNDLE folder");
	struct cs_error err = {0};
	int status = 0;
	if (scan_verify(argv[1], (const char *const *)argv + 2, (size_t)(argc - 2), &status, &err) !=
	    CS_OK)
		return fail(&err);
	return status;
}

static int cmd_policies(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage_policies, stdout);
		return 0;
	}
	if (argc > 2)
		return usage_error("%s", "policies takes at most one ID");
	struct cs_error err = {0};
	if (scan_policies(argc == 2 ? argv[1] : NULL, &err) != CS_OK)
		return fail(&err);
	return 0;
}

/*
 * Test hook, inert unless the variable is set: CONDUCTSCAN_FAIL_ALLOC=N
 * makes the N-th allocation through xmalloc & co fail (jansson's and
 * libxml2's included), so tests/test_hostile.c can check that every
 * allocation failure ends in the out-of-memory message, exit 3 and no
 * partial bundle.  Not documented for users: it only makes runs fail.
 */
static void fail_alloc_hook(void)
{
	const char *v = getenv("CONDUCTSCAN_FAIL_ALLOC");
	if (!v || !*v)
		return;
	char *end;
	errno = 0;
	unsigned long n = strtoul(v, &end, 10);
	if (!errno && !*end && *v != '-')
		xalloc_fail_after(n);
}

int main(int argc, char **argv)
{
	/* A fixed threshold: blocks of 1 MiB and more are mapped and given
	 * back to the system when freed.  glibc's default raises the
	 * threshold after the first such free, after which large texts and
	 * windows stay in each thread's arena: with -j 2 and items of
	 * several MiB, that doubled the peak (issue 7). */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	xalloc_init();
	xalloc_set_oom_handler(oom_handler);
	/* libxml2 (and libxslt through it) allocate through xmalloc too, so an
	 * allocation failure there ends in the same handler; set before its
	 * first allocation.  Its memory is freed with free(), as xmalloc's. */
	if (xmlMemSetup(free, xmalloc, xrealloc, xstrdup) != 0)
		fprintf(stderr, "conductscan: cannot route libxml2's allocations\n");
	fail_alloc_hook();
	/* libxml2's globals, once, before any thread could touch them. */
	xmlInitParser();
	if (argc < 2) {
		fputs(usage_main, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
		printf("conductscan %s\n", CS_VERSION);
		return 0;
	}
	/* Subcommands parse their own options from argv[1] on. */
	if (!strcmp(cmd, "scan"))
		return cmd_scan(argc - 1, argv + 1, argc, argv);
	if (!strcmp(cmd, "inspect"))
		return cmd_inspect(argc - 1, argv + 1);
	if (!strcmp(cmd, "verify"))
		return cmd_verify(argc - 1, argv + 1);
	if (!strcmp(cmd, "policies"))
		return cmd_policies(argc - 1, argv + 1);
	return usage_error("unknown command '%s'", cmd);
}
