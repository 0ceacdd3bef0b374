/*
 * Fuzz harness: the normaliser and the policy engine (engine_item) with
 * the shipped uk-council pack and the brackenford org profile, loaded
 * once.  The first byte picks the item's kind and a few fields; the rest
 * is the item's text, as a format would hand it over (any bytes: the
 * engine must cope with what is not UTF-8 too).  Every match span must lie
 * inside the text.
 */
#include "tests/fuzz/fuzz.h"

#include "scanner/datadir.h"
#include "scanner/policy/policy.h"

static struct engine *engine_engine;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (!engine_engine) {
		struct cs_error err = {0};
		static struct policy *p;
		static struct org *o;
		char *orgf = datadir_path("samples/orgs/brackenford.json");
		p = policy_load("uk-council", &err);
		o = p ? org_load(orgf, &err) : NULL;
		engine_engine = o ? engine_new(p, o, &err) : NULL;
		free(orgf);
		if (!engine_engine) {
			fprintf(stderr, "fuzz: %s\n", err.msg);
			abort();
		}
	}
	unsigned ctl = data[0];
	data++, size--;
	struct item it;
	item_init(&it);
	it.kind = (enum item_kind)(ctl % ITEM_KIND_COUNT);
	it.platform = (ctl & 0x10) ? "facebook" : "twitter";
	it.time_source = (ctl & 0x20) ? ITEM_TIME_UTC : ITEM_TIME_NONE;
	it.created_at = 1675674000;    /* 2023-02-06T09:00:00Z: working hours, an absence */
	it.text = fuzz_strz(data, size);
	if (ctl & 0x40)
		it.counterpart = fuzz_strz(data, size < 40 ? size : 40);
	if (it.kind == ITEM_PROFILE)
		it.field = xstrdup((ctl & 0x80) ? "bio" : "work");
	struct finding_list out = {0};
	(void)engine_item(engine_engine, &it, &out);
	for (size_t i = 0; i < out.n; i++)
		for (size_t j = 0; j < out.v[i].n_matches; j++)
			if (out.v[i].matches[j].start > out.v[i].matches[j].end ||
			    out.v[i].matches[j].end > strlen(it.text))
				abort();
	finding_list_release(&out);
	item_release(&it);
	return 0;
}
