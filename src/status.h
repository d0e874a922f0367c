/*
 * status.h: the HTTP statuses the programs send (status.c).
 * Include "config.h" and "lang.h" first.
 */
#ifndef STATUS_H
#define STATUS_H

struct http_status {
	int		 code;
	const char	*reason;	/* the status line's reason phrase */
	enum msg	 title;		/* page_error's page; MSG__MAX: none */
	enum msg	 text;
};

extern const struct http_status	http_statuses[];
extern const size_t		nhttp_statuses;

/* The status of that code, or NULL if the programs never send it. */
const struct http_status *http_status(int code);
/* Its reason phrase, or NULL if the programs never send it. */
const char	*http_reason(int code);

#endif /* !STATUS_H */
