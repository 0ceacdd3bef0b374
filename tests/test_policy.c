/*
 * The policy engine: rule tables on items built directly, the normaliser's
 * offset map, Scunthorpe exceptions, NHS modulus 11, the name rule,
 * working hours across a DST change, and load errors.
 */
#include "tests/testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scanner/policy/norm.h"
#include "scanner/policy/policy.h"
#include "scanner/timez.h"
#include "scanner/xalloc.h"

static const char ORG_JSON[] =
	"{\"organisation\": {\"name\": \"Tameside Metropolitan Borough Council\","
	" \"aliases\": [\"Tameside Council\", \"TMBC\"], \"handles\": [\"@TamesideCouncil\"],"
	" \"email_domains\": [\"tameside.gov.uk\"], \"hashtags\": [\"#TamesideTogether\"]},"
	" \"people\": {\"colleagues\": [\"Priya Shah\", \"Łukasz Wójcik\"], \"managers\": [\"Ian Frost\"],"
	" \"councillors\": [\"Cllr Tom Ellis\"], \"service_users\": [\"Dylan Moss\", \"Zoë Ångström\"],"
	" \"suppliers\": [\"Veolia\", \"Kestrel Grounds Maintenance\"], \"partners\": []},"
	" \"working_hours\": {\"timezone\": \"Europe/London\", \"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"],"
	" \"start\": \"09:00\", \"end\": \"17:00\", \"breaks\": [[\"12:00\", \"13:00\"]]},"
	" \"absences\": [{\"from\": \"2023-02-06\", \"to\": \"2023-02-17\", \"reason\": \"sickness\"}],"
	" \"politically_restricted\": false}";

struct fixture {
	char *dir;
	struct policy *p;
	struct org *o;
	struct engine *e;
};

static char *write_tmp(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	tu_write(path, text, strlen(text));
	return path;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct cs_error err = { 0 };
	setenv("CONDUCTSCAN_DATADIR", ".", 0);
	assert_int_equal(timez_set("Europe/London", &err), 0);
	f->dir = tu_tmpdir();
	char *org = write_tmp(f->dir, "org.json", ORG_JSON);
	f->p = policy_load("uk-council", &err);
	if (!f->p)
		fail_msg("%s", err.msg);
	f->o = org_load(org, &err);
	if (!f->o)
		fail_msg("%s", err.msg);
	f->e = engine_new(f->p, f->o, &err);
	assert_non_null(f->e);
	free(org);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	engine_free(f->e);
	org_free(f->o);
	policy_free(f->p);
	tu_rmrf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static void judge(struct engine *e, const struct item *it, struct finding_list *fl)
{
	memset(fl, 0, sizeof *fl);
	assert_int_equal(engine_item(e, it, fl), CS_OK);
}

static const struct finding *find_cat(const struct finding_list *fl, const char *cat)
{
	for (size_t i = 0; i < fl->n; i++)
		if (strcmp(fl->v[i].category, cat) == 0)
			return &fl->v[i];
	return NULL;
}

/* "a,b" == the set of categories in fl, ignoring self_identification
 * unless listed (it rides along with speaking for the council). */
static void expect_cats(const struct finding_list *fl, const char *want, const char *text)
{
	char buf[256];
	for (size_t i = 0; i < fl->n; i++) {
		snprintf(buf, sizeof buf, ",%s,", fl->v[i].category);
		char wl[300];
		snprintf(wl, sizeof wl, ",%s,", want);
		if (!strstr(wl, buf))
			fail_msg("'%s': unexpected %s (%s)", text, fl->v[i].category, fl->v[i].summary);
	}
	const char *s = want;
	while (*s) {
		const char *c = strchr(s, ',');
		size_t n = c ? (size_t)(c - s) : strlen(s);
		snprintf(buf, sizeof buf, "%.*s", (int)n, s);
		if (!find_cat(fl, buf))
			fail_msg("'%s': missing %s", text, buf);
		s += n + (c ? 1 : 0);
	}
}

struct row {
	enum item_kind kind;
	const char *text;
	const char *counterpart;
	const char *reply_to;
	const char *cats;
};

static void run_rows(struct engine *e, const struct row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct item it;
		struct finding_list fl;
		item_init(&it);
		it.kind = rows[i].kind;
		item_set(&it.text, rows[i].text);
		item_set(&it.counterpart, rows[i].counterpart);
		item_set(&it.in_reply_to_user, rows[i].reply_to);
		judge(e, &it, &fl);
		expect_cats(&fl, rows[i].cats, rows[i].text);
		/* every finding says why: rule, summary, citations */
		for (size_t k = 0; k < fl.n; k++) {
			assert_non_null(fl.v[k].rule);
			assert_true(fl.v[k].summary && *fl.v[k].summary);
			assert_true(fl.v[k].n_citations > 0);
			assert_non_null(strchr(fl.v[k].summary, ' '));
			assert_null(strchr(fl.v[k].summary, '\n'));
			if (k)
				assert_true(strcmp(fl.v[k - 1].rule, fl.v[k].rule) < 0);
		}
		finding_list_release(&fl);
		item_release(&it);
	}
}

