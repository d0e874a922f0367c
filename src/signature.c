/*
 * signature.c: the signature drawn on the kiosk's pad.  The
 * browser sends strokes of points as compact text (the grammar is in
 * signature.h); this file decides whether a value is one, and draws it
 * as SVG for the receipt and the admin view.  One parser serves both,
 * so what is drawn is exactly what was accepted.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "signature.h"

/* What sig_walk calls for each point; a new stroke starts when first. */
typedef void	(*sig_point_fn)(void *, int first, unsigned int x,
		    unsigned int y);

/*
 * One coordinate at *p: "0" or a number without a leading zero, at
 * most SIG_COORD_MAX.  Advances *p; -1 if there is none.
 */
static int
sig_coord(const char **p, const char *end, unsigned int *out)
{
	const char	*s = *p;
	unsigned int	 v = 0;
	size_t		 n = 0;

	if (s == end || *s < '0' || *s > '9')
		return -1;
	if (*s == '0') {
		*out = 0;
		*p = s + 1;
		return 0;
	}
	while (s != end && *s >= '0' && *s <= '9') {
		if (++n > 4)
			return -1;
		v = v * 10 + (unsigned int)(*s - '0');
		s++;
	}
	if (v > SIG_COORD_MAX)
		return -1;
	*out = v;
	*p = s;
	return 0;
}

/*
 * Parse [s, s+len) by the grammar and limits, calling fn (if not NULL)
 * for each point in order.  0 if it is a signature, -1 if not; fn may
 * have been called for a prefix of a value that is then refused.
 */
static int
sig_walk(const char *s, size_t len, sig_point_fn fn, void *arg)
{
	const char	*p = s, *end = s + len;
	unsigned int	 x, y;
	size_t		 nstrokes = 1, npoints = 0;
	int		 first = 1;

	if (len == 0 || len > SIG_MAX_BYTES)
		return -1;
	for (;;) {
		if (sig_coord(&p, end, &x) == -1 || p == end || *p++ != ',' ||
		    sig_coord(&p, end, &y) == -1)
			return -1;
		if (++npoints > SIG_MAX_POINTS)
			return -1;
		if (fn != NULL)
			fn(arg, first, x, y);
		first = 0;
		if (p == end)
			return 0;
		if (*p == ';') {
			if (++nstrokes > SIG_MAX_STROKES)
				return -1;
			first = 1;
		} else if (*p != ' ')
			return -1;
		p++;
	}
}

int
sig_valid(const char *s, size_t len)
{
	if (s == NULL || memchr(s, '\0', len) != NULL)
		return 0;
	return sig_walk(s, len, NULL, NULL) == 0;
}

struct sig_draw {
	struct buf	*b;
	unsigned int	 x, y;		/* the stroke's last point */
	size_t		 n;		/* points in this stroke so far */
};

/* Close the stroke being drawn; a lone point is drawn as a dot. */
static void
sig_draw_end(struct sig_draw *d)
{
	if (d->n == 0)
		return;
	if (d->n == 1)
		buf_printf(d->b, " %u,%u", d->x, d->y);
	buf_puts(d->b, "\"/>");
	d->n = 0;
}

static void
sig_draw_point(void *arg, int first, unsigned int x, unsigned int y)
{
	struct sig_draw	*d = arg;

	if (first) {
		sig_draw_end(d);
		/* vector-effect is not inherited: one a stroke. */
		buf_printf(d->b, "<polyline vector-effect="
		    "\"non-scaling-stroke\" points=\"%u,%u", x, y);
	} else
		buf_printf(d->b, " %u,%u", x, y);
	d->x = x;
	d->y = y;
	d->n++;
}

/*
 * See signature.h.  Only digits, commas and spaces of a valid value reach
 * the markup, so nothing needs escaping.  The stroke keeps its width
 * however the box is stretched (non-scaling-stroke).
 */
int
sig_svg(struct buf *b, const char *sig)
{
	struct sig_draw	 d;

	if (sig == NULL || !sig_valid(sig, strlen(sig)))
		return -1;
	memset(&d, 0, sizeof(d));
	d.b = b;
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"signature\" viewBox=\"0 0 %d %d\" "
	    "preserveAspectRatio=\"none\" width=\"500\" height=\"200\" "
	    "focusable=\"false\" aria-hidden=\"true\">"
	    "<g fill=\"none\" stroke=\"#0b0c0c\" stroke-width=\"3\" "
	    "stroke-linecap=\"round\" stroke-linejoin=\"round\">",
	    SIG_COORD_MAX, SIG_COORD_MAX);
	(void)sig_walk(sig, strlen(sig), sig_draw_point, &d);
	sig_draw_end(&d);
	buf_puts(b, "</g></svg>");
	return 0;
}
