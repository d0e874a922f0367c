#!/usr/bin/env node
/*
 * tests/browser/run.js: browser tests of endorse in headless Chromium.
 *
 * Starts the real site (script/server --no-build: nginx and endorse-web)
 * on a free port with a fresh state directory, drives Debian's chromium
 * through playwright-core, and prints one line per test, "ok - NAME" or
 * "FAIL - NAME: MESSAGE" (with the page and the rule or assertion that
 * failed), then as its last line "N passed, N failed".  Exit status 1 if
 * any test failed.  Screenshots go to tests/browser/screenshots/.
 */
'use strict';

const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const HERE = __dirname;
const TOP = path.resolve(HERE, '..', '..');
const SHOTS = path.join(HERE, 'screenshots');
const AXE_SOURCE = fs.readFileSync(
    path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TEST_TIMEOUT_MS = 45000;
const ADMIN_PASSWORD = 'browser-admin-password';
const ACTION_TIMEOUT_MS = 10000;

let BASE = '';		/* http://127.0.0.1:PORT, no trailing slash */
let STATE = '';		/* the site's state directory: its database (issues 4, 6) */
let browser = null;

/* ---- small helpers ------------------------------------------------- */

class TestFailure extends Error {}

/* The page the test is on, for the failure message. */
let currentPage = null;

function fail(msg) {
	throw new TestFailure(msg);
}

function check(cond, msg) {
	if (!cond)
		fail(msg);
}

function eq(actual, expected, what) {
	if (actual !== expected)
		fail(`${what}: expected ${JSON.stringify(expected)}, ` +
		    `got ${JSON.stringify(actual)}`);
}

/* Scratch files (PDFs, decoded images) of this run, removed at exit. */
let scratch = null;
function tmpfile(name) {
	if (scratch === null)
		scratch = fs.mkdtempSync(path.join(os.tmpdir(),
		    'endorse-browser-scratch-'));
	return path.join(scratch, name);
}
process.on('exit', () => {
	if (scratch !== null)
		fs.rmSync(scratch, { recursive: true, force: true });
});

/* zbarimg's reading of an image file: the decoded text, or fail. */
function zbar(file, what) {
	try {
		return execFileSync('zbarimg', ['--raw', '-q', file],
		    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
		    .replace(/\n$/, '');
	} catch (e) {
		fail(`${what}: zbarimg found no QR code in ${file} ` +
		    `(exit ${e.status})`);
	}
}

async function newPage(opts = {}) {
	const context = await browser.newContext(Object.assign(
	    { viewport: { width: 1280, height: 900 } }, opts));
	context.setDefaultTimeout(ACTION_TIMEOUT_MS);
	const page = await context.newPage();
	currentPage = page;
	return page;
}

/* Go to a path; returns the response. */
async function go(page, p) {
	currentPage = page;
	const resp = await page.goto(BASE + p, { waitUntil: 'load' });
	check(resp !== null, `no response for ${p}`);
	return resp;
}

/* Click (or press) something that submits a form; the navigation's
 * response (the one after any redirect). */
async function submitting(page, action) {
	const [resp] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load' }),
		action(),
	]);
	check(resp !== null, 'the form submission gave no response');
	return resp;
}

const GOOD = {
	full_name: 'Bart Somers',
	role: 'mayor',
	government_level: 'local',
	locality: 'Mechelen',
	region: 'Flanders',
	country: 'BE',
	countryName: 'Belgium',
	organisation: 'City of Mechelen',
	email: 'mayor@mechelen.example.be',
};

/* Fill the whole endorsement form with good values (mouse-free API). */
async function fillGood(page, v = GOOD) {
	await page.fill('#full_name', v.full_name);
	await page.check(`input[name="role"][value="${v.role}"]`);
	await page.check(`input[name="government_level"]` +
	    `[value="${v.government_level}"]`);
	await page.fill('#locality', v.locality);
	await page.fill('#region', v.region);
	await page.selectOption('#country', v.country);
	await page.fill('#organisation', v.organisation);
	await page.fill('#email', v.email);
	await page.check('#listed');
	await page.check('#consent');
}

const RECEIPT_RE = /^\/receipt\/([0-9A-HJKMNP-TV-Z]{20,})$/;

/* The path of the page the browser is on. */
function pathOf(page) {
	return new URL(page.url()).pathname;
}

/* Endorse with good values; returns { page, code, url }. */
async function makeReceipt(opts = {}) {
	const page = await newPage(opts);
	await go(page, '/endorse');
	await fillGood(page);
	const resp = await submitting(page,
	    () => page.click('form.form button[type="submit"]'));
	eq(resp.status(), 200, 'status of the receipt page after submitting');
	const m = RECEIPT_RE.exec(pathOf(page));
	check(m, `after a valid submission the browser is on ${page.url()}, ` +
	    'not on /receipt/CODE');
	return { page, code: m[1], url: `${BASE}/receipt/${m[1]}` };
}

/* The receipt shows what was sent. */
async function checkReceiptValues(page, v) {
	const dds = await page.$$eval('dl.summary dd',
	    (els) => els.map((e) => e.textContent.trim()));
	for (const want of [v.full_name, v.locality, v.region, v.countryName,
	    v.organisation, v.email])
		check(dds.includes(want), `the receipt does not show ` +
		    `${JSON.stringify(want)}; it shows ${JSON.stringify(dds)}`);
}

/* ---- the server ---------------------------------------------------- */

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

function printLogs(stateDir) {
	const dir = path.join(stateDir, 'log');
	let names = [];
	try {
		names = fs.readdirSync(dir).filter((n) => n.endsWith('.log'));
	} catch (e) {
		console.log(`# no logs in ${dir}`);
		return;
	}
	for (const n of names) {
		console.log(`# ---- ${path.join(dir, n)}`);
		const text = fs.readFileSync(path.join(dir, n), 'utf8');
		for (const line of text.split('\n').slice(-40))
			console.log(`# ${line}`);
	}
}

/*
 * A copy of tests/integration/fake-sendmail in a 0755 folder of its own,
 * removed at exit: the mail helper runs it as the service user, who may
 * not reach into the tree (a clone in a 0700 folder, as mktemp -d makes).
 */
function fakeSendmail() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(),
	    'endorse-sendmail-'));
	process.on('exit', () => {
		fs.rmSync(dir, { recursive: true, force: true });
	});
	fs.chmodSync(dir, 0o755);
	const file = path.join(dir, 'fake-sendmail');
	fs.copyFileSync(path.join(TOP, 'tests', 'integration',
	    'fake-sendmail'), file);
	fs.chmodSync(file, 0o755);
	return file;
}

async function startServer() {
	const port = await freePort();
	const stateDir = fs.mkdtempSync(path.join(os.tmpdir(),
	    'endorse-browser-'));
	const env = Object.assign({}, process.env, {
		ENDORSE_PORT: String(port),
		ENDORSE_STATE_DIR: stateDir,
		ENDORSE_RATE_LIMIT: '0',
		/* The admin console's user and no sign-in limit. */
		ENDORSE_ADMIN_PASSWORD: ADMIN_PASSWORD,
		ENDORSE_LOGIN_RATE_LIMIT: '0',
		/* Mail goes to files in the state directory, never to an MTA. */
		ENDORSE_SENDMAIL: fakeSendmail() + ' -t -i',
	});
	delete env.ENDORSE_BASE_URL;
	const child = spawn(path.join(TOP, 'script', 'server'), ['--no-build'],
	    { cwd: TOP, env, stdio: ['ignore', 'pipe', 'pipe'],
	    detached: true });
	let out = '';
	child.stderr.on('data', (d) => { out += d; });
	const url = await new Promise((resolve, reject) => {
		const timer = setTimeout(() =>
		    reject(new Error('no "ready:" line within 60 s')), 60000);
		child.stdout.on('data', (d) => {
			out += d;
			const m = /^ready: (\S+)/m.exec(out);
			if (m) {
				clearTimeout(timer);
				resolve(m[1]);
			}
		});
		child.on('exit', (code, sig) => {
			clearTimeout(timer);
			reject(new Error(`script/server exited (${code ?? sig}) ` +
			    'before it was ready'));
		});
	}).catch((e) => {
		console.log(`# server: ${e.message}`);
		for (const line of out.split('\n'))
			console.log(`# ${line}`);
		printLogs(stateDir);
		stopServer({ child });
		return null;
	});
	if (url === null)
		return null;
	child.removeAllListeners('exit');
	/* However this process ends, the site goes with it. */
	process.on('exit', () => {
		if (child.exitCode === null && child.signalCode === null)
			try { process.kill(-child.pid, 'SIGTERM'); } catch (e) {}
	});
	return { child, stateDir, url: url.replace(/\/$/, '') };
}

function stopServer(srv) {
	if (!srv || !srv.child || srv.child.exitCode !== null ||
	    srv.child.signalCode !== null)
		return Promise.resolve();
	return new Promise((resolve) => {
		const child = srv.child;
		const timer = setTimeout(() => {
			/* It did not stop: its whole group goes. */
			try { process.kill(-child.pid, 'SIGKILL'); } catch (e) {}
			resolve();
		}, 10000);
		child.on('exit', () => { clearTimeout(timer); resolve(); });
		try { child.kill('SIGTERM'); } catch (e) {
			clearTimeout(timer);
			resolve();
		}
	});
}

/* ---- focus indicator ----------------------------------------------- */

/*
 * The styles that can show focus, for every element that takes focus,
 * taken while nothing has focus: the baseline each Tab stop is held to.
 */
async function unfocusedStyles(page) {
	return page.evaluate(() => {
		const out = {};
		const sel = 'a[href], button, input:not([type="hidden"]), ' +
		    'select, textarea, [tabindex]';
		document.querySelectorAll(sel).forEach((el, i) => {
			const key = el.id || `#${i}:${el.tagName}`;
			const cs = getComputedStyle(el);
			out[key] = {
				outline: `${cs.outlineStyle} ${cs.outlineWidth} ` +
				    cs.outlineColor,
				boxShadow: cs.boxShadow,
				background: cs.backgroundColor,
				border: `${cs.borderTopWidth} ${cs.borderTopColor} ` +
				    `${cs.borderBottomWidth} ` + cs.borderBottomColor,
				textDecoration: cs.textDecorationLine + ' ' +
				    cs.textDecorationThickness,
				color: cs.color,
			};
			el.dataset.focusKey = key;
		});
		return out;
	});
}

