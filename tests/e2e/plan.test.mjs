// Browser tests of the working plan (issue 14), tried as new users would: two colleagues
// split tasks by name and date, export the calendar and read it with an independent
// iCalendar parser (ical.js), one colleague's file merges into the other's work state with
// a note conflict resolved in the UI; a snapshot, a month of work (the clock moved), the
// comparison, the chart and the reminder; axe on every new screen.
// Run: node --test --test-concurrency=1 tests/e2e/   (after bash scripts/build.sh)

import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import {
  APP,
  START_ADDRESS,
  axe,
  changeProfile,
  completeIntake,
  describeViolations,
  downloadBytes,
  e2eSuite,
  expectHeading,
  goToScreen,
  gotoApp,
  openPage,
  savedDocument,
  screenshotOnFailure,
  stepAddress,
  until,
  waitForSaved,
  waitForScreen,
} from './support.mjs';

const suite = e2eSuite();
const e2e = suite.e2e;

const STEP = 'einstieg-vorbereiten';
const OTHER = 'was-ist-open-government';

/** A browser of its own (one colleague), in German local time, its clock set to `time`. */
async function colleague(time) {
  const opened = await openPage(suite.browser, { timezoneId: 'Europe/Berlin' });
  await opened.context.clock.install({ time: new Date(time) });
  return opened;
}

async function openStep(page, base, step) {
  await goToScreen(page, base, `#/schritt/${step}`);
  await page.locator('article.step h1').waitFor();
  return (await page.locator('main h1').textContent()).trim();
}

/** Sets „Zuständig“ and „Fällig bis“ of a task (or, without `task`, of the whole step). */
async function plan(page, step, task, owner, due) {
  const suffix = task ? `${step}-${task}` : step;
  if (task) {
    // A task's fields are folded under „Zuständig und Termin“: open them as a user would.
    const folded = page.locator(`li.task:has(#zustaendig-${suffix}) > details.plan`);
    assert.equal(await folded.evaluate((d) => d.open), false, 'folded at first');
    assert.equal(await page.locator(`#faellig-${suffix}`).isVisible(), false, 'no date field while folded');
    await folded.locator('summary').click();
  }
  const ownerField = page.locator(`#zustaendig-${suffix}`);
  await ownerField.fill(owner);
  await ownerField.press('Tab');
  await page.locator(`#faellig-${suffix}`).fill(due);
  await page.locator(`#faellig-${suffix}`).press('Tab');
}

const note = (page) => page.getByLabel('Ihre Notizen zu diesem Schritt');

async function workStates(page, base) {
  await goToScreen(page, base, '#/arbeitsstaende');
  await expectHeading(page, 'Arbeitsstände');
}

/** Downloads the export file of the work state listed as `name`. */
async function exportState(page, base, name) {
  await workStates(page, base);
  const row = page.locator('li.workstate').filter({ has: page.getByLabel(`Name von „${name}“`, { exact: true }) });
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Exportieren' }).click()]);
  return { name: download.suggestedFilename(), buffer: await downloadBytes(download) };
}

async function pickFile(page, file) {
  await page.locator('#import-datei').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.buffer });
  const preview = page.getByRole('region', { name: 'Vorschau des Imports' });
  await preview.waitFor();
  return preview;
}

/** The calendar file from „Meine Aufgaben“, parsed by ical.js: [{ uid, summary, start, end, description }]. */
async function calendar(page, base) {
  await goToScreen(page, base, '#/aufgaben');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Termine als Kalenderdatei (.ics)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^termine-.*\.ics$/);
  const text = (await downloadBytes(download)).toString('utf8');
  const root = new ICAL.Component(ICAL.parse(text));
  assert.equal(root.name, 'vcalendar');
  assert.equal(root.getAllSubcomponents('vtodo').length, 0);
  return root.getAllSubcomponents('vevent').map((ev) => {
    const start = ev.getFirstPropertyValue('dtstart');
    const end = ev.getFirstPropertyValue('dtend');
    assert.ok(start.isDate && end.isDate, 'all-day entries');
    return {
      uid: ev.getFirstPropertyValue('uid'),
      summary: ev.getFirstPropertyValue('summary'),
      start: start.toString(),
      end: end.toString(),
      description: ev.getFirstPropertyValue('description'),
      url: ev.getFirstPropertyValue('url'),
    };
  });
}

