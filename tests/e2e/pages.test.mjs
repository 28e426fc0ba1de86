// End-to-end tests of the hub's pages in headless Chromium (Debian's chromium), driven by
// playwright-core, against the real `inspire serve --demo` on 127.0.0.1. Screenshots of the main
// pages (desktop and 360 px wide) go to $INSPIRE_SCREENSHOTS. Run by ctest (tests/CMakeLists.txt)
// with INSPIRE_BINARY, INSPIRE_DATA_DIR and INSPIRE_SCREENSHOTS set.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const binary = process.env.INSPIRE_BINARY;
const dataDir = process.env.INSPIRE_DATA_DIR;
const shots = process.env.INSPIRE_SCREENSHOTS;
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

let server;
let base;
let password;
let browser;
let work;

before(async () => {
  assert.ok(binary && dataDir && shots, 'INSPIRE_BINARY, INSPIRE_DATA_DIR and INSPIRE_SCREENSHOTS');
  work = mkdtempSync(path.join(tmpdir(), 'inspire-e2e-'));
  mkdirSync(shots, { recursive: true });
  server = spawn(binary, ['--data-dir', dataDir, 'serve', '--demo', '--db',
                          path.join(work, 'hub.db'), '--port', '0'],
                 { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 180000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      if (listening.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.on('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
  });
  base = out.match(listening)[1];
  password = out.match(/with the password (\S+)/)[1];
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (work) rmSync(work, { recursive: true, force: true });
});

async function signIn(page) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill('admin@hub.example');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/`);
}

// What makes the page's HTML invalid (html-validate's standard rules), as text.
async function htmlProblems(html) {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) =>
    r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

// Serious and critical accessibility problems on the page (axe-core, WCAG 2 A and AA).
async function accessibilityProblems(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const mainPages = [
  ['home', '/'],
  ['country-kenya', '/countries/KEN'],
  ['country-colombia', '/countries/COL'],
  ['indicator', '/indicators/1.3'],
  ['strategy', '/strategies/P4'],
  ['approach', '/approaches/P4.1'],
  ['members', '/members'],
  ['member', '/members/1'],
  ['activities', '/activities'],
  ['coordination', '/coordination'],
  ['evidence', '/evidence'],
  ['evidence-filtered', '/evidence?income=LMIC&exclude_high_risk=true'],
  ['approach-evidence-means', '/approaches/P4.2'],
  ['implementation', '/implementation'],
  ['implementation-filtered', '/implementation?region=AFR'],
  ['implementation-kenya', '/countries/KEN/implementation'],
  ['working-group', '/working-group'],
  ['meeting', '/meetings/14'],
  ['membership', '/membership'],
  ['library', '/library'],
  ['library-search', '/library?q=discipline'],
  ['library-item', '/library/1'],
  ['login', '/login'],
];

test('main pages are valid HTML, accessible, fit 360 px, and are photographed', async () => {
  for (const [name, url] of mainPages) {
    // axe-core is injected as an inline script, which the hub's CSP (rightly) refuses.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 },
                                               bypassCSP: true });
    const page = await context.newPage();
    const response = await page.goto(base + url);
    assert.equal(response.status(), 200, url);
    assert.deepEqual(await htmlProblems(await response.text()), [], url);
    await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
    assert.deepEqual(await accessibilityProblems(page), [], url);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: path.join(shots, `${name}-360.png`), fullPage: true });
    const overflow = await page.evaluate(() =>
      document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${url} is ${overflow}px wider than a 360 px screen`);
    await context.close();
  }
});

test('pages keep to their content security policy (nothing refused, no inline script)', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const refused = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) refused.push(message.text());
  });
  for (const [, url] of mainPages) {
    const response = await page.goto(base + url);
    assert.equal(response.status(), 200, url);
    assert.match(response.headers()['content-security-policy'], /frame-ancestors 'none'/, url);
    assert.equal(response.headers()['x-frame-options'], 'DENY', url);
  }
  assert.deepEqual(refused, []);
  await context.close();
});