/* What has focus now, and how it looks. */
async function focusedInfo(page) {
	return page.evaluate(() => {
		const el = document.activeElement;
		if (!el || el === document.body)
			return null;
		const cs = getComputedStyle(el);
		const r = el.getBoundingClientRect();
		const transparent = (c) => c === 'transparent' ||
		    /rgba\(.*,\s*0\)$/.test(c);
		return {
			key: el.dataset.focusKey || null,
			tag: el.tagName.toLowerCase(),
			id: el.id,
			type: el.type || '',
			name: el.name || '',
			text: (el.textContent || '').trim().slice(0, 40),
			checked: !!el.checked,
			value: el.value,
			focusVisible: el.matches(':focus-visible'),
			rect: { x: r.x, y: r.y, w: r.width, h: r.height },
			vw: window.innerWidth,
			vh: window.innerHeight,
			outlineVisible: cs.outlineStyle !== 'none' &&
			    parseFloat(cs.outlineWidth) > 0 &&
			    !transparent(cs.outlineColor),
			now: {
				outline: `${cs.outlineStyle} ${cs.outlineWidth} ` +
				    cs.outlineColor,
				boxShadow: cs.boxShadow,
				background: cs.backgroundColor,
				border: `${cs.borderTopWidth} ${cs.borderTopColor} ` +
				    `${cs.borderBottomWidth} ` + cs.borderBottomColor,
				textDecoration: cs.textDecorationLine + ' ' +
				    cs.textDecorationThickness,
				color: cs.color,
			},
		};
	});
}

function describe(f) {
	if (!f)
		return 'nothing (document.body)';
	let s = `<${f.tag}`;
	if (f.id)
		s += ` id="${f.id}"`;
	if (f.type && f.tag === 'input')
		s += ` type="${f.type}"`;
	s += '>';
	if (f.text && f.tag !== 'select')
		s += ` "${f.text}"`;
	return s;
}

/* A Tab stop must show where focus is: an outline, a shadow, a change
 * of background, border or underline against the unfocused look. */
function assertFocusVisible(f, base, step) {
	check(f, `${step}: focus went nowhere (document.body)`);
	const where = `${step}: ${describe(f)}`;
	check(f.rect.w > 0 && f.rect.h > 0,
	    `${where} has focus but no size on screen (hidden)`);
	check(f.rect.x + f.rect.w > 0 && f.rect.y + f.rect.h > 0 &&
	    f.rect.x < f.vw && f.rect.y < f.vh,
	    `${where} has focus but lies outside the viewport ` +
	    `(${JSON.stringify(f.rect)})`);
	const b = base[f.key];
	const n = f.now;
	const shadow = n.boxShadow !== 'none' &&
	    (!b || n.boxShadow !== b.boxShadow);
	/* An outline counts only if it can be seen (outlineVisible). */
	const changed = b && (n.background !== b.background ||
	    n.border !== b.border || n.textDecoration !== b.textDecoration);
	check(f.outlineVisible || shadow || changed,
	    `${where} has no visible focus indicator: focused ` +
	    JSON.stringify(n) + ', unfocused ' + JSON.stringify(b || null));
}

/* ---- the tests ----------------------------------------------------- */

async function testKeyboardOnly() {
	const page = await newPage();
	const resp = await go(page, '/endorse');
	eq(resp.status(), 200, 'status of GET /endorse');
	const base = await unfocusedStyles(page);
	const kb = page.keyboard;
	const done = new Set();
	let step = 0;
	let shiftTabbed = false;
	let submitted = null;

	/* One picture of each kind of control with focus, to look at. */
	const shot = new Set();
	const picture = async (f) => {
		const kind = f.tag === 'input' ? `input-${f.type}` :
		    f.tag === 'a' ? `link-${f.id || f.text.replace(/\W+/g, '-')
		    .toLowerCase().slice(0, 20)}` : f.tag;
		if (shot.has(kind) || shot.size >= 10)
			return;
		shot.add(kind);
		const pad = 16;
		const x = Math.max(0, f.rect.x - pad);
		const y = Math.max(0, f.rect.y - pad);
		await page.screenshot({ path: path.join(SHOTS,
		    `focus-${kind}.png`), clip: { x, y,
		    width: Math.min(f.vw - x, f.rect.w + 2 * pad),
		    height: Math.min(f.vh - y, f.rect.h + 2 * pad) } });
	};

	const tab = async (shift) => {
		await kb.press(shift ? 'Shift+Tab' : 'Tab');
		step++;
		const f = await focusedInfo(page);
		assertFocusVisible(f, base, `Tab stop ${step}` +
		    (shift ? ' (Shift+Tab)' : ''));
		await picture(f);
		return f;
	};

	let f = await tab(false);
	for (let guard = 0; guard < 80 && submitted === null; guard++) {
		const id = f.id;
		if (id === 'full_name' && !done.has(id)) {
			await kb.type(GOOD.full_name);
			done.add(id);
		} else if (f.name === 'role' && !done.has('role')) {
			/* Space checks the first radio; the arrows move
			 * within the group, checking as they go. */
			await kb.press('Space');
			eq(await page.isChecked('#role'), true,
			    'Space on the first role radio checks it');
			await kb.press('ArrowDown');
			let g = await focusedInfo(page);
			assertFocusVisible(g, base, 'ArrowDown in the role group');
			eq(g.value, 'deputy_mayor', 'ArrowDown in the role ' +
			    'group moves to the next radio');
			check(g.checked, 'ArrowDown in the role group checks ' +
			    'the radio it moves to');
			await kb.press('ArrowUp');
			g = await focusedInfo(page);
			assertFocusVisible(g, base, 'ArrowUp in the role group');
			eq(g.value, 'mayor', 'ArrowUp back to the first role');
			done.add('role');
		} else if (id === 'role_other' && !shiftTabbed) {
			/* Back into the radio group and out again: Shift+Tab
			 * lands on the checked radio. */
			shiftTabbed = true;
			const g = await tab(true);
			eq(g.name + '=' + g.value, 'role=mayor',
			    'Shift+Tab from "role_other" lands on the checked ' +
			    'role radio');
			f = await tab(false);
			eq(f.id, 'role_other', 'Tab from the role group');
			continue;
		} else if (f.name === 'government_level' &&
		    !done.has('government_level')) {
			await kb.press('Space');
			await kb.press('ArrowDown');
			let g = await focusedInfo(page);
			assertFocusVisible(g, base,
			    'ArrowDown in the level group');
			eq(g.value, 'regional', 'ArrowDown in the level group');
			await kb.press('ArrowUp');
			g = await focusedInfo(page);
			eq(g.value + ' ' + g.checked, 'local true',
			    'ArrowUp in the level group checks "local"');
			done.add('government_level');
		} else if (id === 'locality' && !done.has(id)) {
			await kb.type(GOOD.locality);
			done.add(id);
		} else if (id === 'region' && !done.has(id)) {
			await kb.type(GOOD.region);
			done.add(id);
		} else if (id === 'country' && !done.has(id)) {
			/* Type-ahead on the closed select. */
			await kb.type(GOOD.countryName);
			eq(await page.inputValue('#country'), GOOD.country,
			    `typing "${GOOD.countryName}" on the country select`);
			done.add(id);
		} else if (id === 'organisation' && !done.has(id)) {
			await kb.type(GOOD.organisation);
			done.add(id);
		} else if (id === 'email' && !done.has(id)) {
			await kb.type(GOOD.email);
			done.add(id);
		} else if ((id === 'listed' || id === 'consent') &&
		    !done.has(id)) {
			await kb.press('Space');
			eq(await page.isChecked('#' + id), true,
			    `Space on the "${id}" checkbox checks it`);
			done.add(id);
		} else if (f.tag === 'button' && f.type === 'submit') {
			const missing = ['full_name', 'role', 'government_level',
			    'locality', 'region', 'country', 'organisation',
			    'email', 'listed', 'consent']
			    .filter((k) => !done.has(k));
			check(missing.length === 0, 'reached the submit button ' +
			    'by Tab without passing ' + missing.join(', '));
			submitted = await submitting(page,
			    () => kb.press('Enter'));
			break;
		}
		f = await tab(false);
	}
	check(submitted !== null, `${step} Tab stops and the submit button ` +
	    'was never reached');
	eq(submitted.status(), 200, 'status after Enter on the submit button');
	check(RECEIPT_RE.test(pathOf(page)),
	    `after submitting by keyboard the browser is on ${page.url()}, ` +
	    'not on /receipt/CODE');
	await checkReceiptValues(page, GOOD);
}

