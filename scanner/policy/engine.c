#include "scanner/policy/policy.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "scanner/policy/policy_int.h"
#include "scanner/timez.h"
#include "scanner/xalloc.h"

/* A target class compiled for this run: the pack's patterns plus what the
 * org profile names (organisation, people, suppliers, partners). */
struct tclass {
	const char *name;
	struct rx rx;
	bool ok;
};

/* A rule's `near` class, resolved once per engine: its target class (the
 * pack's class names are unique, being the keys of one JSON object), and
 * whether it is one of the two that also match the original text. */
enum near_kind { NEAR_PLAIN, NEAR_NAMED, NEAR_SUPPLIERS };

struct near_ref {
	int tc;                     /* index in engine.tc, or -1 */
	enum near_kind kind;
};

struct engine {
	const struct policy *p;
	const struct org *o;
	struct tclass *tc;
	size_t n_tc;
	struct rx ident;            /* org name, aliases, handles, hashtags, email domains */
	bool has_ident;
	struct rx handles;          /* org handles and name, for replies */
	bool has_handles;
	struct rx su;               /* service users by the name rule */
	bool has_su;
	struct rx tags;             /* the org's hashtags */
	bool has_tags;
	struct rx phone, nhs, ni, street, postcode, home, dob, email;
	struct rx named;            /* capitalised names, on the original text */
	struct rx supplier_words;   /* suppliers' first words, on the original text */
	bool has_supplier_words;
	bool prefilter;             /* rx_may_match and the memo; CONDUCTSCAN_NO_PREFILTER=1 turns both off (tests) */
	bool *never;                /* per rule: `near` classes that can find nothing, no reply */
	bool *liked;                /* per rule: judges the text of a like or share */
	struct near_ref *near;      /* rule i's classes from near_off[i], in r->near's order */
	size_t *near_off;
	atomic_bool self_id_seen;
};

/* Categories whose rules judge content (what a like or share is scored by). */
static bool content_category(const char *c)
{
	static const char *const not_content[] = { "liked_inappropriate", "work_time_use",
						   "absence_activity", "self_identification",
						   "missing_disclaimer", "work_email",
						   "service_user_connection", NULL };
	for (const char *const *x = not_content; *x; x++)
		if (strcmp(*x, c) == 0)
			return false;
	return true;
}

static bool account_level(enum detector d)
{
	return d == DET_SELF_IDENTIFICATION || d == DET_MISSING_DISCLAIMER || d == DET_WORK_EMAIL;
}

static bool scope_ok(const struct engine *e, const struct rule *r)
{
	bool restricted = e->o && e->o->restricted;
	if (r->scope == SCOPE_RESTRICTED)
		return restricted;
	if (r->scope == SCOPE_UNRESTRICTED)
		return !restricted;
	return true;
}

/* ---- building --------------------------------------------------------- */

static int compile_or_fail(struct rx *r, const char *pat, const char *what, struct cs_error *err)
{
	char msg[300];
	if (rx_compile(r, pat, msg, sizeof msg) != 0) {
		cs_error_set(err, EXIT_USAGE, "cannot compile %s: %s", what, msg);
		return -1;
	}
	return 0;
}

static void alt(struct buf *b, bool *first)
{
	if (!*first)
		buf_add(b, "|", 1);
	*first = false;
}

static const struct strlist *org_people(const struct org *o, const char *cls)
{
	if (!o)
		return NULL;
	if (strcmp(cls, "colleagues") == 0)
		return &o->colleagues;
	if (strcmp(cls, "managers") == 0)
		return &o->managers;
	if (strcmp(cls, "councillors") == 0)
		return &o->councillors;
	if (strcmp(cls, "service_users") == 0)
		return &o->service_users;
	return NULL;
}

static const struct strlist *org_names(const struct org *o, const char *cls)
{
	if (!o)
		return NULL;
	if (strcmp(cls, "suppliers") == 0)
		return &o->suppliers;
	if (strcmp(cls, "partners") == 0)
		return &o->partners;
	return NULL;
}

static void add_org_identity(struct buf *b, bool *first, const struct org *o, const struct norm_fold *f,
			     bool domains)
{
	if (o->name) {
		alt(b, first);
		org_literal_pattern(o->name, f, b);
		/* the informal short forms people write for "Eastmoor Borough
		 * Council": "Eastmoor BC", "Eastmoor MBC", "Eastmoor council" */
		const char *sp = strchr(o->name, ' ');
		if (sp && sp - o->name >= 3 && strncasecmp(o->name, "the ", 4) != 0) {
			char *w = xmemdupz(o->name, (size_t)(sp - o->name));
			alt(b, first);
			org_literal_pattern(w, f, b);
			buf_adds(b, "\\s+(?:m?bc|mdc|dc|cc|bc's|council|borough|met)(?![\\p{L}\\p{N}_])");
			free(w);
		}
	}
	const struct strlist *ls[] = { &o->aliases, &o->handles, &o->hashtags };
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < ls[k]->n; i++) {
			alt(b, first);
			org_literal_pattern(ls[k]->v[i], f, b);
		}
	if (domains)
		for (size_t i = 0; i < o->email_domains.n; i++) {
			alt(b, first);
			buf_adds(b, "(?<![\\p{L}\\p{N}\\-])(?:[a-z0-9\\-]+\\.)*");
			char *d = norm_dup(o->email_domains.v[i], f);
			rx_escape(b, d);
			free(d);
			buf_adds(b, "(?![\\p{L}\\p{N}])");
		}
}

/* A company name without its legal suffix ("Cobalt Care Ltd" -> "Cobalt
 * Care"), or NULL when it has none. */
static char *short_name(const char *name)
{
	static const char *const suffixes[] = { " ltd", " ltd.", " limited", " plc", " llp", " group",
						" & co", " and co", NULL };
	size_t n = strlen(name);
	for (const char *const *s = suffixes; *s; s++) {
		size_t l = strlen(*s);
		if (n > l + 2 && strncasecmp(name + n - l, *s, l) == 0)
			return xmemdupz(name, n - l);
	}
	return NULL;
}

/* The first word of a supplier's name standing alone ("Brightway" for
 * "Brightway Waste Ltd"), on the original text: capitalised, and not
 * followed by another capitalised word ("Pennine Way") or part of the org's
 * own name. */
static void supplier_first_words(const struct org *o, struct buf *b, bool *first)
{
	for (size_t k = 0; k < o->suppliers.n; k++) {
		const char *nm = o->suppliers.v[k];
		const char *sp = strchr(nm, ' ');
		if (!sp || sp - nm < 4)
			continue;
		char *w = xmemdupz(nm, (size_t)(sp - nm));
		if (!(o->name && strstr(o->name, w))) {
			alt(b, first);
			buf_adds(b, "(?<![\\p{L}\\p{N}])");
			rx_escape(b, w);
			buf_adds(b, "(?![\\p{L}\\p{N}])(?!\\s+\\p{Lu})"
				    "(?!\\s+(?:pub|inn|bar|hotel|arms|close|road|street|lane|way|drive|avenue|court|"
				    "house|bird|birds|falcon|nest|chick|chicks|hovering)\\b)");
			/* a nickname in any case: "the kestrel lads", "Brightway lot" */
			alt(b, first);
			buf_adds(b, "(?<![\\p{L}\\p{N}])(?i:");
			rx_escape(b, w);
			buf_adds(b, "\\s+(?:lot|lads|crew|mob|boys|gang|bunch|people|men|guys|team))(?![\\p{L}\\p{N}])");
		}
		free(w);
	}
}

