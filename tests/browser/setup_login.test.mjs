// First start through the setup link, then logging in with two-factor
// (TOTP and recovery codes), all in a real browser without JavaScript.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HOOK_TIMEOUT, PASSWORD, TEST_TIMEOUT, enableTwoFactor, fillAndSubmit, launchBrowser, login, logout,
  newContext, open, startServer, totp, wrongCode,
} from './harness.mjs';

const ASSOCIATION = 'Les Amis du Préau';
const EMAIL = 'camille@example.org';

describe('setup and login', { timeout: 5 * 60_000 }, () => {
  let server;
  let browser;
  let context;
  let page;
  let twoFactor;
  let usedCode;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
  }, { timeout: HOOK_TIMEOUT });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  }, { timeout: HOOK_TIMEOUT });

  test('a refused setup form keeps what was typed and does not use up the link', { timeout: TEST_TIMEOUT }, async () => {
    const first = await open(page, server.setupLink);
    assert.equal(first.status(), 200);
    assert.equal(await page.locator('h1').textContent(), 'Installer Préau');
    const refused = await fillAndSubmit(page, {
      association_name: ASSOCIATION,
      display_name: 'Camille',
      email: EMAIL,
      password: 'short',
      password_confirm: 'short',
    });
    assert.equal(refused.status(), 422);
    assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#password').getAttribute('aria-describedby'), /\bpassword-error\b/);
    assert.ok((await page.locator('#password-error').textContent()).trim().length > 0, 'the password error is shown');
    assert.equal(await page.locator('#association_name').inputValue(), ASSOCIATION, 'the association name is kept');
    assert.equal(await page.locator('#email').inputValue(), EMAIL, 'the email is kept');
    assert.equal(await page.locator('#password').inputValue(), '', 'passwords are never sent back');
  });

  test('the setup link creates the association and signs the administrator in', { timeout: TEST_TIMEOUT }, async () => {
    const response = await fillAndSubmit(page, {
      association_name: ASSOCIATION,
      display_name: 'Camille',
      email: EMAIL,
      password: PASSWORD,
      password_confirm: PASSWORD,
    });
    assert.equal(response.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/', 'lands on the dashboard');
    assert.equal((await page.locator('h1').textContent()).trim(), ASSOCIATION);
    assert.equal(await page.locator('form[action="/logout"] button').count(), 1, 'signed in: the logout button is there');
  });

  test('the setup link works only once (410 "Lien déjà utilisé")', { timeout: TEST_TIMEOUT }, async () => {
    const again = await open(page, server.setupLink);
    assert.equal(again.status(), 410);
    assert.equal((await page.locator('h1').textContent()).trim(), 'Lien déjà utilisé');
    // Also for someone else, signed out.
    const other = await newContext(browser);
    try {
      const p = await other.newPage();
      const r = await open(p, server.setupLink);
      assert.equal(r.status(), 410);
      assert.equal((await p.locator('h1').textContent()).trim(), 'Lien déjà utilisé');
      assert.equal(await p.locator('input[name="association_name"]').count(), 0, 'no setup form');
    } finally {
      await other.close();
    }
  });

  test('two-factor is turned on from the profile', { timeout: TEST_TIMEOUT }, async () => {
    twoFactor = await enableTwoFactor(page, server.url);
    assert.ok(twoFactor.recoveryCodes.every((c) => /^[a-z0-9]{4}-[a-z0-9]{4}$/.test(c)), `recovery codes look like k3m9-x2qa: ${twoFactor.recoveryCodes}`);
  });

  test('login asks for the code; a wrong code is refused next to the field; the right one opens the dashboard', { timeout: TEST_TIMEOUT }, async () => {
    assert.ok(twoFactor, 'two-factor was turned on');
    const out = await logout(page);
    assert.equal(out.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal((await page.locator('h1').textContent()).trim(), 'Connexion');

    const step = await login(page, server.url, EMAIL);
    assert.equal(step.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/login/2fa');
    assert.equal((await page.locator('h1').textContent()).trim(), 'Vérification en deux étapes');

    // Signed in only half-way: the dashboard is not reachable yet.
    const wrong = await fillAndSubmit(page, { code: wrongCode(twoFactor.secret) });
    assert.equal(wrong.status(), 422);
    assert.equal(new URL(page.url()).pathname, '/login/2fa');
    const code = page.locator('#code');
    assert.equal(await code.getAttribute('aria-invalid'), 'true');
    const describedBy = (await code.getAttribute('aria-describedby')).split(/\s+/);
    assert.ok(describedBy.includes('code-error'), `aria-describedby names the error: ${describedBy}`);
    const error = (await page.locator('#code-error').textContent()).trim();
    assert.ok(error.length > 0, 'the error text is next to the field');
    assert.equal(await page.locator('.field.invalid #code-error').count(), 1, 'the error is inside the field group');
    assert.equal(await page.locator('.error-summary a[href="#code"]').count(), 1, 'the summary links to the field');

    // The next time step: the current one was spent turning two-factor on,
    // and each step is accepted once (RFC 6238 §5.2).
    usedCode = totp(twoFactor.secret, Date.now() / 1000 + 30);
    const right = await fillAndSubmit(page, { code: usedCode });
    assert.equal(right.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal((await page.locator('h1').textContent()).trim(), ASSOCIATION);
  });

  test('a recovery code works once', { timeout: TEST_TIMEOUT }, async () => {
    assert.ok(twoFactor, 'two-factor was turned on');
    const [first, second] = twoFactor.recoveryCodes;
    await logout(page);
    await login(page, server.url, EMAIL);
    assert.equal(new URL(page.url()).pathname, '/login/2fa');
    const ok = await fillAndSubmit(page, { code: first });
    assert.equal(ok.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal((await page.locator('h1').textContent()).trim(), ASSOCIATION);

    await logout(page);
    await login(page, server.url, EMAIL);
    assert.equal(new URL(page.url()).pathname, '/login/2fa');
    const reused = await fillAndSubmit(page, { code: first });
    assert.equal(reused.status(), 422, 'a used recovery code is refused');
    assert.equal(await page.locator('#code').getAttribute('aria-invalid'), 'true');

    const other = await fillAndSubmit(page, { code: second.toUpperCase() });
    assert.equal(other.status(), 200, 'another recovery code (typed in capitals) still works');
    assert.equal(new URL(page.url()).pathname, '/');
  });

  // RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the same
  // OTP after the successful validation has been issued for the first OTP":
  // a code seen over someone's shoulder must not open a second session.
  test('a TOTP code is accepted only once', { timeout: TEST_TIMEOUT }, async () => {
    assert.ok(usedCode, 'a code was used to log in');
    await logout(page);
    await login(page, server.url, EMAIL);
    assert.equal(new URL(page.url()).pathname, '/login/2fa');
    const replay = await fillAndSubmit(page, { code: usedCode });
    try {
      assert.equal(replay.status(), 422, 'the same code is refused the second time');
      assert.equal(new URL(page.url()).pathname, '/login/2fa');
    } finally {
      // Leave the page signed in for the next test whatever happened.
      if (new URL(page.url()).pathname === '/login/2fa') await fillAndSubmit(page, { code: twoFactor.recoveryCodes[2] });
    }
  });

  test('a signed-out visitor is sent to the login page', { timeout: TEST_TIMEOUT }, async () => {
    const other = await newContext(browser);
    try {
      const p = await other.newPage();
      await open(p, `${server.url}/settings`);
      assert.equal(new URL(p.url()).pathname, '/login');
      // The half-signed-in session (password given, no code yet) cannot open the dashboard.
      await login(p, server.url, EMAIL);
      assert.equal(new URL(p.url()).pathname, '/login/2fa');
      await open(p, `${server.url}/`);
      assert.notEqual(new URL(p.url()).pathname, '/', 'the dashboard needs the second factor');
      assert.equal(await p.locator('form[action="/logout"] button').count(), 0, 'not signed in');
    } finally {
      await other.close();
    }
  });

  test('the server logged no error', { timeout: TEST_TIMEOUT }, () => {
    assert.deepEqual(server.errors(), [], `server errors:\n${server.log()}`);
  });
});