test('sign in, add an activity, find it in the matrix and the filtered list, download CSV and XLSX',
     async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page);
  await assert.doesNotReject(page.getByText('admin@hub.example').waitFor());
  // Kenya's cell for strategy P4 in the matrix, before.
  const kenyaP4 = async () => {
    await page.goto(`${base}/`);
    const row = page.locator('table.matrix tr', { has: page.getByRole('link', { name: 'Kenya' }) });
    const strategies = await page.locator('table.matrix thead th').allTextContents();
    const column = strategies.findIndex((text) => text.startsWith('P4'));
    const cell = row.locator('td').nth(column - 1);
    const text = (await cell.textContent()).trim();
    return /^\d+$/.test(text) ? Number(text) : 0;
  };
  const before = await kenyaP4();

  await page.goto(`${base}/activities/new`);
  await page.getByRole('combobox', { name: /^Organisation/ }).selectOption({ index: 1 });
  await page.getByRole('textbox', { name: /^Activity/ }).fill('E2E parenting groups in Kisumu');
  await page.getByRole('combobox', { name: /^Country/ }).selectOption('KEN');
  await page.getByRole('listbox', { name: /^Approaches/ }).selectOption(['P4.1', 'P4.2']);
  await page.getByRole('combobox', { name: /^Status/ }).selectOption('ongoing');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(`${base}/activities?country=KEN`);
  await assert.doesNotReject(page.getByText('E2E parenting groups in Kisumu').waitFor());

  assert.equal(await kenyaP4(), before + 1);

  await page.goto(`${base}/activities`);
  await page.getByLabel('Country', { exact: true }).selectOption('KEN');
  await page.getByLabel('Approaches', { exact: true }).selectOption('P4.1');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/country=KEN/);
  await assert.doesNotReject(page.getByText('E2E parenting groups in Kisumu').waitFor());

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^id,organization_id,title,/);
  assert.match(csv, /E2E parenting groups in Kisumu/);
  assert.match(csv, /P4\.1;P4\.2/);
  const [workbook] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download XLSX' }).click(),
  ]);
  assert.equal(workbook.suggestedFilename(), 'activities.xlsx');
  assert.equal(readFileSync(await workbook.path()).subarray(0, 2).toString(), 'PK');
  await context.close();
});

test('a refused form shows the reason next to the field', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`${base}/activities/new`);
  await page.getByRole('combobox', { name: /^Organisation/ }).selectOption({ index: 1 });
  await page.getByRole('textbox', { name: /^Activity/ }).fill('No approach chosen');
  await page.getByRole('combobox', { name: /^Country/ }).selectOption('UGA');
  await page.getByRole('combobox', { name: /^Status/ }).selectOption('planned');
  await page.getByRole('button', { name: 'Save' }).click();
  const message = page.locator('#f-approaches-error');
  await assert.doesNotReject(message.waitFor());
  assert.match(await message.textContent(), /approach/);
  assert.equal(await page.locator('#f-approaches').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByRole('textbox', { name: /^Activity/ }).inputValue(), 'No approach chosen');
  await page.screenshot({ path: path.join(shots, 'form-validation.png'), fullPage: true });
  assert.deepEqual(await htmlProblems(await page.content()), []);
  assert.deepEqual(await accessibilityProblems(page), []);
  const admin = await page.goto(`${base}/admin`);
  assert.equal(admin.status(), 200);
  assert.deepEqual(await htmlProblems(await admin.text()), []);
  await page.screenshot({ path: path.join(shots, 'admin.png'), fullPage: true });
  await page.getByRole('link', { name: 'admin@hub.example' }).click();
  await page.waitForURL(`${base}/account`);
  assert.deepEqual(await htmlProblems(await page.content()), []);
  assert.deepEqual(await accessibilityProblems(page), []);
  await context.close();
});

test('suppressed cells are shown as suppressed, never as a number', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/countries/COL`);
  const marks = page.locator('svg text', { hasText: 'suppressed (too few respondents)' });
  assert.ok(await marks.count() > 0);
  await page.locator('details summary', { hasText: 'The numbers as a table' }).first().click();
  const rows = page.locator('tr.suppressed');
  assert.ok(await rows.count() > 0);
  const first = (await rows.first().locator('td').nth(1).textContent()).trim();
  assert.equal(first, 'suppressed');
  assert.equal((await rows.first().locator('td').nth(2).textContent()).trim(), '');
  await context.close();
});

test('keyboard users can skip to the content; the print view drops the navigation', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/countries/KEN`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to the content');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.site').evaluate((el) => getComputedStyle(el).display),
               'none');
  await page.pdf({ path: path.join(shots, 'country-kenya-print.pdf') });
  await context.close();
});