static void test_policy__rule_table(void **state)
{
	struct fixture *f = *state;
	static const struct row rows[] = {
		/* offensive language, obfuscated or not */
		{ ITEM_POST, "Fuck off winter", NULL, NULL, "offensive_language" },
		{ ITEM_POST, "what a f.u.c.k.i.n.g day", NULL, NULL, "offensive_language" },
		{ ITEM_POST, "sh1t weather again", NULL, NULL, "offensive_language" },
		{ ITEM_POST, "fuuuuuucking buses", NULL, NULL, "offensive_language" },
		{ ITEM_POST, "total c*nt of a day", NULL, NULL, "offensive_language" },
		{ ITEM_POST, "f\xe2\x80\x8bu\xe2\x80\x8b" "ck this", NULL, NULL, "offensive_language" },
		{ ITEM_POST, "\xef\xbd\x86\xef\xbd\x95\xef\xbd\x83\xef\xbd\x8b this", NULL, NULL, "offensive_language" },
		{ ITEM_POST, "that lot are gyppos", NULL, NULL, "offensive_language" },
		{ ITEM_POST, "stop being such a spaz", NULL, NULL, "offensive_language" },
		{ ITEM_POST, "What the hell happened to summer", NULL, NULL, "" },
		{ ITEM_POST, "bloody buses", NULL, NULL, "" },
		/* derogatory: insult near a target */
		{ ITEM_POST, "Tameside Council are a bunch of useless numpties", NULL, NULL, "derogatory" },
		{ ITEM_COMMENT, "absolute clowns, three weeks and no answer", NULL, "@TamesideCouncil", "derogatory" },
		{ ITEM_POST, "Ian Frost is a total muppet", NULL, NULL, "derogatory" },
		{ ITEM_POST, "the residents on that estate are scroungers", NULL, NULL, "derogatory" },
		{ ITEM_POST, "My satnav is a complete jobsworth", NULL, NULL, "" },
		{ ITEM_POST, "I think the council got it wrong on the library hours", NULL, NULL, "" },
		/* harassment */
		{ ITEM_MESSAGE, "I know where you live. Watch your back.", "Priya Shah", NULL, "harassment" },
		{ ITEM_POST, "Watch your back on the Snake Pass tonight, black ice", NULL, NULL, "" },
		/* confidential */
		{ ITEM_POST, "Don't tell anyone but they're cutting 40 posts, not announced yet", NULL, NULL, "confidential" },
		{ ITEM_POST, "The wifi password is Tameside2024 if anyone needs it", NULL, NULL, "confidential" },
		{ ITEM_POST, "Planning application 24/0312/FUL is out for public comment", NULL, NULL, "" },
		/* personal data */
		{ ITEM_POST, "her number is 07700 900872, ring her", NULL, NULL, "personal_data" },
		{ ITEM_POST, "NHS 943 476 5919 on her card", NULL, NULL, "personal_data" },
		{ ITEM_POST, "reference 943 476 5918 on her card", NULL, NULL, "" },
		{ ITEM_POST, "Her NI number is JT 48 29 61 B", NULL, NULL, "personal_data" },
		{ ITEM_POST, "Specimen NI number QQ 12 34 56 C", NULL, NULL, "" },
		{ ITEM_POST, "He lives at 17 Holly Bank, WF5 2DN", NULL, NULL, "personal_data" },
		/* political (uk-council: all staff, as Peterborough) */
		{ ITEM_POST, "Vote Labour on Thursday!", NULL, NULL, "political" },
		{ ITEM_POST, "The labour market is tight this year", NULL, NULL, "" },
		/* speaking for the council (self-identifying too) */
		{ ITEM_COMMENT, "On behalf of Tameside Council I apologise, we'll have your bin emptied by Friday", NULL, NULL,
		  "speaking_for_council,self_identification" },
		/* suppliers */
		{ ITEM_POST, "Veolia are a bunch of cowboys", NULL, NULL, "supplier_comment" },
		/* liked content */
		{ ITEM_LIKE, "Tameside Council are useless clowns", NULL, NULL, "liked_inappropriate" },
		{ ITEM_SHARE, "Great day at the park!", NULL, NULL, "" },
		/* service users: full name either order, accent-insensitive */
		{ ITEM_CONNECTION, "You became friends with Dylan Moss", "Dylan Moss", NULL, "service_user_connection" },
		{ ITEM_CONNECTION, "You became friends with Dylan Mossford", "Dylan Mossford", NULL, "" },
		{ ITEM_TAG, "tagged", "ZOE ANGSTROM", NULL, "service_user_connection" },
		/* self-identification */
		{ ITEM_POST, "First day in the new job at Tameside Council!", NULL, NULL, "self_identification" },
		{ ITEM_POST, "Paid my council tax to Tameside Council today", NULL, NULL, "" },
	};
	run_rows(f->e, rows, sizeof rows / sizeof rows[0]);
}

/* Mechanisms that generalise beyond the evaluation corpus: each with its own
 * breaches and decoys, written for these tests (never taken from the
 * held-out set). */
