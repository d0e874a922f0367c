/*
 * routes.h: what the router tests of endorse-web and endorse-admin
 * share: a fake request driven through route_handle, and the checks
 * that every row of a program's table must pass.  Include "config.h",
 * the core's headers, "route.h" and <cmocka.h> first.
 */
#ifndef TEST_ROUTES_H
#define TEST_ROUTES_H

/*
 * One test row: a route of the table (method and pattern exactly as the
 * table says), a real path of it, what its 405 must say in Allow, the
 * capability it must ask for, and a query (GET) or body (POST, without
 * the csrf pair) that passes every check.  In path and good, {NAME}
 * stands for a fixture's value (var below).
 */
struct trow {
	unsigned int	 method;	/* M_GET or M_POST */
	const char	*pattern;
	const char	*path;
	const char	*allow;
	int		 cap;		/* CAP_PUBLIC or an enum cap */
	const char	*good;
};

struct rtest {
	const struct site	*site;
	const struct trow	*rows;
	size_t			 nrows;
	/* A fixture's value: {E} a receipt code, {T} a fresh token ... */
	const char		*(*var)(struct arena *, const char *name);
	/*
	 * A new session of role: its cookie pair, and its token in *token
	 * (a site without sessions: "" and NULL).
	 */
	const char		*(*session)(struct arena *, enum role,
				    const char **token);
	/*
	 * The CSRF pair of a request with that session token (NULL: none):
	 * a cookie pair to send along in *cookie (NULL when the field pairs
	 * with the session itself) and the field in *field; wrong: a field
	 * that pairs with something else.
	 */
	void			(*csrf)(struct arena *, const char *token,
				    int wrong, const char **cookie,
				    const char **field);
};

/* The answer to one fake request. */
struct answer {
	int		 status;
	const char	*allow;		/* NULL if none */
	const char	*location;	/* NULL if none */
	const char	*body;
};

/*
 * Send one request through the router: method, path with its query,
 * content type (NULL: none), Cookie header, body (NULL: none).
 */
struct answer	 fake_request(const struct rtest *, struct arena *,
		    const char *method, const char *target, const char *ctype,
		    const char *cookies, const char *body);
/* {NAME} in s replaced by t->var's values. */
const char	*subst(const struct rtest *, struct arena *, const char *s);

/*
 * The checks, each over every test row, as cmocka tests whose state is
 * the struct rtest (cmocka_unit_test_prestate).  check_coverage: every
 * route has a test row, and every test row a route.
 */
void	check_coverage(void **);
void	check_good(void **);
void	check_405(void **);
void	check_413(void **);
void	check_415(void **);
void	check_session(void **);
void	check_role(void **);
void	check_csrf(void **);
void	check_400(void **);
void	check_fields(void **);

/*
 * An endorsement stored as the form would store it (of event, if not
 * 0): its receipt code into code, its id into *id (if not NULL).
 */
struct db;
void	fixture_endorsement(struct db *, const unsigned char *secret,
	    long long event, char code[RECEIPT_LEN + 1], long long *id);

/* A temporary database, migrated, at its path; removed by db_scratch_rm. */
const char	*db_scratch(void);
void		 db_scratch_rm(void);

#endif /* !TEST_ROUTES_H */
