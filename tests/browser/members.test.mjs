// Members in a real browser: dues (types, categories, a refused then
// recorded payment, the reminders preview) and the import flow (a file
// chosen in the file picker, its problems listed, a corrected mapping,
// the import applied). Every page passes axe-core (WCAG 2.2 A/AA), loads no
// script and fits a 320 px screen.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HOOK_TIMEOUT, TEST_TIMEOUT, assertAccessible, assertFrugal, assertNoHorizontalScroll, fillAndSubmit,
  launchBrowser, newContext, open, runSetup, startServer, submit, watch,
} from './harness.mjs';

const ADMIN = 'camille@amap.example';

describe('members, dues and imports', { timeout: 10 * 60_000 }, () => {
  let server;
  let browser;
  let context;
  let page;
  let w;

  async function check(url, label, { status = 200 } = {}) {
    w.start();
    const response = await open(page, url);
    assert.equal(response.status(), status, `${label}: HTTP status`);
    await assertFrugal(page, w, label);
    await assertAccessible(page, label);
  }

  /** Submits the form holding `button` and checks the page it answers with. */
  async function submitChecked(button, label, status, { navigations = 1 } = {}) {
    w.start();
    const r = await submit(page, button);
    assert.equal(r.status(), status, `${label}: HTTP status`);
    await assertFrugal(page, w, label, { navigations });
    await assertAccessible(page, label);
    return r;
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
    w = watch(page);
    const r = await runSetup(page, server.setupLink, { association: 'AMAP des Lilas', name: 'Camille Lenoir', email: ADMIN });
    assert.equal(r.status(), 200);
  }, { timeout: HOOK_TIMEOUT });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  }, { timeout: HOOK_TIMEOUT });

  test('empty states of the dues pages', { timeout: TEST_TIMEOUT }, async () => {
    for (const [path, label] of [
      ['/members/types', 'membership types (empty)'],
      ['/members/types/new', 'new membership type form'],
      ['/members/categories', 'categories (empty)'],
      ['/members/reminders', 'reminders'],
      ['/members/import', 'import form'],
      ['/members/fields', 'record fields (empty)'],
      ['/members/fields/new', 'new record field form'],
    ]) {
      await check(`${server.url}${path}`, label);
      assert.equal(await page.locator('h1').count(), 1, `${label}: one <h1>`);
    }
  });

  test('a category, a refused then accepted membership type', { timeout: TEST_TIMEOUT }, async () => {
    await open(page, `${server.url}/members/categories`);
    await fillAndSubmit(page, { name: 'Étudiant·e' }, page.locator('form[action="/members/categories"] button'));
    await check(`${server.url}/members/categories`, 'categories (one)');
    await open(page, `${server.url}/members/types/new`);
    await page.locator('#name').fill('Saison 2026-2027');
    await page.locator('#rule').selectOption('season');
    await page.locator('#tariff').selectOption('category');
    await page.locator('#amount').fill('12,5O');
    await submitChecked(page.locator('main form button[type=submit]'), 'refused membership type', 422);
    assert.equal(await page.locator('#amount').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#name').inputValue(), 'Saison 2026-2027', 'what was typed is kept');
    await page.locator('#amount').fill('30');
    await page.locator('[name="price-1"]').fill('15');
    await submitChecked(page.locator('main form button[type=submit]'), 'membership types (one)', 200, { navigations: 2 });
    assert.match(await page.locator('tbody').textContent(), /Saison 2026-2027/);
  });

  test('a field of every kind on the member form', { timeout: 2 * TEST_TIMEOUT }, async () => {
    for (const [kind, choices] of [['text', ''], ['number', ''], ['date', ''], ['yesno', ''], ['choice', 'S\nM\nL'], ['multiple', 'Cuisine\nBricolage'], ['email', ''], ['phone', '']]) {
      await open(page, `${server.url}/members/fields/new`);
      await page.locator('#label').fill(`Champ ${kind}`);
      await page.locator('#kind').selectOption(kind);
      await page.locator('#choices').fill(choices);
      await submit(page, page.locator('main form button[type=submit]'));
    }
    await check(`${server.url}/members/fields`, 'record fields (eight)');
    await check(`${server.url}/members/new`, 'member form with the association\'s fields');
  });

  test('a member, a refused payment, then a recorded one', { timeout: TEST_TIMEOUT }, async () => {
    await open(page, `${server.url}/members/new`);
    await fillAndSubmit(page, { first_name: 'Maëlle', last_name: 'Le Goff', email: 'maelle@exemple.fr' });
    const memberUrl = page.url().split('?')[0];
    await check(memberUrl, 'member page (no dues yet)');
    await open(page, `${memberUrl}/payments/new`);
    await page.locator('#paid_on').fill('31/02/2026');
    await submitChecked(page.locator('main form button[type=submit]'), 'refused payment', 422);
    assert.equal(await page.locator('#paid_on').getAttribute('aria-invalid'), 'true');
    await page.locator('#paid_on').fill('01/09/2026');
    await page.locator('#reference').fill('Chèque n° 1234');
    await submitChecked(page.locator('main form button[type=submit]'), 'member page with a payment', 200, { navigations: 2 });
    assert.match(await page.locator('h1').textContent(), /à jour/);
    assert.match(await page.locator('#payments + table').textContent(), /30,00/);
    await check(`${server.url}/members?status=up-to-date`, 'members list filtered by status');
    assert.equal(await page.locator('tbody tr').count(), 1);
  });

  test('reminders: preview, then switched on', { timeout: TEST_TIMEOUT }, async () => {
    await open(page, `${server.url}/members/reminders`);
    assert.equal(await page.locator('button[value="enable"]').count(), 0, 'no switch before a preview');
    await submitChecked(page.locator('button[value="preview"]'), 'reminders preview', 200);
    assert.match(await page.locator('pre.mail').textContent(), /Bonjour/);
    await submitChecked(page.locator('button[value="enable"]'), 'reminders switched on', 200, { navigations: 2 });
    assert.match(await page.locator('main').textContent(), /Les rappels sont activés/);
  });

  test('import: problems listed by line and column, a corrected mapping, applied whole', { timeout: 2 * TEST_TIMEOUT }, async () => {
    await open(page, `${server.url}/members/import`);
    // A plain spreadsheet export whose last-name column has an unknown header, and a bad email.
    const csv = 'Prénom;Famille;Courriel;Ville\nLéon;Marchand;leon@exemple.fr;Rennes\nInès;Bouvier;ines@exemple;Brest\n';
    await page.locator('#file').setInputFiles({ name: 'adherents.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await submitChecked(page.locator('main form button[type=submit]'), 'import check (problems)', 200, { navigations: 2 });
    const problems = await page.locator('ul.problems').textContent();
    assert.match(problems, /ligne 3, colonne « Courriel »/);
    assert.equal(await page.locator('button[value="apply"]').count(), 0, 'nothing to apply while there are problems');
    // Say what "Famille" is; the email stays wrong, so the check still refuses.
    await page.locator('#column-1').selectOption('last_name');
    await submitChecked(page.locator('button[value="check"]'), 'import check after a correction', 200);
    assert.doesNotMatch(await page.locator('ul.problems').textContent(), /colonne « Famille »/);
    // A corrected file, uploaded again, goes through.
    await open(page, `${server.url}/members/import`);
    const fixed = csv.replace('ines@exemple;', 'ines@exemple.fr;').replace('Famille', 'Nom');
    await page.locator('#file').setInputFiles({ name: 'adherents.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed, 'utf8') });
    await submitChecked(page.locator('main form button[type=submit]'), 'import check (ready)', 200, { navigations: 2 });
    assert.match(await page.locator('#problems').textContent(), /2 fiche\(s\) à créer/);
    await submitChecked(page.locator('button[value="apply"]'), 'members list after the import', 200, { navigations: 2 });
    assert.match(await page.locator('.notice').textContent(), /Import terminé/);
    assert.equal(await page.locator('tbody tr').count(), 3);
  });

  test('RGPD pages of the team', { timeout: TEST_TIMEOUT }, async () => {
    for (const [path, label] of [
      ['/members/privacy', 'personal data (RGPD)'],
      ['/members/privacy/register/new', 'new register activity'],
      ['/members/privacy/register/1', 'register activity'],
      ['/directory', 'directory (empty)'],
    ]) {
      await check(`${server.url}${path}`, label);
    }
    await open(page, `${server.url}/members/privacy`);
    await page.locator('#years').fill('0');
    await submitChecked(page.locator('form[action="/members/privacy/retention"] button'), 'refused retention', 422);
    assert.equal(await page.locator('#years').getAttribute('aria-invalid'), 'true');
  });

  test('self-service: own record, corrections, consents, data, erasure request', { timeout: 2 * TEST_TIMEOUT }, async () => {
    // Camille is also a member: a record with her address links to her account.
    await open(page, `${server.url}/members/new`);
    await fillAndSubmit(page, { first_name: 'Camille', last_name: 'Lenoir', email: ADMIN });
    await check(`${server.url}/me`, 'my membership');
    assert.match(await page.locator('.lead').textContent(), /Camille Lenoir/);
    await page.locator('#phone').fill('appelez-moi');
    await submitChecked(page.locator('form[action="/me"] button'), 'refused own correction', 422);
    assert.equal(await page.locator('#phone').getAttribute('aria-invalid'), 'true');
    await page.locator('#phone').fill('06 12 34 56 78');
    await submitChecked(page.locator('form[action="/me"] button'), 'my membership (saved)', 200, { navigations: 2 });
    const directory = page.locator('form[action="/me/consents"] input[type=checkbox]').nth(2);
    await directory.check();
    await submitChecked(page.locator('form[action="/me/consents"] button'), 'my consents saved', 200, { navigations: 2 });
    await check(`${server.url}/directory`, 'directory (one person)');
    assert.match(await page.locator('tbody').textContent(), /Camille Lenoir/);
    await open(page, `${server.url}/me`);
    assert.equal(await page.locator('a[href="/me/data?format=json"]').count(), 1);
    await submitChecked(page.locator('form[action="/me/erasure"] button'), 'refused erasure request', 422);
    assert.equal(await page.locator('#confirm').getAttribute('aria-invalid'), 'true');
  });

  for (const width of [375, 320]) {
    test(`phone screen (${width} px): no horizontal scrolling`, { timeout: 2 * TEST_TIMEOUT }, async () => {
      const phone = await newContext(browser, { width, height: 740 });
      try {
        const p = await phone.newPage();
        await open(p, `${server.url}/login`);
        await fillAndSubmit(p, { email: ADMIN, password: 'correct horse battery staple' });
        for (const path of ['/members', '/members/1', '/members/1/payments/new', '/members/types', '/members/types/new', '/members/categories', '/members/reminders', '/members/import', '/members/privacy', '/me', '/directory']) {
          await open(p, `${server.url}${path}`);
          await assertNoHorizontalScroll(p, width, path);
        }
      } finally {
        await phone.close();
      }
    });
  }
});
