/*
 * qr.h, of qr.c: receipt QR codes as SVG and PNG.
 */
#ifndef QR_H
#define QR_H

#include "buf.h"

/*
 * Both encode text as a QR code, error correction level M, with a quiet
 * zone of 4 modules.  SVG: one <path>, a module is 1 user unit, the image
 * scales to its container.  PNG: 8-bit greyscale, "scale" pixels a module.
 */
int	qr_svg(struct buf *, const char *text);
int	qr_png(struct buf *, const char *text, int scale);

#endif /* !QR_H */