async function testErrors() {
	const page = await newPage();
	await go(page, '/endorse');
	/* Partly filled: two good fields, a bad email, the rest empty. */
	await page.fill('#full_name', GOOD.full_name);
	await page.fill('#locality', GOOD.locality);
	await page.fill('#email', 'not-an-email');
	/* "Other role" without its words: a rule across two fields. */
	await page.check('#role-other');
	const resp = await submitting(page,
	    () => page.click('form.form button[type="submit"]'));
	eq(resp.status(), 422, 'status of POST /endorse with errors');
	const title = await page.title();
	check(title.startsWith('Error: '),
	    `title of the error page must start "Error: ": ${title}`);
	const summary = page.locator('#error-summary');
	eq(await summary.count(), 1, 'number of #error-summary elements');
	eq(await summary.getAttribute('role'), 'alert',
	    'role of #error-summary');
	check(await summary.isVisible(), '#error-summary is not visible');
	/* Kept values. */
	eq(await page.inputValue('#full_name'), GOOD.full_name,
	    'full_name kept on the error page');
	eq(await page.inputValue('#email'), 'not-an-email',
	    'email kept on the error page');
	eq(await page.isChecked('#role-other'), true,
	    'role "other" kept on the error page');
	/* The links: one per field in error, each to a control. */
	const hrefs = await summary.locator('a').evaluateAll(
	    (as) => as.map((a) => a.getAttribute('href')));
	for (const want of ['#role_other', '#government_level', '#country',
	    '#email', '#consent'])
		check(hrefs.includes(want), `the error summary has no link ` +
		    `to ${want}; its links: ${hrefs.join(' ')}`);
	for (const filled of ['#full_name', '#locality', '#role'])
		check(!hrefs.includes(filled), `the error summary links to ` +
		    `${filled}, which was filled in; its links: ` +
		    hrefs.join(' '));
	const problems = [];
	for (const h of hrefs) {
		const id = h.slice(1);
		if (await page.locator(`#${id}-error`).count() !== 1) {
			problems.push(`no error message #${id}-error beside ` +
			    `the field ${id}`);
			continue;
		}
		/* A control, or the fieldset of its radio group, names its
		 * error in aria-describedby. */
		const d = await page.evaluate((i) => {
			const el = document.getElementById(i);
			const fs = el && el.type === 'radio' ?
			    el.closest('fieldset') : null;
			return { own: el && el.getAttribute('aria-describedby'),
			    group: fs && fs.getAttribute('aria-describedby') };
		}, id);
		const ids = `${d.own || ''} ${d.group || ''}`.split(/\s+/);
		if (!ids.includes(`${id}-error`))
			problems.push(`neither #${id} nor its fieldset is ` +
			    `described by #${id}-error (aria-describedby on ` +
			    `the control: ${JSON.stringify(d.own)}, on its ` +
			    `fieldset: ${JSON.stringify(d.group)})`);
	}
	/* The summary has focus when the page opens (needs the site's
	 * script: CSP forbids an inline one). */
	const active = await page.evaluate(() =>
	    document.activeElement ? (document.activeElement.id ||
	    document.activeElement.tagName) : null);
	if (active !== 'error-summary')
		problems.push('the error summary does not have focus when ' +
		    `the error page opens: document.activeElement is ${active}, ` +
		    'not #error-summary (the error-summary pattern: autofocus ' +
		    'or a script in www/; CSP forbids inline script)');
	/* Each link moves focus to its field. */
	for (const h of hrefs) {
		await page.click(`#error-summary a[href="${h}"]`);
		const got = await page.evaluate(() =>
		    document.activeElement ? document.activeElement.id ||
		    document.activeElement.tagName : null);
		if (got !== h.slice(1))
			problems.push(`the summary link ${h} leaves focus ` +
			    `on ${got}, not on the field #${h.slice(1)}`);
	}
	/* The error page as it was, for the report. */
	const errorUrl = page.url().replace(/#.*/, '');
	const errorShot = path.join(SHOTS, 'FAIL-error-page.png');
	if (problems.length)
		await page.screenshot({ path: errorShot, fullPage: true });
	/* Fix and send. */
	await fillGood(page);
	const resp2 = await submitting(page,
	    () => page.click('form.form button[type="submit"]'));
	eq(resp2.status(), 200, 'status after fixing the errors');
	check(RECEIPT_RE.test(pathOf(page)), `after fixing the errors the ` +
	    `browser is on ${page.url()}, not on /receipt/CODE`);
	await checkReceiptValues(page, GOOD);
	if (problems.length) {
		fail(`${problems.length} problem(s) on the error page of ` +
		    `POST ${errorUrl} (422; screenshot ${errorShot}):\n` +
		    problems.map((p) => `    ${p}`).join('\n'));
	}
}

async function testReceiptQr() {
	const { page, code, url } = await makeReceipt();
	eq(await page.textContent('#receipt-code'), code,
	    'the code shown on the receipt');
	const link = await page.textContent('.receipt-url a');
	eq(link.trim(), url, 'the receipt link shown on the page');
	const img = page.locator('.receipt-qr img');
	eq(await img.count(), 1, 'number of QR images on the receipt');
	const alt = await img.getAttribute('alt');
	check(alt && alt.trim().length > 0, 'the QR image has no alt text');
	const loaded = await img.evaluate((i) => i.complete &&
	    i.naturalWidth > 0);
	check(loaded, `the QR image ${await img.getAttribute('src')} ` +
	    'did not load');
	const shot = tmpfile('qr.png');
	await img.screenshot({ path: shot });
	eq(zbar(shot, 'the QR image on the receipt page'), url,
	    'the QR code on the receipt page (as shown, decoded by zbarimg)');
	fs.unlinkSync(shot);
	/* The PNG download. */
	const png = await page.request.get(`${BASE}/receipt/${code}.png`);
	eq(png.status(), 200, `status of /receipt/${code}.png`);
	eq((png.headers()['content-type'] || '').split(';')[0], 'image/png',
	    `content type of /receipt/${code}.png`);
	const pngFile = tmpfile('qr-download.png');
	fs.writeFileSync(pngFile, await png.body());
	eq(zbar(pngFile, `/receipt/${code}.png`), url,
	    `the QR code in /receipt/${code}.png`);
	fs.unlinkSync(pngFile);
	const svg = await page.request.get(`${BASE}/receipt/${code}.svg`);
	eq(svg.status(), 200, `status of /receipt/${code}.svg`);
	eq((svg.headers()['content-type'] || '').split(';')[0],
	    'image/svg+xml', `content type of /receipt/${code}.svg`);
	/* Lower case finds the same receipt. */
	const lower = await page.request.get(
	    `${BASE}/receipt/${code.toLowerCase()}`);
	eq(lower.status(), 200, 'status of the receipt in lower case');
}

async function testReceiptPdf() {
	const { page, url } = await makeReceipt();
	const pdf = tmpfile('receipt.pdf');
	await page.pdf({ path: pdf, format: 'A4', printBackground: true });
	const prefix = tmpfile('receipt-page');
	execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1',
	    '-singlefile', pdf, prefix]);
	const png = `${prefix}.png`;
	fs.copyFileSync(png, path.join(SHOTS, 'receipt-print-page1.png'));
	eq(zbar(png, 'page 1 of the printed receipt'), url,
	    'the QR code on page 1 of the receipt printed to PDF');
	fs.unlinkSync(pdf);
	fs.unlinkSync(png);
}

async function testNoJavaScript() {
	const page = await newPage({ javaScriptEnabled: false });
	let resp = await go(page, '/endorse');
	eq(resp.status(), 200, 'status of GET /endorse without JavaScript');
	/* The error flow: the summary is there without a script. */
	resp = await submitting(page,
	    () => page.click('form.form button[type="submit"]'));
	eq(resp.status(), 422, 'status of an empty form without JavaScript');
	const title = await page.title();
	check(title.startsWith('Error: '), `title without JavaScript: ${title}`);
	check(await page.locator('#error-summary').isVisible(),
	    'no visible #error-summary without JavaScript');
	const n = await page.locator('#error-summary a').count();
	check(n >= 5, `the error summary without JavaScript has ${n} links`);
	/* The whole flow. */
	await fillGood(page);
	resp = await submitting(page,
	    () => page.click('form.form button[type="submit"]'));
	eq(resp.status(), 200, 'status after submitting without JavaScript');
	check(RECEIPT_RE.test(pathOf(page)), 'without JavaScript the ' +
	    `browser is on ${page.url()}, not on /receipt/CODE`);
	await checkReceiptValues(page, GOOD);
	const img = page.locator('.receipt-qr img');
	check(await img.evaluate((i) => i.complete && i.naturalWidth > 0),
	    'the QR image did not load without JavaScript');
}

/* ---- signed receipts: /verify with a chosen file, and without scripts */

async function verdictOf(page) {
	return (await page.textContent('#verdict')).replace(/\s+/g, ' ');
}

async function testVerifyReceipt() {
	const { page, code } = await makeReceipt();
	const link = page.locator('#signed-receipt');
	eq(await link.getAttribute('href'), `/receipt/${code}.receipt`,
	    'the receipt page links its signed receipt');
	const dl = await page.request.get(`${BASE}/receipt/${code}.receipt`);
	eq(dl.status(), 200, `status of /receipt/${code}.receipt`);
	const text = await dl.text();
	const file = tmpfile(`${code}.receipt`);
	fs.writeFileSync(file, text);
	/* With a script: pick the file, the field fills, check. */
	await go(page, '/verify');
	check(await page.locator('#receipt-file').isVisible(),
	    'the file picker is not shown with JavaScript');
	await page.setInputFiles('#receipt-file', file);
	await page.waitForFunction((t) =>
	    document.getElementById('receipt').value === t, text);
	let resp = await submitting(page,
	    () => page.click('form.form button[type="submit"]'));
	eq(resp.status(), 200, 'status of POST /verify');
	let v = await verdictOf(page);
	check(v.includes('Genuine') && !v.includes('Not genuine') &&
	    v.includes(code), `verdict on the downloaded receipt: ${v}`);
	/* Without a script: paste; one changed character is refused. */
	const bare = await newPage({ javaScriptEnabled: false });
	await go(bare, '/verify');
	check(!(await bare.locator('#receipt-file').isVisible()),
	    'the file picker is shown without JavaScript');
	await bare.fill('#receipt', text);
	resp = await submitting(bare,
	    () => bare.click('form.form button[type="submit"]'));
	eq(resp.status(), 200, 'status of POST /verify without JavaScript');
	v = await verdictOf(bare);
	check(v.includes('Genuine') && !v.includes('Not genuine'),
	    `verdict without JavaScript: ${v}`);
	await bare.fill('#receipt', text.replace('locality ', 'locality X'));
	await submitting(bare,
	    () => bare.click('form.form button[type="submit"]'));
	v = await verdictOf(bare);
	check(v.includes('Not genuine'), `verdict on a changed receipt: ${v}`);
	fs.unlinkSync(file);
	/* Long hashes and records never make a phone scroll sideways. */
	const narrow = await newPage({ viewport: { width: 390, height: 844 } });
	const wide = [];
	for (const p of [`/receipt/${code}`, '/declaration',
	    '/declaration?lang=ar']) {
		await go(narrow, p);
		wide.push(await sideways(narrow));
	}
	await go(narrow, '/verify');
	await narrow.fill('#receipt', text);
	await submitting(narrow,
	    () => narrow.click('form.form button[type="submit"]'));
	wide.push(await sideways(narrow));
	const bad = wide.filter((w) => w);
	check(bad.length === 0, bad.join('; '));
}

/* The pages of signed receipts and declaration versions, for axe. */
function proofPages() {
	return [
		{ name: 'verify', open: async (page) => {
			eq((await go(page, '/verify')).status(), 200,
			    'status of /verify');
		} },
		{ name: 'declaration', open: async (page) => {
			eq((await go(page, '/declaration')).status(), 200,
			    'status of /declaration');
		} },
		{ name: 'declaration-ar', open: async (page) => {
			eq((await go(page, '/declaration?lang=ar')).status(),
			    200, 'status of /declaration?lang=ar');
		} },
	];
}

/* The page's overflow at its width: a message if it scrolls sideways. */
async function sideways(page) {
	const m = await page.evaluate(() => ({
		sw: document.documentElement.scrollWidth,
		iw: window.innerWidth }));
	return m.sw > m.iw ? `${page.url()} scrolls sideways: scrollWidth ` +
	    `${m.sw} > innerWidth ${m.iw}` : null;
}

/* The pages the flows reach, each opened on the given page; returns a
 * list of { name, path, open }.  */
