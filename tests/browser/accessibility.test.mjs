// Every page of the shell, checked in a real browser:
// - axe-core finds no serious or critical WCAG 2.0/2.1/2.2 A/AA violation;
// - the page loads no script and at most three requests (document, stylesheet);
// - refused forms mark the field (aria-invalid, aria-describedby → error text)
//   and list the errors in a summary linking to the fields;
// - ids are unique and in-page references (skip link, summary links, label for,
//   aria-describedby) have targets;
// - the pages fit a 375 px phone screen, and 320 px (WCAG reflow), without
//   horizontal scrolling, even with long unbreakable names;
// - keyboard: the skip link comes first, is visible when focused, and works.
// Emails (invitation, password reset) are caught by a small SMTP sink.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HOOK_TIMEOUT, PASSWORD, TEST_TIMEOUT, assertAccessible, assertFrugal, assertNoHorizontalScroll,
  fillAndSubmit, launchBrowser, linkIn, login, logout, newContext, open, runSetup, startServer, startSmtpSink, submit,
  totp, watch, wrongCode,
} from './harness.mjs';

const ASSOCIATION = 'Association des Jardins Partagés du Quartier Saint-Maurice';
// Long, unbreakable values on purpose: they must wrap on a phone screen.
const ADMIN = 'dominique.delacroixfontaine@jardinssaintmaurice.example.org';
const INVITED = 'sacha@example.org';

/** Checks a refused field: aria-invalid, aria-describedby naming a non-empty error, a summary link. */
async function assertFieldRefused(page, field) {
  const input = page.locator(`#${field}`);
  assert.equal(await input.getAttribute('aria-invalid'), 'true', `#${field} has aria-invalid="true"`);
  const ids = ((await input.getAttribute('aria-describedby')) || '').split(/\s+/).filter(Boolean);
  assert.ok(ids.includes(`${field}-error`), `#${field} aria-describedby (${ids}) names ${field}-error`);
  for (const id of ids) assert.equal(await page.locator(`[id="${id}"]`).count(), 1, `#${id} (from aria-describedby) exists`);
  const error = page.locator(`#${field}-error`);
  assert.ok((await error.textContent()).trim().length > 0, `#${field}-error has text`);
  const summary = page.locator('.error-summary');
  assert.equal(await summary.count(), 1, 'an error summary is shown');
  assert.equal(await summary.getAttribute('role'), 'alert', 'the summary is announced');
  assert.ok((await summary.locator('h2').textContent()).trim().length > 0, 'the summary has a heading');
  const link = summary.locator(`a[href="#${field}"]`);
  assert.equal(await link.count(), 1, `the summary links to #${field}`);
  assert.equal((await link.textContent()).trim(), (await error.textContent()).trim(), 'the summary repeats the field error');
}