static void test_policy__generalisation(void **state)
{
	struct fixture *f = *state;
	static const struct row rows[] = {
		/* regional and banter insults: the insult tier, flagged only when aimed at a target */
		{ ITEM_POST, "Our team leader is a daft apeth and a half", NULL, NULL, "derogatory" },
		{ ITEM_POST, "The bosses upstairs are a load of bampots", NULL, NULL, "derogatory" },
		{ ITEM_POST, "Me boss is a total radgie today", NULL, NULL, "derogatory" },
		{ ITEM_POST, "My manager is a proper wazzock, honestly", NULL, NULL, "derogatory" },
		{ ITEM_POST, "Senior management are as thick as a plank", NULL, NULL, "derogatory" },
		{ ITEM_POST, "Council staff are gormless numbskulls", NULL, NULL, "derogatory" },
		{ ITEM_POST, "Me mate Dave is a proper wazzock, put salt in his tea", NULL, NULL, "" },
		{ ITEM_POST, "You plonker Rodney! Only Fools repeats tonight", NULL, NULL, "" },
		{ ITEM_POST, "Stop being a div and come to the pub", NULL, NULL, "" },
		{ ITEM_POST, "My supervisor is a right tit and a total loony", NULL, NULL, "derogatory" },
		{ ITEM_POST, "Voted for the Monster Raving Loony candidate, Psycho on telly after", NULL, NULL, "" },
		{ ITEM_POST, "the new starter is a slitty-eyed so and so", NULL, NULL, "offensive_language,derogatory" },
		/* contempt for management, the samples' wording */
		{ ITEM_POST, "Another restructure at Ashworth. Senior management haven't a clue.", NULL, NULL, "derogatory" },
		{ ITEM_POST, "Another pointless all-staff briefing. Honestly, management at the council haven't a clue & never will.",
		  NULL, NULL, "derogatory" },
		{ ITEM_POST, "The new rota is a dog's dinner, management are out of their depth", NULL, NULL, "derogatory" },
		{ ITEM_POST, "I haven't a clue how to bake bread, any tips?", NULL, NULL, "" },
		/* a colleague placed in the workplace; similes for stupidity */
		{ ITEM_POST, "Sandra from accounts is a total bampot", NULL, NULL, "derogatory" },
		{ ITEM_POST, "The new lad on reception is a few bricks short of a load", NULL, NULL, "derogatory" },
		{ ITEM_POST, "The shelf I put up is on the floor again, thick as a brick me", NULL, NULL, "" },
		/* the org's informal short forms */
		{ ITEM_POST, "Tameside MBC couldn't run a tap", NULL, NULL, "derogatory" },
		{ ITEM_POST, "the town hall lot are a shower of chancers", NULL, NULL, "derogatory" },
		/* sarcasm needs a cue and a target */
		{ ITEM_POST, "Great job as always from management, really.", NULL, NULL, "derogatory" },
		{ ITEM_POST, "Truly inspiring leadership from the council this week", NULL, NULL, "derogatory" },
		{ ITEM_POST, "Great job as always from the parks team, thank you all", NULL, NULL, "" },
		{ ITEM_POST, "Another masterstroke from senior management: the lifts are shut for a month", NULL, NULL, "derogatory" },
		{ ITEM_POST, "What a triumph for the council's team at the awards, congratulations all", NULL, NULL, "" },
		/* idioms, plants and animals, rude-looking place names */
		{ ITEM_POST, "Lads are taking the piss out of my new haircut", NULL, NULL, "" },
		{ ITEM_POST, "Bit of a cock-up with the barbecue, burnt the lot", NULL, NULL, "" },
		{ ITEM_POST, "Pussy willow out and a blue tit on the feeder", NULL, NULL, "" },
		{ ITEM_POST, "Great tits and a woodcock at the reserve, then a cock pheasant", NULL, NULL, "" },
		{ ITEM_POST, "Drove past Titty Ho and Brown Willy on the way to Wetwang", NULL, NULL, "" },
		{ ITEM_POST, "Sniggering at the Slag Lane and Minge Lane signs near Fanny Barks", NULL, NULL, "" },
		{ ITEM_POST, "Lunch in Ugley then on to Great Cockup and Crotch Crescent", NULL, NULL, "" },
		{ ITEM_POST, "Pussy willow is nice but you're a pussy", NULL, NULL, "offensive_language" },
		/* any capitalised place: a street or place word after, or Upper, Nether ... before */
		{ ITEM_POST, "Parked on Cock Lane by the old mill, then on to Tits Hill Farm", NULL, NULL, "" },
		{ ITEM_POST, "Walked from Nether Dick to the Bollocks Inn for lunch", NULL, NULL, "" },
		{ ITEM_POST, "Dick Road is full of potholes and the bloke who lives there is a dick", NULL, NULL, "offensive_language" },
		{ ITEM_POST, "Cock. Lane closures again, what a pain", NULL, NULL, "offensive_language" },
		/* threats: conditional and implied harm; benign objects excluded */
		{ ITEM_MESSAGE, "It would be a shame if something happened to that car of yours", "Priya Shah", NULL, "harassment" },
		{ ITEM_MESSAGE, "People like you get what's coming to them", "Priya Shah", NULL, "harassment" },
		{ ITEM_MESSAGE, "If you report me to HR you'll regret it", "Priya Shah", NULL, "harassment" },
		{ ITEM_MESSAGE, "Your days are numbered here, sleep with one eye open", "Priya Shah", NULL, "harassment" },
		{ ITEM_MESSAGE, "Shame if your car got scratched in the staff car park", "Priya Shah", NULL, "harassment" },
		{ ITEM_POST, "Yet another pointless restructure from the geniuses upstairs", NULL, NULL, "derogatory" },
		{ ITEM_POST, "Word from the director's PA is the depot is being sold off", NULL, NULL, "confidential" },
		{ ITEM_MESSAGE, "Careful who you grass on, I know people who would love your address", "Priya Shah", NULL, "harassment" },
		{ ITEM_MESSAGE, "Someone should teach you a lesson, you're gonna get it", "Priya Shah", NULL, "harassment" },
		{ ITEM_POST, "Watch yourself on the town hall steps, they're like glass this morning", NULL, NULL, "" },
		{ ITEM_POST, "Kids, someone's going to get hurt on that slippery slide", NULL, NULL, "" },
		{ ITEM_POST, "Bring a cake to the bake sale or else!", NULL, NULL, "" },
		{ ITEM_POST, "Pub quiz tonight, you'll regret it if you miss it", NULL, NULL, "" },
		{ ITEM_POST, "It would be a shame if nobody signed the Christmas card for Priya", NULL, NULL, "" },
		/* persistent unwanted contact */
		{ ITEM_MESSAGE, "I'll keep messaging until you answer me", "Priya Shah", NULL, "harassment" },
		{ ITEM_MESSAGE, "Why are you ignoring me? I've texted you twenty times", "Priya Shah", NULL, "harassment" },
		{ ITEM_MESSAGE, "I'm not going away until you talk to me", "Priya Shah", NULL, "harassment" },
		{ ITEM_MESSAGE, "I'll keep ringing the courier until the parcel turns up", "Priya Shah", NULL, "" },
		{ ITEM_POST, "I'll keep messaging the landlord until he fixes the boiler", NULL, NULL, "" },
		{ ITEM_POST, "Accidents happen, the kids spilt paint everywhere", NULL, NULL, "" },
		{ ITEM_POST, "A right shower this afternoon, got soaked walking to the town hall", NULL, NULL, "" },
		{ ITEM_POST, "Drip in the ceiling at the council offices again, and dense fog outside", NULL, NULL, "" },
		{ ITEM_POST, "The Kestrel pub does a great Sunday roast", NULL, NULL, "" },
		{ ITEM_POST, "You have been warned: the office coffee machine is broken again", NULL, NULL, "" },
		{ ITEM_POST, "Heard from my mum that the chippy is closing down", NULL, NULL, "" },
		{ ITEM_MESSAGE, "Next time I see you I'll buy you a pint", "Priya Shah", NULL, "" },
		{ ITEM_POST, "Careful what you say near the toddler, he repeats everything", NULL, NULL, "" },
		{ ITEM_POST, "I'll be waiting outside the cinema at 7", NULL, NULL, "" },
		{ ITEM_POST, "People like you make volunteering worthwhile, thank you", NULL, NULL, "" },
		/* secrecy markers as a class, and leaked decisions */
		{ ITEM_MESSAGE, "Fine. Keep it between us, the Mill Lane report is being rewritten before committee.", "Priya Shah",
		  NULL, "confidential" },
		{ ITEM_POST, "Heard from the chief exec's PA that they're selling off the depot", NULL, NULL, "confidential" },
		{ ITEM_POST, "Between these four walls, the library is going to close next spring", NULL, NULL, "confidential" },
		{ ITEM_POST, "This goes no further but the pay offer is being cut", NULL, NULL, "confidential" },
		{ ITEM_POST, "The Mill Lane report is on the council website for anyone to read", NULL, NULL, "" },
		{ ITEM_POST, "Keep it between us but I'm planning a surprise party for mum", NULL, NULL, "" },
		{ ITEM_POST, "Apparently the Co-op on the high street is going to close", NULL, NULL, "" },
		{ ITEM_POST, "Keep it quiet but Dave is selling off his old vinyl", NULL, NULL, "" },
		{ ITEM_POST, "Off the record, the leisure centre is being closed and the staff don't know", NULL, NULL, "confidential" },
		/* supplier nicknames */
		{ ITEM_POST, "kestrel lads left the grass cuttings everywhere, useless", NULL, NULL, "supplier_comment" },
		{ ITEM_POST, "Spotted a kestrel hovering over the park, brilliant", NULL, NULL, "" },
		/* self-identification by hashtag needs the author's work */
		{ ITEM_POST, "Litter pick with the neighbours this morning #TamesideTogether", NULL, NULL, "" },
		{ ITEM_POST, "Proud to be part of the team at the depot #TamesideTogether", NULL, NULL, "self_identification" },
		/* self-identification in general words */
		{ ITEM_POST, "Been working for the council nine years and still love it", NULL, NULL, "self_identification" },
		{ ITEM_POST, "As a council worker I get asked about bins at every party", NULL, NULL, "self_identification" },
		{ ITEM_POST, "My mum worked for the council for years", NULL, NULL, "" },
		{ ITEM_POST, "I am working on my council tax appeal", NULL, NULL, "" },
		/* the author's own details; numbers that merely pass modulus 11 */
		{ ITEM_POST, "My NI number is JT 48 29 61 B if payroll need it", NULL, NULL, "" },
		{ ITEM_POST, "Order ref 943 476 5919 for the new sofa", NULL, NULL, "" },
		{ ITEM_POST, "Her NHS number is 943 476 5919, she's at the GP tomorrow", NULL, NULL, "personal_data" },
	};
	run_rows(f->e, rows, sizeof rows / sizeof rows[0]);
}