async function expectAxeClean(page, what) {
  const violations = await axe(page);
  assert.deepEqual(violations, [], `${what}:\n${describeViolations(violations)}`);
}

/** The entries of „Meine Aufgaben“ as shown: [{ title, text }] per group heading. */
async function agenda(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.agenda-group')].map((g) => ({
      group: g.querySelector('h2').textContent.trim(),
      items: [...g.querySelectorAll('.agenda-item')].map((li) => ({
        title: li.querySelector('a').textContent.trim(),
        href: li.querySelector('a').getAttribute('href'),
        text: li.textContent.replace(/\s+/g, ' ').trim(),
      })),
    })),
  );
}

e2e('two colleagues split tasks by name and date, export the calendar and merge one’s file into the other’s work state', async ({ base }) => {
  const a = await colleague('2026-03-02T09:00:00+01:00');
  let b = null;
  try {
    // Colleague A starts the work state and splits the first tasks.
    const pa = a.page;
    await completeIntake(pa, base, 'landgemeinde', { name: 'Musterdorf' });
    const stepTitle = await openStep(pa, base, STEP);
    await plan(pa, STEP, 'koordination-benennen', 'Frau Yilmaz', '2026-03-20');
    await plan(pa, STEP, 'zeitbudget', 'Herr Becker', '2026-04-15');
    await plan(pa, STEP, null, 'Frau Yilmaz', '2026-04-30');
    // Folded again (after a reload), a task's summary says what is set.
    await pa.reload();
    // The app's own (while it takes over, the pre-rendered page has the same summary).
    const summary = pa.locator(`${APP} li.task:has(#zustaendig-${STEP}-koordination-benennen) > details.plan > summary`);
    await until('the folded plan says what is set', () => summary.textContent(), (t) => /Zuständig und Termin.*: Frau Yilmaz · bis 20\.03\.2026/.test(t));
    assert.equal(await summary.evaluate((s) => s.parentElement.open), false);
    await note(pa).fill('Start im März.');
    await waitForSaved(pa, (p) => p.plans?.[`${STEP}/zeitbudget`]?.due === '2026-04-15' && p.plans?.[STEP]?.owner === 'Frau Yilmaz' && p.steps[STEP]?.note === 'Start im März.', 'A’s plan');
    // The names used are offered for the next field.
    const suggestions = await pa.locator('#zustaendige-vorschlaege option').evaluateAll((o) => o.map((x) => x.value));
    assert.deepEqual(suggestions, ['Frau Yilmaz', 'Herr Becker']);
    assert.equal(await pa.locator(`#zustaendig-${STEP}-koordination-benennen`).getAttribute('list'), 'zustaendige-vorschlaege');
    await expectAxeClean(pa, 'step page with owners and dates');
    const fileA = await exportState(pa, base, 'Musterdorf');
    const origin = JSON.parse(fileA.buffer.toString('utf8')).progress.origin;
    assert.match(origin, /^[0-9a-f]{24}-\d+$/, 'a random origin travels in the file');

    // Colleague B, in a browser of their own, imports A's file as a new work state …
    b = await colleague('2026-03-03T10:00:00+01:00');
    const pb = b.page;
    await gotoApp(pb, base, '#/');
    await workStates(pb, base);
    const previewB = await pickFile(pb, fileA);
    assert.match(await previewB.textContent(), /Zuständigkeiten und Termine\s*3/);
    assert.equal(await previewB.getByRole('button', { name: 'Zusammenführen …' }).count(), 0, 'nothing to merge with here');
    await previewB.getByRole('button', { name: 'Als neuen Arbeitsstand importieren' }).click();
    await pb.waitForURL(START_ADDRESS);
    // … takes a task of another step and writes into the same note as A, later.
    await openStep(pb, base, OTHER);
    await plan(pb, OTHER, 'eigene-worte', 'Herr Becker', '2026-03-25');
    await openStep(pb, base, STEP);
    await note(pb).fill('Start im März. B: Budget mit der Kämmerei geklärt.');
    await waitForSaved(pb, (p) => p.origin === origin && p.plans?.[`${OTHER}/eigene-worte`]?.owner === 'Herr Becker' && /Kämmerei/.test(p.steps[STEP]?.note ?? ''), 'B’s work');
    const fileB = await exportState(pb, base, 'Musterdorf');

    // Meanwhile A changes the same note.
    await openStep(pa, base, STEP);
    await note(pa).fill('Start im März. A: Koordination steht.');
    await waitForSaved(pa, (p) => /Koordination steht/.test(p.steps[STEP]?.note ?? ''), 'A’s note');

    // A imports B's file: it is the same work state, so „Zusammenführen“ is offered.
    await workStates(pa, base);
    const preview = await pickFile(pa, fileB);
    assert.match(await preview.textContent(), /eine Fassung Ihres Arbeitsstands „Musterdorf“/);
    assert.equal(await preview.getByRole('button', { name: 'Als neuen Arbeitsstand importieren' }).count(), 1);
    const before = await savedDocument(pa);
    await expectAxeClean(pa, 'import preview with the merge offer');
    await preview.getByRole('button', { name: 'Zusammenführen …' }).click();
    const view = pa.getByRole('region', { name: 'Zusammenführen mit „Musterdorf“' });
    await view.waitFor();
    const parts = await view.locator('fieldset.merge-part legend').allTextContents();
    assert.ok(parts.includes(`${stepTitle} – Auf beiden Seiten geändert`), JSON.stringify(parts));
    const otherTitle = parts.find((p) => p.endsWith('– Nur in der Datei geändert'));
    assert.ok(otherTitle, JSON.stringify(parts));
    const conflict = view.locator('fieldset.merge-part').filter({ hasText: `${stepTitle} – Auf beiden Seiten geändert` });
    assert.match(await conflict.textContent(), /Bei Ihnen.*A: Koordination steht\..*In der Datei.*B: Budget mit der Kämmerei geklärt\./s);
    assert.deepEqual(await savedDocument(pa), before, 'the merge view changes nothing yet');
    await expectAxeClean(pa, 'merge view');
    // A keeps the own text for the conflicting step; the rest takes the newer change.
    await conflict.getByLabel('Meine Fassung').check();
    await view.getByRole('button', { name: 'Zusammenführen', exact: true }).click();
    await pa.getByRole('status').filter({ hasText: 'wurde mit „Musterdorf“ zusammengeführt' }).waitFor();
    await expectAxeClean(pa, 'work states after merging');
    const merged = await waitForSaved(pa, (p) => p.plans?.[`${OTHER}/eigene-worte`]?.owner === 'Herr Becker', 'the merged work state');
    assert.equal((await savedDocument(pa)).states.length, 1, 'merged into the work state, not added');
    assert.equal(merged.origin, origin);
    assert.equal(merged.steps[STEP].note, 'Start im März. A: Koordination steht.');
    assert.deepEqual(merged.steps[STEP].kept.map((k) => k.note), ['Start im März. B: Budget mit der Kämmerei geklärt.'], 'B’s text is kept, not lost');

    // On the step, B's text waits beside A's note; A takes it over: nothing is lost.
    await openStep(pa, base, STEP);
    const kept = pa.locator('.kept-note');
    await kept.waitFor();
    assert.match(await kept.textContent(), /Kollegin oder eines Kollegen.*B: Budget mit der Kämmerei geklärt\./s);
    await kept.getByRole('button', { name: 'An meine Notiz anhängen' }).click();
    assert.equal(await note(pa).inputValue(), 'Start im März. A: Koordination steht.\n\nStart im März. B: Budget mit der Kämmerei geklärt.');
    await until('the kept text is dealt with', () => pa.locator('.kept-note').count(), (n) => n === 0);
    assert.equal(await pa.locator(`#zustaendig-${STEP}-zeitbudget`).inputValue(), 'Herr Becker');
    assert.equal(await pa.locator(`#faellig-${STEP}-zeitbudget`).inputValue(), '2026-04-15');

    // Meine Aufgaben: by date, per person, each linking to its step.
    await goToScreen(pa, base, '#/aufgaben');
    await expectHeading(pa, 'Meine Aufgaben');
    let groups = await agenda(pa);
    assert.equal(groups[0].group, 'Mit Termin (4)');
    assert.deepEqual(
      groups[0].items.map((i) => i.text.match(/Fällig bis (\d\d\.\d\d\.\d{4})/)[1]),
      ['20.03.2026', '25.03.2026', '15.04.2026', '30.04.2026'],
    );
    assert.match(groups[0].items[0].text, /Fällig bis 20\.03\.2026 – in 18 Tagen fällig.*Zuständig: Frau Yilmaz/);
    assert.equal(groups[0].items[1].href, `#/schritt/${OTHER}`);
    assert.equal(groups[0].items[3].title, stepTitle, 'the whole step, by its title');
    assert.match(groups[1].group, /^Ohne Termin \(\d+\)$/);
    await pa.getByLabel('Aufgaben von').selectOption({ label: 'Herr Becker' });
    await until('only Herr Becker’s', async () => (await agenda(pa)).flatMap((g) => g.items.map((i) => i.text)),
      (t) => t.length === 2 && t.every((x) => x.includes('Zuständig: Herr Becker')));
    await pa.getByLabel('Aufgaben von').selectOption({ label: 'allen' });
    await expectAxeClean(pa, 'Meine Aufgaben');
    groups = await agenda(pa);
    await pa.locator('.agenda-item a').first().click();
    await pa.waitForURL(stepAddress(STEP));
    await expectHeading(pa, stepTitle);

    // The calendar: one all-day entry per dated task and step, with the right dates.
    const entries = await calendar(pa, base);
    assert.deepEqual(
      entries.map((e) => [e.start, e.end]),
      [
        ['2026-03-25', '2026-03-26'],
        ['2026-04-30', '2026-05-01'],
        ['2026-03-20', '2026-03-21'],
        ['2026-04-15', '2026-04-16'],
      ],
    );
    const byStart = Object.fromEntries(entries.map((e) => [e.start, e]));
    assert.match(byStart['2026-04-15'].description, /Zuständig: Herr Becker/);
    assert.equal(byStart['2026-04-30'].summary, stepTitle);
    // Each entry links to its step's own page: it shows the step's text at once.
    assert.equal(byStart['2026-03-20'].url, `${base}/schritt-${STEP}.html`);
    assert.equal(new Set(entries.map((e) => e.uid)).size, 4);
    // Exported again after a change of date: the same UIDs, so a calendar updates them.
    await openStep(pa, base, STEP);
    await plan(pa, STEP, 'zeitbudget', 'Herr Becker', '2026-04-22');
    await waitForSaved(pa, (p) => p.plans?.[`${STEP}/zeitbudget`]?.due === '2026-04-22', 'the new date');
    const again = await calendar(pa, base);
    assert.deepEqual(again.map((e) => e.uid), entries.map((e) => e.uid));
    assert.ok(again.some((e) => e.start === '2026-04-22') && !again.some((e) => e.start === '2026-04-15'));
    // The work-state screen offers the same file.
    await workStates(pa, base);
    assert.equal(await pa.getByRole('button', { name: 'Termine als Kalenderdatei (.ics)' }).count(), 1);

    // The report has the column, on screen and in the download.
    await goToScreen(pa, base, '#/bericht');
    const table = pa.locator('.report-task-table').filter({ hasText: `Aufgaben von „${stepTitle}“` });
    await table.waitFor();
    assert.match(await table.textContent(), /Zuständig \/ Fällig.*Herr Becker · bis 22\.04\.2026/s);
    await expectAxeClean(pa, 'report with owners and due dates');
    assert.deepEqual(a.errors, [], 'A’s page logged errors');
    assert.deepEqual(b.errors, [], 'B’s page logged errors');
  } catch (e) {
    const shot = await screenshotOnFailure(a.page, 'plan-colleagues-a');
    if (shot) e.message += `\n(screenshot: ${shot})`;
    throw e;
  } finally {
    for (const c of [a, b]) if (c) await c.context.close();
  }
});

