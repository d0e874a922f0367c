/*
 * qr_test.c: the receipt QR codes (src/qr.c).  The PNG is decoded again
 * with libpng and compared module by module with libqrencode's matrix;
 * the SVG's path is parsed back into a grid and compared with the PNG;
 * and, the real proof, zbarimg (zbar-tools, a declared dependency) must
 * read the PNG back to the exact text.  Without zbarimg the test fails.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <png.h>
#include <qrencode.h>

#include "buf.h"
#include "token.h"
#include "qr.h"

#define URL	"http://127.0.0.1:8080/receipt/0123456789ABCDEFGHJKMNPQ"

/* A decoded greyscale image. */
struct img {
	unsigned int	 w, h;
	unsigned char	*px;
};

/* The reference matrix, made the way qr.c is documented to make it. */
static QRcode *
ref_encode(const char *text)
{
	QRcode	*qr;

	qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(qr);
	return qr;
}

/* Render text as PNG and decode it again as 8-bit grey. */
static void
png_render(const char *text, int scale, struct buf *b, struct img *im)
{
	png_image	 pi;

	memset(b, 0, sizeof(*b));
	assert_int_equal(qr_png(b, text, scale), 0);
	assert_false(b->oom);
	assert_true(b->len > 8);

	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	assert_true(png_image_begin_read_from_memory(&pi, b->p, b->len));
	pi.format = PNG_FORMAT_GRAY;
	im->w = pi.width;
	im->h = pi.height;
	im->px = malloc(PNG_IMAGE_SIZE(pi));
	assert_non_null(im->px);
	assert_true(png_image_finish_read(&pi, NULL, im->px, 0, NULL));
	png_image_free(&pi);
}

static unsigned char
pixel(const struct img *im, unsigned int x, unsigned int y)
{
	assert_true(x < im->w && y < im->h);
	return im->px[(size_t)y * im->w + x];
}

/* ---- PNG --------------------------------------------------------------- */