function sitePages() {
	return [
		{ name: 'home', open: async (page) => {
			eq((await go(page, '/')).status(), 200, 'status of /');
		} },
		{ name: 'form', open: async (page) => {
			eq((await go(page, '/endorse')).status(), 200,
			    'status of /endorse');
		} },
		{ name: 'form-errors', open: async (page) => {
			await go(page, '/endorse');
			const r = await submitting(page, () =>
			    page.click('form.form button[type="submit"]'));
			eq(r.status(), 422, 'status of an empty POST /endorse');
		} },
		{ name: 'receipt', open: async (page) => {
			await go(page, '/endorse');
			await fillGood(page);
			const r = await submitting(page, () =>
			    page.click('form.form button[type="submit"]'));
			eq(r.status(), 200, 'status of the receipt');
			check(RECEIPT_RE.test(pathOf(page)),
			    `not on a receipt: ${page.url()}`);
		} },
		{ name: '404', open: async (page) => {
			eq((await go(page, '/no-such-page')).status(), 404,
			    'status of /no-such-page');
		} },
	];
}


/* ---- commitment reports, withdrawal, public lists ------------------ */

/* Verify an endorsement in the database (the admin console's job). */
function verifyInDb(code) {
	execFileSync('python3', ['-c', 'import sqlite3, sys\n' +
	    'c = sqlite3.connect(sys.argv[1], timeout=10)\n' +
	    'c.execute("UPDATE endorsements SET status = \'verified\' ' +
	    'WHERE receipt = ?", (sys.argv[2],))\nc.commit()\n',
	    path.join(STATE, 'endorse.db'), code]);
}

/* On an endorsement's receipt: fill the report form and send it. */
async function sendReport(page, title = 'A welcome desk for newcomers') {
	await page.check('input[name="area"][value="services"]');
	await page.fill('#title', title);
	await page.fill('#description', 'We open a desk.\nTwice a week.');
	await page.fill('#means', 'City budget');
	await page.fill('#target_date', '2030-12-31');
	await page.check('input[name="status"][value="planned"]');
	await page.fill('#sdg', '10.7, 11.1');
	return submitting(page, () => page.click(
	    'form[action$="/commitments"] button[type="submit"]'));
}

async function testCommitmentFlow() {
	const { page, code } = await makeReceipt();
	/* The report form with an error first: 422, the summary. */
	let resp = await submitting(page, () => page.click(
	    'form[action$="/commitments"] button[type="submit"]'));
	eq(resp.status(), 422, 'status of an empty report');
	check((await page.title()).startsWith('Error: '),
	    'the title of the report form with errors');
	check(await page.locator('#error-summary').isVisible(),
	    'no error summary on the report form');
	const title = `Welcome desk ${code.slice(0, 8)}`;
	resp = await sendReport(page, title);
	eq(resp.status(), 200, 'status after sending a report');
	const m = RECEIPT_RE.exec(pathOf(page));
	check(m && m[1] !== code, `after a report the browser is on ` +
	    `${page.url()}, not on the report's own receipt`);
	const rcode = m[1];
	const rurl = `${BASE}/receipt/${rcode}`;
	const img = page.locator('.receipt-qr img');
	const shot = tmpfile('report-qr.png');
	await img.screenshot({ path: shot });
	eq(zbar(shot, 'the QR image of the report'), rurl,
	    'the QR code on the report receipt');
	/* Two follow-up updates. */
	for (const [st, text] of [['in_progress', 'Desk open on Mondays.'],
	    ['achieved', 'Desk open every day.']]) {
		await page.check(`input[name="status"][value="${st}"]`);
		await page.fill('#narrative', text);
		resp = await submitting(page, () => page.click(
		    'form[action$="/updates"] button[type="submit"]'));
		eq(resp.status(), 200, 'status after an update');
		eq(pathOf(page), `/receipt/${rcode}`, 'page after an update');
	}
	const history = await page.$$eval('ol.history li',
	    (els) => els.map((e) => e.textContent));
	eq(history.length, 2, 'updates in the history');
	check(history[0].includes('Mondays') &&
	    history[1].includes('every day'), 'history is not oldest first');
	/* Listed once verified, off the lists once withdrawn. */
	verifyInDb(code);
	await go(page, '/commitments?area=services');
	check((await page.textContent('#commitment-list')).includes(title),
	    'the report is not on /commitments');
	await go(page, `/receipt/${code}`);
	await submitting(page, () => page.click(
	    `a[href="/receipt/${code}/withdraw"]`));
	resp = await submitting(page, () => page.click(
	    'form[action$="/withdraw"] button[type="submit"]'));
	eq(resp.status(), 422, 'status of a withdrawal not confirmed');
	await page.check('#confirm');
	resp = await submitting(page, () => page.click(
	    'form[action$="/withdraw"] button[type="submit"]'));
	eq(resp.status(), 200, 'status after withdrawing');
	eq(pathOf(page), `/receipt/${code}`, 'page after withdrawing');
	check((await page.textContent('main')).includes('was withdrawn on'),
	    'the receipt does not say it was withdrawn');
	eq(await page.locator('main form').count(), 0,
	    'a withdrawn receipt still has forms');
	await go(page, '/commitments?area=services');
	check(!(await page.textContent('main')).includes(title),
	    'a withdrawn report is still on /commitments');
}

/* The new pages, each opened on the given page, for axe and layout. */
function issue4Pages() {
	return [
		{ name: 'receipt-report-errors', open: async (page) => {
			await go(page, '/endorse');
			await fillGood(page);
			await submitting(page, () =>
			    page.click('form.form button[type="submit"]'));
			const r = await submitting(page, () => page.click(
			    'form[action$="/commitments"] ' +
			    'button[type="submit"]'));
			eq(r.status(), 422, 'status of an empty report');
		} },
		{ name: 'report-receipt', open: async (page) => {
			await go(page, '/endorse');
			await fillGood(page);
			await submitting(page, () =>
			    page.click('form.form button[type="submit"]'));
			verifyInDb(RECEIPT_RE.exec(pathOf(page))[1]);
			const r = await sendReport(page,
			    'A longer title of a report that runs to many ' +
			    'words, to see it wrap on a phone');
			eq(r.status(), 200, 'status of the report receipt');
			await page.check('input[name="status"]' +
			    '[value="in_progress"]');
			await page.fill('#narrative', 'Going well.\nMore soon.');
			await submitting(page, () => page.click(
			    'form[action$="/updates"] button[type="submit"]'));
		} },
		{ name: 'withdraw', open: async (page) => {
			await go(page, '/endorse');
			await fillGood(page);
			await submitting(page, () =>
			    page.click('form.form button[type="submit"]'));
			await go(page, `${pathOf(page)}/withdraw`);
		} },
		{ name: 'signatories', open: async (page) => {
			eq((await go(page, '/signatories')).status(), 200,
			    'status of /signatories');
		} },
		{ name: 'commitments', open: async (page) => {
			eq((await go(page, '/commitments')).status(), 200,
			    'status of /commitments');
		} },
	];
}

async function testAxe() {
	await axeOn(sitePages().concat(issue4Pages()));
}

async function testProofAxe() {
	await axeOn(proofPages());
}

/* Fail on any serious or critical axe violation on those pages. */
async function axeOn(pages) {
	const page = await newPage({ bypassCSP: true });
	const found = [];
	const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
	for (const p of pages) {
		await p.open(page);
		await page.addScriptTag({ content: AXE_SOURCE });
		const res = await page.evaluate((values) => window.axe.run(
		    document, { runOnly: { type: 'tag', values } }), tags);
		for (const v of res.violations) {
			if (v.impact !== 'serious' && v.impact !== 'critical')
				continue;
			const targets = v.nodes.slice(0, 3).map(
			    (n) => n.target.join(' ')).join(', ');
			found.push(`${p.name} (${page.url()}): ${v.id} ` +
			    `[${v.impact}] ${v.help}; ${v.nodes.length} ` +
			    `element(s), first: ${targets}`);
		}
		if (res.violations.length === 0 && res.passes.length === 0)
			fail(`axe ran no checks on ${page.url()}`);
	}
	if (found.length)
		fail(`${found.length} serious or critical axe violation(s):\n` +
		    found.map((s) => `    ${s}`).join('\n'));
}

/*
 * Every language: the pages of testAxe with the language chosen by the
 * switcher's link (which sets the lang cookie), each page's <html lang
 * dir> checked, then axe-core.
 */
function testLanguageAxe(lang) {
	return async () => {
		const page = await newPage({ bypassCSP: true });
		const found = [];
		const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
		eq((await go(page, `/?lang=${lang}`)).status(), 200,
		    `status of /?lang=${lang}`);
		const pages = sitePages().concat(issue4Pages(), [
			{ name: 'admin-login', open: async (pg) => {
				eq((await go(pg, '/admin/login')).status(), 200,
				    'status of /admin/login');
			} }]);
		for (const p of pages) {
			await p.open(page);
			const [l, dir] = await page.evaluate(() => [
			    document.documentElement.lang,
			    document.documentElement.dir]);
			eq(l, lang, `lang of ${p.name}`);
			eq(dir, lang === 'ar' ? 'rtl' : 'ltr', `dir of ${p.name}`);
			await page.addScriptTag({ content: AXE_SOURCE });
			const res = await page.evaluate((values) =>
			    window.axe.run(document,
			    { runOnly: { type: 'tag', values } }), tags);
			for (const v of res.violations) {
				if (v.impact !== 'serious' &&
				    v.impact !== 'critical')
					continue;
				const targets = v.nodes.slice(0, 3).map(
				    (n) => n.target.join(' ')).join(', ');
				found.push(`${p.name} (${page.url()}): ${v.id} ` +
				    `[${v.impact}] ${v.help}; first: ${targets}`);
			}
			if (res.violations.length === 0 &&
			    res.passes.length === 0)
				fail(`axe ran no checks on ${page.url()}`);
		}
		if (found.length)
			fail(`${found.length} serious or critical axe ` +
			    `violation(s) in ${lang}:\n` +
			    found.map((x) => `    ${x}`).join('\n'));
	};
}

/*
 * /endorse at phone width in Arabic and French, kept as
 * screenshots/lang-LL-endorse-390x844.png to look at: nothing wider
 * than the screen, and in Arabic the labels start at the right.
 */
