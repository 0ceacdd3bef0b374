/*
 * A hand-built bundle_data with hostile content, shared by test_reports.c
 * and test_bundle.c (static: each test program has its own copy).
 *
 * The INPUT is a real folder (made under a temporary folder) so that the
 * exhibits writer can copy an attachment out of it with source_copy_entry.
 */
#ifndef CS_TEST_REPORTS_FIXTURE_H
#define CS_TEST_REPORTS_FIXTURE_H

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/bundle.h"
#include "reports/report.h"
#include "reports/sums.h"
#include "reports/verify.h"
#include "scanner/timez.h"
#include "scanner/xalloc.h"
#include "tests/testutil.h"

/* "My manager is an idiot" + markup, a formula, quotes, CR LF, a control
 * character and bytes that are not UTF-8. */
#define FX_TEXT1                                                                               \
	"My manager is an idiot <script>alert(1)</script> \"quoted\", commas\r\nline2 "          \
	"=HYPERLINK(\"http://evil.example/\") bad\xff\xfe bytes ctrl\x01 end"
#define FX_RAW1 "{\"tweet\":{\"id\":\"1234\",\"full_text\":\"My manager is an idiot\"}}"
#define FX_RAW2 "<div class=\"_a6-g\"><img src=x onerror=alert(1)></div>"
#define FX_RAW3 "{\"like\":{\"tweetId\":\"99\"}}"
#define FX_MEDIA "\xff\xd8\xff\xe0 not really a jpeg"

static const struct citation fx_cite_derog[] = {
	{"tameside", "tameside-3", "CONDUCT",
	 "Should NOT post derogatory or offensive comments on the Internet"},
	{"portsmouth", "portsmouth-7", "<b>Section</b> \"7\"", "Quote with <markup> & \"quotes\""},
};
static const struct citation fx_cite_offensive[] = {
	{"tameside", "tameside-4", "CONDUCT", "Offensive language"},
};
static const struct citation fx_cite_personal[] = {
	{"sheffield", "sheffield-2", "DATA", "Personal data of others"},
};

struct fixture {
	char *tmp;          /* the test's temporary folder */
	char *input;        /* tmp/input: the INPUT folder */
	struct bundle_data d;
	struct source_info sources[1];
	struct manifest_row manifest[5];
	struct account account;
	struct warnings warnings;
	struct item items[3];
	struct exhibit exhibits[3];
	char *command[6];
};

static void fx_add_finding(struct exhibit *ex, const char *category, const char *rule,
			   enum severity sev, const char *summary, size_t start, size_t end,
			   const struct citation *c, size_t nc)
{
	struct finding_list *l = &ex->findings;
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	struct finding *f = &l->v[l->n++];
	memset(f, 0, sizeof *f);
	f->category = category;
	f->rule = rule;
	f->severity = sev;
	f->summary = xstrdup(summary);
	if (end > start) {
		f->matches = xcalloc(1, sizeof *f->matches);
		f->matches[0].start = start;
		f->matches[0].end = end;
		f->n_matches = 1;
	}
	f->citations = c;
	f->n_citations = nc;
}

static void fx_write(const char *dir, const char *rel, const void *p, size_t n)
{
	char *path = xasprintf("%s/%s", dir, rel);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	char *mk = xasprintf("mkdir -p '%s'", path);
	assert_int_equal(system(mk), 0);
	free(mk);
	*slash = '/';
	tu_write(path, p, n);
	free(path);
}