/* Detector patterns, over the normalised (lowercase) text. */
#define MONTHS "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?"
static const char PAT_PHONE[] =
	"(?<![\\d+])(?:\\+44[\\s\\-]?(?:\\(0\\)[\\s\\-]?)?|\\(?0)\\d(?:[\\s\\-)]{0,2}\\d){8,9}(?!\\d)";
static const char PAT_NHS[] = "(?<![\\d\\-])\\d{3}[ \\-]?\\d{3}[ \\-]?\\d{4}(?![\\d\\-])";
static const char PAT_NI[] =
	"(?<![\\p{L}\\p{N}])[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] ?\\d{2} ?\\d{2} ?\\d{2} ?[a-d](?![\\p{L}\\p{N}])";
static const char PAT_STREET[] =
	"(?<![\\p{L}\\p{N}])\\d{1,4}[a-z]?,?\\s+(?:[\\p{L}'\\-]+\\s+){1,3}"
	"(?:road|rd|street|st|avenue|ave|lane|ln|close|drive|way|crescent|court|place|grove|terrace|"
	"gardens|walk|hill|park|square|mews|row|view|rise|green|parade|estate|fold|gate|croft|bank|side|"
	"edge|fields|meadows|lea|brow|vale|heights|chase|garth|nook|wynd|gardens|park|end)(?![\\p{L}])";
static const char PAT_POSTCODE[] =
	"(?<![\\p{L}\\p{N}])[a-z]{1,2}\\d[a-z\\d]? ?\\d[abd-hjlnp-uw-z]{2}(?![\\p{L}\\p{N}])";
static const char PAT_HOME[] =
	"(?<![\\p{L}])(?:lives?|living|address|home|house|flat|moved|resides?)(?![\\p{L}])";
static const char PAT_DOB[] =
	"(?<![\\p{L}])(?:dob|d\\.o\\.b\\.?|date\\s+of\\s+birth|born(?:\\s+on)?|birthday)[\\s:,\\-]*(?:is\\s+|was\\s+)?"
	"(?:\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:19|20)?\\d{2}"
	"|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" MONTHS ",?\\s+(?:19|20)\\d{2}"
	"|" MONTHS "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2})(?!\\d)";
static const char PAT_EMAIL[] =
	"(?<![\\w.%+\\-])[\\w.%+\\-]+@[a-z0-9\\-]+(?:\\.[a-z0-9\\-]+)*\\.[a-z]{2,}(?![\\w])";

/* A person's name in the original text: a title and a capitalised surname,
 * or two or three capitalised words that are not common capitalised words. */
static const char PAT_NAMED[] =
	"(?<![\\p{L}\\p{N}])(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\\.?\\s+\\p{Lu}[\\p{L}'\\-]+"
	"|(?!(?:The|This|That|These|Those|A|An|My|Our|Your|His|Her|Their|Its|Council|Borough|City|County|District|"
	"Adult|Social|Children|Town|Civic|Market|Street|Road|Lane|Close|Mental|Health|NHS|Universal|Credit|Happy|Good|"
	"Great|New|Old|Moor|House|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
	"April|May|June|July|August|September|October|November|December|Christmas|Easter|God|Jesus|Team|Cabinet|"
	"Planning|Housing|Environmental|Customer|Services|Family|Leisure|Trust|Homes|Care|Ltd|Lord|Lady|Sir|Saint|"
	"St|Park|Hall|Centre|Just|Well|Thanks|Thank|Hi|Hello|Dear|If|When|What|Why|How|Who|Where|Can|Could|Would|"
	"Should|Will|Is|Are|Was|Were|Do|Does|Did|Not|No|Yes|And|But|Or|So|Then|Today|Tomorrow|Yesterday|Last|Next|"
	"First|Best|Big|Little|Top|Local|Community|Public|Please|Sorry|All|Every|Some|Any|One|Two|Three|Still|"
	"Also|Another|Our|Head|Chief|Director|Manager|Service|Green|Labour|Reform|Tory|Conservative|Liberal|"
	"Hospital|School|Primary|Academy|Church|College|University|Road|Avenue|Disciplinary|Draft|Information|"
	"Data|Freedom|Equality|Equalities|Dignity|Safeguarding|Vulnerable|Code|Officer|Officers|Human|Internet|"
	"Acceptable|Personal|Professional|Business|Security|Communications|Marketing|Media|Employee|Employees|"
	"Members|Member|Executive|Full|Personnel|Strategic|Support|Line|Legal|Head|Assistant|Monitoring|Governance|"
	"Performance|Policy|Finance|Financial|Risk|Report|Item|Part|Appendix|Section|Terms|Guidelines|Guidance|"
	"Whistleblowing|Health|Safety|Fire|Police|Prime|Minister|Secretary|State|Government|Local|National|"
	"United|Kingdom|England|Wales|Scotland|British|European|Royal|Bank|Holiday|Bonfire|Night|Mother|Father|"
	"Black|White|Red|Blue|Brown|Golden|Silver|Old|North|South|East|West|Upper|Lower|Great|Little)\\b)\\p{Lu}\\p{Ll}+"
	"(?:[ \\-](?!(?:Rise|Road|Lane|Street|Close|Avenue|Way|Drive|Court|Bank|Park|Green|Hill|Crescent|Grove|"
	"Gardens|Terrace|Place|Square|Walk|View|Mews|Row|Council|Centre|Hall|House|Homes|Trust|Services|Ltd|"
	"Library|School|Team|Office|Estate|Site|Street|Show|Stadium|Club|Road|Ward|Way|Pass|Policy|Procedure|"
	"Procedures|Act|Acts|Committee|Code|Conduct|Protocol|Guidance|Guidelines|Statement|Forum|Forums|Board|"
	"Panel|Plan|Strategy|Framework|Service|Officer|Officers|Manager|Team|Unit|Department|Directorate|Group|"
	"Network|Partnership|Agency|Authority|Tribunal|Court|Day|Week|Month|Year|Night|Morning|Evening|Party|"
	"Cup|League|Festival|Market|Fair|Awards|Award|Adults|Children|People|Users|Use|Media|Sites|Site)\\b)\\p{Lu}[\\p{Ll}']+){1,2})"
	"(?![\\p{L}\\p{N}])";

/*
 * Whether a rule's `near` condition can ever hold in this run: a rule whose
 * classes have no pattern at all (suppliers, partners, org_named without an
 * org profile) and that does not count replies to the org drops every
 * trigger, so it is not evaluated.
 */
static bool near_can_find(const struct engine *e, const struct rule *r)
{
	if (!r->near.n || (r->reply && e->has_handles))
		return true;
	for (size_t k = 0; k < r->near.n; k++) {
		const char *cls = r->near.v[k];
		if (strcmp(cls, "named") == 0 || (strcmp(cls, "suppliers") == 0 && e->has_supplier_words))
			return true;
		for (size_t i = 0; i < e->n_tc; i++)
			if (e->tc[i].ok && strcmp(e->tc[i].name, cls) == 0)
				return true;
	}
	return false;
}