describe('accessibility and frugality of every page', { timeout: 10 * 60_000 }, () => {
  let sink;
  let server;
  let browser;
  let admin; // the administrator's context and page
  let page;
  let anonymous; // a signed-out visitor
  let visitor;
  let english; // a signed-out visitor whose browser asks for English
  let visitorEn;
  let w; // request watcher of the administrator's page
  let wv; // … of the visitor's page
  let wen; // … of the English visitor's page
  let adminSecret; // the administrator's TOTP secret, once two-factor is on

  /** Opens a URL in a page and runs every check. */
  async function check(p, watcher, url, label, { status = 200 } = {}) {
    watcher.start();
    const response = await open(p, url);
    assert.equal(response.status(), status, `${label}: HTTP status`);
    await assertFrugal(p, watcher, label);
    await assertAccessible(p, label);
    return response;
  }

  before(async () => {
    sink = await startSmtpSink();
    server = await startServer({ smtpUrl: sink.url });
    browser = await launchBrowser();
    admin = await newContext(browser);
    page = await admin.newPage();
    w = watch(page);
    anonymous = await newContext(browser);
    visitor = await anonymous.newPage();
    wv = watch(visitor);
    english = await newContext(browser, { locale: 'en-GB' });
    visitorEn = await english.newPage();
    wen = watch(visitorEn);
  }, { timeout: HOOK_TIMEOUT });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    await sink?.stop();
  }, { timeout: HOOK_TIMEOUT });

  test('setup form', { timeout: TEST_TIMEOUT }, async () => {
    await check(page, w, server.setupLink, 'setup form');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  });

  test('refused setup form', { timeout: TEST_TIMEOUT }, async () => {
    w.start();
    const r = await fillAndSubmit(page, { association_name: '', display_name: '', email: 'not an email', password: 'short', password_confirm: '' });
    assert.equal(r.status(), 422);
    await assertFrugal(page, w, 'refused setup form');
    for (const field of ['association_name', 'display_name', 'email', 'password']) await assertFieldRefused(page, field);
    await assertAccessible(page, 'refused setup form');
  });

  test('dashboard after setup', { timeout: TEST_TIMEOUT }, async () => {
    const r = await runSetup(page, server.setupLink, { association: ASSOCIATION, name: 'Dominique Delacroix-Fontaine', email: ADMIN });
    assert.equal(r.status(), 200);
    assert.equal((await page.locator('h1').textContent()).trim(), ASSOCIATION);
    await check(page, w, `${server.url}/`, 'dashboard');
  });

  test('used setup link (410)', { timeout: TEST_TIMEOUT }, async () => {
    await check(visitor, wv, server.setupLink, 'used setup link', { status: 410 });
    assert.equal((await visitor.locator('h1').textContent()).trim(), 'Lien déjà utilisé');
  });

  for (const [path, label] of [
    ['/settings', 'settings'],
    ['/team', 'team'],
    ['/audit', 'audit log'],
    ['/profile', 'profile'],
    ['/profile/2fa', 'two-factor set-up (before enabling)'],
    ['/host', 'host'],
    ['/members', 'members list (empty)'],
    ['/members/new', 'new member form'],
    ['/nope', '404 page (signed in)'],
  ]) {
    test(label, { timeout: TEST_TIMEOUT }, async () => {
      await check(page, w, `${server.url}${path}`, label, { status: path === '/nope' ? 404 : 200 });
      assert.equal(await page.locator('h1').count(), 1, `${label}: one <h1>`);
    });
  }

  test('refused settings form (empty name)', { timeout: TEST_TIMEOUT }, async () => {
    await open(page, `${server.url}/settings`);
    await page.locator('#address').fill('12 rue des Lilas\n75020 Paris');
    await page.locator('#siren').fill('12345');
    w.start();
    const r = await fillAndSubmit(page, { name: '' }, page.locator('form[action="/settings"] button[type=submit]'));
    assert.equal(r.status(), 422);
    await assertFrugal(page, w, 'refused settings form');
    await assertFieldRefused(page, 'name');
    assert.equal(await page.locator('#address').inputValue(), '12 rue des Lilas\n75020 Paris', 'what was typed is kept');
    await assertAccessible(page, 'refused settings form');
  });

  test('members: refused form, member page, list with a search', { timeout: TEST_TIMEOUT }, async () => {
    await open(page, `${server.url}/members/new`);
    await page.locator('#city').fill('Lyon');
    w.start();
    const r = await fillAndSubmit(page, { first_name: 'Éloïse', last_name: '', birth_date: '31/02/2001' });
    assert.equal(r.status(), 422);
    await assertFrugal(page, w, 'refused member form');
    await assertFieldRefused(page, 'last_name');
    await assertFieldRefused(page, 'birth_date');
    assert.equal(await page.locator('#city').inputValue(), 'Lyon', 'what was typed is kept');
    await assertAccessible(page, 'refused member form');
    const ok = await fillAndSubmit(page, { last_name: 'Martin', birth_date: '14/07/1990' });
    assert.equal(ok.status(), 200);
    assert.match(new URL(page.url()).pathname, /^\/members\/\d+$/);
    await check(page, w, page.url(), 'member page');
    await check(page, w, `${server.url}/members?q=eloise`, 'members list with a search');
    assert.equal(await page.locator('tbody tr').count(), 1);
  });

  test('team after an invitation, and the refused invitation form', { timeout: TEST_TIMEOUT }, async () => {
    await open(page, `${server.url}/team`);
    w.start();
    const bad = await fillAndSubmit(page, { email: 'nobody' }, page.locator('form[action="/team/invitations"] button[type=submit]'));
    assert.equal(bad.status(), 422);
    await assertFrugal(page, w, 'refused invitation');
    await assertFieldRefused(page, 'email');
    await assertAccessible(page, 'refused invitation');

    await page.locator('#email').fill(INVITED);
    await page.locator('#role').selectOption('treasurer');
    w.start();
    const r = await submit(page, page.locator('form[action="/team/invitations"] button[type=submit]'));
    assert.equal(r.status(), 200);
    await assertFrugal(page, w, 'team with a pending invitation', { navigations: 2 });
    assert.equal(await page.locator('.notice[role=status]').count(), 1, 'a confirmation is shown');
    await assertAccessible(page, 'team with a pending invitation');
  });

  test('invitation page (from the email)', { timeout: TEST_TIMEOUT }, async () => {
    const mail = await sink.waitFor((m) => m.to.includes(INVITED));
    const link = linkIn(mail, '/invitation/');
    assert.ok(link.startsWith(server.url), `the link points at the server: ${link}`);
    await check(visitor, wv, link, 'invitation');
    wv.start();
    const r = await fillAndSubmit(visitor, { display_name: '', password: PASSWORD, password_confirm: 'something else entirely' });
    assert.equal(r.status(), 422);
    await assertFrugal(visitor, wv, 'refused invitation acceptance');
    await assertFieldRefused(visitor, 'display_name');
    await assertFieldRefused(visitor, 'password_confirm');
    await assertAccessible(visitor, 'refused invitation acceptance');
  });

  test('login page (French)', { timeout: TEST_TIMEOUT }, async () => {
    await check(visitor, wv, `${server.url}/login`, 'login (fr)');
    assert.equal((await visitor.locator('h1').textContent()).trim(), 'Connexion');
    assert.equal(await visitor.locator('html').getAttribute('lang'), 'fr');
  });

  test('login page (English)', { timeout: TEST_TIMEOUT }, async () => {
    await check(visitorEn, wen, `${server.url}/login`, 'login (en)');
    assert.equal((await visitorEn.locator('h1').textContent()).trim(), 'Log in');
    assert.equal(await visitorEn.locator('html').getAttribute('lang'), 'en');
  });

  test('refused login (wrong password), in English', { timeout: TEST_TIMEOUT }, async () => {
    await open(visitorEn, `${server.url}/login`);
    wen.start();
    const r = await fillAndSubmit(visitorEn, { email: ADMIN, password: 'not the password at all' });
    assert.equal(r.status(), 422);
    await assertFrugal(visitorEn, wen, 'refused login');
    await assertFieldRefused(visitorEn, 'email');
    assert.equal(await visitorEn.locator('#email').inputValue(), ADMIN, 'the email is kept');
    await assertAccessible(visitorEn, 'refused login');
  });

  test('404 page (signed out)', { timeout: TEST_TIMEOUT }, async () => {
    await check(visitor, wv, `${server.url}/nope`, '404 (signed out)', { status: 404 });
  });

  test('forgotten password, sent message, and reset form (from the email)', { timeout: TEST_TIMEOUT }, async () => {
    await check(visitor, wv, `${server.url}/password/forgot`, 'forgotten password');
    wv.start();
    const sent = await fillAndSubmit(visitor, { email: ADMIN });
    assert.equal(sent.status(), 200);
    await assertFrugal(visitor, wv, 'reset link sent');
    await assertAccessible(visitor, 'reset link sent');
    const mail = await sink.waitFor((m) => m.to.includes(ADMIN) && /\/password\/reset\//.test(m.body));
    await check(visitor, wv, linkIn(mail, '/password/reset/'), 'new password form');
    wv.start();
    const r = await fillAndSubmit(visitor, { password: 'short', password_confirm: 'short' });
    assert.equal(r.status(), 422);
    await assertFrugal(visitor, wv, 'refused new password');
    await assertFieldRefused(visitor, 'password');
    await assertAccessible(visitor, 'refused new password');
  });

  // 375 px: a common phone; 320 px: WCAG 2.2 reflow (1.4.10), 1280 px zoomed to 400 %.
  for (const width of [375, 320]) {
    test(`phone screen (${width} px): no horizontal scrolling`, { timeout: 2 * TEST_TIMEOUT }, async () => {
      const phone = await newContext(browser, { width, height: 740 });
      try {
        const p = await phone.newPage();
        for (const path of ['/login', '/password/forgot', '/nope']) {
          await open(p, `${server.url}${path}`);
          await assertNoHorizontalScroll(p, width, `${path} (signed out)`);
        }
        await login(p, server.url, ADMIN);
        assert.equal(new URL(p.url()).pathname, '/');
        await assertNoHorizontalScroll(p, width, 'dashboard');
        for (const path of ['/settings', '/team', '/audit', '/profile', '/profile/2fa', '/host']) {
          await open(p, `${server.url}${path}`);
          await assertNoHorizontalScroll(p, width, path);
        }
        await open(p, `${server.url}/settings`);
        await fillAndSubmit(p, { name: '' }, p.locator('form[action="/settings"] button[type=submit]'));
        await assertNoHorizontalScroll(p, width, 'refused settings form');
      } finally {
        await phone.close();
      }
    });
  }

  test('keyboard: the skip link comes first, shows, and leads to the content', { timeout: TEST_TIMEOUT }, async () => {
    await open(page, `${server.url}/`);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const e = document.activeElement;
      const r = e.getBoundingClientRect();
      return { cls: e.className, href: e.getAttribute('href'), left: r.left, top: r.top, width: r.width, outline: getComputedStyle(e).outlineStyle };
    });
    assert.equal(skip.cls, 'skip', 'the first Tab reaches the skip link');
    assert.equal(skip.href, '#main');
    assert.ok(skip.left >= 0 && skip.top >= 0 && skip.width > 0, `the focused skip link is on screen: ${JSON.stringify(skip)}`);
    assert.notEqual(skip.outline, 'none', 'the focus is visible');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main', 'Enter moves the focus to the main content');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => ({ inMain: !!document.activeElement.closest('main'), outline: getComputedStyle(document.activeElement).outlineStyle }));
    assert.ok(next.inMain, 'the next Tab stays in the main content, past the menu');
    assert.notEqual(next.outline, 'none', 'the focus is visible');
  });

  test('two-factor: recovery codes page, profile with two-factor on', { timeout: TEST_TIMEOUT }, async () => {
    await open(page, `${server.url}/profile/2fa`);
    adminSecret = (await page.locator('#totp-secret').textContent()).trim();
    w.start();
    const r = await fillAndSubmit(page, { code: totp(adminSecret) });
    assert.equal(r.status(), 200);
    assert.equal(await page.locator('#recovery-codes li').count(), 10);
    await assertFrugal(page, w, 'recovery codes');
    await assertAccessible(page, 'recovery codes');
    await check(page, w, `${server.url}/profile`, 'profile with two-factor on');
  });

  test('second-factor page and refused code', { timeout: TEST_TIMEOUT }, async () => {
    assert.ok(adminSecret, 'two-factor was turned on');
    await logout(page);
    await login(page, server.url, ADMIN);
    assert.equal(new URL(page.url()).pathname, '/login/2fa');
    await check(page, w, `${server.url}/login/2fa`, 'second-factor page');
    assert.equal(await page.locator('#code').getAttribute('autocomplete'), 'one-time-code');

    w.start();
    const bad = await fillAndSubmit(page, { code: wrongCode(adminSecret) });
    assert.equal(bad.status(), 422);
    await assertFrugal(page, w, 'refused second factor');
    await assertFieldRefused(page, 'code');
    await assertAccessible(page, 'refused second factor');

    // The next time step: the current one was spent turning two-factor on,
    // and each step is accepted once (RFC 6238 §5.2).
    const ok = await fillAndSubmit(page, { code: totp(adminSecret, Date.now() / 1000 + 30) });
    assert.equal(ok.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/');
  });

  test('dashboard of an invited treasurer (not an administrator)', { timeout: TEST_TIMEOUT }, async () => {
    const mail = await sink.waitFor((m) => m.to.includes(INVITED));
    await open(visitor, linkIn(mail, '/invitation/'));
    wv.start();
    const joined = await fillAndSubmit(visitor, { display_name: 'Sacha', password: PASSWORD, password_confirm: PASSWORD });
    assert.equal(joined.status(), 200);
    assert.equal(new URL(visitor.url()).pathname, '/');
    await assertFrugal(visitor, wv, 'dashboard (treasurer)', { navigations: 2 });
    await assertAccessible(visitor, 'dashboard (treasurer)');
    await check(visitor, wv, `${server.url}/team`, 'team (treasurer)');
    await check(visitor, wv, `${server.url}/settings`, 'settings refused to a treasurer', { status: 403 });
  });

  test('the server logged no error', { timeout: TEST_TIMEOUT }, () => {
    assert.deepEqual(server.errors(), [], `server errors:\n${server.log()}`);
  });
});
