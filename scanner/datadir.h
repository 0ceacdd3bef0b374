#ifndef CS_DATADIR_H
#define CS_DATADIR_H
/*
 * Where the shipped data lives: policies/ and templates/.
 *
 * In order: $CONDUCTSCAN_DATADIR; the folder of the running binary when it
 * holds policies/ (a build tree: ./conductscan, build/<variant>/conductscan
 * two levels below the top); PREFIX/share/conductscan as installed.
 */

/* A new string "<datadir>/<rel>" (caller frees). */
char *datadir_path(const char *rel);
/* The data folder itself (static storage). */
const char *datadir(void);

#endif