e2e('a snapshot, a month of work with the clock moved, the comparison, the chart and the reminder', async ({ base }) => {
  const { context, page, errors } = await colleague('2026-03-02T09:00:00+01:00');
  try {
    await completeIntake(page, base, 'landgemeinde', { name: 'Zeitdorf' });
    // Targets, the review date and the first snapshot.
    await goToScreen(page, base, '#/ueberpruefung');
    await expectHeading(page, 'Zwischenstände und Ziele');
    assert.match(await page.locator('.comparison').textContent(), /Noch kein Zwischenstand/);
    await page.getByLabel('Ziel bei „Stand bei Transparenz“').selectOption('vorreiter');
    await page.getByLabel('Ziel bei „Stand bei Beteiligung“').selectOption('etabliert');
    const reviewDate = page.getByLabel('Nächste Überprüfung', { exact: true });
    await reviewDate.fill('2026-04-01');
    await reviewDate.press('Tab');
    await page.getByLabel(/^Name \(freiwillig/).fill('Start im März');
    await page.getByRole('button', { name: 'Zwischenstand festhalten' }).click();
    await page.getByRole('status').filter({ hasText: 'festgehalten' }).waitFor();
    const saved = await waitForSaved(page, (p) => p.snapshots?.length === 1 && p.review === '2026-04-01', 'the snapshot');
    assert.equal(saved.snapshots[0].name, 'Start im März');
    assert.equal(saved.snapshots[0].date, '2026-03-02');
    assert.deepEqual(saved.targets, { stand_transparenz: 'vorreiter', stand_beteiligung: 'etabliert' });
    assert.match(await page.locator('.comparison').textContent(), /hat sich nichts geändert/);
    await expectAxeClean(page, 'Zwischenstände und Ziele');
    // Before the review date, the start page does not remind.
    await goToScreen(page, base, '#/');
    assert.equal(await page.locator('.review-reminder').count(), 0);

    // A month of work: a step done, a task ticked, a note, a field moved up.
    await openStep(page, base, STEP);
    await page.locator(`#aufgabe-${STEP}-koordination-benennen`).check();
    await note(page).fill('Koordination: Frau Yilmaz.');
    await page.getByRole('radio', { name: 'Erledigt' }).check();
    await changeProfile(page, base, { stand_transparenz: 'etabliert' });
    await waitForSaved(page, (p) => p.steps[STEP]?.status === 'Done' && p.answers.profile.stand_transparenz === 'etabliert', 'the month’s work');
    await context.clock.setSystemTime(new Date('2026-04-03T09:00:00+02:00'));
    await page.reload();
    await waitForScreen(page);

    // The reminder on the start page, and the comparison.
    await goToScreen(page, base, '#/');
    const reminder = page.locator('.review-reminder');
    await reminder.waitFor();
    await expectAxeClean(page, 'start page with the review reminder');
    assert.match(await reminder.textContent(), /für den 01\.04\.2026 geplant \(2 Tage überfällig\)/);
    await reminder.getByRole('link', { name: 'Zur Überprüfung' }).click();
    await expectHeading(page, 'Zwischenstände und Ziele');
    const comparison = await page.locator('.comparison').textContent();
    assert.match(comparison, /Seit dem Zwischenstand „Start im März“ vom 02\.03\.2026: 1 Schritt erledigt, 1 Aufgabe abgehakt\./);
    assert.match(comparison, /Stand bei Transparenz: von Am Anfang \(1 von 3\) hoch auf Etabliert \(2 von 3\)/);
    assert.match(comparison, /neue Notiz.*Koordination: Frau Yilmaz\./s);

    // The chart: an image with a title and a description of every number, bars as long as
    // the levels, and a real table with the same numbers.
    const svg = page.locator('.chart svg');
    assert.equal(await svg.getAttribute('role'), 'img');
    const labelled = (await svg.getAttribute('aria-labelledby')).split(' ');
    const desc = await page.locator(`#${labelled[1]}`).textContent();
    assert.match(desc, /Stand bei Transparenz: Jetzt: Etabliert \(2 von 3\), Letzter Zwischenstand: Am Anfang \(1 von 3\), Ziel: Vorreiter \(3 von 3\)\./);
    assert.equal(await page.locator(`#${labelled[0]}`).evaluate((e) => e.tagName), 'title');
    const rows = await page.locator('.levels table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    assert.equal(rows.length, 4, 'the four fields');
    assert.deepEqual(rows[0], ['Stand bei Transparenz', 'Etabliert (2 von 3)', 'Am Anfang (1 von 3)', 'Vorreiter (3 von 3)']);
    const bars = await svg.locator('rect').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('width'))));
    const unit = bars[3 + 1]; // after the legend: Transparenz now, then … → then is level 1
    assert.equal(bars[3] / unit, 2, 'now: Etabliert is two steps long');
    assert.equal(bars[5] / unit, 3, 'target: Vorreiter is three');
    await expectAxeClean(page, 'comparison and chart');

    // The report prints the same table.
    await goToScreen(page, base, '#/bericht');
    const levels = page.locator('.report-levels table');
    await levels.waitFor();
    assert.match(await levels.textContent(), /Stand bei Transparenz.*Etabliert \(2 von 3\).*Vorreiter \(3 von 3\)/s);
    assert.match(await page.locator('.report-levels').textContent(), /Nächste Überprüfung: 01\.04\.2026/);
    assert.deepEqual(errors, []);
  } catch (e) {
    const shot = await screenshotOnFailure(page, 'plan-snapshot');
    if (shot) e.message += `\n(screenshot: ${shot})`;
    throw e;
  } finally {
    await context.close();
  }
});

