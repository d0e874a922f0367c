/*
 * web.h: what endorse-web's main.c and pages.c share.
 */
#ifndef WEB_H
#define WEB_H

struct webcfg {
	const char	*db_path;
	const char	*base_url;	/* scheme://host[:port], no slash */
	int		 secure;	/* base URL is https: Secure cookies */
};

extern struct webcfg	webcfg;

extern const struct app	web_app;

int	web_worker_init(void);
void	web_worker_fini(void);
void	web_handle(struct req *);

#endif /* !WEB_H */
