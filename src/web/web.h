/*
 * web.h: what endorse-web's main.c and pages.c share.
 */
#ifndef WEB_H
#define WEB_H

extern struct progcfg	webcfg;

extern const struct app	web_app;

int	web_worker_init(void);
void	web_worker_fini(void);
void	web_handle(struct req *);

#endif /* !WEB_H */
