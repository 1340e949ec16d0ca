// The search field in the header (issue 16), as a new user tries it in Chromium: `/`
// focuses it, hits as you type (German-aware), the path marks, arrow keys, Enter, Escape,
// the live count, one's own notes, the places hits open; axe on the open results.
// Firefox ESR: firefox.test.mjs. The single file and offline: offline.test.mjs.

import assert from 'node:assert/strict';
import {
  APP,
  axe,
  completeIntake,
  describeViolations,
  e2eSuite,
  expectHeading,
  goToScreen,
  gotoApp,
  overview,
  stepAddress,
  until,
  waitForSaved,
} from './support.mjs';

const suite = e2eSuite();
const e2e = suite.e2e;

const FIELD = '#suchfeld';
const PANEL = '#suchergebnisse';

/** The id of the focused element. */
const focused = (page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Types `query` into the empty field and waits until the list is for it; returns the hits. */
async function search(page, query) {
  await page.locator(FIELD).fill('');
  await page.locator(FIELD).pressSequentially(query);
  await page.locator(`${PANEL} .search-count`, { hasText: `„${query}“` }).waitFor();
  return hits(page);
}

/** The hits listed now: kind, title, chapter, snippet, path and link. */
function hits(page) {
  return page.locator(`${PANEL} a.search-hit`).evaluateAll((links) =>
    links.map((a) => {
      const part = (c) => a.querySelector(`.${c}`)?.textContent.trim() ?? null;
      return {
        id: a.id,
        kind: part('hit-kind'),
        title: part('hit-title'),
        chapter: part('hit-chapter'),
        snippet: part('hit-snippet'),
        path: part('hit-path'),
        marked: [...a.querySelectorAll('mark')].map((m) => m.textContent),
        href: a.getAttribute('href'),
      };
    }),
  );
}

/** The text of the search's live region, once it is `expected`. */
const announced = (page, expected) =>
  until('the live count', () => page.locator('#suche [role=status]').textContent(), (t) => t === expected);

e2e('`/` focuses the field; „buergerrat“ lists the Bürgerrat step first, marked; Enter opens it', async ({ page, base }) => {
  await gotoApp(page, base, '#/');
  const field = page.getByRole('search').getByLabel('Im Leitfaden suchen');
  assert.equal(await field.getAttribute('aria-keyshortcuts'), '/');
  assert.match(await field.getAttribute('placeholder'), /Taste \//, 'the placeholder names the shortcut');
  await page.keyboard.press('/');
  assert.equal(await focused(page), 'suchfeld', '/ moves focus to the field');
  assert.equal(await field.inputValue(), '', 'the / is not typed');

  await page.keyboard.type('buergerrat');
  await page.locator(`${PANEL} .search-count`, { hasText: '„buergerrat“' }).waitFor();
  const found = await hits(page);
  assert.equal(found[0].kind, 'Schritt');
  assert.equal(found[0].title, 'Einen Bürgerrat per Los einberufen');
  assert.deepEqual(found[0].marked, ['Bürgerrat'], 'the matched word is marked');
  assert.match(found[0].chapter, /^Kapitel \d · /);
  assert.equal(found[0].path, null, 'before the intake no step is said to be off the path');
  // The same hits for every spelling.
  for (const q of ['Bürgerrat', 'BÜRGERRAT']) {
    assert.deepEqual((await search(page, q)).map((h) => h.href), found.map((h) => h.href), q);
  }
  // The count is announced once typing pauses.
  const count = await page.locator(`${PANEL} .search-count`).textContent();
  const n = count.match(/^(\d+) Treffer/)[1];
  await announced(page, `${n} Treffer`);

  await page.keyboard.press('Enter');
  await expectHeading(page, 'Einen Bürgerrat per Los einberufen');
  await page.waitForURL(stepAddress('buergerrat-losverfahren'));
  assert.equal(await page.locator(PANEL).isHidden(), true, 'the list closes');
  assert.equal(await focused(page), '', 'focus is on the heading');
  assert.equal(await page.evaluate(() => document.activeElement === document.querySelector('main h1')), true);
});

e2e('„Vorhabensliste“ finds the Vorhabenliste; a word of nothing says „Keine Treffer“', async ({ page, base }) => {
  await gotoApp(page, base, '#/');
  await page.locator(FIELD).focus();
  const found = await search(page, 'Vorhabensliste');
  assert.equal(found[0].title, 'Eine Vorhabenliste erproben');
  assert.deepEqual(found[0].marked, ['Vorhabenliste']);
  const kinds = new Set(found.map((h) => h.kind));
  for (const k of ['Schritt', 'Arbeitshilfe', 'Beispiel', 'Begriff']) assert.ok(kinds.has(k), `a ${k} is listed: ${[...kinds]}`);
  // Compound parts and inflections.
  assert.ok((await search(page, 'Beteiligung')).some((h) => h.marked.includes('Bürgerbeteiligung')), 'Beteiligung finds Bürgerbeteiligung');
  const beschluss = await search(page, 'Beschluss');
  assert.ok(beschluss.some((h) => h.marked.some((m) => /^(Beschlüsse|Ratsbeschluss)/.test(m))), JSON.stringify(beschluss.map((h) => h.marked)));

  await search(page, 'Zwxqvb');
  assert.equal(await page.locator(`${PANEL} .search-count`).textContent(), 'Keine Treffer für „Zwxqvb“');
  await announced(page, 'Keine Treffer');
  assert.equal(await page.locator(`${PANEL} a.search-hit`).count(), 0);
});

e2e('arrow keys move through the hits, Escape closes and returns focus, a second Escape empties the field', async ({ page, base }) => {
  await gotoApp(page, base, '#/');
  await page.locator(FIELD).focus();
  const found = await search(page, 'Beteiligung');
  assert.ok(found.length >= 3, `several hits: ${found.length}`);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), 'treffer-0');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), 'treffer-1');
  await page.keyboard.press('End');
  assert.equal(await focused(page), `treffer-${found.length - 1}`);
  await page.keyboard.press('Home');
  assert.equal(await focused(page), 'treffer-0');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(page), 'suchfeld', 'up from the first hit is the field');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(page), `treffer-${found.length - 1}`, 'up from the field is the last hit');

  await page.keyboard.press('Escape');
  assert.equal(await focused(page), 'suchfeld', 'Escape returns focus to the field');
  assert.equal(await page.locator(PANEL).isHidden(), true, 'and closes the list');
  assert.equal(await page.locator(FIELD).inputValue(), 'Beteiligung', 'the query stays');
  // Down opens the list again.
  await page.keyboard.press('ArrowDown');
  await page.locator(`${PANEL} a.search-hit`).first().waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator(FIELD).inputValue(), '', 'the second Escape empties the field');

  // A click elsewhere closes the list; Tab out of the search closes it too.
  await search(page, 'Beteiligung');
  // The list lies over part of the page, as a drop-down does; the user clicks the page
  // where it shows: the bottom left corner of the window, which the list does not cover.
  const corner = await page.evaluate(() => {
    const [x, y] = [8, window.innerHeight - 8];
    return { x, y, covered: !!document.elementFromPoint(x, y)?.closest('.site-search') };
  });
  assert.equal(corner.covered, false, 'the corner shows the page, not the list');
  await page.mouse.click(corner.x, corner.y);
  assert.equal(await page.locator(PANEL).isHidden(), true, 'a click outside closes the list');
  await page.locator(FIELD).click();
  await page.locator(`${PANEL} a.search-hit`).first().waitFor({ state: 'visible' });
  const outside = await page.evaluate(() => {
    const links = [...document.querySelectorAll('.site-header nav a')];
    links[0].focus();
    return document.activeElement === links[0];
  });
  assert.ok(outside);
  assert.equal(await page.locator(PANEL).isHidden(), true, 'focus leaving the search closes the list');
});

