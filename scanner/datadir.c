#include "scanner/datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scanner/xalloc.h"

#ifndef CS_DATADIR
#define CS_DATADIR "/usr/local/share/conductscan"
#endif

static char found[PATH_MAX];

static int has_policies(const char *dir)
{
	char p[PATH_MAX + 32];
	struct stat st;
	snprintf(p, sizeof p, "%s/policies", dir);
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *datadir(void)
{
	if (found[0])
		return found;
	const char *env = getenv("CONDUCTSCAN_DATADIR");
	if (env && *env) {
		snprintf(found, sizeof found, "%s", env);
		return found;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		/* the binary's folder, then up to two levels above it */
		for (int up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');
			if (!slash)
				break;
			*slash = '\0';
			if (has_policies(exe)) {
				snprintf(found, sizeof found, "%s", exe);
				return found;
			}
		}
	}
	snprintf(found, sizeof found, "%s", CS_DATADIR);
	return found;
}

char *datadir_path(const char *rel)
{
	return xasprintf("%s/%s", datadir(), rel);
}
