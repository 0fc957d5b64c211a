// Shared helpers of the browser tests: start a Préau server on a fresh data
// directory, a tiny SMTP sink to catch its emails, a headless Chromium, a TOTP
// generator, form helpers and the page checks (axe-core, no script, few requests).

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The server binary: `PREAU_BIN` (relative to the current directory), else the workspace's debug build. */
export const PREAU_BIN = process.env.PREAU_BIN ? path.resolve(process.env.PREAU_BIN) : path.resolve(here, '../../target/debug/preau');

/** The browser binary: `CHROMIUM_BIN`, else Debian's. */
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

/** A password long enough for Préau's rule (12 characters or more). */
export const PASSWORD = 'correct horse battery staple';

/** How long one test may take. */
export const TEST_TIMEOUT = 30_000;

/** How long starting things (server, browser, first setup) may take. */
export const HOOK_TIMEOUT = 90_000;

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Every server started by this process, so that an interrupted run still stops them.
const running = new Set();
function killAll() {
  for (const child of running) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

/**
 * Starts `preau serve` on a fresh temporary data directory and a free port,
 * and waits for the one-time setup link it prints.
 * Returns { url, setupLink, stop(), log(), errors() }: what it printed, and its ERROR lines.
 * Always call stop() (it also removes the data directory).
 */
export async function startServer(options = {}) {
  assert.ok(fs.existsSync(PREAU_BIN), `server binary not found: ${PREAU_BIN} (build it with cargo build -p server, or set PREAU_BIN)`);
  // The free port may be taken between the check and the bind: try again then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(options);
    } catch (e) {
      if (attempt >= 3 || !/cannot listen/.test(e.message)) throw e;
    }
  }
}

async function startServerOnce({ smtpUrl }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-browser-'));
  const port = await freePort();
  const env = { ...process.env, PREAU_LOG: process.env.PREAU_LOG || 'warn' };
  for (const k of ['PREAU_CONFIG', 'PREAU_DATABASE_URL', 'PREAU_PUBLIC_URL', 'PREAU_LISTEN', 'PREAU_SMTP_URL']) delete env[k];
  if (smtpUrl) env.PREAU_SMTP_URL = smtpUrl;
  const child = spawn(PREAU_BIN, ['serve', '--data-dir', dataDir, '--listen', `127.0.0.1:${port}`], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => { running.delete(child); resolve({ code, signal }); }));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const setupLink = await new Promise((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`no setup link printed within 20 s; output so far:\n${stdout}${output}`)), 20_000);
      child.stdout.on('data', (d) => {
        stdout += d;
        output += d;
        const line = stdout.split('\n').slice(0, -1).find((l) => l.includes('/setup/')); // complete lines only
        if (line) {
          clearTimeout(timer);
          resolve(line.trim());
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`preau exited (code ${code}, signal ${signal}) before printing the setup link:\n${stdout}${output}`));
      });
      child.once('error', (e) => { clearTimeout(timer); reject(e); });
    });
    const url = new URL(setupLink).origin;
    assert.equal(url, `http://127.0.0.1:${port}`, 'the setup link points at the listening address');
    return { url, setupLink, dataDir, stop, log: () => plain(output), errors: () => plain(output).split('\n').filter((l) => /\bERROR\b/.test(l)) };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Text without terminal colour codes. */