struct engine *engine_new(const struct policy *p, const struct org *o, struct cs_error *err)
{
	struct engine *e = xcalloc(1, sizeof *e);
	struct buf b = BUF_INIT(0);
	bool first;
	int ok = 0;

	e->p = p;
	e->o = o;
	atomic_init(&e->self_id_seen, false);
	const char *nopf = getenv("CONDUCTSCAN_NO_PREFILTER");
	e->prefilter = !(nopf && *nopf && *nopf != '0');
	e->tc = xcalloc(p->n_targets + 1, sizeof *e->tc);
	for (size_t i = 0; i < p->n_targets; i++) {
		const struct target_def *t = &p->targets[i];
		struct tclass *c = &e->tc[e->n_tc++];
		c->name = t->name;
		buf_reset(&b);
		first = true;
		for (size_t k = 0; k < t->patterns.n; k++) {
			alt(&b, &first);
			buf_adds(&b, "(?:");
			buf_adds(&b, t->patterns.v[k]);
			buf_adds(&b, ")");
		}
		if (o && (strcmp(t->name, "org") == 0 || strcmp(t->name, "org_named") == 0))
			add_org_identity(&b, &first, o, p->fold, true);
		const struct strlist *pl = org_people(o, t->name);
		for (size_t k = 0; pl && k < pl->n; k++) {
			alt(&b, &first);
			org_person_pattern(pl->v[k], p->fold, &b);
		}
		/* "named": anyone the org profile lists (and, at match time,
		 * capitalised names in the original text) */
		static const char *const lists[] = { "colleagues", "managers", "councillors", "service_users" };
		for (size_t l = 0; o && strcmp(t->name, "named") == 0 && l < 4; l++) {
			const struct strlist *nl2 = org_people(o, lists[l]);
			for (size_t k = 0; k < nl2->n; k++) {
				alt(&b, &first);
				org_person_pattern(nl2->v[k], p->fold, &b);
			}
		}
		const struct strlist *nl = org_names(o, t->name);
		for (size_t k = 0; nl && k < nl->n; k++) {
			alt(&b, &first);
			org_literal_pattern(nl->v[k], p->fold, &b);
			char *shortn = short_name(nl->v[k]);
			if (shortn) {
				alt(&b, &first);
				org_literal_pattern(shortn, p->fold, &b);
				free(shortn);
			}
		}
		if (first)
			continue;
		char what[200];
		snprintf(what, sizeof what, "target class '%s'", t->name);
		if (compile_or_fail(&c->rx, buf_str(&b), what, err) < 0)
			goto out;
		c->ok = true;
	}
	if (o) {
		buf_reset(&b);
		first = true;
		add_org_identity(&b, &first, o, p->fold, true);
		if (!first) {
			if (compile_or_fail(&e->ident, buf_str(&b), "the org profile's names", err) < 0)
				goto out;
			e->has_ident = true;
		}
		buf_reset(&b);
		first = true;
		for (size_t k = 0; k < o->handles.n; k++) {
			alt(&b, &first);
			org_literal_pattern(o->handles.v[k], p->fold, &b);
			/* a reply names the handle with or without '@' */
			if (o->handles.v[k][0] == '@') {
				alt(&b, &first);
				org_literal_pattern(o->handles.v[k] + 1, p->fold, &b);
			}
		}
		if (o->name) {
			alt(&b, &first);
			org_literal_pattern(o->name, p->fold, &b);
		}
		if (!first) {
			if (compile_or_fail(&e->handles, buf_str(&b), "the org profile's handles", err) < 0)
				goto out;
			e->has_handles = true;
		}
		buf_reset(&b);
		first = true;
		for (size_t k = 0; k < o->hashtags.n; k++) {
			alt(&b, &first);
			org_literal_pattern(o->hashtags.v[k], p->fold, &b);
		}
		if (!first) {
			if (compile_or_fail(&e->tags, buf_str(&b), "the org profile's hashtags", err) < 0)
				goto out;
			e->has_tags = true;
		}
		buf_reset(&b);
		first = true;
		for (size_t k = 0; k < o->service_users.n; k++) {
			alt(&b, &first);
			org_person_pattern(o->service_users.v[k], p->fold, &b);
		}
		if (!first) {
			if (compile_or_fail(&e->su, buf_str(&b), "the org profile's service users", err) < 0)
				goto out;
			e->has_su = true;
		}
	}
	if (compile_or_fail(&e->phone, PAT_PHONE, "phone pattern", err) < 0 ||
	    compile_or_fail(&e->nhs, PAT_NHS, "nhs pattern", err) < 0 ||
	    compile_or_fail(&e->ni, PAT_NI, "ni pattern", err) < 0 ||
	    compile_or_fail(&e->street, PAT_STREET, "street pattern", err) < 0 ||
	    compile_or_fail(&e->postcode, PAT_POSTCODE, "postcode pattern", err) < 0 ||
	    compile_or_fail(&e->home, PAT_HOME, "home pattern", err) < 0 ||
	    compile_or_fail(&e->dob, PAT_DOB, "date of birth pattern", err) < 0 ||
	    compile_or_fail(&e->email, PAT_EMAIL, "email pattern", err) < 0)
		goto out;
	if (o) {
		char msg[300];
		buf_reset(&b);
		first = true;
		supplier_first_words(o, &b, &first);
		if (!first) {
			if (rx_compile_case(&e->supplier_words, buf_str(&b), msg, sizeof msg) != 0) {
				cs_error_set(err, EXIT_USAGE, "cannot compile the org profile's suppliers: %s", msg);
				goto out;
			}
			e->has_supplier_words = true;
		}
	}
	{
		char msg[300];
		if (rx_compile_case(&e->named, PAT_NAMED, msg, sizeof msg) != 0) {
			cs_error_set(err, EXIT_USAGE, "cannot compile name pattern: %s", msg);
			goto out;
		}
	}
	e->near_off = xcalloc(p->n_rules + 1, sizeof *e->near_off);
	size_t n_near = 0;
	for (size_t i = 0; i < p->n_rules; i++)
		n_near += p->rules[i].near.n;
	e->near = xcalloc(n_near + 1, sizeof *e->near);
	for (size_t i = 0, at = 0; i < p->n_rules; i++) {
		e->near_off[i] = at;
		for (size_t k = 0; k < p->rules[i].near.n; k++, at++) {
			const char *cls = p->rules[i].near.v[k];
			struct near_ref *nr = &e->near[at];
			nr->tc = -1;
			for (size_t t = 0; t < e->n_tc && nr->tc < 0; t++)
				if (strcmp(e->tc[t].name, cls) == 0)
					nr->tc = (int)t;
			nr->kind = strcmp(cls, "named") == 0 ? NEAR_NAMED
				   : strcmp(cls, "suppliers") == 0 ? NEAR_SUPPLIERS : NEAR_PLAIN;
		}
	}
	e->never = xcalloc(p->n_rules + 1, sizeof *e->never);
	e->liked = xcalloc(p->n_rules + 1, sizeof *e->liked);
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct rule *r = &p->rules[i];
		e->never[i] = !near_can_find(e, r);
		e->liked[i] = content_category(r->category) && r->detector != DET_LIKED &&
			      !account_level(r->detector) && (r->kinds & (1u << ITEM_POST)) && scope_ok(e, r);
	}
	ok = 1;
