/*
 * qr.c: the QR code on every receipt, as SVG (for the page, scales to any
 * screen) and as PNG (to download or print).  Both come from the same
 * libqrencode matrix, level M, with the 4-module quiet zone that readers
 * need; nothing touches the file system.
 */
#include "config.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <qrencode.h>

#include "buf.h"
#include "qr.h"
#include "log.h"

#define QR_QUIET	4	/* modules of white on each side */
#define QR_SCALE_MAX	64

/*
 * The matrix for text (level M, 8-bit mode, case-sensitive), or NULL
 * after logging why.  The caller frees it with QRcode_free.
 */
static QRcode *
qr_encode(const char *text)
{
	QRcode	*qr;

	if (text == NULL || text[0] == '\0') {
		logmsg("qr: nothing to encode");
		return NULL;
	}
	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8,
	    1)) == NULL)
		logerr("qr: QRcode_encodeString");
	return qr;
}

/* 1 if the module at (x, y) of the matrix is dark. */
static int
qr_dark(const QRcode *qr, int x, int y)
{
	return qr->data[y * qr->width + x] & 1;
}

/*
 * Append a standalone SVG document drawing the code for text: a white
 * square (the quiet zone included) and one black <path> made of one
 * rectangle per horizontal run of dark modules.  A module is one user
 * unit; there is no width or height, so the image fills its container.
 * On failure returns -1 and leaves b as it was (unless b ran out of
 * memory, in which case b->oom is set).
 */
int
qr_svg(struct buf *b, const char *text)
{
	QRcode	*qr;
	size_t	 start = b->len;
	int	 x, y, run, w;

	if ((qr = qr_encode(text)) == NULL)
		return -1;
	w = qr->width + 2 * QR_QUIET;
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	    "<path fill=\"#000\" d=\"", w, w, w, w);
	for (y = 0; y < qr->width; y++) {
		for (x = 0; x < qr->width; x += run) {
			run = 1;
			if (!qr_dark(qr, x, y))
				continue;
			while (x + run < qr->width && qr_dark(qr, x + run, y))
				run++;
			buf_printf(b, "M%d %dh%dv1h-%dz",
			    x + QR_QUIET, y + QR_QUIET, run, run);
		}
	}
	buf_puts(b, "\"/></svg>\n");
	QRcode_free(qr);
	if (b->oom) {
		logmsg("qr: out of memory");
		b->len = start;
		return -1;
	}
	return 0;
}

/* libpng's output callback: append to the struct buf given as io_ptr. */
static void
png_buf_write(png_structp png, png_bytep data, png_size_t len)
{
	struct buf	*b = png_get_io_ptr(png);

	buf_put(b, data, len);
	if (b->oom)
		png_error(png, "out of memory");
}

static void
png_buf_flush(png_structp png)
{
	(void)png;
}

/* libpng errors are logged here, then unwind to qr_png's setjmp. */
static void
png_log_error(png_structp png, png_const_charp msg)
{
	logmsg("qr: libpng: %s", msg);
	png_longjmp(png, 1);
}

static void
png_log_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	logmsg("qr: libpng warning: %s", msg);
}

/*
 * Append a PNG of the code for text: 1-bit greyscale (black and white
 * is all a QR code is; an eighth of the bytes to filter and deflate),
 * "scale" pixels a
 * module (1 to 64), the quiet zone included, so the image is
 * (modules + 8) * scale pixels square.  -1 if scale is out of range, the
 * text cannot be encoded, memory runs out or libpng fails; then b is as
 * it was except that b->oom may be set.
 */
int
qr_png(struct buf *b, const char *text, int scale)
{
	QRcode		*qr = NULL;
	png_structp	 png = NULL;
	png_infop	 info = NULL;
	png_bytep	 row = NULL;
	size_t		 start = b->len;
	int		 x, y, w, px, my, mx;

	if (scale < 1 || scale > QR_SCALE_MAX) {
		logmsg("qr: scale %d out of range", scale);
		return -1;
	}
	if ((qr = qr_encode(text)) == NULL)
		return -1;
	w = qr->width + 2 * QR_QUIET;
	px = w * scale;
	if ((row = malloc(((size_t)px + 7) / 8)) == NULL) {
		logerr("qr: malloc");
		goto fail;
	}
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
	    png_log_error, png_log_warning);
	if (png == NULL) {
		logmsg("qr: png_create_write_struct failed");
		goto fail;
	}
	if ((info = png_create_info_struct(png)) == NULL) {
		logmsg("qr: png_create_info_struct failed");
		goto fail;
	}

	/*
	 * Nothing declared above changes between here and the end, so the
	 * locals are still good after a longjmp back (C11 7.13.2.1).
	 */
	if (setjmp(png_jmpbuf(png)))
		goto fail;

	png_set_write_fn(png, b, png_buf_write, png_buf_flush);
	png_set_IHDR(png, info, (png_uint_32)px, (png_uint_32)px, 1,
	    PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	/* Runs of identical rows: "up" filtering turns them into zeros. */
	png_set_filter(png, 0, PNG_FILTER_UP);
	png_write_info(png, info);
	for (y = 0; y < px; y++) {
		/* A module row is the same for its "scale" pixel rows. */
		if (y % scale == 0) {
			my = y / scale - QR_QUIET;
			memset(row, 0, ((size_t)px + 7) / 8);
			for (x = 0; x < px; x++) {
				mx = x / scale - QR_QUIET;
				/* Grey 1 bit: 1 is white, 0 black. */
				if (!(my >= 0 && my < qr->width &&
				    mx >= 0 && mx < qr->width &&
				    qr_dark(qr, mx, my)))
					row[x / 8] |= (png_byte)(0x80 >> (x % 8));
			}
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	QRcode_free(qr);
	return 0;

fail:
	if (png != NULL)
		png_destroy_write_struct(&png, info != NULL ? &info : NULL);
	free(row);
	QRcode_free(qr);
	b->len = start;
	return -1;
}