e2e('axe finds nothing with the results open, and the landmark has its label', async ({ page, base }) => {
  await completeIntake(page, base, 'landgemeinde');
  await page.locator(FIELD).focus();
  await search(page, 'Beteiligung');
  await announced(page, (await page.locator(`${PANEL} .search-count`).textContent()).split(' für ')[0]);
  assert.equal(await page.getByRole('search').count(), 1, 'one search landmark');
  const violations = await axe(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  // With a hit focused too.
  await page.keyboard.press('ArrowDown');
  const again = await axe(page);
  assert.deepEqual(again, [], describeViolations(again));
});

e2e('a step hidden for the profile is marked „nicht auf Ihrem Weg“ and still opens', async ({ page, base }) => {
  await completeIntake(page, base, 'landgemeinde');
  const { onPath, hidden } = await overview(page, base);
  assert.ok(hidden.length > 0, 'the Landgemeinde has hidden steps');
  const title = await page.locator('.hidden-steps li a').first().textContent();
  await page.locator(FIELD).focus();
  const found = await search(page, title.trim());
  const hit = found.find((h) => h.kind === 'Schritt' && h.title === title.trim());
  assert.ok(hit, `the hidden step is listed: ${JSON.stringify(found.slice(0, 3))}`);
  assert.equal(hit.path, 'nicht auf Ihrem Weg');
  // A step on the path says so.
  const shown = await search(page, onPath[0].title);
  assert.equal(shown.find((h) => h.title === onPath[0].title)?.path, 'auf Ihrem Weg');
  // The hidden step opens, with its reason as always.
  await search(page, title.trim());
  await page.locator(`#${hit.id}`).click();
  await expectHeading(page, title.trim());
  await page.waitForURL(stepAddress(hidden[0].id));
  await page.getByText('Dieser Schritt ist für Ihr Profil ausgeblendet.', { exact: false }).waitFor();
});

e2e('a word from one’s own note finds that step; the hit opens the note; `/` types in the note', async ({ page, base }) => {
  await completeIntake(page, base, 'landgemeinde');
  await page.getByRole('link', { name: 'Zum ersten Schritt' }).click();
  const title = await expectHeading(page, /./);
  const note = page.getByLabel('Ihre Notizen zu diesem Schritt');
  await note.click();
  await page.keyboard.type('Termin mit Frau Okonkwo am Zwiebelmarkt / Rathaus');
  assert.equal(await note.inputValue(), 'Termin mit Frau Okonkwo am Zwiebelmarkt / Rathaus', '/ in a text field is typed, not a shortcut');
  assert.match(await focused(page), /^notiz-/);
  await waitForSaved(page, (p) => Object.values(p.steps).some((e) => e.note.includes('Zwiebelmarkt')), 'the note');

  await goToScreen(page, base, '#/uebersicht');
  await page.keyboard.press('/');
  const found = await search(page, 'zwiebelmarkt');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].kind, 'Ihre Notiz');
  assert.equal(found[0].title, title);
  assert.deepEqual(found[0].marked, ['Zwiebelmarkt']);
  assert.equal(found[0].path, 'auf Ihrem Weg');
  await page.keyboard.press('Enter');
  await expectHeading(page, title);
  const noteId = await note.getAttribute('id');
  await until('focus on the note', () => focused(page), (id) => id === noteId);

  // An edited note is searched as it is now.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Nur noch Kartoffelfest');
  await waitForSaved(page, (p) => Object.values(p.steps).some((e) => e.note === 'Nur noch Kartoffelfest'), 'the new note');
  await page.locator(FIELD).focus();
  assert.equal((await search(page, 'Zwiebelmarkt')).length, 0, 'the old word is gone');
  assert.equal((await search(page, 'Kartoffelfest'))[0]?.kind, 'Ihre Notiz');
});

