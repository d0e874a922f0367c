/*
 * capture.h: what a function logs, for the unit tests that check the
 * message a failure leaves (log.c writes to standard error).
 */
#ifndef CAPTURE_H
#define CAPTURE_H

struct capture {
	int	saved;	/* the real standard error */
	int	fd;	/* the unlinked file that takes its place */
};

/* From now on, standard error goes to a temporary file. */
void	 capture_start(struct capture *);
/*
 * Standard error back where it was; what was written meanwhile, NUL
 * ended, for the caller to free.
 */
char	*capture_end(struct capture *);

#endif /* !CAPTURE_H */