async function testLanguageScreens() {
	fs.mkdirSync(SHOTS, { recursive: true });
	for (const lang of ['ar', 'fr']) {
		const page = await newPage({
		    viewport: { width: 390, height: 844 } });
		eq((await go(page, `/endorse?lang=${lang}`)).status(), 200,
		    `status of /endorse?lang=${lang}`);
		await page.screenshot({ path: path.join(SHOTS,
		    `lang-${lang}-endorse-390x844.png`), fullPage: true });
		const m = await page.evaluate(() => {
			const d = document.documentElement;
			/* The label's text, not its box (a block as wide
			 * as the form). */
			const range = document.createRange();
			range.selectNodeContents(document.querySelector(
			    'label[for="full_name"]'));
			const label = range.getBoundingClientRect();
			const input = document.querySelector('#full_name')
			    .getBoundingClientRect();
			return { sw: d.scrollWidth, cw: d.clientWidth,
			    labelLeft: label.left, labelRight: label.right,
			    inputLeft: input.left, inputRight: input.right };
		});
		check(m.sw <= m.cw, `${lang}: the page scrolls sideways ` +
		    `(${m.sw} > ${m.cw})`);
		if (lang === 'ar')
			check(Math.abs(m.labelRight - m.inputRight) < 2 &&
			    m.labelLeft > m.inputLeft + 10, 'ar: the label ' +
			    'of full_name does not start at the right edge ' +
			    `of its input (${JSON.stringify(m)})`);
		else
			check(Math.abs(m.labelLeft - m.inputLeft) < 2,
			    `${lang}: the label does not start at the left ` +
			    `(${JSON.stringify(m)})`);
	}
}

async function testLayout() {
	fs.mkdirSync(SHOTS, { recursive: true });
	const problems = [];
	for (const vp of [{ width: 390, height: 844 },
	    { width: 1366, height: 768 }]) {
		const page = await newPage({ viewport: vp });
		for (const p of sitePages().concat(issue4Pages())) {
			await p.open(page);
			const file = path.join(SHOTS,
			    `${p.name}-${vp.width}x${vp.height}.png`);
			await page.screenshot({ path: file, fullPage: true });
			if (vp.width !== 390)
				continue;
			const m = await page.evaluate(() => {
				const d = document.documentElement;
				const wide = [];
				for (const el of document.body
				    .querySelectorAll('*')) {
					const r = el.getBoundingClientRect();
					if (r.right > window.innerWidth + 0.5 &&
					    wide.length < 3)
						wide.push(el.tagName.toLowerCase() +
						    (el.id ? '#' + el.id : '') +
						    (el.className &&
						    typeof el.className === 'string' ?
						    '.' + el.className.trim()
						    .replace(/\s+/g, '.') : '') +
						    ` (right edge ${Math.round(r.right)})`);
				}
				return { sw: d.scrollWidth, iw: window.innerWidth,
				    wide };
			});
			if (m.sw > m.iw)
				problems.push(`${p.name} (${page.url()}) scrolls ` +
				    `sideways at 390 wide: scrollWidth ${m.sw} > ` +
				    `innerWidth ${m.iw}; too wide: ` +
				    m.wide.join(', '));
		}
		await page.context().close();
	}
	if (problems.length)
		fail(problems.join('\n    '));
}

/* ---- the event kiosk --------------------------------------------------- */

/* A new event by endorsectl; its kiosk path (the URL is printed alone). */
function newEvent(name) {
	const out = execFileSync(path.join(TOP, 'src', 'endorsectl'),
	    ['--db', path.join(STATE, 'endorse.db'), 'event', 'add', name],
	    { encoding: 'utf8', env: Object.assign({}, process.env,
	    { ENDORSE_BASE_URL: BASE }) });
	const m = /^(\S+)\/kiosk\/([A-Za-z0-9_-]{43})\n$/.exec(out);
	check(m && m[1] === BASE, `endorsectl event add printed ` +
	    JSON.stringify(out));
	return `/kiosk/${m[2]}`;
}

/* Rows of an SQL query on the site's database (python3's sqlite3). */
function sql(q, ...args) {
	const out = execFileSync('python3', ['-c',
	    'import sqlite3, sys, json\n' +
	    'c = sqlite3.connect(sys.argv[1], timeout=10)\n' +
	    'print(json.dumps(c.execute(sys.argv[2], sys.argv[3:])' +
	    '.fetchall()))', path.join(STATE, 'endorse.db'), q, ...args],
	    { encoding: 'utf8' });
	return JSON.parse(out);
}

const KIOSK_DONE_RE = /^\/kiosk\/[A-Za-z0-9_-]{43}\/done\/([0-9A-HJKMNP-TV-Z]{24})$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/* Draw two strokes on the pad with the mouse (pointer events). */
async function drawSignature(page) {
	await page.locator('#sigpad').scrollIntoViewIfNeeded();
	const box = await page.locator('#sigpad').boundingBox();
	check(box && box.width > 100, 'the signature pad is not shown');
	const m = page.mouse;
	await m.move(box.x + box.width * 0.1, box.y + box.height * 0.7);
	await m.down();
	for (let i = 1; i <= 12; i++)
		await m.move(box.x + box.width * (0.1 + i * 0.05),
		    box.y + box.height * (0.7 - Math.sin(i / 2) * 0.4));
	await m.up();
	await m.move(box.x + box.width * 0.2, box.y + box.height * 0.85);
	await m.down();
	await m.move(box.x + box.width * 0.8, box.y + box.height * 0.8,
	    { steps: 6 });
	await m.up();
	const v = await page.inputValue('#signature-value');
	check(/^(0|[1-9]\d{0,3}),(0|[1-9]\d{0,3})( (0|[1-9]\d{0,3}),(0|[1-9]\d{0,3}))*(;(0|[1-9]\d{0,3}),(0|[1-9]\d{0,3})( (0|[1-9]\d{0,3}),(0|[1-9]\d{0,3}))*)*$/.test(v),
	    `the pad's value does not follow the grammar: ${v.slice(0, 80)}`);
	eq(v.split(';').length, 2, 'strokes in the signature');
	return v;
}

/* What a signer left visible: their values in the page's controls or text. */
async function leftovers(page, v) {
	return page.evaluate((vals) => {
		const found = [];
		const text = document.body ? document.body.innerText : '';
		for (const s of vals)
			if (text.includes(s))
				found.push(`text "${s}"`);
		document.querySelectorAll('input, select, textarea')
		    .forEach((el) => {
			if ((el.type === 'text' || el.type === 'email') &&
			    el.value !== '')
				found.push(`#${el.id}="${el.value}"`);
			if ((el.type === 'radio' || el.type === 'checkbox') &&
			    el.checked)
				found.push(`#${el.id} checked`);
			if (el.tagName === 'SELECT' && el.selectedIndex > 0)
				found.push(`#${el.id}=${el.value}`);
			if (el.name === 'signature' && el.value !== '')
				found.push('a signature');
		});
		return found;
	}, vals(v));
	function vals(x) {
		return [x.full_name, x.email, x.locality, x.organisation];
	}
}

async function testKioskSign() {
	const kiosk = newEvent('Browser Stand');
	const page = await newPage({ viewport: { width: 1024, height: 768 },
	    hasTouch: true });
	const v = KIOSK_SIGNER;
	let resp = await go(page, `${kiosk}?done=3`);
	eq(resp.status(), 200, `status of GET ${kiosk}`);
	eq(resp.headers()['cache-control'], 'no-store', 'Cache-Control');
	check(await page.isVisible('#sigpad'), 'the pad is not visible');
	check(UUID_RE.test(await page.inputValue('input[name="form_token"]')),
	    'the script did not give the form a UUID form_token');
	await fillGood(page, v);
	/* Clear works: draw, clear, the value is empty. */
	await drawSignature(page);
	await page.click('#sigpad-clear');
	eq(await page.inputValue('#signature-value'), '',
	    'the signature after "Clear"');
	const sig = await drawSignature(page);
	await Promise.all([
		page.waitForURL((u) => KIOSK_DONE_RE.test(u.pathname),
		    { timeout: 10000 }),
		page.click('form#kiosk button[type="submit"]'),
	]);
	const code = KIOSK_DONE_RE.exec(pathOf(page))[1];
	const rows = sql('SELECT e.signature, ev.name FROM endorsements e ' +
	    'JOIN events ev ON ev.id = e.event_id WHERE e.receipt = ?', code);
	eq(JSON.stringify(rows), JSON.stringify([[sig, 'Browser Stand']]),
	    'the stored row (signature, event)');
	/* The hand-off: the QR code, nothing of the signer. */
	eq(await page.textContent('h1'), 'Scan to keep your receipt',
	    'the hand-off heading');
	const left = await leftovers(page, v);
	eq(left.join(', '), '', 'personal data on the hand-off page');
	const img = page.locator('#handoff-qr');
	check(await img.evaluate((i) => i.complete && i.naturalWidth > 0),
	    'the QR image on the hand-off page did not load');
	const qbox = await img.boundingBox();
	check(qbox.width >= 400, `the QR code is ${qbox.width} px wide on a ` +
	    '1024x768 screen: not full screen');
	const shot = tmpfile('handoff.png');
	await img.screenshot({ path: shot });
	eq(zbar(shot, 'the hand-off QR code'), `${BASE}/receipt/${code}`,
	    'the hand-off QR code decoded');
	/* 3 s without a touch: back to a blank form, by replace. */
	await page.waitForURL((u) => u.pathname === kiosk, { timeout: 10000 });
	await page.waitForLoadState('load');
	eq((await leftovers(page, v)).join(', '), '',
	    'what the next signer sees after the automatic reset');
	/* The back button brings nothing of the last signer back. */
	const back = await page.goBack({ waitUntil: 'load' }).catch(() => null);
	if (back !== null || page.url() !== 'about:blank')
		eq((await leftovers(page, v)).join(', '), '',
		    `after the back button (${page.url()})`);
	/* The receipt (the signer's phone) draws the signature. */
	const phone = await newPage();
	await go(phone, `/receipt/${code}`);
	const n = await phone.locator('svg.signature polyline').count();
	eq(n, 2, 'strokes drawn on the receipt');
}

/* Values found nowhere else on the site's pages. */
const KIOSK_SIGNER = Object.assign({}, GOOD, {
	full_name: 'Zelda Quixote-Vantongeren', locality: 'Quillhaven',
	region: 'Marrowshire', organisation: 'Quillhaven Borough',
	email: 'zelda.q@quillhaven.example',
});

async function testKioskDoneButton() {
	const kiosk = newEvent('Done Button');
	const page = await newPage({ viewport: { width: 1024, height: 768 } });
	await go(page, kiosk);
	await fillGood(page, KIOSK_SIGNER);
	await Promise.all([
		page.waitForURL((u) => KIOSK_DONE_RE.test(u.pathname)),
		page.click('form#kiosk button[type="submit"]'),
	]);
	await Promise.all([
		page.waitForURL((u) => u.pathname === kiosk),
		page.click('#kiosk-done'),
	]);
	await page.waitForLoadState('load');
	eq((await leftovers(page, KIOSK_SIGNER)).join(', '), '',
	    'the form after "Done"');
	/* Only this page in history: back leaves the kiosk's pages. */
	await page.goBack({ waitUntil: 'load' }).catch(() => null);
	check(!KIOSK_DONE_RE.test(pathOf(page).replace(/^about:.*/, '')),
	    `the back button returned to the hand-off page ${page.url()}`);
	eq((await leftovers(page, KIOSK_SIGNER)).join(', '), '',
	    `after the back button (${page.url()})`);
}

