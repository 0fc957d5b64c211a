// `cargo xtask bench --only vault` runs this against a running server with a
// logged-in session: it enrols, fills a collection with ENTRIES sealed
// entries (through the vault's own modules, in the page), then times opening
// the vault in headless Chromium: from the unlock button to every entry
// decrypted and listed. Prints `key=value` lines for xtask.
//
//   node bench-vault.mjs --url http://127.0.0.1:PORT --cookie 'preau_session=…; preau_csrf=…' [--entries 2000]

import { launchBrowser, newContext } from './harness.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const url = args.url;
const entries = Number(args.entries || 2000);
const runs = Number(args.runs || 5);
const PASSPHRASE = 'banc-vallon-perche-tilleul-orage-brique-sorbet-cygne';

const browser = await launchBrowser();
try {
  const context = await newContext(browser);
  const host = new URL(url).hostname;
  await context.addCookies(args.cookie.split(';').map((kv) => kv.trim().split('=')).map(([name, value]) => ({ name, value, domain: host, path: '/' })));
  const page = await context.newPage();
  await page.goto(`${url}/vault`);
  await page.locator('#vault-enrol, #vault-unlock').first().waitFor();
  if (await page.locator('#vault-enrol').count()) {
    await page.getByLabel('Phrase de passe du coffre', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('La même, une seconde fois').fill(PASSPHRASE);
    await page.locator('#vault-enrol button[type=submit]').click();
  } else {
    await page.getByLabel('Phrase de passe du coffre', { exact: true }).fill(PASSPHRASE);
    await page.locator('#vault-unlock button[type=submit]').click();
  }
  await page.locator('#my-fingerprint').waitFor();
  await page.locator('#new-collection input').fill('Banc d’essai');
  await page.locator('#new-collection button').click();
  await page.locator('.collection h3', { hasText: 'Banc d’essai' }).waitFor();
  // Fill it from the page, with the page's own modules (as an import would).
  await page.evaluate(async ({ count, passphrase }) => {
    const map = JSON.parse(document.querySelector('script[type=importmap]').textContent);
    const module = (name) => import(Object.keys(map.integrity).find((u) => u.includes(`/vault-${name}.`)));
    const { unwrapMemberKeys } = await module('keys');
    const { unwrapKeyForMember, sealRecord } = await module('seal');
    const csrf = document.getElementById('vault-app').dataset.csrf;
    const post = async (path, body) => {
      const r = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      return r.json();
    };
    const state = await (await fetch('/vault/api/state')).json();
    const me = await unwrapMemberKeys(state.own.wrapped_keys, passphrase);
    const c = state.collections[state.collections.length - 1];
    const key = await unwrapKeyForMember(c.wrapped_key, me.encryption, { collection: c.id, member: state.me });
    const { first } = await post('/vault/api/ids', { kind: 'entry', count });
    const writes = [];
    for (let i = 0; i < count; i++) {
      const id = first + i;
      const record = { name: `Compte ${i}`, login: `identifiant-${i}@asso.example`, password: `mot-de-passe-${i}-${Math.random()}`, url: `https://service${i}.example`, notes: '', totp: '', recovery_codes: '' };
      writes.push(sealRecord(key, record, { collection: c.id, entry: id, version: 1 }).then((sealed) => ({ id, collection_id: c.id, sealed, version: 1, key_version: c.key_version })));
    }
    const sealed = await Promise.all(writes);
    for (let i = 0; i < sealed.length; i += 50) await Promise.all(sealed.slice(i, i + 50).map((e) => post('/vault/api/entries', e)));
  }, { count: entries, passphrase: PASSPHRASE });
  const times = [];
  for (let run = 0; run < runs + 1; run++) {
    await page.goto(`${url}/vault`);
    await page.locator('#vault-unlock').waitFor();
    await page.getByLabel('Phrase de passe du coffre', { exact: true }).fill(PASSPHRASE);
    const ms = await page.evaluate((count) => new Promise((resolve) => {
      const started = performance.now();
      document.querySelector('#vault-unlock button[type=submit]').click();
      const poll = () => (document.querySelectorAll('li[data-entry]').length >= count ? resolve(performance.now() - started) : requestAnimationFrame(poll));
      poll();
    }), entries);
    if (run > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  console.log(`entries=${entries}`);
  console.log(`median_ms=${times[Math.floor(times.length / 2)].toFixed(0)}`);
  console.log(`max_ms=${times[times.length - 1].toFixed(0)}`);
} finally {
  await browser.close();
}