out:
	buf_release(&b);
	if (!ok) {
		engine_free(e);
		e = NULL;
	}
	return e;
}

void engine_free(struct engine *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n_tc; i++)
		if (e->tc[i].ok)
			rx_release(&e->tc[i].rx);
	free(e->tc);
	free(e->never);
	free(e->liked);
	free(e->near);
	free(e->near_off);
	struct rx *all[] = { &e->ident, &e->handles, &e->su, &e->tags, &e->phone, &e->nhs, &e->ni, &e->street,
			     &e->postcode, &e->home, &e->dob, &e->email, &e->named, &e->supplier_words };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i]->code)
			rx_release(all[i]);
	free(e);
}

/* ---- one item --------------------------------------------------------- */

struct spanv {
	struct match_span *v;
	size_t n, cap;
};

static void span_add(struct spanv *s, size_t a, size_t b)
{
	if (b <= a)
		return;
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n].start = a;
	s->v[s->n].end = b;
	s->n++;
}

/* A pack expression several lists share, matched once per item. */
struct pmemo {
	bool spans_done, any_done, any;
	struct spanv spans;
};

struct ictx {
	struct engine *e;
	const struct item *it;
	const char *text;
	size_t len;
	bool truncated;
	struct norm norm, deob;
	struct lex_hit *hits;
	size_t n_hits;
	struct spanv *tspans;       /* per target class, filled on first use */
	bool *tdone;
	pcre2_match_data *md;
	struct pmemo *memo;         /* policy.n_memo, allocated on first use */
	int reply_org;              /* is_reply_to_org(): -1 until asked */
	/* last, and not cleared with the rest: rx_text_init sets them */
	struct rx_text pres;        /* what the normalised text holds, for rx_may_match */
	struct rx_text dpres;       /* what the deobfuscated text holds, when it differs */
};

static bool word_is(const char *t, size_t a, size_t b, const char *const *words)
{
	for (const char *const *w = words; *w; w++)
		if (strlen(*w) == b - a && strncasecmp(t + a, *w, b - a) == 0)
			return true;
	return false;
}

static bool upper_ascii(char ch)
{
	return ch >= 'A' && ch <= 'Z';
}

static bool letter_ascii(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '\'';
}

/*
 * A lexicon hit that is part of a proper place name in the original text,
 * whatever the place: a capitalised word followed (after at most one more
 * capitalised word) by a capitalised street or place word ("Slag Lane",
 * "Cock Clarks Road", "Titty Ho", "Scratchy Bottom"), or preceded by a
 * capitalised Upper, Lower, Nether, Great, Little ... ("Upper Dicker").
 * The exception list names the famous ones; this catches the rest.
 */
static bool place_name(const char *t, size_t len, size_t a, size_t b)
{
	static const char *const after[] = {
		"lane", "road", "street", "st", "close", "avenue", "way", "drive", "hill", "green", "bottom",
		"end", "farm", "wood", "woods", "common", "crescent", "place", "row", "walk", "brook", "bridge",
		"cross", "field", "fields", "moor", "marsh", "hall", "park", "gardens", "terrace", "court",
		"mews", "heath", "vale", "valley", "point", "island", "head", "ho", "barks", "hole", "pit",
		"rise", "gate", "corner", "nook", "dale", "cottages", "mill", "inn", "arms", "tavern", "lodge",
		"manor", "grange", "bay", "beck", "burn", "loch", "fell", "pike", "tor", "combe", "knoll",
		"wharf", "quay", "yard", "square", "parade", "hollow", "ford", "well", "wells", "castle",
		"reservoir", "estate", "industrial", NULL };
	static const char *const before[] = {
		"upper", "lower", "nether", "middle", "great", "little", "over", "north", "south", "east",
		"west", "old", "new", "long", "high", "low", NULL };
	if (!upper_ascii(t[a]))
		return false;
	size_t j = b;
	for (int words = 0; words < 2; words++) {
		if (j >= len || t[j] != ' ')
			break;
		j++;
		if (j >= len || !upper_ascii(t[j]))
			break;
		size_t k = j;
		while (k < len && letter_ascii(t[k]))
			k++;
		if (word_is(t, j, k, after))
			return true;
		j = k;
	}
	/* "Upper Dicker", "Great Cockup": the word before, capitalised, not
	 * the first of a sentence */
	if (a >= 2 && t[a - 1] == ' ') {
		size_t k = a - 1, i = k;
		while (i > 0 && letter_ascii(t[i - 1]))
			i--;
		if (i < k && upper_ascii(t[i]) && word_is(t, i, k, before)) {
			size_t p = i;
			while (p > 0 && t[p - 1] == ' ')
				p--;
			if (p > 0 && t[p - 1] != '.' && t[p - 1] != '!' && t[p - 1] != '?' && t[p - 1] != '\n')
				return true;
		}
	}
	return false;
}

static void drop_place_names(struct ictx *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n_hits; i++) {
		const struct lex_hit *h = &c->hits[i];
		if (!h->masked && !h->obfuscated && h->end <= c->len && place_name(c->text, c->len, h->start, h->end))
			continue;
		c->hits[n++] = *h;
	}
	c->n_hits = n;
}

static void ictx_init(struct ictx *c, struct engine *e, const struct item *it)
{
	memset(c, 0, offsetof(struct ictx, pres));
	c->dpres.bits = NULL;
	c->e = e;
	c->it = it;
	c->reply_org = -1;
	c->text = it->text ? it->text : "";
	c->len = strlen(c->text);
	if (c->len > e->p->max_text) {
		size_t l = e->p->max_text;
		while (l > 0 && ((unsigned char)c->text[l] & 0xC0) == 0x80)
			l--;
		c->len = l;
		c->truncated = true;
	}
	norm_text(c->text, c->len, e->p->fold, &c->norm);
	norm_deobfuscate(&c->norm, &c->deob);
	rx_text_init(&c->pres, c->norm.s, c->norm.len);
	c->pres.all |= !e->prefilter;
	/* most texts hide nothing: their deobfuscated form is the same bytes */
	struct rx_text *dp = &c->pres;
	if (c->deob.len != c->norm.len || memcmp(c->deob.s, c->norm.s, c->norm.len) != 0) {
		rx_text_init(&c->dpres, c->deob.s, c->deob.len);
		c->dpres.all |= !e->prefilter;
		dp = &c->dpres;
	}
	lexicon_match(e->p->lx, &c->norm, &c->deob, dp, &c->hits, &c->n_hits);
	drop_place_names(c);
	c->tspans = xcalloc(e->n_tc + 1, sizeof *c->tspans);
	c->tdone = xcalloc(e->n_tc + 1, sizeof *c->tdone);
	c->md = rx_match_data();
}

static void ictx_release(struct ictx *c)
{
	norm_release(&c->norm);
	norm_release(&c->deob);
	free(c->hits);
	for (size_t i = 0; i < c->e->n_tc; i++)
		free(c->tspans[i].v);
	free(c->tspans);
	free(c->tdone);
	rx_match_data_free(c->md);
	rx_text_release(&c->pres);
	rx_text_release(&c->dpres);
	for (size_t i = 0; c->memo && i < c->e->p->n_memo; i++)
		free(c->memo[i].spans.v);
	free(c->memo);
}