async function testKioskIdle() {
	const kiosk = newEvent('Idle Stand');
	const page = await newPage({ viewport: { width: 1024, height: 768 } });
	await go(page, `${kiosk}?idle=2&warn=2`);
	/* An untouched blank form is never warned about. */
	await page.waitForTimeout(2600);
	check(!(await page.isVisible('#kiosk-idle')),
	    'the idle warning shows on a blank form');
	await page.fill('#full_name', 'Half Filled');
	await page.check('#consent');
	await drawSignature(page);
	/* The warning, with its countdown; "I am still here" keeps it. */
	await page.waitForSelector('#kiosk-idle', { state: 'visible',
	    timeout: 5000 });
	const count = Number(await page.textContent('#kiosk-idle-count'));
	check(count >= 1 && count <= 2, `the countdown shows ${count}`);
	await page.click('#kiosk-idle-stay');
	check(!(await page.isVisible('#kiosk-idle')),
	    'the warning stays after "I am still here"');
	eq(await page.inputValue('#full_name'), 'Half Filled',
	    'the form after "I am still here"');
	/* Left alone again: warned, then cleared. */
	await page.waitForSelector('#kiosk-idle', { state: 'visible',
	    timeout: 5000 });
	await page.waitForFunction(() =>
	    document.getElementById('full_name').value === '',
	    null, { timeout: 6000 });
	eq((await leftovers(page, { full_name: 'Half Filled', email: '@',
	    locality: 'x-none-x', organisation: 'x-none-x' })).join(', '), '',
	    'the form after the countdown');
	check(!(await page.isVisible('#kiosk-idle')),
	    'the warning stays after clearing');
}

/* The content-hashed stylesheet and script a page links to. */
async function kioskAssets(page) {
	return page.evaluate(() => [
	    document.querySelector('link[rel="stylesheet"]').getAttribute('href'),
	    document.querySelector('script[src]').getAttribute('src')]);
}

/* Wait until the kiosk's service worker controls the page and has kept
 * this event's blank form, its stylesheet and kiosk.js. */
async function kioskKept(page, kiosk) {
	const assets = await kioskAssets(page);
	for (const a of assets)
		check(/^\/(style|kiosk)\.[0-9a-f]{12}\.(css|js)$/.test(a),
		    `the kiosk links to ${a}, not a content-hashed name`);
	await page.waitForFunction(async (want) => {
		if (!navigator.serviceWorker.controller)
			return false;
		const c = await caches.open('kiosk-v1-' + want[0].split('/')[2]);
		for (const u of want)
			if (!(await c.match(u)))
				return false;
		return true;
	}, [kiosk].concat(assets), { timeout: 10000, polling: 200 });
	return assets;
}

/*
 * The issue's sequence: offline, submit (queued), reload while still
 * offline (the service worker opens the kiosk from its copy), online:
 * the queued endorsement arrives exactly once and the count drops to 0.
 */
async function testKioskOffline() {
	const kiosk = newEvent('Offline Stand');
	const page = await newPage({ viewport: { width: 1024, height: 768 } });
	const context = page.context();
	const v = Object.assign({}, KIOSK_SIGNER, {
	    full_name: 'Offline Signer Ysoldé Vantwerpen' });
	/* Every POST of the kiosk that got an answer from the site. */
	const answered = [];
	page.on('response', (r) => {
		if (r.request().method() === 'POST' &&
		    new URL(r.url()).pathname === kiosk)
			answered.push(r.status());
	});
	await go(page, kiosk);
	const assets = await kioskKept(page, kiosk);
	/* A file of an older version (another hash) is dropped from the
	 * event's cache at the next online load. */
	const stale = '/style.000000000000.css';
	await page.evaluate(async (a) => {
		const c = await caches.open('kiosk-v1-' + a[0].split('/')[2]);
		await c.put(a[1], new Response('old'));
	}, [kiosk, stale]);
	await page.reload({ waitUntil: 'load' });
	await page.waitForFunction(async (a) => {
		const c = await caches.open('kiosk-v1-' + a[0].split('/')[2]);
		return !(await c.match(a[1]));
	}, [kiosk, stale], { timeout: 10000, polling: 200 });
	await kioskKept(page, kiosk);
	await context.setOffline(true);
	await fillGood(page, v);
	await drawSignature(page);
	await page.click('form#kiosk button[type="submit"]');
	await page.waitForSelector('#kiosk-saved', { state: 'visible' });
	eq(await page.textContent('#kiosk-waiting-count'), '1',
	    'waiting count after an offline submission');
	eq((await leftovers(page, v)).join(', '), '',
	    'the form after it was saved on the device');
	/* Reload, still offline: the service worker answers. */
	const resp = await page.reload({ waitUntil: 'load' });
	check(resp !== null, 'no response for the reload while offline');
	eq(resp.status(), 200, 'status of the reload while offline');
	check(resp.fromServiceWorker(), 'the reload while offline was not ' +
	    'answered by the service worker');
	eq(pathOf(page), kiosk, 'the page after the reload while offline');
	check(await page.isVisible('form#kiosk'),
	    'the kiosk form is not shown after the reload while offline');
	check(await page.isVisible('#sigpad'), 'the signature pad is not ' +
	    'shown after the reload while offline (no kiosk.js)');
	check(await page.evaluate(() => getComputedStyle(document.body)
	    .fontFamily !== 'Times New Roman' &&
	    document.styleSheets.length > 0 &&
	    document.styleSheets[0].cssRules.length > 0),
	    'no style sheet after the reload while offline');
	await page.waitForFunction(() => !document.getElementById(
	    'kiosk-waiting').hidden, null, { timeout: 5000 });
	eq(await page.textContent('#kiosk-waiting-count'), '1',
	    'waiting count after the reload while offline');
	eq((await leftovers(page, v)).join(', '), '',
	    'the form after the reload while offline');
	/* What the worker keeps has nothing of the signer. */
	const kept = await page.evaluate(async () => {
		const out = [];
		for (const n of await caches.keys()) {
			const c = await caches.open(n);
			for (const rq of await c.keys())
				out.push(rq.method + ' ' + new URL(rq.url).pathname +
				    ' ' + await (await c.match(rq)).text());
		}
		return out;
	});
	eq(kept.map((k) => k.split(' ').slice(0, 2).join(' ')).sort()
	    .join(', '), [`GET ${kiosk}`].concat(assets.map((a) => `GET ${a}`))
	    .sort().join(', '),
	    'what the service worker keeps');
	for (const s of [v.full_name, v.email, v.locality, v.organisation])
		check(!kept.some((k) => k.includes(s)),
		    `the service worker's cache holds "${s}"`);
	/* The page from the copy takes the next signer's form too. */
	const w = Object.assign({}, KIOSK_SIGNER, {
	    full_name: 'Second Offline Signer Quennell',
	    email: 'quennell@offline.example' });
	await fillGood(page, w);
	await drawSignature(page);
	await page.click('form#kiosk button[type="submit"]');
	await page.waitForFunction(() => document.getElementById(
	    'kiosk-waiting-count').textContent === '2', null,
	    { timeout: 5000 });
	check(await page.isVisible('#kiosk-saved'), 'the "saved on this ' +
	    'tablet" message after queueing on the page from the copy');
	eq((await leftovers(page, w)).join(', '), '',
	    'the form after the second signer\'s was saved');
	const byName = 'SELECT count(*) FROM endorsements WHERE full_name = ?';
	for (const x of [v, w])
		eq(JSON.stringify(sql(byName, x.full_name)), '[[0]]',
		    'rows while the kiosk is offline');
	eq(answered.length, 0, 'POSTs answered while offline');
	/* Online again: sent once, deleted from the device. */
	await context.setOffline(false);
	await page.waitForFunction(() => document.getElementById(
	    'kiosk-waiting').hidden, null, { timeout: 15000 });
	eq(await page.textContent('#kiosk-waiting-count'), '0',
	    'waiting count once the site answers');
	/* Past the next backoff retry: nothing is sent a second time. */
	await page.waitForTimeout(2500);
	for (const x of [v, w])
		eq(JSON.stringify(sql(byName, x.full_name)), '[[1]]',
		    `rows of ${x.full_name}'s queued endorsement`);
	eq(answered.join(','), '303,303', 'the POSTs the site answered');
	const rows = sql('SELECT e.signature != \'\', ev.name FROM ' +
	    'endorsements e JOIN events ev ON ev.id = e.event_id ' +
	    'WHERE e.full_name = ?', v.full_name);
	eq(JSON.stringify(rows), '[[1,"Offline Stand"]]',
	    'the stored row (a signature, its event)');
	const stored = await page.evaluate(() => new Promise((res) => {
		const rq = indexedDB.open('endorse-kiosk', 1);
		rq.onsuccess = () => {
			const t = rq.result.transaction('queue', 'readonly');
			const c = t.objectStore('queue').count();
			c.onsuccess = () => res(c.result);
		};
	}));
	eq(stored, 0, 'entries left in IndexedDB');
	check(await page.isVisible('#kiosk-sent-list button'),
	    'no receipt in the "sent" list');
	/*
	 * What the next signer sees at 1024x768, measured on screen: the
	 * "saved on this tablet" banner is gone, a line says the connection
	 * is back, and the form comes first, the sent list after it.
	 */
	await page.evaluate(() => window.scrollTo(0, 0));
	check(!(await page.isVisible('#kiosk-saved')) &&
	    (await page.locator('#kiosk-saved').boundingBox()) === null,
	    'the "saved on this tablet" banner is still on screen once ' +
	    'everything was sent');
	check(await page.isVisible('#kiosk-back'),
	    'nothing says that the connection is back');
	const fold = await page.evaluate(() => {
		const box = (sel) => document.querySelector(sel)
		    .getBoundingClientRect();
		return { h: innerHeight, field: box('#full_name').bottom,
		    h1: box('h1').top, formEnd: box('form#kiosk').bottom,
		    sent: box('#kiosk-sent').top };
	});
	check(fold.field <= fold.h && fold.h1 >= 0, 'at 1024x768 the form ' +
	    `is not the first thing on screen: ${JSON.stringify(fold)}`);
	check(fold.sent >= fold.formEnd, 'the sent list comes before the ' +
	    `form: ${JSON.stringify(fold)}`);
	await hiddenIsHidden(page, 'the kiosk once the queue was sent');
}

