/*
 * Fuzz harness: the policy pack loader (policy_load on a file).  The pack
 * is written into a folder whose lexicons/ is the shipped one, so packs
 * naming the shipped lexicons load them; a pack that loads is also
 * compiled into an engine.
 */
#include "tests/fuzz/fuzz.h"

#include "scanner/datadir.h"
#include "scanner/policy/policy.h"

static char *policy_file;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!policy_file) {
		char *lex = fuzz_tmp("lexicons");
		char *rel = datadir_path("policies/lexicons");
		char *target = realpath(rel, NULL);     /* the link is read from elsewhere */
		free(rel);
		if (!target || symlink(target, lex) != 0) {
			perror(lex);
			abort();
		}
		free(lex);
		free(target);
		policy_file = fuzz_tmp("pack.json");
	}
	fuzz_write(policy_file, data, size);
	struct cs_error err = {0};
	struct policy *p = policy_load(policy_file, &err);
	if (!p) {
		if (err.status != EXIT_USAGE || !err.msg[0])
			abort();       /* a bad pack is a usage error with a message */
		return 0;
	}
	(void)policy_id(p);
	(void)policy_title(p);
	(void)policy_sha256(p);
	struct cs_error err2 = {0};
	struct engine *e = engine_new(p, NULL, &err2);
	engine_free(e);
	policy_free(p);
	return 0;
}