function plain(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Decodes a quoted-printable body (RFC 2045). */
function decodeQuotedPrintable(text) {
  const bytes = [];
  const src = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(src[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes RFC 2047 encoded words in a header (`=?utf-8?b?…?=`). */
function decodeHeader(value) {
  return value.replace(/=\?[^?]+\?([bBqQ])\?([^?]*)\?=/g, (_, kind, data) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')));
}

/** Splits a raw message into its headers (lower-case names) and its decoded text body. */
export function parseMail(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  let body = split < 0 ? '' : raw.slice(split + 4);
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = decodeHeader(line.slice(i + 1).trim());
  }
  const encoding = (headers['content-transfer-encoding'] || '7bit').toLowerCase();
  if (encoding === 'quoted-printable') body = decodeQuotedPrintable(body);
  else if (encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  // Undo SMTP dot-stuffing.
  body = body.replace(/^\.\./gm, '.');
  return { headers, body, to: headers.to || '', subject: headers.subject || '' };
}

/**
 * A minimal SMTP server that accepts every message (no TLS, no auth), for
 * `PREAU_SMTP_URL=smtp://127.0.0.1:PORT`. `waitFor(predicate)` resolves with
 * the first received mail that matches.
 */
export async function startSmtpSink() {
  const mails = [];
  const waiters = [];
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let data = '';
    const reply = (line) => socket.write(`${line}\r\n`);
    reply('220 sink.test ESMTP ready');
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0 && !(data === '' && buffer.startsWith('.\r\n'))) return;
          if (data === '' && buffer.startsWith('.\r\n')) {
            buffer = buffer.slice(3);
          } else {
            data += buffer.slice(0, end);
            buffer = buffer.slice(end + 5);
          }
          inData = false;
          const mail = parseMail(data);
          data = '';
          mails.push(mail);
          for (const w of [...waiters]) {
            if (w.predicate(mail)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(mail);
            }
          }
          reply('250 OK: queued');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.split(' ')[0].toUpperCase();
        if (verb === 'EHLO') {
          reply('250-sink.test');
          reply('250-8BITMIME');
          reply('250 SMTPUTF8');
        } else if (verb === 'HELO') reply('250 sink.test');
        else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
          return;
        } else reply('250 OK');
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitFor(predicate, timeoutMs = 15_000) {
      const found = mails.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { predicate, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`no matching email within ${timeoutMs} ms (received: ${mails.map((m) => `${m.to}: ${m.subject}`).join('; ') || 'none'})`));
          }
        }, timeoutMs).unref();
      });
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The first link in a mail body whose path starts with `prefix`. */
export function linkIn(mail, prefix) {
  const m = mail.body.match(new RegExp(`https?://[^\\s<>"]+${prefix.replace(/[/]/g, '\\/')}[^\\s<>")]*`));
  assert.ok(m, `no ${prefix} link in the email:\n${mail.body}`);
  return m[0];
}

/**
 * Launches headless Chromium (Debian's, never one downloaded by npm).
 * Playwright gives it a fresh temporary profile, removed at close.
 */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM_BIN,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 30_000,
  });
}

/** A fresh browser context (own cookies), French unless told otherwise. */
export async function newContext(browser, { locale = 'fr-FR', width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ locale, viewport: { width, height } });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(15_000);
  return context;
}

/** Whether a response is the final (non-redirect) answer to a main-frame navigation. */
function isFinalDocument(page, response) {
  const r = response.request();
  return r.isNavigationRequest() && r.frame() === page.mainFrame() && !(response.status() >= 300 && response.status() < 400);
}

/** Opens `url` and returns its final response once the page has loaded. */
export async function open(page, url) {
  const response = await page.goto(url, { waitUntil: 'load' });
  assert.ok(response, `no response for ${url}`);
  return response;
}

/**
 * Clicks a submit button (or any control that navigates) and waits for the
 * resulting page, following redirects. Returns the final response.
 */
export async function submit(page, locator) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => isFinalDocument(page, r)),
    locator.click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

/** Fills the named fields of the form around `button` and submits it. */
export async function fillAndSubmit(page, fields, button = page.locator('main button[type=submit]').first()) {
  for (const [name, value] of Object.entries(fields)) {
    await page.locator(`main [name="${name}"]`).fill(value);
  }
  return submit(page, button);
}

/** Logs out with the header's button; returns the final response (the login page). */
export async function logout(page) {
  return submit(page, page.locator('form[action="/logout"] button'));
}