static void
png_signature(void **state)
{
	struct buf	 b;
	static const unsigned char sig[8] =
	    { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	(void)state;
	memset(&b, 0, sizeof(b));
	assert_int_equal(qr_png(&b, URL, 4), 0);
	assert_true(b.len > sizeof(sig));
	assert_memory_equal(b.p, sig, sizeof(sig));
	buf_free(&b);
}

/* IHDR straight from the bytes: 1-bit greyscale, not interlaced. */
static void
png_header_is_1bit_grey(void **state)
{
	struct buf		 b;
	const unsigned char	*p;
	QRcode			*qr = ref_encode(URL);
	uint32_t		 w, h, want = (uint32_t)(qr->width + 8) * 3;

	(void)state;
	memset(&b, 0, sizeof(b));
	assert_int_equal(qr_png(&b, URL, 3), 0);
	p = (const unsigned char *)b.p;
	assert_memory_equal(p + 12, "IHDR", 4);
	w = (uint32_t)p[16] << 24 | (uint32_t)p[17] << 16 |
	    (uint32_t)p[18] << 8 | p[19];
	h = (uint32_t)p[20] << 24 | (uint32_t)p[21] << 16 |
	    (uint32_t)p[22] << 8 | p[23];
	assert_int_equal(w, want);
	assert_int_equal(h, want);
	assert_int_equal(p[24], 1);		/* bit depth */
	assert_int_equal(p[25], 0);		/* colour type: grey */
	assert_int_equal(p[28], 0);		/* no interlace */
	buf_free(&b);
	QRcode_free(qr);
}

static void
png_size_is_modules_plus_quiet_zone(void **state)
{
	struct buf	 b;
	struct img	 im;
	QRcode		*qr = ref_encode(URL);
	int		 scale;

	(void)state;
	for (scale = 1; scale <= 8; scale++) {
		png_render(URL, scale, &b, &im);
		assert_int_equal(im.w, (unsigned)((qr->width + 8) * scale));
		assert_int_equal(im.h, im.w);
		free(im.px);
		buf_free(&b);
	}
	QRcode_free(qr);
}

static void
png_quiet_zone_is_white(void **state)
{
	struct buf	 b;
	struct img	 im;
	unsigned int	 i, q;
	const int	 scale = 5;

	(void)state;
	png_render(URL, scale, &b, &im);
	q = 4 * scale;
	assert_int_equal(pixel(&im, 0, 0), 0xff);
	assert_int_equal(pixel(&im, im.w - 1, 0), 0xff);
	assert_int_equal(pixel(&im, 0, im.h - 1), 0xff);
	assert_int_equal(pixel(&im, im.w - 1, im.h - 1), 0xff);
	/* The whole band, all four sides. */
	for (i = 0; i < im.w; i++) {
		unsigned int d;

		for (d = 0; d < q; d++) {
			assert_int_equal(pixel(&im, i, d), 0xff);
			assert_int_equal(pixel(&im, i, im.h - 1 - d), 0xff);
			assert_int_equal(pixel(&im, d, i), 0xff);
			assert_int_equal(pixel(&im, im.w - 1 - d, i), 0xff);
		}
	}
	free(im.px);
	buf_free(&b);
}

static void
png_finder_pattern_black(void **state)
{
	struct buf	 b;
	struct img	 im;
	const int	 s = 6;

	(void)state;
	png_render(URL, s, &b, &im);
	/* Top-left finder: dark 7x7 ring, light ring, dark 3x3 centre. */
	assert_int_equal(pixel(&im, 4 * s, 4 * s), 0x00);
	assert_int_equal(pixel(&im, 4 * s + 7 * s - 1, 4 * s), 0x00);
	assert_int_equal(pixel(&im, 4 * s, 4 * s + 7 * s - 1), 0x00);
	assert_int_equal(pixel(&im, 5 * s, 5 * s), 0xff);
	assert_int_equal(pixel(&im, 7 * s, 7 * s), 0x00);
	/* Top-right and bottom-left finders too. */
	assert_int_equal(pixel(&im, im.w - 4 * s - 1, 4 * s), 0x00);
	assert_int_equal(pixel(&im, 4 * s, im.h - 4 * s - 1), 0x00);
	/* Just outside the top-left module: quiet zone. */
	assert_int_equal(pixel(&im, 4 * s - 1, 4 * s), 0xff);
	assert_int_equal(pixel(&im, 4 * s, 4 * s - 1), 0xff);
	free(im.px);
	buf_free(&b);
}

/* Every pixel of every module matches libqrencode's matrix. */
static void
png_matches_matrix(void **state)
{
	struct buf	 b;
	struct img	 im;
	QRcode		*qr = ref_encode(URL);
	unsigned int	 x, y;
	int		 mx, my, dark;
	const int	 s = 3;

	(void)state;
	png_render(URL, s, &b, &im);
	for (y = 0; y < im.h; y++)
		for (x = 0; x < im.w; x++) {
			mx = (int)x / s - 4;
			my = (int)y / s - 4;
			dark = mx >= 0 && my >= 0 && mx < qr->width &&
			    my < qr->width &&
			    (qr->data[my * qr->width + mx] & 1);
			assert_int_equal(pixel(&im, x, y),
			    dark ? 0x00 : 0xff);
		}
	free(im.px);
	buf_free(&b);
	QRcode_free(qr);
}

static void
png_refuses_bad_scale(void **state)
{
	struct buf	 b;

	(void)state;
	memset(&b, 0, sizeof(b));
	assert_int_equal(qr_png(&b, URL, 0), -1);
	assert_int_equal(qr_png(&b, URL, -1), -1);
	assert_int_equal(qr_png(&b, URL, 65), -1);
	assert_int_equal(b.len, 0);
	assert_int_equal(qr_png(&b, URL, 64), 0);
	assert_int_equal(qr_png(&b, URL, 1), 0);
	buf_free(&b);
}

static void
png_refuses_bad_text(void **state)
{
	struct buf	 b;
	char		*big;

	(void)state;
	memset(&b, 0, sizeof(b));
	buf_puts(&b, "kept");
	assert_int_equal(qr_png(&b, NULL, 4), -1);
	assert_int_equal(qr_png(&b, "", 4), -1);
	/* More than version 40-M holds in 8-bit mode (2331 bytes). */
	big = malloc(4001);
	assert_non_null(big);
	memset(big, 'z', 4000);
	big[4000] = '\0';
	assert_int_equal(qr_png(&b, big, 4), -1);
	assert_int_equal(qr_svg(&b, big), -1);
	assert_int_equal(b.len, 4);
	assert_memory_equal(b.p, "kept", 4);
	free(big);
	buf_free(&b);
}

/*
 * A buffer out of memory makes libpng's write callback fail, which
 * unwinds through qr_png's setjmp: -1, and (under valgrind) no leak.
 */
static void
oom_buffer_fails_cleanly(void **state)
{
	struct buf	 b;

	(void)state;
	memset(&b, 0, sizeof(b));
	b.oom = 1;
	assert_int_equal(qr_png(&b, URL, 4), -1);
	assert_int_equal(qr_svg(&b, URL), -1);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* Output is appended; what the buffer held stays in front. */
static void
png_appends(void **state)
{
	struct buf	 b, alone;

	(void)state;
	memset(&b, 0, sizeof(b));
	memset(&alone, 0, sizeof(alone));
	buf_puts(&b, "prefix");
	assert_int_equal(qr_png(&b, URL, 2), 0);
	assert_int_equal(qr_png(&alone, URL, 2), 0);
	assert_int_equal(b.len, 6 + alone.len);
	assert_memory_equal(b.p, "prefix", 6);
	assert_memory_equal(b.p + 6, alone.p, alone.len);
	buf_free(&b);
	buf_free(&alone);
}

/* ---- zbarimg: the code reads back ------------------------------------- */

/* What zbarimg reads from a PNG of text at scale; fails without zbarimg. */
static void
zbar_roundtrip(const char *text, int scale)
{
	struct buf	 b;
	const char	*dir;
	char		 path[4096], cmd[4200], out[4096];
	FILE		*f, *p;
	size_t		 n;
	int		 rc;
	static int	 nodbus = -1;

	if (system("command -v zbarimg >/dev/null 2>&1") != 0)
		fail_msg("zbarimg not found: install zbar-tools "
		    "(a declared dependency; this test needs it)");

	memset(&b, 0, sizeof(b));
	assert_int_equal(qr_png(&b, text, scale), 0);
	if ((dir = getenv("QR_TEST_DIR")) == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, sizeof(path), "%s/qr_test_%ld.png", dir,
	    (long)getpid());
	if ((f = fopen(path, "wb")) == NULL)
		fail_msg("cannot write %s", path);
	assert_int_equal(fwrite(b.p, 1, b.len, f), b.len);
	assert_int_equal(fclose(f), 0);
	buf_free(&b);

	/* --nodbus (zbar 0.23.90 on) keeps its D-Bus chatter off stderr. */
	if (nodbus == -1)
		nodbus = system("zbarimg --help 2>&1 | "
		    "grep -q -e --nodbus") == 0;
	snprintf(cmd, sizeof(cmd), "zbarimg --raw -q %s'%s'",
	    nodbus ? "--nodbus " : "", path);
	if ((p = popen(cmd, "r")) == NULL)
		fail_msg("popen %s", cmd);
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	rc = pclose(p);
	unlink(path);
	if (rc != 0)
		fail_msg("zbarimg exited %d reading %s", rc, text);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	assert_string_equal(out, text);
}

static void
zbar_reads_receipt_url(void **state)
{
	(void)state;
	zbar_roundtrip(URL, 4);
}

static void
zbar_reads_at_small_scale(void **state)
{
	(void)state;
	zbar_roundtrip(URL, 2);
}

static void
zbar_reads_random_receipts(void **state)
{
	char	 code[RECEIPT_LEN + 1], url[256];
	int	 i;

	(void)state;
	assert_int_equal(token_init(), 0);
	for (i = 0; i < 3; i++) {
		receipt_new(code);
		snprintf(url, sizeof(url),
		    "https://endorse.example.org/receipt/%s", code);
		zbar_roundtrip(url, 3);
	}
}

static void
zbar_reads_long_text(void **state)
{
	char	 text[601];
	int	 i;

	(void)state;
	for (i = 0; i < 600; i++)
		text[i] = "abcdefghijklmnopqrstuvwxyz0123456789/.:-"[i % 40];
	text[600] = '\0';
	zbar_roundtrip(text, 4);
}

/* ---- SVG --------------------------------------------------------------- */

/*
 * Parse qr_svg's output back: the viewBox side and a grid of the dark
 * modules drawn by the path ("MxyhNv1h-Nz" runs).  Returns the grid
 * (side * side bytes, 1 dark) and the side in *side.
 */
static unsigned char *
svg_parse(const char *svg, int *side)
{
	const char	*p;
	unsigned char	*grid;
	int		 a, b, w, x, y, n, n2, used, i;

	p = strstr(svg, "viewBox=\"");
	assert_non_null(p);
	assert_int_equal(sscanf(p, "viewBox=\"0 0 %d %d\"", &a, &b), 2);
	assert_int_equal(a, b);
	w = a;
	grid = calloc((size_t)w * (size_t)w, 1);
	assert_non_null(grid);
	p = strstr(svg, "<path");
	assert_non_null(p);
	assert_null(strstr(p + 1, "<path"));
	p = strstr(p, " d=\"");
	assert_non_null(p);
	p += 4;
	while (*p != '"') {
		assert_int_equal(sscanf(p, "M%d %dh%dv1h-%dz%n",
		    &x, &y, &n, &n2, &used), 4);
		assert_int_equal(n, n2);
		assert_true(n >= 1);
		assert_true(x >= 0 && y >= 0 && x + n <= w && y < w);
		for (i = 0; i < n; i++) {
			assert_int_equal(grid[y * w + x + i], 0);
			grid[y * w + x + i] = 1;
		}
		p += used;
	}
	*side = w;
	return grid;
}

static void
svg_is_standalone_document(void **state)
{
	struct buf	 b;
	const char	*s;

	(void)state;
	memset(&b, 0, sizeof(b));
	assert_int_equal(qr_svg(&b, URL), 0);
	s = buf_cstr(&b);
	assert_non_null(s);
	assert_int_equal(strncmp(s,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39), 0);
	assert_non_null(strstr(s, "</svg>"));
	assert_non_null(strstr(s, "<rect "));
	assert_non_null(strstr(s, "fill=\"#fff\""));
	/* Scales to its container: no width or height on the <svg>. */
	assert_null(strstr(s, "<svg width"));
	assert_null(strstr(s, " width=\"100"));
	assert_true(strstr(s, "width=") > strstr(s, "<rect"));
	assert_null(strstr(s, "aria-label"));
	buf_free(&b);
}

static void
svg_viewbox_is_modules_plus_quiet_zone(void **state)
{
	struct buf	 b;
	QRcode		*qr = ref_encode(URL);
	char		 want[64];

	(void)state;
	memset(&b, 0, sizeof(b));
	assert_int_equal(qr_svg(&b, URL), 0);
	snprintf(want, sizeof(want), "viewBox=\"0 0 %d %d\"",
	    qr->width + 8, qr->width + 8);
	assert_non_null(strstr(buf_cstr(&b), want));
	buf_free(&b);
	QRcode_free(qr);
}

/* The SVG's path draws exactly the dark modules the PNG shows. */
static void
svg_grid_equals_png(void **state)
{
	struct buf	 sb, pb;
	struct img	 im;
	unsigned char	*grid;
	int		 w, x, y, nsvg = 0, npng = 0, dark;
	const int	 s = 4;

	(void)state;
	memset(&sb, 0, sizeof(sb));
	assert_int_equal(qr_svg(&sb, URL), 0);
	grid = svg_parse(buf_cstr(&sb), &w);
	png_render(URL, s, &pb, &im);
	assert_int_equal((int)im.w, w * s);
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x++) {
			dark = pixel(&im, (unsigned)(x * s + s / 2),
			    (unsigned)(y * s + s / 2)) == 0x00;
			assert_int_equal(grid[y * w + x], dark);
			nsvg += grid[y * w + x];
			npng += dark;
		}
	assert_int_equal(nsvg, npng);
	assert_true(nsvg > 0);
	free(grid);
	free(im.px);
	buf_free(&sb);
	buf_free(&pb);
}

/* Runs are maximal: two rectangles never touch on the same row. */
static void
svg_runs_are_maximal(void **state)
{
	struct buf	 b;
	const char	*p;
	int		 x, y, n, used, px = -10, py = -1, pn = 0;

	(void)state;
	memset(&b, 0, sizeof(b));
	assert_int_equal(qr_svg(&b, URL), 0);
	p = strstr(buf_cstr(&b), " d=\"") + 4;
	while (*p != '"') {
		assert_int_equal(sscanf(p, "M%d %dh%dv1h-%*dz%n",
		    &x, &y, &n, &used), 3);
		if (y == py)
			assert_true(x > px + pn);
		px = x;
		py = y;
		pn = n;
		p += used;
	}
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(png_signature),
		cmocka_unit_test(png_header_is_1bit_grey),
		cmocka_unit_test(png_size_is_modules_plus_quiet_zone),
		cmocka_unit_test(png_quiet_zone_is_white),
		cmocka_unit_test(png_finder_pattern_black),
		cmocka_unit_test(png_matches_matrix),
		cmocka_unit_test(png_refuses_bad_scale),
		cmocka_unit_test(png_refuses_bad_text),
		cmocka_unit_test(png_appends),
		cmocka_unit_test(oom_buffer_fails_cleanly),
		cmocka_unit_test(zbar_reads_receipt_url),
		cmocka_unit_test(zbar_reads_at_small_scale),
		cmocka_unit_test(zbar_reads_random_receipts),
		cmocka_unit_test(zbar_reads_long_text),
		cmocka_unit_test(svg_is_standalone_document),
		cmocka_unit_test(svg_viewbox_is_modules_plus_quiet_zone),
		cmocka_unit_test(svg_grid_equals_png),
		cmocka_unit_test(svg_runs_are_maximal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