static void test_policy__scunthorpe(void **state)
{
	struct fixture *f = *state;
	static const struct row rows[] = {
		{ ITEM_POST, "Moved to Scunthorpe last year", NULL, NULL, "" },
		{ ITEM_POST, "Grandad was born in Middlesex", NULL, NULL, "" },
		{ ITEM_POST, "Walking from Cockburnspath to Shitterton", NULL, NULL, "" },
		{ ITEM_POST, "Clitheroe castle and Penistone show", NULL, NULL, "" },
		{ ITEM_POST, "Moved to Lightwater last year", NULL, NULL, "" },
		{ ITEM_POST, "I assume the class passage is a grape therapist analysis", NULL, NULL, "" },
		{ ITEM_POST, "Matt Hancock ordered a cocktail and read Dickens", NULL, NULL, "" },
		{ ITEM_POST, "Spotted dick and custard, then Moby Dick", NULL, NULL, "" },
		{ ITEM_POST, "the cryptographic nonce is reused", NULL, NULL, "" },
		{ ITEM_POST, "Twatt in Orkney is lovely", NULL, NULL, "" },
		{ ITEM_POST, "Scunthorpe is full of cunts", NULL, NULL, "offensive_language" },
	};
	run_rows(f->e, rows, sizeof rows / sizeof rows[0]);
}

