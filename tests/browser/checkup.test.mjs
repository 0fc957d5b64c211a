// The check-up in a real browser: the module switched on, a check-up started
// (questionnaire only: no domain, nothing leaves the machine), an answer
// refused then the questionnaire saved, the report with its critical flags
// first and the history. Every page passes axe-core (WCAG 2.2 A/AA) and
// loads no script.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HOOK_TIMEOUT, TEST_TIMEOUT, assertAccessible, assertFrugal, launchBrowser, newContext, open, runSetup,
  startServer, submit, watch,
} from './harness.mjs';

describe('checkup', { timeout: 10 * 60_000 }, () => {
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
    const r = await runSetup(page, server.setupLink, { association: 'Amis du lavoir', name: 'Léa Martin', email: 'lea@lavoir.example' });
    assert.equal(r.status(), 200);
  }, { timeout: HOOK_TIMEOUT });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  }, { timeout: HOOK_TIMEOUT });

  test('the questionnaire refused then saved, and the report', { timeout: TEST_TIMEOUT }, async () => {
    await open(page, `${server.url}/settings`);
    const box = page.locator('input[name=modules][value=checkup]');
    if (!(await box.isChecked())) await box.check();
    await submit(page, page.locator('form[action="/settings"] button[type=submit]').first());
    await check(`${server.url}/checkup`, 'check-up home (no run yet)');
    await submitChecked(page.locator('form[action="/checkup/runs"] button'), 'first report (questionnaire only)', 200, { navigations: 2 });
    await check(`${server.url}/checkup/runs/1/questionnaire`, 'questionnaire');
    await page.locator('#g1-member').check();
    await page.locator('#p1-one').check();
    await page.locator('#f3-none').check();
    await page.locator('#w4-partly').check();
    // A value the form never offers: refused on that question, nothing saved.
    await page.locator('#d2-yes').evaluate((el) => { el.value = 'peut-être'; el.checked = true; });
    await submitChecked(page.locator('main form button[type=submit]'), 'refused questionnaire', 422);
    assert.match(await page.title(), /^Erreur : /);
    assert.equal(await page.locator('#d2-error').count(), 1);
    assert.equal(await page.locator('#g1-member').isChecked(), true, 'the answers typed are kept');
    await page.locator('#d2-partly').check();
    await submitChecked(page.locator('main form button[type=submit]'), 'report', 200, { navigations: 2 });
    const critical = await page.locator('#critical + ol').innerText();
    assert.match(critical, /nom de domaine/);
    assert.match(critical, /mots de passe/);
    assert.match(await page.locator('#overall').innerText(), /Note globale/);
    const pdf = await page.request.get(`${server.url}/checkup/runs/1/report.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    await check(`${server.url}/checkup`, 'check-up history');
    assert.equal(await page.locator('a[href="/checkup/runs/1"]').count(), 1);
  });
});