/* Every match of r in the normalised text, as original spans. */
/* Every match of r in the normalised text, as original spans; whether r
 * matched at all (an empty match adds no span). */
static bool rx_spans_any(struct ictx *c, const struct rx *r, struct spanv *out)
{
	size_t pos = 0, a, b, oa, ob;
	bool any = false;
	if (!rx_may_match(r, &c->pres))
		return false;
	while (rx_next(r, c->norm.s, c->norm.len, &pos, c->md, &a, &b, NULL)) {
		any = true;
		norm_span(&c->norm, a, b, &oa, &ob);
		span_add(out, oa, ob);
	}
	return any;
}

static void rx_spans(struct ictx *c, const struct rx *r, struct spanv *out)
{
	rx_spans_any(c, r, out);
}

static struct pmemo *memo_get(struct ictx *c, int slot)
{
	if (!c->memo)
		c->memo = xcalloc(c->e->p->n_memo + 1, sizeof *c->memo);
	return &c->memo[slot];
}

/* rx_spans of a list's expression i, through the memo when it has a slot. */
static void list_spans(struct ictx *c, const struct rx_list *l, size_t i, struct spanv *out)
{
	if (l->memo[i] < 0 || !c->e->prefilter) {
		rx_spans(c, &l->v[i], out);
		return;
	}
	struct pmemo *m = memo_get(c, l->memo[i]);
	if (!m->spans_done) {
		m->any = rx_spans_any(c, &l->v[i], &m->spans);
		m->spans_done = m->any_done = true;
	}
	for (size_t k = 0; k < m->spans.n; k++)
		span_add(out, m->spans.v[k].start, m->spans.v[k].end);
}

/* Whether a list's expression i matches anywhere. */
static bool list_any(struct ictx *c, const struct rx_list *l, size_t i)
{
	const struct rx *r = &l->v[i];
	if (l->memo[i] < 0 || !c->e->prefilter)
		return rx_may_match(r, &c->pres) && rx_any(r, c->norm.s, c->norm.len, c->md);
	struct pmemo *m = memo_get(c, l->memo[i]);
	if (!m->any_done) {
		m->any = rx_may_match(r, &c->pres) && rx_any(r, c->norm.s, c->norm.len, c->md);
		m->any_done = true;
	}
	return m->any;
}

static const struct spanv *target_spans(struct ictx *c, const struct near_ref *nr)
{
	if (nr->tc >= 0) {
		size_t i = (size_t)nr->tc;
		if (!c->tdone[i]) {
			c->tdone[i] = true;
			if (c->e->tc[i].ok)
				rx_spans(c, &c->e->tc[i].rx, &c->tspans[i]);
			if (nr->kind == NEAR_SUPPLIERS && c->e->has_supplier_words) {
				size_t pos = 0, a, b;
				while (rx_next(&c->e->supplier_words, c->text, c->len, &pos, c->md, &a, &b, NULL))
					span_add(&c->tspans[i], a, b);
			}
			if (nr->kind == NEAR_NAMED) {
				size_t pos = 0, a, b;
				while (rx_next(&c->e->named, c->text, c->len, &pos, c->md, &a, &b, NULL))
					span_add(&c->tspans[i], a, b);
			}
		}
		return &c->tspans[i];
	}
	return NULL;
}

static bool any_list(struct ictx *c, const struct rx_list *l)
{
	for (size_t i = 0; i < l->n_rx; i++)
		if (list_any(c, l, i))
			return true;
	return false;
}

static bool group_in(const struct strlist *groups, const char *g)
{
	if (groups->n == 0)
		return true;
	return strlist_has(groups, g);
}

/* Does a normalised copy of s match r? */
static bool str_matches(struct ictx *c, const struct rx *r, const char *s)
{
	if (!s || !*s)
		return false;
	char *n = norm_dup(s, c->e->p->fold);
	bool m = rx_any(r, n, strlen(n), c->md);
	free(n);
	return m;
}

static bool nhs_valid(const char *digits)
{
	int sum = 0;
	for (int i = 0; i < 9; i++)
		sum += (digits[i] - '0') * (10 - i);
	int check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	if (check == 10)
		return false;
	return check == digits[9] - '0';
}

static size_t digits_of(const char *s, size_t a, size_t b, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = a; i < b; i++)
		if (s[i] >= '0' && s[i] <= '9') {
			if (n + 1 < cap)
				out[n] = s[i];
			n++;
		}
	out[n < cap ? n : cap - 1] = '\0';
	return n;
}

static bool role_address(const char *local, size_t n)
{
	static const char *const roles[] = { "info", "enquiries", "enquiry", "contact", "marketing", "media",
					     "press", "hello", "noreply", "no-reply", "admin", "help",
					     "support", "customer.services", "customerservices", "complaints",
					     "foi", "webmaster", "communications", "hr", "office", "reception",
					     "sales", "jobs", "careers", "feedback", "council", "contactus", "contact.us",
					     "bookings", "bulkywaste", "planning", "housing", "parking", "licensing", NULL };
	for (const char *const *r = roles; *r; r++)
		if (strlen(*r) == n && strncmp(*r, local, n) == 0)
			return true;
	return false;
}

/* Detector triggers; *detail gets a short text for the summary when the
 * trigger is not in the item's text (times, counterparts). */