/* Matches point at the exact original bytes of the disguised word. */
static void test_policy__offset_map(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *text, *word;
	} cases[] = {
		{ "Zo\xc3\xab says f\xc3\xbc" "ck off", "f\xc3\xbc" "ck off" },
		{ "what a f.u.c.k.i.n.g day", "f.u.c.k.i.n.g" },
		{ "ugh sh1t again", "sh1t" },
		{ "ugh fuuuuuck again", "fuuuuuck" },
		{ "go \xef\xbd\x86\xef\xbd\x95\xef\xbd\x83\xef\xbd\x8b yourself", "\xef\xbd\x86\xef\xbd\x95\xef\xbd\x83\xef\xbd\x8b" },
		{ "you absolute tw@t", "tw@t" },
		{ "you absolute c*nt", "c*nt" },
		{ "\xc5\x81ukasz said f\xe2\x80\x8bu\xe2\x80\x8b" "ck", "f\xe2\x80\x8bu\xe2\x80\x8b" "ck" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct item it;
		struct finding_list fl;
		item_init(&it);
		it.kind = ITEM_POST;
		item_set(&it.text, cases[i].text);
		judge(f->e, &it, &fl);
		const struct finding *fd = find_cat(&fl, "offensive_language");
		if (!fd)
			fail_msg("'%s' not flagged", cases[i].text);
		const char *at = strstr(cases[i].text, cases[i].word);
		assert_non_null(at);
		if (fd->n_matches != 1 || fd->matches[0].start != (size_t)(at - cases[i].text) ||
		    fd->matches[0].end != (size_t)(at - cases[i].text) + strlen(cases[i].word))
			fail_msg("'%s': %zu matches, first [%zu, %zu)", cases[i].text, fd->n_matches,
				 fd->matches[0].start, fd->matches[0].end);
		assert_int_equal(fd->matches[0].start, (size_t)(at - cases[i].text));
		assert_int_equal(fd->matches[0].end, (size_t)(at - cases[i].text) + strlen(cases[i].word));
		finding_list_release(&fl);
		item_release(&it);
	}
	/* the normaliser itself: every byte maps back into the original */
	struct norm n, d;
	const char *s = "\xc3\x86sir \xc5\x82\xc3\xb3" "d\xc5\xba ZO\xc3\x8b";
	norm_text(s, strlen(s), NULL, &n);
	assert_string_equal(n.s, "\xc3\xa6sir \xc5\x82odz zoe");
	for (size_t i = 0; i < n.len; i++)
		assert_true(n.oend[i] <= strlen(s) && n.ostart[i] < n.oend[i]);
	norm_deobfuscate(&n, &d);
	norm_release(&d);
	norm_release(&n);
}

static void test_policy__nhs_modulus_11(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *text;
		bool valid;
	} cases[] = {
		{ "NHS no 943 476 5919", true },  { "nhs 9434765919", true },   { "NHS 401-023-2137", true },
		{ "NHS 943 476 5918", false },    { "ref 1234567890", false },  { "NHS 628 194 8211", true },
		{ "NHS 450 557 7104", true },     { "NHS 450 557 7105", false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct item it;
		struct finding_list fl;
		item_init(&it);
		it.kind = ITEM_POST;
		item_set(&it.text, cases[i].text);
		judge(f->e, &it, &fl);
		bool got = false;
		for (size_t k = 0; k < fl.n; k++)
			got |= strcmp(fl.v[k].rule, "personal_data.nhs-number") == 0;
		if (got != cases[i].valid)
			fail_msg("'%s': expected %s", cases[i].text, cases[i].valid ? "flagged" : "clean");
		finding_list_release(&fl);
		item_release(&it);
	}
}

static void test_policy__name_rule(void **state)
{
	struct fixture *f = *state;
	static const struct row rows[] = {
		{ ITEM_POST, "Priya Shah is a muppet", NULL, NULL, "derogatory" },
		{ ITEM_POST, "Shah, Priya is a muppet", NULL, NULL, "derogatory" },
		{ ITEM_POST, "PRIYA SHAH is a muppet", NULL, NULL, "derogatory" },
		{ ITEM_POST, "Mrs Shah is a muppet", NULL, NULL, "derogatory" },
		{ ITEM_POST, "Councillor Ellis is a muppet", NULL, NULL, "derogatory" },
		{ ITEM_POST, "lukasz wojcik is a muppet", NULL, NULL, "derogatory" },
		{ ITEM_POST, "Priya is a muppet", NULL, NULL, "" },
		{ ITEM_POST, "Shah is a muppet", NULL, NULL, "" },
		{ ITEM_POST, "Priya Shahid is a muppet", NULL, NULL, "" },
		{ ITEM_MESSAGE, "hiya", "Dylan Moss", NULL, "service_user_connection" },
		{ ITEM_MESSAGE, "hiya", "Moss Dylan", NULL, "service_user_connection" },
		{ ITEM_MESSAGE, "hiya", "Dylan", NULL, "" },
		{ ITEM_MESSAGE, "hiya", "Zoe Angstrom", NULL, "service_user_connection" },
		{ ITEM_POST, "saw Mr Moss at the shops", NULL, NULL, "service_user_connection" },
	};
	run_rows(f->e, rows, sizeof rows / sizeof rows[0]);
}