e2e('a link to a place, opened in a new tab, lands on that place once the app has taken over', async ({ page, base }) => {
  await gotoApp(page, base, '#/');
  await page.locator(FIELD).focus();
  const aid = (await search(page, 'Vorhabenliste')).find((h) => h.kind === 'Arbeitshilfe');
  assert.match(aid.href, /^#\/schritt\/[^?]+\?anker=arbeitshilfe-/);
  // A fresh tab: the app builds its screen behind the pre-rendered page, then shows it.
  const fresh = await page.context().newPage();
  try {
    await fresh.goto(`${base}/${aid.href}`);
    await fresh.locator(`${APP} details[open] > summary:focus`).waitFor();
    assert.match(await fresh.locator('details[open] > summary:focus').textContent(), /Vorhabenliste/);
  } finally {
    await fresh.close();
  }
});

e2e('Arbeitshilfen, terms and sources open where they stand, focused', async ({ page, base }) => {
  await gotoApp(page, base, '#/');
  await page.locator(FIELD).focus();
  // An Arbeitshilfe: its step, the Arbeitshilfe opened.
  let found = await search(page, 'Vorhabenliste');
  const aid = found.find((h) => h.kind === 'Arbeitshilfe');
  assert.match(aid.href, /^#\/schritt\/[^?]+\?anker=arbeitshilfe-/);
  await page.locator(`#${aid.id}`).click();
  await page.locator(`${APP} details[open] > summary:focus`).waitFor();
  assert.match(await page.locator('details[open] > summary:focus').textContent(), /Vorhabenliste/);
  // A term: „Über diesen Leitfaden“, the term focused.
  await page.locator(FIELD).focus();
  found = await search(page, 'Vorhabenliste');
  const term = found.find((h) => h.kind === 'Begriff');
  await page.locator(`#${term.id}`).click();
  await expectHeading(page, 'Über diesen Leitfaden');
  await page.locator('.glossary dt:focus').waitFor();
  assert.equal((await page.locator('.glossary dt:focus').textContent()).trim(), 'Vorhabenliste');
  // A source, on the same screen: focus moves to it.
  await page.locator(FIELD).focus();
  found = await search(page, 'Brandis');
  const source = found.find((h) => h.kind === 'Quelle');
  assert.ok(source, JSON.stringify(found.map((h) => h.kind)));
  await page.locator(`#${source.id}`).click();
  await page.locator('.all-sources li:focus').waitFor();
  assert.match(await page.locator('.all-sources li:focus').textContent(), new RegExp(source.title));
  assert.equal(await page.locator(PANEL).isHidden(), true);
});