e2e('the plan screens open from their own address and from a pre-rendered step page', async ({ page, base }) => {
  await completeIntake(page, base, 'landgemeinde', { name: 'Linkdorf' });
  // Opened directly (a bookmark, a link in an e-mail).
  for (const [hash, heading] of [['#/aufgaben', 'Meine Aufgaben'], ['#/ueberpruefung', 'Zwischenstände und Ziele']]) {
    await page.goto(`${base}/${hash}`);
    await waitForScreen(page);
    await expectHeading(page, heading);
    assert.equal(page.url(), `${base}/${hash}`);
  }
  // A step's pre-rendered page, then the header's link once the app has taken over.
  await page.goto(`${base}/schritt-${STEP}.html`);
  await page.waitForSelector(`${APP} #zustaendig-${STEP}`);
  const title = (await page.locator('main h1').textContent()).trim();
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Meine Aufgaben' }).click();
  await expectHeading(page, 'Meine Aufgaben');
  await page.waitForURL(`${base}/#/aufgaben`);
  // Back to the step, by the browser's back button.
  await page.goBack();
  await expectHeading(page, title);
  assert.match(page.url(), stepAddress(STEP));
  // An old-style link that names the screen on a step page: that screen, at its address.
  await page.goto(`${base}/schritt-${STEP}.html#/ueberpruefung`);
  await waitForScreen(page);
  await expectHeading(page, 'Zwischenstände und Ziele');
  await page.waitForURL(`${base}/#/ueberpruefung`);
});