static int64_t utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = { 0 };
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return (int64_t)timegm(&tm);
}

static bool has_rule(struct engine *e, int64_t t, const char *cat)
{
	struct item it;
	struct finding_list fl;
	item_init(&it);
	it.kind = ITEM_POST;
	it.time_source = ITEM_TIME_UTC;
	it.created_at = t;
	item_set(&it.text, "nice day");
	judge(e, &it, &fl);
	bool got = find_cat(&fl, cat) != NULL;
	if (got)
		assert_int_equal(find_cat(&fl, cat)->severity, SEV_INFO);
	finding_list_release(&fl);
	item_release(&it);
	return got;
}

/* Clocks go forward on 31 March 2024: 08:30 UTC is 08:30 local on Friday
 * 29 March (before hours) and 09:30 local on Tuesday 2 April (in hours). */
static void test_policy__working_hours_dst(void **state)
{
	struct fixture *f = *state;
	assert_false(has_rule(f->e, utc(2024, 3, 29, 8, 30), "work_time_use"));
	assert_true(has_rule(f->e, utc(2024, 3, 29, 9, 30), "work_time_use"));
	assert_true(has_rule(f->e, utc(2024, 4, 2, 8, 30), "work_time_use"));
	assert_false(has_rule(f->e, utc(2024, 4, 2, 16, 30), "work_time_use"));   /* 17:30 BST */
	assert_false(has_rule(f->e, utc(2024, 4, 2, 11, 30), "work_time_use"));   /* 12:30 BST: break */
	assert_false(has_rule(f->e, utc(2024, 3, 30, 10, 0), "work_time_use"));   /* Saturday */
	/* clocks go back on 27 October 2024: 16:30 UTC is 16:30 GMT, in hours */
	assert_true(has_rule(f->e, utc(2024, 10, 28, 16, 30), "work_time_use"));
	assert_false(has_rule(f->e, utc(2024, 10, 25, 16, 30), "work_time_use")); /* 17:30 BST */
	/* absences are inclusive, by local date */
	assert_true(has_rule(f->e, utc(2023, 2, 6, 0, 30), "absence_activity"));
	assert_true(has_rule(f->e, utc(2023, 2, 17, 23, 30), "absence_activity"));
	assert_false(has_rule(f->e, utc(2023, 2, 18, 0, 30), "absence_activity"));
	assert_false(has_rule(f->e, utc(2023, 2, 5, 23, 59), "absence_activity"));
}

static void test_policy__account(void **state)
{
	struct fixture *f = *state;
	struct item bio, email;
	item_init(&bio);
	item_init(&email);
	bio.kind = email.kind = ITEM_PROFILE;
	item_set(&bio.field, "bio");
	item_set(&bio.text, "Housing officer at Tameside Council. Dog person.");
	item_set(&email.field, "email");
	item_set(&email.text, "p.shah@housing.tameside.gov.uk");
	struct item *items[2] = { &bio, &email };
	struct finding_list out[2] = { { 0 }, { 0 } };
	bool selfid = false;
	assert_int_equal(engine_account(f->e, NULL, items, 2, out, &selfid), CS_OK);
	assert_true(selfid);
	assert_non_null(find_cat(&out[0], "self_identification"));
	assert_non_null(find_cat(&out[0], "missing_disclaimer"));
	assert_non_null(find_cat(&out[1], "work_email"));
	finding_list_release(&out[0]);
	finding_list_release(&out[1]);
	/* with a disclaimer */
	item_set(&bio.text, "Housing officer at Tameside Council. Views my own.");
	memset(out, 0, sizeof out);
	assert_int_equal(engine_account(f->e, NULL, items, 1, out, &selfid), CS_OK);
	assert_non_null(find_cat(&out[0], "self_identification"));
	assert_null(find_cat(&out[0], "missing_disclaimer"));
	finding_list_release(&out[0]);
	item_release(&bio);
	item_release(&email);
}

/* A huge item: only the first text_bytes are examined, and the summary says so. */
static void test_policy__truncation_and_cap(void **state)
{
	struct fixture *f = *state;
	struct buf b = BUF_INIT(0);
	for (int i = 0; i < 30; i++)
		buf_adds(&b, "shite ");
	struct item it;
	struct finding_list fl;
	item_init(&it);
	it.kind = ITEM_POST;
	item_set(&it.text, buf_str(&b));
	judge(f->e, &it, &fl);
	const struct finding *fd = find_cat(&fl, "offensive_language");
	assert_non_null(fd);
	assert_int_equal(fd->n_matches, 20);
	assert_int_equal(fd->matches_omitted, 10);
	finding_list_release(&fl);
	item_release(&it);
	buf_reset(&b);
	while (b.len < (1u << 20) + 100)
		buf_adds(&b, "lovely weather today and a nice walk ");
	buf_adds(&b, "fuck");
	item_init(&it);
	it.kind = ITEM_POST;
	item_set(&it.text, buf_str(&b));
	judge(f->e, &it, &fl);
	assert_null(find_cat(&fl, "offensive_language"));
	for (size_t i = 0; i < fl.n; i++)
		assert_non_null(strstr(fl.v[i].summary, "first"));
	finding_list_release(&fl);
	item_release(&it);
	buf_release(&b);
}