static bool run_detector(struct ictx *c, const struct rule *r, struct spanv *trig, char *detail, size_t dn)
{
	struct engine *e = c->e;
	const struct item *it = c->it;
	size_t pos, a, b, oa, ob;
	char dg[32];

	detail[0] = '\0';
	switch (r->detector) {
	case DET_NONE:
	case DET_LIKED:
	case DET_SELF_IDENTIFICATION:
	case DET_MISSING_DISCLAIMER:
	case DET_WORK_EMAIL:
		return false;
	case DET_UK_PHONE:
		pos = 0;
		while (rx_may_match(&e->phone, &c->pres) &&
		       rx_next(&e->phone, c->norm.s, c->norm.len, &pos, c->md, &a, &b, NULL)) {
			size_t nd = digits_of(c->norm.s, a, b, dg, sizeof dg);
			const char *p = c->norm.s + a;
			bool intl = false;
			while (*p == '(' )
				p++;
			intl = *p == '+';
			/* +44 and ten digits, or 0 and nine or ten more */
			const char *nat = intl ? dg + 2 : dg + 1;
			if (intl && dg[2] == '0')
				nat = dg + 3;
			size_t nn = strlen(nat);
			if ((intl && nn != 10) || (!intl && nd != 10 && nd != 11))
				continue;
			if (!strchr("123578", nat[0]))
				continue;
			norm_span(&c->norm, a, b, &oa, &ob);
			span_add(trig, oa, ob);
		}
		return trig->n > 0;
	case DET_NHS_NUMBER:
		pos = 0;
		while (rx_may_match(&e->nhs, &c->pres) &&
		       rx_next(&e->nhs, c->norm.s, c->norm.len, &pos, c->md, &a, &b, NULL)) {
			if (digits_of(c->norm.s, a, b, dg, sizeof dg) != 10 || !nhs_valid(dg))
				continue;
			norm_span(&c->norm, a, b, &oa, &ob);
			span_add(trig, oa, ob);
		}
		return trig->n > 0;
	case DET_NI_NUMBER:
		pos = 0;
		while (rx_may_match(&e->ni, &c->pres) &&
		       rx_next(&e->ni, c->norm.s, c->norm.len, &pos, c->md, &a, &b, NULL)) {
			static const char *const badp[] = { "bg", "gb", "nk", "kn", "tn", "nt", "zz", NULL };
			bool ok = true;
			for (const char *const *x = badp; *x; x++)
				if (strncmp(c->norm.s + a, *x, 2) == 0)
					ok = false;
			if (!ok)
				continue;
			norm_span(&c->norm, a, b, &oa, &ob);
			span_add(trig, oa, ob);
		}
		return trig->n > 0;
	case DET_ADDRESS: {
		struct spanv st = { 0 }, pc = { 0 };
		rx_spans(c, &e->street, &st);
		rx_spans(c, &e->postcode, &pc);
		bool home = rx_may_match(&e->home, &c->pres) && rx_any(&e->home, c->norm.s, c->norm.len, c->md);
		bool fire = (st.n && pc.n) || ((st.n || pc.n) && home);
		if (fire) {
			for (size_t i = 0; i < st.n; i++)
				span_add(trig, st.v[i].start, st.v[i].end);
			for (size_t i = 0; i < pc.n; i++)
				span_add(trig, pc.v[i].start, pc.v[i].end);
		}
		free(st.v);
		free(pc.v);
		return fire;
	}
	case DET_DATE_OF_BIRTH:
		rx_spans(c, &e->dob, trig);
		return trig->n > 0;
	case DET_EMAIL:
		pos = 0;
		while (rx_may_match(&e->email, &c->pres) &&
		       rx_next(&e->email, c->norm.s, c->norm.len, &pos, c->md, &a, &b, NULL)) {
			const char *at = memchr(c->norm.s + a, '@', b - a);
			if (!at || role_address(c->norm.s + a, (size_t)(at - (c->norm.s + a))))
				continue;
			norm_span(&c->norm, a, b, &oa, &ob);
			span_add(trig, oa, ob);
		}
		return trig->n > 0;
	case DET_SERVICE_USER: {
		if (!e->has_su)
			return false;
		rx_spans(c, &e->su, trig);
		if (str_matches(c, &e->su, it->counterpart)) {
			snprintf(detail, dn, "%s '%s'", it->kind == ITEM_CONNECTION ? "connection" :
				 it->kind == ITEM_MESSAGE ? "message with" : it->kind == ITEM_TAG ? "tagged" :
				 "counterpart", it->counterpart);
			return true;
		}
		for (size_t i = 0; i < it->tagged.n; i++)
			if (str_matches(c, &e->su, it->tagged.v[i])) {
				snprintf(detail, dn, "tagged '%s'", it->tagged.v[i]);
				return true;
			}
		for (size_t i = 0; i < it->mentions.n; i++)
			if (str_matches(c, &e->su, it->mentions.v[i])) {
				snprintf(detail, dn, "mentions '%s'", it->mentions.v[i]);
				return true;
			}
		return trig->n > 0;
	}
	case DET_ORG_HASHTAG: {
		if (!e->o || !e->o->hashtags.n)
			return false;
		for (size_t i = 0; i < e->o->hashtags.n; i++) {
			const char *h = e->o->hashtags.v[i];
			for (size_t k = 0; k < it->hashtags.n; k++)
				if (strcasecmp(h, it->hashtags.v[k]) == 0 ||
				    (h[0] == '#' && strcasecmp(h + 1, it->hashtags.v[k]) == 0))
					snprintf(detail, dn, "uses the org's hashtag '%s'", h);
		}
		if (e->has_tags)
			rx_spans(c, &e->tags, trig);
		return trig->n > 0 || detail[0];
	}
	case DET_WORKING_HOURS: {
		const struct org *o = e->o;
		struct tm tm;
		if (!o || !o->has_hours || it->time_source == ITEM_TIME_NONE)
			return false;
		timez_localtm(it->created_at, &tm);
		int m = tm.tm_hour * 60 + tm.tm_min;
		if (!(o->days & (1u << tm.tm_wday)) || m < o->start || m >= o->end)
			return false;
		for (size_t i = 0; i < o->n_breaks; i++)
			if (m >= o->breaks[i][0] && m < o->breaks[i][1])
				return false;
		static const char *const wd[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
		snprintf(detail, dn, "at %02d:%02d on %s %04d-%02d-%02d, within working hours %02d:%02d-%02d:%02d",
			 tm.tm_hour, tm.tm_min, wd[tm.tm_wday], tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			 o->start / 60, o->start % 60, o->end / 60, o->end % 60);
		return true;
	}
	case DET_ABSENCE: {
		const struct org *o = e->o;
		char day[TIMEZ_BUFSZ];
		if (!o || !o->n_absences || it->time_source == ITEM_TIME_NONE)
			return false;
		timez_local_date(it->created_at, day);
		for (size_t i = 0; i < o->n_absences; i++) {
			const struct absence *ab = &o->absences[i];
			if (strcmp(day, ab->from) >= 0 && strcmp(day, ab->to) <= 0) {
				snprintf(detail, dn, "on %s, during a recorded absence%s%s (%s to %s)", day,
					 ab->reason[0] ? ": " : "", ab->reason, ab->from, ab->to);
				return true;
			}
		}
		return false;
	}
	}
	return false;
}

static int span_cmp(const void *a, const void *b)
{
	const struct match_span *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

/* Sorted, overlapping spans merged. */
static void spans_tidy(struct spanv *s)
{
	if (!s->n)
		return;
	qsort(s->v, s->n, sizeof *s->v, span_cmp);
	size_t w = 0;
	for (size_t i = 1; i < s->n; i++) {
		if (s->v[i].start < s->v[w].end) {
			if (s->v[i].end > s->v[w].end)
				s->v[w].end = s->v[i].end;
		} else {
			s->v[++w] = s->v[i];
		}
	}
	s->n = w + 1;
}

static size_t gap(const struct match_span *x, const struct match_span *y)
{
	if (x->end <= y->start)
		return y->start - x->end;
	if (y->end <= x->start)
		return x->start - y->end;
	return 0;
}

struct eval {
	struct spanv trig, ctx;
	char detail[400];
	bool masked, obfuscated;
	struct strlist cats;        /* liked: the categories the content hit */
};

static void eval_release(struct eval *v)
{
	free(v->trig.v);
	free(v->ctx.v);
	strlist_release(&v->cats);
}

static bool is_reply_to_org(struct ictx *c)
{
	if (c->reply_org < 0)
		c->reply_org = c->e->has_handles && str_matches(c, &c->e->handles, c->it->in_reply_to_user);
	return c->reply_org;
}

/*
 * Conditions the prefilter can rule out before any trigger is matched:
 * none of the `with` expressions can match, or (not counting a reply to
 * the org) no class `near` names can have a target: "named" and the
 * supplier words also match the original text and are assumed possible.
 * Exact: each would make the rule fail once its triggers were found.
 */
static bool conditions_possible(struct ictx *c, const struct rule *r)
{
	if (r->with.n) {
		bool any = false;
		for (size_t i = 0; i < r->with.n_rx && !any; i++)
			any = rx_may_match(&r->with.v[i], &c->pres);
		if (!any)
			return false;
	}
	if (!r->near.n || (r->reply && is_reply_to_org(c)))
		return true;
	const struct engine *e = c->e;
	const struct near_ref *nr = e->near + e->near_off[r - e->p->rules];
	for (size_t k = 0; k < r->near.n; k++, nr++) {
		if (nr->kind == NEAR_NAMED || (nr->kind == NEAR_SUPPLIERS && e->has_supplier_words))
			return true;
		if (nr->tc >= 0 && e->tc[nr->tc].ok && rx_may_match(&e->tc[nr->tc].rx, &c->pres))
			return true;
	}
	return false;
}

static bool eval_rule(struct ictx *c, const struct rule *r, struct eval *v);

/* A like or share: the content rules that apply to posts, run on its text. */
static bool eval_liked(struct ictx *c, struct eval *v)
{
	const struct policy *p = c->e->p;
	bool any = false;
	/* The council's own post ("Eastmoor Council: we're recruiting") speaks
	 * for the council by right: liking or sharing it is not a breach. */
	bool own_post = false;
	if (c->e->has_ident) {
		size_t pos = 0, a, b;
		if (rx_may_match(&c->e->ident, &c->pres) &&
		    rx_next(&c->e->ident, c->norm.s, c->norm.len, &pos, c->md, &a, &b, NULL) && a <= 1)
			own_post = true;
	}
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct rule *r = &p->rules[i];
		if (!c->e->liked[i] || (own_post && strcmp(r->category, "speaking_for_council") == 0))
			continue;
		struct eval sub = { 0 };
		if (eval_rule(c, r, &sub)) {
			any = true;
			strlist_push_unique(&v->cats, r->category);
			for (size_t k = 0; k < sub.trig.n; k++)
				span_add(&v->trig, sub.trig.v[k].start, sub.trig.v[k].end);
			for (size_t k = 0; k < sub.ctx.n; k++)
				span_add(&v->ctx, sub.ctx.v[k].start, sub.ctx.v[k].end);
			v->masked |= sub.masked;
			v->obfuscated |= sub.obfuscated;
		}
		eval_release(&sub);
	}
	return any;
}

static bool eval_rule(struct ictx *c, const struct rule *r, struct eval *v)
{
	if (r->detector == DET_LIKED)
		return eval_liked(c, v);
	if (c->e->never[r - c->e->p->rules] || !conditions_possible(c, r))
		return false;
	/* triggers first: most rules find nothing, and then the conditions
	 * need not run */
	for (size_t i = 0; i < r->patterns.n_rx; i++)
		list_spans(c, &r->patterns, i, &v->trig);
	if (r->lexicon) {
		const struct lexicon *lx = c->e->p->lx;
		for (size_t i = 0; i < c->n_hits; i++) {
			const struct lex_hit *h = &c->hits[i];
			const struct lex_entry *le = lexicon_entry(lx, h->entry);
			if (le->severity < r->min_severity || le->severity > r->max_severity ||
			    !group_in(&r->groups, le->group))
				continue;
			span_add(&v->trig, h->start, h->end);
			v->masked |= h->masked;
			v->obfuscated |= h->obfuscated;
		}
	}
	bool det = false;
	if (r->detector != DET_NONE) {
		det = run_detector(c, r, &v->trig, v->detail, sizeof v->detail);
		if (!det)
			return false;
	}
	if (!v->trig.n && !(det && v->detail[0]))
		return false;
	if (r->unless.n && any_list(c, &r->unless))
		return false;
	if (r->with.n) {
		bool found = false;
		for (size_t i = 0; i < r->with.n_rx; i++) {
			size_t before = v->ctx.n;
			list_spans(c, &r->with, i, &v->ctx);
			found |= v->ctx.n > before;
		}
		if (!found)
			return false;
	}
	if (r->near.n) {
		bool reply = r->reply && is_reply_to_org(c);
		const struct near_ref *nr = c->e->near + c->e->near_off[r - c->e->p->rules];
		struct spanv kept = { 0 };
		for (size_t t = 0; t < v->trig.n; t++) {
			bool near = reply;
			for (size_t k = 0; k < r->near.n; k++) {
				const struct spanv *ts = target_spans(c, &nr[k]);
				for (size_t j = 0; ts && j < ts->n; j++) {
					if (gap(&v->trig.v[t], &ts->v[j]) <= r->window) {
						near = true;
						span_add(&v->ctx, ts->v[j].start, ts->v[j].end);
					}
				}
			}
			if (near)
				span_add(&kept, v->trig.v[t].start, v->trig.v[t].end);
		}
		if (reply && !v->detail[0])
			snprintf(v->detail, sizeof v->detail, "in reply to '%s'", c->it->in_reply_to_user);
		free(v->trig.v);
		v->trig = kept;
		if (!kept.n)
			return false;
	}
	spans_tidy(&v->trig);
	if (det && v->detail[0] && v->trig.n == 0)
		return true;
	return v->trig.n >= r->min_hits;
}

/* Appends the original text of a span for a summary: one line, bounded. */
static void quote_span(struct buf *b, const char *text, size_t a, size_t e)
{
	size_t n = e - a;
	bool cut = false;
	if (n > 60) {
		n = 60;
		while (n > 0 && ((unsigned char)text[a + n] & 0xC0) == 0x80)
			n--;
		cut = true;
	}
	for (size_t i = 0; i < n; i++) {
		char ch = text[a + i];
		buf_add(b, (ch == '\n' || ch == '\r' || ch == '\t') ? " " : &ch, 1);
	}
	if (cut)
		buf_adds(b, "...");
}

static void make_finding(struct ictx *c, const struct rule *r, struct eval *v, struct finding_list *out)
{
	const struct policy *p = c->e->p;
	struct buf s = BUF_INIT(0);
	struct spanv all = { 0 };

	buf_adds(&s, r->summary);
	if (v->cats.n) {
		buf_adds(&s, " (");
		for (size_t i = 0; i < v->cats.n; i++)
			buf_addf(&s, "%s%s", i ? ", " : "", v->cats.v[i]);
		buf_adds(&s, ")");
	}
	if (v->detail[0]) {
		buf_adds(&s, ": ");
		buf_adds(&s, v->detail);
	}
	if (v->trig.n) {
		/* the first three distinct words, each once */
		size_t shown = 0, more = 0;
		buf_adds(&s, v->detail[0] ? "; '" : ": '");
		for (size_t i = 0; i < v->trig.n; i++) {
			const struct match_span *m = &v->trig.v[i];
			bool seen = false;
			for (size_t k = 0; k < i && !seen; k++) {
				const struct match_span *o = &v->trig.v[k];
				seen = o->end - o->start == m->end - m->start &&
				       strncasecmp(c->text + o->start, c->text + m->start, m->end - m->start) == 0;
			}
			if (seen)
				continue;
			if (shown == 3) {
				more++;
				continue;
			}
			if (shown++)
				buf_adds(&s, "', '");
			quote_span(&s, c->text, m->start, m->end);
		}
		buf_adds(&s, "'");
		if (more)
			buf_addf(&s, " and %zu more", more);
	}
	if (v->masked)
		buf_adds(&s, " (masked spelling: lower confidence)");
	else if (v->obfuscated)
		buf_adds(&s, " (disguised spelling)");
	if (c->truncated)
		buf_addf(&s, " (only the first %zu bytes of the text were examined)", p->max_text);

	for (size_t i = 0; i < v->trig.n; i++)
		span_add(&all, v->trig.v[i].start, v->trig.v[i].end);
	for (size_t i = 0; i < v->ctx.n; i++)
		span_add(&all, v->ctx.v[i].start, v->ctx.v[i].end);
	spans_tidy(&all);

	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	struct finding *f = &out->v[out->n++];
	memset(f, 0, sizeof *f);
	f->category = r->category;
	f->rule = r->id;
	f->severity = r->severity;
	f->summary = buf_detach(&s, NULL);
	f->n_matches = all.n < p->max_matches ? all.n : p->max_matches;
	f->matches_omitted = all.n - f->n_matches;
	if (f->n_matches) {
		f->matches = xcalloc(f->n_matches, sizeof *f->matches);
		memcpy(f->matches, all.v, f->n_matches * sizeof *f->matches);
	}
	f->citations = r->cit;
	f->n_citations = r->n_cit;
	free(all.v);
	buf_release(&s);
}

int engine_item(struct engine *e, const struct item *it, struct finding_list *out)
{
	const struct policy *p = e->p;
	struct ictx c;

	ictx_init(&c, e, it);
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct rule *r = &p->rules[i];
		if (!(r->kinds & (1u << it->kind)) || account_level(r->detector) || !scope_ok(e, r))
			continue;
		struct eval v = { 0 };
		if (eval_rule(&c, r, &v)) {
			make_finding(&c, r, &v, out);
			if (strcmp(r->category, "self_identification") == 0)
				atomic_store(&e->self_id_seen, true);
		}
		eval_release(&v);
	}
	ictx_release(&c);
	return CS_OK;
}

