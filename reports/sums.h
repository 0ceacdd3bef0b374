#ifndef CS_SUMS_H
#define CS_SUMS_H
/*
 * SHA256SUMS, exactly what `sha256sum -c` checks, and the bundle's seal.
 */
#include "scanner/error.h"

/* Writes dir/SHA256SUMS: "<hex>  <path>\n" for every regular file below
 * dir except SHA256SUMS, sorted bytewise by relative path; anything else
 * than files and folders (a link) is EXIT_OUTPUT. */
int sums_write(const char *dir, struct cs_error *err);
/* The seal: lowercase hex SHA-256 of dir/SHA256SUMS. */
int sums_seal(const char *dir, char hex[65], struct cs_error *err);

#endif