static void expect_error(const char *dir, const char *name, const char *json, bool pack, const char *key)
{
	char *path = write_tmp(dir, name, json);
	struct cs_error err = { 0 };
	if (pack) {
		struct policy *p = policy_load(path, &err);
		assert_null(p);
	} else {
		struct org *o = org_load(path, &err);
		assert_null(o);
	}
	assert_int_equal(err.status, EXIT_USAGE);
	if (!strstr(err.msg, path) || !strstr(err.msg, key))
		fail_msg("message '%s' does not name '%s' and '%s'", err.msg, path, key);
	free(path);
}

static void test_policy__load_errors(void **state)
{
	struct fixture *f = *state;
	const char *lex = "\"lexicons\": [], ";
	char *pk;
	/* a minimal good pack, then broken variants */
	const char *head = "{\"id\": \"t\", \"title\": \"T\", \"source\": {\"file\": \"x.txt\"}, ";
	const char *cl = "\"clauses\": [{\"id\": \"c1\", \"section\": \"S\", \"quote\": \"Q\"}], ";
	pk = xasprintf("%s%s%s\"rules\": [{\"id\": \"r\", \"category\": \"derogatory\", \"severity\": \"high\", "
		       "\"kinds\": [\"post\"], \"match\": {\"patterns\": [\"x\"]}, \"clauses\": [\"c1\"]}]}",
		       head, lex, cl);
	char *good = write_tmp(f->dir, "good.json", pk);
	struct cs_error err = { 0 };
	struct policy *p = policy_load(good, &err);
	if (!p)
		fail_msg("%s", err.msg);
	policy_free(p);
	free(good);
	free(pk);

	pk = xasprintf("%s%s%s\"rulez\": []}", head, lex, cl);
	expect_error(f->dir, "p1.json", pk, true, "rulez");
	free(pk);
	pk = xasprintf("%s%s%s\"rules\": [{\"id\": \"r\", \"category\": \"derogatory\", \"severity\": 3, "
		       "\"kinds\": [\"post\"], \"match\": {\"patterns\": [\"x\"]}, \"clauses\": [\"c1\"]}]}",
		       head, lex, cl);
	expect_error(f->dir, "p2.json", pk, true, "rules[0].severity");
	free(pk);
	pk = xasprintf("%s%s%s\"rules\": [{\"id\": \"r\", \"category\": \"derogatory\", \"severity\": \"high\", "
		       "\"kinds\": [\"post\"], \"match\": {\"patterns\": [\"x\"]}, \"clauses\": []}]}",
		       head, lex, cl);
	expect_error(f->dir, "p3.json", pk, true, "rules[0].clauses");
	free(pk);
	pk = xasprintf("%s%s%s\"rules\": [{\"id\": \"r\", \"category\": \"derogatory\", \"severity\": \"high\", "
		       "\"kinds\": [\"post\"], \"match\": {\"patterns\": [\"x\"]}, \"clauses\": [\"c9\"]}]}",
		       head, lex, cl);
	expect_error(f->dir, "p4.json", pk, true, "c9");
	free(pk);
	pk = xasprintf("%s%s%s\"rules\": [{\"id\": \"r\", \"category\": \"derogatory\", \"severity\": \"high\", "
		       "\"kinds\": [\"post\"], \"match\": {\"patterns\": [\"(unclosed\"]}, \"clauses\": [\"c1\"]}]}",
		       head, lex, cl);
	expect_error(f->dir, "p5.json", pk, true, "rules[0].match.patterns[0]");
	free(pk);
	pk = xasprintf("%s%s%s\"rules\": [{\"id\": \"r\", \"category\": \"derogatory\", \"severity\": \"high\", "
		       "\"kinds\": [\"post\"], \"match\": {\"patternz\": [\"x\"]}, \"clauses\": [\"c1\"]}]}",
		       head, lex, cl);
	expect_error(f->dir, "p6.json", pk, true, "rules[0].match.patternz");
	free(pk);

	expect_error(f->dir, "o1.json", "{\"organisation\": {\"nmae\": \"X\"}}", false, "organisation.nmae");
	expect_error(f->dir, "o2.json", "{\"people\": {\"colleagues\": \"Priya\"}}", false, "people.colleagues");
	expect_error(f->dir, "o3.json", "{\"politically_restricted\": \"yes\"}", false, "politically_restricted");
	expect_error(f->dir, "o4.json", "{\"working_hours\": {\"start\": \"9am\"}}", false, "working_hours.start");
	expect_error(f->dir, "o5.json", "{\"absences\": [{\"from\": \"2023-02-06\"}]}", false, "absences[0].to");
	expect_error(f->dir, "o6.json", "{\"wrking_hours\": {}}", false, "wrking_hours");

	struct policy *none = policy_load("no-such-pack", &err);
	assert_null(none);
	assert_int_equal(err.status, EXIT_USAGE);
}

