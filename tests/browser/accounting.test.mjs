// The books in a real browser: a fiscal year opened, an expense refused then
// recorded in the simple mode, a bank statement imported and reconciled with
// it, the year closed (refused without the confirmation box, then sealed),
// and the reports. Every page passes axe-core (WCAG 2.2 A/AA), loads no
// script and fits a 320 px screen.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HOOK_TIMEOUT, TEST_TIMEOUT, assertAccessible, assertFrugal, assertNoHorizontalScroll, fillAndSubmit,
  launchBrowser, newContext, open, runSetup, startServer, submit, watch,
} from './harness.mjs';

const ADMIN = 'tresoriere@jardins.example';

describe('accounting', { timeout: 10 * 60_000 }, () => {
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
    const r = await runSetup(page, server.setupLink, { association: 'Jardins partagés', name: 'Inès Morel', email: ADMIN });
    assert.equal(r.status(), 200);
  }, { timeout: HOOK_TIMEOUT });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  }, { timeout: HOOK_TIMEOUT });

  test('a year opened, an expense refused then recorded in the simple mode', { timeout: TEST_TIMEOUT }, async () => {
    await check(`${server.url}/accounting`, 'books (no year yet)');
    await fillAndSubmit(page, { start: '01/01/2026', end: '31/12/2026' }, page.locator('form[action="/accounting/years"] button'));
    await check(`${server.url}/accounting`, 'books (a year open)');
    await check(`${server.url}/accounting/entries/new?kind=expense`, 'expense form');
    await page.locator('#date').fill('14/03/2026');
    await page.locator('#label').fill('Graines et terreau');
    await page.locator('#amount').fill('45,5O');
    await page.locator('#category').selectOption('6063');
    await page.locator('#payment').selectOption('512');
    await submitChecked(page.locator('main form button[type=submit]'), 'refused expense', 422);
    assert.equal(await page.locator('#amount').getAttribute('aria-invalid'), 'true');
    await page.locator('#amount').fill('45,50');
    await submitChecked(page.locator('main form button[type=submit]'), 'entry page', 200, { navigations: 2 });
    assert.match(await page.locator('h1').innerText(), /Graines et terreau/);
    await check(`${server.url}/accounting/entries/advanced`, 'advanced entry form');
    await check(`${server.url}/accounting/years/1/journal`, 'journal');
    await check(`${server.url}/accounting/years/1/ledger/512`, 'ledger');
  });

  test('a bank statement imported and reconciled with the entry', { timeout: TEST_TIMEOUT }, async () => {
    await check(`${server.url}/accounting/bank`, 'bank accounts');
    const csv = 'Date;Libellé;Débit;Crédit\n15/03/2026;CB JARDINERIE DU CENTRE;45,50;\n20/03/2026;VIR COTISATION MAIRIE;;120,00\n';
    await page.locator('#file').setInputFiles({ name: 'releve.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });
    await submitChecked(page.locator('form[action="/accounting/bank/import"] button[type=submit]'), 'statement check page', 200, { navigations: 2 });
    await submitChecked(page.locator('main form button[value=apply]'), 'bank account after import', 200, { navigations: 2 });
    const reconcile = page.locator('form[action$="/reconcile"] button').first();
    assert.equal(await reconcile.count(), 1, 'the expense is suggested for the card line');
    await submitChecked(reconcile, 'after reconciling', 200, { navigations: 2 });
    // The grant has no entry yet: one is made from its line, the account typed with the page's list offered.
    const details = page.locator('details').filter({ hasText: 'VIR COTISATION MAIRIE' });
    await details.locator('summary').click();
    await details.locator('input[list="counterparts"]').fill('756');
    await submitChecked(details.locator('button[type=submit]'), 'entry made from the line', 200, { navigations: 2 });
    assert.equal(await page.locator('input[list="counterparts"]').count(), 0, 'no line left to reconcile');
  });

  test('the year closed: refused without confirming, then sealed', { timeout: TEST_TIMEOUT }, async () => {
    await check(`${server.url}/accounting/years/1`, 'year page');
    await submitChecked(page.locator('form[action="/accounting/years/1/close"] button'), 'refused closing', 422);
    await page.locator('#confirm').check();
    await submitChecked(page.locator('form[action="/accounting/years/1/close"] button'), 'closed year', 200, { navigations: 2 });
    assert.match(await page.locator('main').innerText(), /Vérifié/);
    for (const [path, label] of [
      ['/accounting/years/1/statement', 'compte de résultat'],
      ['/accounting/years/1/balance-sheet', 'bilan'],
      ['/accounting/years/1/balance', 'trial balance'],
      ['/accounting/entries/1', 'sealed entry'],
      ['/accounting/accounts', 'chart of accounts'],
      ['/accounting/projects', 'projects'],
      ['/accounting/years/2/budget', 'budget'],
      ['/accounting/fec', 'FEC import'],
      ['/accounting/donations', 'donations'],
    ]) {
      await check(`${server.url}${path}`, label);
    }
  });

  test('the books fit a phone', { timeout: TEST_TIMEOUT }, async () => {
    for (const width of [375, 320]) {
      const phone = await newContext(browser, { width, height: 740 });
      await phone.addCookies(await context.cookies());
      const p = await phone.newPage();
      for (const path of ['/accounting', '/accounting/entries/new?kind=income', '/accounting/years/1/journal', '/accounting/years/1/statement']) {
        await open(p, `${server.url}${path}`);
        await assertNoHorizontalScroll(p, width, path);
      }
      await phone.close();
    }
  });
});
