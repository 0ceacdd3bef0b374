/*
 * Fuzz harness: the organisation profile loader (org_load on a file).  A
 * profile that loads is also compiled into an engine with the shipped
 * uk-council pack, and one item naming the organisation is judged.
 */
#include "tests/fuzz/fuzz.h"

#include "scanner/policy/policy.h"

static char *org_file;
static struct policy *org_pack;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_error err = {0};
	if (!org_file) {
		org_file = fuzz_tmp("org.json");
		org_pack = policy_load("uk-council", &err);
		if (!org_pack) {
			fprintf(stderr, "fuzz: %s\n", err.msg);
			abort();
		}
	}
	fuzz_write(org_file, data, size);
	struct org *o = org_load(org_file, &err);
	if (!o) {
		if (err.status != EXIT_USAGE || !err.msg[0])
			abort();
		return 0;
	}
	(void)org_name(o);
	(void)org_sha256(o);
	(void)org_timezone(o);
	struct cs_error err2 = {0};
	struct engine *e = engine_new(org_pack, o, &err2);
	if (e) {
		struct item it;
		item_init(&it);
		it.kind = ITEM_POST;
		it.platform = "twitter";
		it.created_at = 1700000000;
		it.time_source = ITEM_TIME_UTC;
		it.text = xstrdup("Work at the council is rubbish, my manager Ian Frost is useless #council");
		struct finding_list out = {0};
		(void)engine_item(e, &it, &out);
		finding_list_release(&out);
		item_release(&it);
		engine_free(e);
	}
	org_free(o);
	return 0;
}