/* ---- the account ------------------------------------------------------ */

static int finding_cmp(const void *a, const void *b)
{
	return strcmp(((const struct finding *)a)->rule, ((const struct finding *)b)->rule);
}

static bool is_bio(const char *field)
{
	return field && (strcmp(field, "bio") == 0 || strcmp(field, "description") == 0 ||
			 strcmp(field, "about") == 0 || strcmp(field, "intro") == 0);
}

static bool email_in_org(const struct engine *e, const char *addr, size_t n)
{
	const char *at = memchr(addr, '@', n);
	if (!at || !e->o)
		return false;
	size_t dl = n - (size_t)(at + 1 - addr);
	const char *dom = at + 1;
	for (size_t i = 0; i < e->o->email_domains.n; i++) {
		const char *d = e->o->email_domains.v[i];
		size_t l = strlen(d);
		if (dl == l && strncasecmp(dom, d, l) == 0)
			return true;
		if (dl > l && dom[dl - l - 1] == '.' && strncasecmp(dom + dl - l, d, l) == 0)
			return true;
	}
	return false;
}

int engine_account(struct engine *e, const struct account *a, struct item *const *profile_items,
		   size_t n_profile_items, struct finding_list *per_item_out, bool *self_identified)
{
	const struct policy *p = e->p;
	bool selfid = atomic_load(&e->self_id_seen);

	/* self-identification first: the disclaimer rule depends on it */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t ri = 0; ri < p->n_rules; ri++) {
			const struct rule *r = &p->rules[ri];
			if (!account_level(r->detector) || !scope_ok(e, r))
				continue;
			if ((pass == 0) != (r->detector == DET_SELF_IDENTIFICATION))
				continue;
			if (r->detector == DET_MISSING_DISCLAIMER) {
				if (!selfid || !n_profile_items)
					continue;
				size_t target = 0;
				bool has = false, bio = false;
				for (size_t i = 0; i < n_profile_items; i++) {
					struct ictx c;
					ictx_init(&c, e, profile_items[i]);
					has |= any_list(&c, &r->patterns);
					ictx_release(&c);
					if (!bio && is_bio(profile_items[i]->field)) {
						target = i;
						bio = true;
					}
				}
				if (a && a->bio && !has) {
					char *n = norm_dup(a->bio, p->fold);
					pcre2_match_data *md = rx_match_data();
					for (size_t k = 0; k < r->patterns.n_rx && !has; k++)
						has = rx_any(&r->patterns.v[k], n, strlen(n), md);
					rx_match_data_free(md);
					free(n);
				}
				if (has)
					continue;
				struct ictx c;
				struct eval v = { 0 };
				ictx_init(&c, e, profile_items[target]);
				snprintf(v.detail, sizeof v.detail,
					 "identifies as an employee, and no 'views are my own' statement was found on the profile");
				make_finding(&c, r, &v, &per_item_out[target]);
				eval_release(&v);
				ictx_release(&c);
				continue;
			}
			bool found_email = false;
			for (size_t i = 0; i < n_profile_items; i++) {
				const struct item *it = profile_items[i];
				if (!(r->kinds & (1u << it->kind)))
					continue;
				struct ictx c;
				struct eval v = { 0 };
				ictx_init(&c, e, it);
				if (r->detector == DET_SELF_IDENTIFICATION) {
					if (e->has_ident)
						rx_spans(&c, &e->ident, &v.trig);
					for (size_t k = 0; k < r->patterns.n_rx; k++)
						list_spans(&c, &r->patterns, k, &v.trig);
					if (r->unless.n && any_list(&c, &r->unless))
						v.trig.n = 0;
					spans_tidy(&v.trig);
					if (v.trig.n) {
						snprintf(v.detail, sizeof v.detail, "profile %s", it->field ? it->field : "field");
						make_finding(&c, r, &v, &per_item_out[i]);
						selfid = true;
					}
				} else if (r->detector == DET_WORK_EMAIL && e->o) {
					size_t pos = 0, ma, mb, oa, ob;
					while (rx_next(&e->email, c.norm.s, c.norm.len, &pos, c.md, &ma, &mb, NULL))
						if (email_in_org(e, c.norm.s + ma, mb - ma)) {
							norm_span(&c.norm, ma, mb, &oa, &ob);
							span_add(&v.trig, oa, ob);
						}
					if (v.trig.n) {
						found_email = true;
						make_finding(&c, r, &v, &per_item_out[i]);
					}
				}
				eval_release(&v);
				ictx_release(&c);
			}
			/* an account email in an org domain that no profile item shows */
			if (r->detector == DET_WORK_EMAIL && !found_email && a && e->o && n_profile_items) {
				for (size_t k = 0; k < a->emails.n; k++) {
					if (!email_in_org(e, a->emails.v[k], strlen(a->emails.v[k])))
						continue;
					size_t target = 0;
					for (size_t i = 0; i < n_profile_items; i++)
						if (profile_items[i]->field && strcmp(profile_items[i]->field, "email") == 0) {
							target = i;
							break;
						}
					struct ictx c;
					struct eval v = { 0 };
					ictx_init(&c, e, profile_items[target]);
					snprintf(v.detail, sizeof v.detail, "account email '%s'", a->emails.v[k]);
					make_finding(&c, r, &v, &per_item_out[target]);
					eval_release(&v);
					ictx_release(&c);
					break;
				}
			}
		}
	}
	for (size_t i = 0; i < n_profile_items; i++)
		if (per_item_out[i].n > 1)
			qsort(per_item_out[i].v, per_item_out[i].n, sizeof *per_item_out[i].v, finding_cmp);
	if (self_identified)
		*self_identified = selfid;
	return CS_OK;
}