/* Every element with the hidden attribute takes no room on screen. */
async function hiddenIsHidden(page, where) {
	const shown = await page.evaluate(() => Array.from(
	    document.querySelectorAll('[hidden]')).filter((el) => {
		const r = el.getBoundingClientRect();
		return getComputedStyle(el).display !== 'none' ||
		    r.width > 0 || r.height > 0;
	}).map((el) => el.id || el.className || el.tagName));
	eq(shown.join(', '), '', `${where}: hidden elements on screen`);
}

/*
 * The worst case for storing twice: a queued form's POST reaches the
 * site but its answer is lost, so the entry stays and is sent again.
 * The site must store it once, and the tablet must then drop it and
 * show its receipt in the "sent" list.
 */
async function testKioskLostAnswer() {
	const kiosk = newEvent('Lost Answer Stand');
	const page = await newPage({ viewport: { width: 1024, height: 768 } });
	const context = page.context();
	const v = Object.assign({}, KIOSK_SIGNER, {
	    full_name: 'Lost Answer Signer' });
	await go(page, kiosk);
	await context.setOffline(true);
	await fillGood(page, v);
	await drawSignature(page);
	const key = await page.inputValue('input[name="form_token"]');
	await page.click('form#kiosk button[type="submit"]');
	await page.waitForSelector('#kiosk-saved', { state: 'visible' });
	eq(await page.textContent('#kiosk-waiting-count'), '1',
	    'waiting count after an offline submission');
	eq((await leftovers(page, v)).join(', '), '',
	    'the form after it was saved on the device');
	/*
	 * The network comes back, but the site stays unreachable for
	 * POSTs; the first of them reaches the server and loses its
	 * answer.  A reload (online) keeps the queue.
	 */
	let reached = 0;
	await page.route(`**${kiosk}`, async (route) => {
		if (route.request().method() !== 'POST')
			return route.continue();
		if (reached++ === 0)
			await route.fetch().catch(() => null);
		/* A POST still held here when the page moves on: nothing to
		 * abort any more, and no reason to stop the run. */
		return route.abort('internetdisconnected').catch(() => null);
	});
	await context.setOffline(false);
	await page.reload({ waitUntil: 'load' });
	await page.waitForFunction(() => !document.getElementById(
	    'kiosk-waiting').hidden, null, { timeout: 5000 });
	eq(await page.textContent('#kiosk-waiting-count'), '1',
	    'waiting count after a reload');
	await page.waitForFunction(() => true, null, { timeout: 100 });
	for (let i = 0; i < 50 && reached === 0; i++)
		await page.waitForTimeout(100);
	check(reached > 0, 'the queue was not sent after the reload');
	eq(JSON.stringify(sql('SELECT count(*) FROM endorsements WHERE ' +
	    'form_token = ?', key)), '[[1]]',
	    'rows after the answer was lost');
	/* The site answers again: the entry goes, stored once. */
	await page.unroute(`**${kiosk}`);
	await context.setOffline(true);
	await context.setOffline(false);
	await page.waitForFunction(() => document.getElementById(
	    'kiosk-waiting').hidden, null, { timeout: 10000 });
	const rows = sql('SELECT receipt, full_name, event_id IS NOT NULL ' +
	    'FROM endorsements WHERE form_token = ?', key);
	eq(rows.length, 1, 'rows of the queued endorsement');
	eq(rows[0][1], v.full_name, 'the queued endorsement\'s name');
	eq(rows[0][2], 1, 'the queued endorsement records its event');
	const stored = await page.evaluate(() => new Promise((res) => {
		const rq = indexedDB.open('endorse-kiosk', 1);
		rq.onsuccess = () => {
			const t = rq.result.transaction('queue', 'readonly');
			const c = t.objectStore('queue').count();
			c.onsuccess = () => res(c.result);
		};
	}));
	eq(stored, 0, 'entries left in IndexedDB');
	/* The receipt from the "sent" list: not on screen before a tap. */
	const img = page.locator('#kiosk-sent-list img');
	check(!(await img.isVisible()) && (await img.boundingBox()) === null,
	    'the sent list shows a receipt\'s image before "Show" is tapped');
	await hiddenIsHidden(page, 'the kiosk with a sent list');
	await page.click('#kiosk-sent-list button');
	await page.waitForFunction(() => {
		const i = document.querySelector('#kiosk-sent-list img');
		return i && i.complete && i.naturalWidth > 0;
	});
	const shot = tmpfile('sent.png');
	await img.screenshot({ path: shot });
	eq(zbar(shot, 'the sent list\'s QR code'),
	    `${BASE}/receipt/${rows[0][0]}`, 'the sent list\'s QR code');
	/* "Hide the receipt code": gone from the screen, not just marked. */
	await page.click('#kiosk-sent-list button');
	check(!(await img.isVisible()) && (await img.boundingBox()) === null,
	    'the receipt\'s QR code stays on screen after "Hide"');
	await hiddenIsHidden(page, 'the kiosk after "Hide"');
	/* The next signer starts: the list goes. */
	await page.fill('#full_name', 'N');
	check(!(await page.isVisible('#kiosk-sent')),
	    'the sent list stays when the next form starts');
}

async function testKioskNoJavaScript() {
	const kiosk = newEvent('No Script Stand');
	const page = await newPage({ javaScriptEnabled: false });
	await go(page, kiosk);
	check(!(await page.isVisible('#sigpad')),
	    'the pad shows without JavaScript');
	await fillGood(page);
	const resp = await submitting(page,
	    () => page.click('form#kiosk button[type="submit"]'));
	eq(resp.status(), 200, 'status of the hand-off page');
	check(KIOSK_DONE_RE.test(pathOf(page)), `without JavaScript the ` +
	    `browser is on ${page.url()}, not on the hand-off page`);
	await submitting(page, () => page.click('#kiosk-done'));
	eq(pathOf(page), kiosk, 'where "Done" leads');
}

/* The kiosk's pages, as sitePages() lists the others. */
function kioskPages() {
	const kiosk = newEvent('Layout Stand');
	const closed = newEvent('Closed Stand');
	execFileSync(path.join(TOP, 'src', 'endorsectl'),
	    ['--db', path.join(STATE, 'endorse.db'), 'event', 'close',
	    closed.slice(7)]);
	return [
		{ name: 'kiosk', touch: true, open: async (page) => {
			eq((await go(page, kiosk)).status(), 200,
			    `status of ${kiosk}`);
		} },
		{ name: 'kiosk-errors', open: async (page) => {
			await go(page, kiosk);
			await page.click('form#kiosk button[type="submit"]');
			await page.waitForSelector('#error-summary');
		} },
		{ name: 'kiosk-handoff', touch: true, open: async (page) => {
			await go(page, kiosk);
			await fillGood(page);
			await Promise.all([
				page.waitForURL((u) =>
				    KIOSK_DONE_RE.test(u.pathname)),
				page.click('form#kiosk button[type="submit"]'),
			]);
		} },
		{ name: 'kiosk-closed', open: async (page) => {
			eq((await go(page, closed)).status(), 410,
			    `status of a closed kiosk`);
		} },
	];
}

async function testKioskAxe() {
	const page = await newPage({ bypassCSP: true });
	const found = [];
	const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
	for (const p of kioskPages()) {
		await p.open(page);
		await page.addScriptTag({ content: AXE_SOURCE });
		const res = await page.evaluate((values) => window.axe.run(
		    document, { runOnly: { type: 'tag', values } }), tags);
		for (const x of res.violations)
			if (x.impact === 'serious' || x.impact === 'critical')
				found.push(`${p.name}: ${x.id} [${x.impact}] ` +
				    `${x.help}; first: ${x.nodes[0].target}`);
	}
	if (found.length)
		fail(`${found.length} serious or critical axe violation(s):\n` +
		    found.map((s) => `    ${s}`).join('\n'));
}

async function testKioskLayout() {
	fs.mkdirSync(SHOTS, { recursive: true });
	const problems = [];
	const pages = kioskPages();
	for (const vp of [{ width: 390, height: 844 },
	    { width: 1024, height: 768 }, { width: 1366, height: 768 }]) {
		const page = await newPage({ viewport: vp });
		for (const p of pages) {
			await p.open(page);
			await page.screenshot({ path: path.join(SHOTS,
			    `${p.name}-${vp.width}x${vp.height}.png`),
			    fullPage: true });
			const m = await page.evaluate(() => {
				const d = document.documentElement;
				const small = [];
				const sel = 'main a[href], main button, ' +
				    'main input:not([type="hidden"]), main select, ' +
				    'main canvas';
				for (const el of document.querySelectorAll(sel)) {
					const r = el.getBoundingClientRect();
					if (r.width === 0 && r.height === 0)
						continue;	/* hidden */
					/* A radio or checkbox counts with its label. */
					let w = r.width, h = r.height;
					const box = el.closest('.radio, .checkbox');
					if (box) {
						const b = box.getBoundingClientRect();
						w = b.width;
						h = b.height;
					}
					if (w < 44 || h < 44)
						small.push(`${el.tagName.toLowerCase()}` +
						    `#${el.id} ${Math.round(w)}x` +
						    `${Math.round(h)}`);
				}
				return { sw: d.scrollWidth, iw: window.innerWidth,
				    small };
			});
			if (m.sw > m.iw)
				problems.push(`${p.name} scrolls sideways at ` +
				    `${vp.width}: ${m.sw} > ${m.iw}`);
			if (p.touch && m.small.length)
				problems.push(`${p.name} at ${vp.width}: touch ` +
				    `targets under 44x44: ${m.small.join(', ')}`);
		}
		await page.context().close();
	}
	if (problems.length)
		fail(problems.join('\n    '));
}


/* ---- the admin console --------------------------------------------- */

/* Sign in through the form; the page is on the dashboard after. */
async function adminSignIn(page) {
	let resp = await go(page, '/admin/');
	eq(pathOf(page), '/admin/login', 'GET /admin/ without a session ends on');
	await page.fill('#username', 'admin');
	await page.fill('#password', 'not the password');
	resp = await submitting(page, () => page.click('form.form button'));
	eq(resp.status(), 422, 'status of a wrong password');
	check((await page.title()).startsWith('Error: '),
	    'the title of a failed sign-in starts "Error: "');
	eq(await page.inputValue('#password'), '',
	    'the password field after a failed sign-in');
	await page.fill('#password', ADMIN_PASSWORD);
	resp = await submitting(page, () => page.click('form.form button'));
	eq(resp.status(), 200, 'status after signing in');
	eq(pathOf(page), '/admin/', 'page after signing in');
}