static void test_policy__list_and_show(void **state)
{
	(void)state;
	struct cs_error err = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_int_equal(policies_list(out, &err), CS_OK);
	assert_int_equal(policies_show("tameside", out, &err), CS_OK);
	fclose(out);
	static const char *const ids[] = { "portsmouth", "charnwood", "sheffield", "tameside", "peterborough",
					   "uk-council" };
	for (size_t i = 0; i < 6; i++)
		assert_non_null(strstr(buf, ids[i]));
	assert_non_null(strstr(buf, "tameside-conduct-derogatory"));
	assert_non_null(strstr(buf, "Should NOT post derogatory or offensive comments on the Internet;"));
	free(buf);
}

static const char *const thread_texts[] = {
	"Tameside Council are a bunch of useless numpties", "I know where you live. Watch your back.",
	"what a f.u.c.k.i.n.g day", "NHS 943 476 5919 on her card", "Moved to Scunthorpe last year",
	"Vote Labour on Thursday!", "Ian Frost is a total muppet", "Great day at the park!",
	"Don't tell anyone but they're cutting 40 posts, not announced yet", "saw Mr Moss at the shops",
};
#define THREAD_N (sizeof thread_texts / sizeof thread_texts[0])

struct thread_job {
	struct engine *e;
	char out[THREAD_N][512];
};

static void rules_of(struct engine *e, const char *text, char *out, size_t n)
{
	struct item it;
	struct finding_list fl = { 0 };
	item_init(&it);
	it.kind = ITEM_POST;
	item_set(&it.text, text);
	engine_item(e, &it, &fl);
	out[0] = '\0';
	for (size_t k = 0; k < fl.n; k++) {
		size_t l = strlen(out);
		snprintf(out + l, n - l, "%s:%zu-%zu;", fl.v[k].rule, fl.v[k].n_matches ? fl.v[k].matches[0].start : 0,
			 fl.v[k].n_matches ? fl.v[k].matches[0].end : 0);
	}
	finding_list_release(&fl);
	item_release(&it);
}

static void *thread_main(void *arg)
{
	struct thread_job *j = arg;
	for (int round = 0; round < 20; round++)
		for (size_t i = 0; i < THREAD_N; i++)
			rules_of(j->e, thread_texts[(i + (size_t)round) % THREAD_N], j->out[(i + (size_t)round) % THREAD_N],
				 sizeof j->out[0]);
	return NULL;
}

/* One engine serves every worker: results do not depend on threads. */
static void test_policy__threads(void **state)
{
	struct fixture *f = *state;
	static struct thread_job jobs[4], ref;
	pthread_t th[4];
	ref.e = f->e;
	for (size_t i = 0; i < THREAD_N; i++)
		rules_of(f->e, thread_texts[i], ref.out[i], sizeof ref.out[0]);
	for (int t = 0; t < 4; t++) {
		jobs[t].e = f->e;
		assert_int_equal(pthread_create(&th[t], NULL, thread_main, &jobs[t]), 0);
	}
	for (int t = 0; t < 4; t++)
		pthread_join(th[t], NULL);
	for (int t = 0; t < 4; t++)
		for (size_t i = 0; i < THREAD_N; i++)
			assert_string_equal(jobs[t].out[i], ref.out[i]);
}

/* Arbitrary bytes (invalid UTF-8, NULs cut short, lone separators and
 * masks) never crash the engine, and every span lies inside the text. */
static void test_policy__random_bytes(void **state)
{
	struct fixture *f = *state;
	static const char alphabet[] = "fuck*sh1t @c u n t.\xc3\xbc\xe2\x80\x8b\xff\x80 0771234567NHS";
	unsigned seed = 12345;
	for (int round = 0; round < 3000; round++) {
		char text[256];
		size_t n = (size_t)(seed % 200);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 16) & 0x7fff;
			text[i] = (r & 1) ? alphabet[r % (sizeof alphabet - 1)] : (char)(r & 0xff);
			if (!text[i])
				text[i] = 'x';
		}
		text[n] = '\0';
		seed = seed * 1103515245u + 12345u;
		struct item it;
		struct finding_list fl;
		item_init(&it);
		it.kind = (enum item_kind)((seed >> 8) % ITEM_KIND_COUNT);
		item_set(&it.text, text);
		judge(f->e, &it, &fl);
		for (size_t k = 0; k < fl.n; k++)
			for (size_t m = 0; m < fl.v[k].n_matches; m++)
				assert_true(fl.v[k].matches[m].start < fl.v[k].matches[m].end &&
					    fl.v[k].matches[m].end <= n);
		finding_list_release(&fl);
		item_release(&it);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy__rule_table),
		cmocka_unit_test(test_policy__generalisation),
		cmocka_unit_test(test_policy__scunthorpe),
		cmocka_unit_test(test_policy__offset_map),
		cmocka_unit_test(test_policy__nhs_modulus_11),
		cmocka_unit_test(test_policy__name_rule),
		cmocka_unit_test(test_policy__working_hours_dst),
		cmocka_unit_test(test_policy__account),
		cmocka_unit_test(test_policy__truncation_and_cap),
		cmocka_unit_test(test_policy__load_errors),
		cmocka_unit_test(test_policy__list_and_show),
		cmocka_unit_test(test_policy__threads),
		cmocka_unit_test(test_policy__random_bytes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