/** Decodes RFC 4648 base32 (upper or lower case, padding and spaces ignored). */
export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.toUpperCase().replace(/[\s=]/g, '')) {
    const i = alphabet.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The RFC 6238 TOTP code (HMAC-SHA1, 30 s steps, 6 digits) of a base32 secret. */
export function totp(secretBase32, unixSeconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = crypto.createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

/** A six-digit code that is not valid now, nor one step before or after (a wrong code never right by chance). */
export function wrongCode(secretBase32) {
  const t = Date.now() / 1000;
  const valid = new Set([-1, 0, 1].map((k) => totp(secretBase32, t + 30 * k)));
  for (let n = 123456; ; n = (n + 111111) % 1_000_000) {
    const c = String(n).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

/** Runs the first-start setup through the form; returns the final response (the dashboard). */
export async function runSetup(page, setupLink, { association, name, email, password = PASSWORD }) {
  const response = await open(page, setupLink);
  assert.equal(response.status(), 200, 'the setup link opens the setup form');
  return fillAndSubmit(page, {
    association_name: association,
    display_name: name,
    email,
    password,
    password_confirm: password,
  });
}

/** Logs in with email and password; returns the final response. */
export async function login(page, baseUrl, email, password = PASSWORD) {
  await open(page, `${baseUrl}/login`);
  return fillAndSubmit(page, { email, password });
}

/** Enables two-factor from /profile/2fa; returns { secret, recoveryCodes }. */
export async function enableTwoFactor(page, baseUrl) {
  const response = await open(page, `${baseUrl}/profile/2fa`);
  assert.equal(response.status(), 200);
  const secret = (await page.locator('#totp-secret').textContent()).trim();
  assert.match(secret, /^[A-Z2-7]+=*$/, 'the secret is shown in base32');
  const done = await fillAndSubmit(page, { code: totp(secret) });
  assert.equal(done.status(), 200, 'a valid first code turns two-factor on');
  const recoveryCodes = (await page.locator('#recovery-codes code').allTextContents()).map((c) => c.trim());
  assert.equal(recoveryCodes.length, 10, 'ten recovery codes are shown');
  return { secret, recoveryCodes };
}

// ---------------------------------------------------------------- page checks

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG levels checked: 2.0, 2.1 and 2.2, A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core in the page (evaluate is not subject to the page's CSP); returns its results. */
export async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(axeSource);
  }
  return page.evaluate((values) => window.axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] }), WCAG_TAGS);
}

/** A readable list of axe violations. */
export function describeViolations(violations) {
  return violations
    .map((v) => [
      `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
      ...v.nodes.map((n) => `    at ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`),
    ].join('\n'))
    .join('\n');
}

/** Asserts no serious or critical WCAG violation on the current page; prints any violation. */
export async function assertAccessible(page, label) {
  const results = await runAxe(page);
  if (results.violations.length > 0) {
    console.log(`axe on ${label} (${page.url()}):\n${describeViolations(results.violations)}`);
  }
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(blocking.map((v) => v.id), [], `${label}: serious or critical WCAG violations:\n${describeViolations(blocking)}`);
  // What axe does not check: ids are unique, and every in-page reference
  // (skip link, error summary links, label for=, aria-describedby) has a target.
  const problems = await page.evaluate(() => {
    const out = [];
    const seen = new Map();
    for (const e of document.querySelectorAll('[id]')) seen.set(e.id, (seen.get(e.id) || 0) + 1);
    for (const [id, n] of seen) if (n > 1) out.push(`id "${id}" is used ${n} times`);
    const exists = (id) => id && document.getElementById(id);
    for (const a of document.querySelectorAll('a[href^="#"]')) {
      const id = decodeURIComponent(a.getAttribute('href').slice(1));
      if (!exists(id)) out.push(`link to missing #${id}`);
    }
    for (const l of document.querySelectorAll('label[for]')) if (!exists(l.htmlFor)) out.push(`label for missing #${l.htmlFor}`);
    for (const e of document.querySelectorAll('[aria-describedby], [aria-labelledby]')) {
      for (const attr of ['aria-describedby', 'aria-labelledby']) {
        for (const id of (e.getAttribute(attr) || '').split(/\s+/).filter(Boolean)) {
          if (!exists(id)) out.push(`${attr} of #${e.id || e.tagName} names missing #${id}`);
        }
      }
    }
    if (!document.title.trim()) out.push('empty <title>');
    if (!document.documentElement.lang) out.push('no lang on <html>');
    return out;
  });
  assert.deepEqual(problems, [], `${label}: broken references`);
  return results;
}