async function testAdminSignInExport() {
	await makeReceipt();
	const page = await newPage({ acceptDownloads: true });
	await adminSignIn(page);
	check(await page.locator('svg.chart').count() >= 3,
	    'the dashboard draws its charts');
	await go(page, '/admin/endorsements');
	const link = page.locator('a[href^="/admin/export/endorsements.csv"]');
	eq(await link.count(), 1, 'links to the CSV export');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		link.click(),
	]);
	check(/^endorsements-\d{4}-\d\d-\d\d\.csv$/.test(
	    download.suggestedFilename()), 'the file name of the download: ' +
	    download.suggestedFilename());
	const file = tmpfile('export.csv');
	await download.saveAs(file);
	const text = fs.readFileSync(file, 'utf8');
	check(text.startsWith('id,receipt,created_at,status,full_name,'),
	    `the downloaded CSV starts ${JSON.stringify(text.slice(0, 60))}`);
	check(text.includes(GOOD.email), 'the download holds the endorsement');
	/* Moderate it from its page: verified, back on the same page. */
	await go(page, '/admin/endorsements');
	await submitting(page, () => page.click('table a[href^="/admin/' +
	    'endorsements/"]'));
	const here = pathOf(page);
	await page.check('#status');
	await page.fill('#reason', 'Checked with the city');
	const resp = await submitting(page,
	    () => page.click('form[action$="/status"] button'));
	eq(resp.status(), 200, 'status after saving the status');
	eq(pathOf(page), here, 'page after saving the status');
	check((await page.textContent('main')).includes('Checked with the ' +
	    'city'), 'the status history shows the reason');
	/* Sign out: back to the login, the console closed. */
	await submitting(page, () => page.click('form.signout button'));
	eq(pathOf(page), '/admin/login', 'page after signing out');
	await go(page, '/admin/');
	eq(pathOf(page), '/admin/login', 'GET /admin/ after signing out');
}

async function testAdminPagesAxeLayout() {
	const found = [];
	const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
	for (const vp of [{ width: 390, height: 844 },
	    { width: 1366, height: 768 }]) {
		const page = await newPage({ viewport: vp, bypassCSP: true });
		await adminSignIn(page);
		await go(page, '/admin/endorsements');
		const first = await page.getAttribute('table a[href^="/admin/' +
		    'endorsements/"]', 'href');
		for (const p of ['/admin/', '/admin/endorsements', first,
		    '/admin/events', '/admin/audit']) {
			await go(page, p);
			const name = 'admin' + p.replace(/\W+/g, '-');
			await page.screenshot({ path: path.join(SHOTS,
			    `${name}-${vp.width}x${vp.height}.png`),
			    fullPage: true });
			await page.addScriptTag({ content: AXE_SOURCE });
			const res = await page.evaluate((values) => window.axe.run(
			    document, { runOnly: { type: 'tag', values } }), tags);
			for (const v of res.violations)
				if (v.impact === 'serious' || v.impact === 'critical')
					found.push(`${p} at ${vp.width}: ${v.id} ` +
					    `[${v.impact}] ${v.help}; first: ` +
					    v.nodes[0].target.join(' '));
			const m = await page.evaluate(() => ({
				sw: document.documentElement.scrollWidth,
				iw: window.innerWidth }));
			if (m.sw > m.iw)
				found.push(`${p} scrolls sideways at ${vp.width}` +
				    ` wide: ${m.sw} > ${m.iw}`);
		}
		await page.context().close();
	}
	if (found.length)
		fail(found.join('\n    '));
}

const TESTS = [
	['endorse with the keyboard alone, focus visible at every Tab stop',
	    testKeyboardOnly],
	['submit with errors: 422, error summary focused, links focus ' +
	    'fields, fix and submit', testErrors],
	['receipt QR code decodes to the receipt URL (page image and PNG)',
	    testReceiptQr],
	['receipt printed to PDF: the QR code on page 1 decodes',
	    testReceiptPdf],
	['JavaScript disabled: the endorse flow and the error summary work',
	    testNoJavaScript],
	['signed receipt: downloaded, checked on /verify from a chosen file ' +
	    'and pasted without JavaScript; a changed one is refused; no ' +
	    'sideways scrolling at 390 wide',
	    testVerifyReceipt],
	['axe-core: no serious or critical WCAG 2.1 A/AA violations on ' +
	    'home, form, form with errors, receipt, 404, report errors, ' +
	    'report receipt, withdraw, signatories, commitments', testAxe],
	['axe-core: no serious or critical violations on /verify and ' +
	    '/declaration (English and Arabic)', testProofAxe],
	['layout: screenshots at 390x844 and 1366x768, no sideways ' +
	    'scrolling at 390 wide', testLayout],
	['languages: axe-core clean in English on every page, lang and dir ' +
	    'right', testLanguageAxe('en')],
	['languages: axe-core clean in French on every page, lang and dir ' +
	    'right', testLanguageAxe('fr')],
	['languages: axe-core clean in Spanish on every page, lang and dir ' +
	    'right', testLanguageAxe('es')],
	['languages: axe-core clean in Arabic (right to left) on every ' +
	    'page, lang and dir right', testLanguageAxe('ar')],
	['languages: /endorse at phone width in Arabic and French, ' +
	    'screenshots kept, mirrored in Arabic', testLanguageScreens],
	['admin: sign in (a wrong password first), download the CSV ' +
	    'export, verify an endorsement, sign out', testAdminSignInExport],
	['admin pages: no serious axe violations, no sideways scrolling, ' +
	    'at 390 and 1366 wide', testAdminPagesAxeLayout],
	/* The event kiosk */
	['kiosk: draw a signature, submit, the hand-off QR decodes, ' +
	    'automatic reset, back button shows nothing', testKioskSign],
	['kiosk: "Done" returns to a blank form; history keeps nothing',
	    testKioskDoneButton],
	['kiosk: a half-filled form left alone is cleared after a visible ' +
	    'countdown', testKioskIdle],
	['kiosk offline: saved on the device, reloaded while offline from ' +
	    'the service worker, another form queued there, each sent ' +
	    'exactly once when back online',
	    testKioskOffline],
	['kiosk: a queued form whose answer is lost is stored once, ' +
	    'receipt from the sent list', testKioskLostAnswer],
	['kiosk without JavaScript: a plain form to the hand-off page',
	    testKioskNoJavaScript],
	['kiosk axe-core: no serious or critical violations on the form, ' +
	    'errors, hand-off, closed', testKioskAxe],
	['kiosk layout: 390, 1024x768, 1366; touch targets at least 44x44',
	    testKioskLayout],
	['commitment flow: report with errors, report, QR, two updates in ' +
	    'order, listed, withdraw with confirmation, off the list',
	    testCommitmentFlow],
];

/* ---- the runner ---------------------------------------------------- */

function withTimeout(promise, ms, what) {
	let timer;
	return Promise.race([
		promise,
		new Promise((_, reject) => {
			timer = setTimeout(() => reject(new TestFailure(
			    `${what} did not finish within ${ms / 1000} s`)), ms);
		}),
	]).finally(() => clearTimeout(timer));
}

function slug(s) {
	return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40)
	    .replace(/-$/, '');
}

async function main() {
	const started = Date.now();
	let passed = 0, failed = 0;
	fs.mkdirSync(SHOTS, { recursive: true });
	/* A failure's pictures are of this run only. */
	for (const n of fs.readdirSync(SHOTS))
		if (n.startsWith('FAIL-'))
			fs.rmSync(path.join(SHOTS, n), { force: true });
	const srv = await startServer();
	if (srv === null) {
		console.log('FAIL - start the site: script/server did not ' +
		    'become ready');
		console.log(`0 passed, ${TESTS.length} failed`);
		return 1;
	}
	BASE = srv.url;
	STATE = srv.stateDir;
	const onSignal = () => {
		stopServer(srv).then(() => process.exit(1));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	console.log(`# site: ${BASE}/ (state ${srv.stateDir})`);
	try {
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--no-sandbox', '--disable-gpu',
			    '--disable-background-networking',
			    '--disable-component-update', '--disable-sync',
			    '--no-first-run', '--disable-quic'],
		});
	} catch (e) {
		console.log(`FAIL - launch chromium: ${e.message.split('\n')[0]}`);
		await stopServer(srv);
		console.log(`0 passed, ${TESTS.length} failed`);
		return 1;
	}
	/* BROWSER_ONLY=word runs the tests whose names hold it. */
	const only = process.env.BROWSER_ONLY || '';
	for (const [name, fn] of TESTS) {
		if (only && !name.includes(only))
			continue;
		currentPage = null;
		const t0 = Date.now();
		try {
			await withTimeout(fn(), TEST_TIMEOUT_MS, name);
			passed++;
			console.log(`ok - ${name} (${Date.now() - t0} ms)`);
		} catch (e) {
			failed++;
			const msg = e instanceof TestFailure ? e.message :
			    `${e.name}: ${e.message}`.split('\n').slice(0, 6)
			    .join('\n    ');
			console.log(`FAIL - ${name}: ${msg}`);
			if (currentPage && !currentPage.isClosed()) {
				let title = '';
				try { title = await currentPage.title(); } catch (x) {}
				console.log(`    page: ${currentPage.url()} ` +
				    `("${title}")`);
				const file = path.join(SHOTS,
				    `FAIL-${slug(name)}.png`);
				try {
					await currentPage.screenshot({ path: file,
					    fullPage: true, timeout: 5000 });
					console.log(`    screenshot: ${file}`);
				} catch (x) {}
			}
			if (!(e instanceof TestFailure) && e.stack)
				console.log('    ' + e.stack.split('\n').slice(1, 4)
				    .join('\n    '));
		}
		/* Each test's contexts go with it. */
		for (const c of browser.contexts())
			await c.close().catch(() => {});
	}
	await browser.close().catch(() => {});
	await stopServer(srv);
	if (failed === 0)
		fs.rmSync(srv.stateDir, { recursive: true, force: true });
	else
		console.log(`# the site's state and logs: ${srv.stateDir}`);
	console.log(`# ${((Date.now() - started) / 1000).toFixed(1)} s`);
	console.log(`${passed} passed, ${failed} failed`);
	return failed > 0 ? 1 : 0;
}

/* A closed pipe on standard output must not leave the site running. */
process.stdout.on('error', () => process.exit(1));

if (require.main === module) {
	main().then((rc) => process.exit(rc), (e) => {
		console.log(`FAIL - the runner: ${e.stack || e}`);
		console.log('0 passed, 1 failed');
		process.exit(1);
	});
}
