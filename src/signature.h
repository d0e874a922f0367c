/*
 * signature.h, of signature.c: the kiosk pad's drawn signature: its grammar and its
 * drawing as inline SVG.
 */
#ifndef SIGNATURE_H
#define SIGNATURE_H

#include <stddef.h>
#include "buf.h"

/*
 * The pad sends its strokes as text (DESIGN.md field "signature"):
 *
 *	signature = stroke *( ";" stroke )
 *	stroke    = point *( " " point )
 *	point     = coord "," coord
 *	coord     = "0" / ( %x31-39 0*3DIGIT )	; 0 ... SIG_COORD_MAX
 *
 * x and y are in a square grid of 0..1000 that the pad and the SVG
 * stretch over the same 5:2 box.  No other byte, no empty stroke, no
 * leading zero, no sign, at most the limits below.
 */
#define SIG_COORD_MAX	1000
#define SIG_MAX_STROKES	64
#define SIG_MAX_POINTS	1500	/* over all strokes */
#define SIG_MAX_BYTES	16000

/* 1 if [s, s+len) is a signature of that grammar within the limits. */
int	sig_valid(const char *s, size_t len);
/*
 * The signature as an inline <svg> (one <polyline> a stroke, viewBox
 * 0 0 1000 1000 stretched to 500x200, aria-hidden: the caller labels
 * it).  -1 and nothing written if sig is not valid.
 */
int	sig_svg(struct buf *, const char *sig);

#endif /* !SIGNATURE_H */