/**
 * Records what a page loads: every request (document, stylesheet, anything
 * else) and every Content-Security-Policy complaint in the console.
 * Call `start()` before the navigation, read `requests` after it.
 */
export function watch(page) {
  const w = { requests: [], cspErrors: [], listening: false };
  page.on('request', (r) => { if (w.listening) w.requests.push(r); });
  page.on('console', (m) => {
    if (w.listening && /Content Security Policy/i.test(m.text())) w.cspErrors.push(m.text());
  });
  w.start = () => { w.requests = []; w.cspErrors = []; w.listening = true; };
  w.stop = () => { w.listening = false; };
  return w;
}

/**
 * Frugality checks of the page just loaded: no script at all, the document
 * and one stylesheet at most (three requests at most), no CSP complaint.
 * `navigations` is how many document requests the step made (2 for a form
 * post answered by a redirect).
 */
export async function assertFrugal(page, w, label, { navigations = 1 } = {}) {
  w.stop();
  const scripts = await page.evaluate(() => document.scripts.length);
  assert.equal(scripts, 0, `${label}: the page has no <script>`);
  const network = w.requests.filter((r) => !r.url().startsWith('data:'));
  const documents = network.filter((r) => r.isNavigationRequest());
  const others = network.filter((r) => !r.isNavigationRequest());
  const list = network.map((r) => `${r.method()} ${r.resourceType()} ${r.url()}`).join('\n  ');
  assert.ok(documents.length <= navigations, `${label}: ${documents.length} document requests, expected ${navigations}:\n  ${list}`);
  assert.ok(others.every((r) => r.resourceType() === 'stylesheet'), `${label}: only a stylesheet besides the document:\n  ${list}`);
  assert.ok(others.length <= 1, `${label}: one stylesheet at most:\n  ${list}`);
  // A plain page load (one document) is within the budget of three requests.
  if (navigations === 1) assert.ok(network.length <= 3, `${label}: ${network.length} requests, at most 3 allowed:\n  ${list}`);
  assert.deepEqual(w.cspErrors, [], `${label}: Content-Security-Policy complaints`);
  const sheets = await page.evaluate(() => document.styleSheets.length);
  assert.equal(sheets, 1, `${label}: the stylesheet applies`);
}

/** Asserts the page fits `width` CSS pixels without horizontal scrolling (names what sticks out). */
export async function assertNoHorizontalScroll(page, width, label) {
  const { scrollWidth, wide } = await page.evaluate((w) => {
    const name = (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${typeof e.className === 'string' && e.className ? `.${e.className.trim().replace(/\s+/g, '.')}` : ''}`;
    const out = [];
    for (const e of document.querySelectorAll('body *')) {
      const right = e.getBoundingClientRect().right;
      if (right > w + 0.5 && getComputedStyle(e).position !== 'absolute') out.push(`${name(e)} (right edge ${Math.round(right)} px)`);
    }
    // Text that does not wrap sticks out of its box without widening it.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim() || n.parentElement.closest('.visually-hidden, .skip')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const right = range.getBoundingClientRect().right;
      if (right > w + 0.5) out.push(`text "${n.textContent.trim().slice(0, 40)}" in ${name(n.parentElement)} (right edge ${Math.round(right)} px)`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, wide: out.slice(0, 8) };
  }, width);
  assert.ok(scrollWidth <= width, `${label}: the page is ${scrollWidth} px wide on a ${width} px screen; sticking out: ${wide.join('; ') || '?'}`);
}
