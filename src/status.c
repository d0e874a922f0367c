/*
 * status.c: the one table of the HTTP statuses the programs send: the
 * reason phrase of the status line (RFC 9110, section 15) and, for the
 * errors that have a page of their own, that page's title and text.
 * Anything not in the table is answered as a 500.
 */
#include "config.h"

#include <stddef.h>

#include "lang.h"
#include "status.h"

/* In order of code; MSG__MAX: no generic page (the handler writes one). */
const struct http_status http_statuses[] = {
	{ 200, "OK", MSG__MAX, MSG__MAX },
	{ 204, "No Content", MSG__MAX, MSG__MAX },
	{ 303, "See Other", MSG__MAX, MSG__MAX },
	{ 400, "Bad Request", MSG_E400_TITLE, MSG_E400_BODY },
	{ 403, "Forbidden", MSG_E403_TITLE, MSG_E403_BODY },
	{ 404, "Not Found", MSG_E404_TITLE, MSG_E404_BODY },
	{ 405, "Method Not Allowed", MSG_E405_TITLE, MSG_E405_BODY },
	{ 409, "Conflict", MSG_E409_TITLE, MSG_E409_BODY },
	{ 410, "Gone", MSG__MAX, MSG__MAX },
	{ 413, "Content Too Large", MSG_E413_TITLE, MSG_E413_BODY },
	{ 415, "Unsupported Media Type", MSG_E415_TITLE, MSG_E415_BODY },
	{ 422, "Unprocessable Content", MSG__MAX, MSG__MAX },
	{ 429, "Too Many Requests", MSG__MAX, MSG__MAX },
	{ 500, "Internal Server Error", MSG_E500_TITLE, MSG_E500_BODY },
	{ 503, "Service Unavailable", MSG_E503_TITLE, MSG_E503_BODY },
};

const size_t	nhttp_statuses = sizeof(http_statuses) /
		    sizeof(http_statuses[0]);

const struct http_status *
http_status(int code)
{
	size_t	i;

	for (i = 0; i < nhttp_statuses; i++)
		if (http_statuses[i].code == code)
			return &http_statuses[i];
	return NULL;
}

const char *
http_reason(int code)
{
	const struct http_status	*s = http_status(code);

	return s != NULL ? s->reason : NULL;
}