static void fx_init(struct fixture *fx)
{
	struct cs_error err = {0};
	memset(fx, 0, sizeof *fx);
	assert_int_equal(timez_set("Europe/London", &err), CS_OK);
	fx->tmp = tu_tmpdir();
	assert_non_null(fx->tmp);
	fx->input = xasprintf("%s/input", fx->tmp);
	fx_write(fx->input, "data/tweets.js", FX_RAW1, strlen(FX_RAW1));
	fx_write(fx->input, "data/tweets_media/1234-ab.JPG", FX_MEDIA, strlen(FX_MEDIA));

	struct bundle_data *d = &fx->d;
	d->tool_name = "conductscan";
	d->tool_version = "0.1.0";
	d->started = 1763719200;    /* 2025-11-21T10:00:00Z */
	d->finished = 1763719205;
	const char *argv[] = {"conductscan", "scan", "-o", "out dir", "--case", "=1+1"};
	for (size_t i = 0; i < 6; i++)
		fx->command[i] = xstrdup(argv[i]);
	d->command = fx->command;
	d->n_command = 6;
	d->mode = "investigation";
	d->timezone = "Europe/London";
	d->policy_id = "tameside";
	d->policy_title = "Tameside <Responsible> Conduct";
	d->policy_sha256 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
	d->case_reference = "HR/2026/\"17\"";
	d->case_investigator = "A. Officer";
	d->case_subject = "Jo <b>Bloggs</b>";

	struct source_info *s = &fx->sources[0];
	s->path = fx->input;
	s->type = "directory";
	s->size = 1234;
	memset(s->sha256, 0xab, 32);
	s->mime = "inode/directory";
	s->platform = "twitter";
	s->layout = "twitter-2022";
	s->entries = 5;
	d->sources = fx->sources;
	d->n_sources = 1;

	struct manifest_row *m = fx->manifest;
	const char *paths[] = {"data", "data/tweets.js", "data/tweets_media/1234-ab.JPG",
			       "=HYPERLINK(\"http://evil\"),x\r\ny", "data/link"};
	for (size_t i = 0; i < 5; i++) {
		m[i].source = 0;
		m[i].path = (char *)paths[i];
		m[i].type = ENTRY_FILE;
		m[i].hashed = true;
		m[i].mime = (char *)"application/octet-stream";
		m[i].has_mtime = true;
		m[i].mtime = 1673346600 + (int64_t)i;
	}
	m[0].type = ENTRY_DIR;
	m[0].hashed = false;
	m[0].mime = NULL;
	m[1].format = "twitter";
	m[1].size = (int64_t)strlen(FX_RAW1);
	m[1].items = 1;
	m[1].mime = (char *)"application/json";
	EVP_Digest(FX_RAW1, strlen(FX_RAW1), m[1].sha256, NULL, EVP_sha256(), NULL);
	m[2].size = (int64_t)strlen(FX_MEDIA);
	m[2].mime = (char *)"image/jpeg";
	EVP_Digest(FX_MEDIA, strlen(FX_MEDIA), m[2].sha256, NULL, EVP_sha256(), NULL);
	m[3].hashed = false;
	m[3].mime = NULL;
	m[3].has_mtime = false;
	m[4].type = ENTRY_SYMLINK;
	m[4].hashed = false;
	m[4].link = (char *)"../../etc/passwd";
	d->manifest = m;
	d->n_manifest = 5;

	d->platform = "twitter";
	fx->account.platform = "twitter";
	fx->account.handle = xstrdup("@jo_bloggs");
	fx->account.display_name = xstrdup("Jo <Bloggs> & \"co\"");
	fx->account.bio = xstrdup("Social worker @TamesideCouncil\nViews my own");
	strlist_push(&fx->account.emails, "jo@tameside.gov.uk");
	account_add_work(&fx->account, "Tameside Council", "Social worker", NULL, "2019", NULL);
	d->account = &fx->account;
	d->self_identified = true;
	strlist_push(&d->self_identification, "E0003");

	d->counts[ITEM_POST] = 10;
	d->counts[ITEM_COMMENT] = 4;
	d->counts[ITEM_LIKE] = 7;
	d->out_of_scope[ITEM_POST] = 2;
	d->scope.has_from = true;
	d->scope.from = 1546300800;     /* 2019-01-01 */
	d->scope.kinds = (1u << ITEM_POST) | (1u << ITEM_COMMENT) | (1u << ITEM_LIKE);
	warnings_add(&fx->warnings, 0, fx->input, 1, "data/tweets.js", 17, "bad-element",
		     "element <b>broken</b>, \"quoted\", =SUM(A1)");
	d->warnings = &fx->warnings;

	/* E0001: a local-text Facebook comment with hostile markup */
	struct item *it = &fx->items[0];
	item_init(it);
	it->kind = ITEM_COMMENT;
	it->platform = "facebook";
	it->id = xstrdup("fb-c-1");
	it->created_at = 1557160320;    /* 2019-05-06T16:32:00Z = 17:32 BST */
	it->time_source = ITEM_TIME_LOCAL_TEXT;
	it->time_text = xstrdup("6 May 2019, 17:32");
	it->author = xstrdup("Jo Bloggs");
	it->text = xstrdup("<img src=x onerror=alert(1)> call 07700 900123");
	it->url = xstrdup("javascript:alert(1)");
	it->source = xstrdup(fx->input);
	it->entry = xstrdup("your_activity/comments/comments_1.HTML");
	item_set_span(it, -1, FX_RAW2, strlen(FX_RAW2));
	fx->exhibits[0].item = it;
	memcpy(fx->exhibits[0].id, "E0001", 6);
	fx_add_finding(&fx->exhibits[0], "personal_data", "personal_data.phone", SEV_LOW,
		       "a phone number: 07700 900123", 34, 46, fx_cite_personal, 1);

	/* E0002: a tweet with two findings (one exhibit, two rules) and media */
	it = &fx->items[1];
	item_init(it);
	it->kind = ITEM_POST;
	it->platform = "twitter";
	it->id = xstrdup("1234");
	it->created_at = 1673346600;    /* 2023-01-10T10:30:00Z */
	it->time_source = ITEM_TIME_UTC;
	it->author = xstrdup("@jo_bloggs");
	it->text = xstrdup(FX_TEXT1);
	it->url = xstrdup("https://twitter.com/jo_bloggs/status/1234?a=1&b=\"2\"");
	strlist_push(&it->tagged, "=Priya Shah");
	it->source = xstrdup(fx->input);
	it->entry = xstrdup("data/tweets.js");
	item_set_span(it, 0, FX_RAW1, strlen(FX_RAW1));
	item_add_attachment(it, "1234-ab.JPG");
	item_set(&it->attachments[0].entry, "data/tweets_media/1234-ab.JPG");
	memcpy(it->attachments[0].sha256, m[2].sha256, 32);
	item_add_attachment(it, "missing.png");
	fx->exhibits[1].item = it;
	memcpy(fx->exhibits[1].id, "E0002", 6);
	fx_add_finding(&fx->exhibits[1], "derogatory", "derogatory.manager", SEV_HIGH,
		       "calls a manager an idiot", 17, 22, fx_cite_derog, 2);
	fx_add_finding(&fx->exhibits[1], "offensive_language", "offensive.markup", SEV_MEDIUM,
		       "=HYPERLINK(\"http://evil\") <i>summary</i>", 23, 31, fx_cite_offensive, 1);

	/* E0003: an undated like whose text is a formula */
	it = &fx->items[2];
	item_init(it);
	it->kind = ITEM_LIKE;
	it->platform = "twitter";
	it->id = xstrdup("99");
	it->text = xstrdup("=cmd|' /C calc'!A0");
	it->source = xstrdup(fx->input);
	it->entry = xstrdup("data/like.js");
	item_set_span(it, 5, FX_RAW3, strlen(FX_RAW3));
	fx->exhibits[2].item = it;
	memcpy(fx->exhibits[2].id, "E0003", 6);
	fx_add_finding(&fx->exhibits[2], "self_identification", "self_identification.bio",
		       SEV_INFO, "likes a post by the council", 0, 0, NULL, 0);

	d->exhibits = fx->exhibits;
	d->n_exhibits = 3;
	d->worst_severity = SEV_HIGH;
}

static void fx_release(struct fixture *fx)
{
	for (size_t i = 0; i < fx->d.n_exhibits; i++) {
		struct finding_list *l = &fx->exhibits[i].findings;
		for (size_t j = 0; j < l->n; j++) {
			free(l->v[j].summary);
			free(l->v[j].matches);
		}
		free(l->v);
		item_release(&fx->items[i]);
	}
	for (size_t i = 0; i < 6; i++)
		free(fx->command[i]);
	account_release(&fx->account);
	strlist_release(&fx->d.self_identification);
	warnings_release(&fx->warnings);
	tu_rmrf(fx->tmp);
	free(fx->input);
	free(fx->tmp);
}

/* The bundle folder for a test: tmp/<name> (a new string). */
static char *fx_out(const struct fixture *fx, const char *name)
{
	return xasprintf("%s/%s", fx->tmp, name);
}

/* 1 if any entry of dir begins with ".<base>.tmp-": a temporary bundle left. */
static int fx_tmp_left(const char *dir)
{
	char *cmd = xasprintf("ls -A '%s' | grep -q '\\.tmp-'", dir);
	int r = system(cmd);
	free(cmd);
	return r == 0;
}

#endif