test('a round is filled section by section, refused next to the field, reviewed and published', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await signIn(page);
  // Brazil has no round in the demo: start one.
  await page.goto(`${base}/implementation/rounds/new?country=BRA`);
  await page.getByRole('textbox', { name: /^Round/ }).fill('2025 e2e review');
  await page.getByRole('textbox', { name: /^Reference year/ }).fill('2025');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/implementation\/rounds\/\d+$/);
  const roundUrl = page.url();
  // The laws section: a year that is no year is refused next to its field, what was typed kept.
  await page.getByRole('link', { name: 'Edit this section' }).first().click();
  const group = page.getByRole('group', { name: 'Corporal punishment banned at home' });
  await group.getByRole('combobox', { name: /^In place/ }).selectOption('yes');
  await group.getByRole('combobox', { name: /^Enforcement/ }).selectOption('mostly');
  await group.getByRole('textbox', { name: /^Year/ }).fill('19x9');
  await group.getByRole('textbox', { name: /^Full reference/ }).fill('E2E Children Act');
  await page.getByRole('button', { name: 'Save' }).click();
  const error = page.locator('#f-r0\\.year-error');
  await assert.doesNotReject(error.waitFor());
  assert.equal(await page.locator('#f-r0\\.year').getAttribute('aria-invalid'), 'true');
  assert.equal(await group.getByRole('textbox', { name: /^Full reference/ }).inputValue(),
               'E2E Children Act');
  await page.screenshot({ path: path.join(shots, 'round-form-error.png'), fullPage: true });
  assert.deepEqual(await htmlProblems(await page.content()), []);
  assert.deepEqual(await accessibilityProblems(page), []);
  await group.getByRole('textbox', { name: /^Year/ }).fill('2019');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/implementation\/rounds\/\d+#s-laws$/);
  await assert.doesNotReject(page.getByText('E2E Children Act').waitFor());
  // Offline: the round as a workbook, sent back as it is.
  const [workbook] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /as a workbook/ }).click(),
  ]);
  assert.equal(readFileSync(await workbook.path()).subarray(0, 2).toString(), 'PK');
  await page.getByLabel('The filled workbook').setInputFiles(await workbook.path());
  await page.getByRole('button', { name: 'Send the workbook' }).click();
  await page.waitForURL(roundUrl);
  await assert.doesNotReject(page.getByText('E2E Children Act').waitFor());
  // Not public before validation.
  const hidden = await (await context.request.get(`${base}/countries/BRA/implementation`,
                                                  { headers: { Cookie: '' } })).text();
  assert.ok(!hidden.includes('E2E Children Act'));
  // Reviewed: a comment, submitted, validated.
  await page.getByLabel('Section').selectOption('laws');
  await page.getByLabel('Item').fill('cp-home');
  await page.getByLabel('Comment', { exact: true }).fill('Which article bans it?');
  await page.getByRole('button', { name: 'Send the comment' }).click();
  await assert.doesNotReject(page.getByText('Which article bans it?').waitFor());
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.waitForURL(roundUrl);
  await page.screenshot({ path: path.join(shots, 'round-review.png'), fullPage: true });
  assert.deepEqual(await htmlProblems(await page.content()), []);
  assert.deepEqual(await accessibilityProblems(page), []);
  await page.getByRole('button', { name: 'Validate' }).click();
  await page.waitForURL(roundUrl);
  const shown = await page.goto(`${base}/countries/BRA/implementation`);
  assert.equal(shown.status(), 200);
  await assert.doesNotReject(page.getByText('E2E Children Act').waitFor());
  // Two rounds side by side.
  await page.goto(`${base}/implementation/rounds?country=KEN`);
  await page.getByRole('link', { name: '2024 review' }).click();
  await page.getByRole('link', { name: '2019 baseline' }).click();
  await assert.doesNotReject(page.locator('table.compare tr.changed').first().waitFor());
  await page.screenshot({ path: path.join(shots, 'round-compare.png'), fullPage: true });
  assert.deepEqual(await htmlProblems(await page.content()), []);
  assert.deepEqual(await accessibilityProblems(page), []);
  await context.close();
});
