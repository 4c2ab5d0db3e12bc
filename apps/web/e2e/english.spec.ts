/**
 * English is a whole language of the app, not a half-translated one (WEB.md
 * §6): with English chosen, every page of the civil-affairs workspace and
 * every tab of a file shows no Chinese word of its own — Chinese on the page
 * must come from the data (names, places, the interview), which the API sent —
 * and no untranslated key; what is Chinese on purpose is marked `lang`. Form errors are shown in English too, legibly (axe
 * checks their contrast).
 */
import type { Page } from '@playwright/test';
import { addDays } from '#app/platform';
import { bornAged, TEST_TODAY } from '../../../test/support/clock.js';
import { apiAs, foundInCare, interviewedPerson, openAs, organisationNamed, reunifiedChild, tokenOf, userNamed } from './support/api.js';
import { checkPage, expect, test } from './support/test.js';
import { USERS } from './support/users.js';

/** The English spec's own legal aid centre and its lawyer: its inbox holds only what this spec sends it. */
const LEGAL_AID = '五华区第二法律援助中心';
const LAWYER = { username: 'e2e.english.legalaid', password: 'English-Legal-Aid-Pass-42' };

/**
 * The text of every API answer the page received, without `message` (a server message is bilingual; the page must pick its English half).
 * Bodies are read as they arrive and awaited when asked for: a response event fires on its headers, so a
 * list the page already shows may still be on its way into this record.
 */
function recordData(page: Page): () => Promise<string> {
  const bodies: Promise<string>[] = [];
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'message')
        .map(([key, inner]) => [key, strip(inner)]),
    );
  };
  page.on('response', (response) => {
    if (!(response.headers()['content-type'] ?? '').includes('application/json')) return;
    bodies.push(
      response
        .json()
        // The browser let go of the body (a navigation, its buffer full) although the page may show it: a read is asked again as the page asked it.
        .catch(async () => (response.request().method() === 'GET' ? (await page.request.fetch(response.request())).json() : undefined))
        .then(
          (body: unknown) => JSON.stringify(strip(body)),
          // Gone for good (the page navigated on, its login ended): its data is not on the page either.
          () => '',
        ),
    );
  });
  return async () => (await Promise.all(bodies)).join('\n');
}

/** The page, once loaded, holds no Chinese of its own and no untranslated key; then photographed and axe-checked as `en-<name>`. */
async function inEnglish(page: Page, data: () => Promise<string>, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
  expect(await untranslated(page, data), name).toEqual([]);
  await checkPage(page, `en-${name}`);
}

/** Chinese runs on the page that no API answer holds, and anything that looks like an i18n key left untranslated. */
async function untranslated(page: Page, data: () => Promise<string>): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  // What is marked as Chinese (the language switch names 简体中文 in itself) is meant to be.
  const text = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[lang^="zh"]')].reduce((rest, part) => rest.replace(part.innerText, ''), document.body.innerText),
  );
  // The data after the text: whatever the page showed had arrived (and is being read) by then.
  const received = await data();
  const chinese = [...new Set(text.match(/[\u3400-\u9fff]+/g) ?? [])].filter((run) => !received.includes(run));
  // A dotted word the API sent (a username such as e2e.wuhua.legalaid) is data, not a key.
  const keys = text.match(/\b[a-z]+(?:\.[a-zA-Z]+){1,}\b/g)?.filter((key) => !/^(?:e2e|www|huijia)\./.test(key) && !received.includes(key)) ?? [];
  return [...chinese, ...keys];
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('huijia.language', 'en'));
});

test('in English, the workbench, the files list and the intake form (with its field errors) hold no Chinese of their own', async ({ page }) => {
  const data = recordData(page);
  await openAs(page, 'caseworker', '/app/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await untranslated(page, data), 'workbench').toEqual([]);
  await checkPage(page, 'en-workbench');

  await page.goto('/app/files');
  await expect(page.getByRole('table')).toBeVisible();
  expect(await untranslated(page, data), 'files').toEqual([]);
  await checkPage(page, 'en-files');

  await page.goto('/app/intake');
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(page.locator('.ant-form-item-explain-error').first()).toBeVisible();
  expect(await untranslated(page, data), 'intake').toEqual([]);
  await checkPage(page, 'en-intake-errors');
});

test('in English, every tab of a reunified child’s file holds no Chinese of its own', async ({ page, request }) => {
  const id = await reunifiedChild(request, '杨雨欣');
  const data = recordData(page);
  await openAs(page, 'caseworker', `/app/files/${id}`);
  const tabs = page.getByRole('tab');
  await expect(tabs.first()).toBeVisible();
  const names = await tabs.allInnerTexts();
  expect(names.length).toBeGreaterThanOrEqual(7);
  for (const [index, name] of names.entries()) {
    await tabs.nth(index).click();
    await expect(tabs.nth(index)).toHaveAttribute('aria-selected', 'true');
    // The tab's code and data have arrived: no fallback, spinner or skeleton left in it.
    const panel = page.getByRole('tabpanel').filter({ visible: true });
    await expect(panel.getByText('Loading…')).toHaveCount(0);
    await expect(panel.locator('.ant-spin-spinning, .ant-skeleton')).toHaveCount(0);
    expect(await untranslated(page, data), name).toEqual([]);
    await checkPage(page, `en-file-tab-${index + 1}`);
  }
});

test('in English, a partner’s inbox and referral page (with its records), and the caseworker’s view of those records, hold no Chinese of their own', async ({ page, request }) => {
  const admin = await apiAs(request, 'admin');
  await userNamed(admin, { ...LAWYER, displayName: '钱律师' }, 'legal_aid_staff', await organisationNamed(admin, LEGAL_AID, 'legal_aid_centre', '530102'));
  const fileId = await interviewedPerson(request, '韩小雪', { birthDate: '1997-05-20', needs: ['legal_aid'], consents: {} });
  const caseworker = await apiAs(request, 'caseworker');
  const referral = await caseworker<{ id: string }>('POST', `/files/${fileId}/referrals`, {
    kind: 'legal_aid',
    organisationId: await organisationNamed(admin, LEGAL_AID, 'legal_aid_centre', '530102'),
    purpose: '追索被拖欠的劳动报酬',
    details: { matter: '劳动报酬' },
    send: true,
  });
  const centre = await apiAs(request, LAWYER);
  await centre('POST', `/referrals/${referral.id}/accept`);
  await centre('POST', `/referrals/${referral.id}/start`);
  await centre('POST', `/referrals/${referral.id}/legal-aid-steps`, { kind: 'consultation', takenOn: TEST_TODAY, note: '已提供法律咨询' });

  const data = recordData(page);
  await openAs(page, LAWYER, '/app/referrals');
  await expect(page.getByTestId('partner-inbox').getByRole('listitem')).toHaveCount(1);
  await inEnglish(page, data, 'partner-inbox');
  await page.goto(`/app/referrals/${referral.id}`);
  await expect(page.locator('.partner-kind-records')).toContainText('已提供法律咨询');
  await inEnglish(page, data, 'partner-referral');

  await openAs(page, 'caseworker', `/app/files/${fileId}?tab=referrals`);
  await expect(page.locator('.referral-records')).toContainText('已提供法律咨询');
  await inEnglish(page, data, 'file-tab-referrals-partner-records');
});

test('in English, the police’s handovers, DNA comparisons and household tasks, lists and pages, hold no Chinese of their own', async ({ page, request }) => {
  // In 安宁市, the police workspace's county: a handover the unit made, and a boy found 95 days ago whom civil affairs trace
  // (a comparison asked of the unit) and register (a household task raised to it, the application prepared).
  const police = await apiAs(request, 'police');
  const caseworker = await apiAs(request, 'anningCaseworker');
  const unit = (await caseworker<{ items: { id: string }[] }>('GET', `/organisations?kind=public_security&q=${encodeURIComponent('安宁市公安局')}`)).items[0].id;
  await police('POST', '/intake/police-handovers', {
    person: { name: '宋小刚', sex: 'male', birthDateRange: { from: bornAged(13), to: bornAged(12) }, identityStatus: 'claimed' },
    responsibleOrganisationId: (await caseworker<{ organisation: { id: string } }>('GET', '/me')).organisation.id,
    handover: {
      policeOrganisationId: unit,
      policeCaseNumber: 'AN-EN-001',
      handoverDate: TEST_TODAY,
      placeCode: '530181',
      materials: [{ item: '询问笔录' }],
      circumstances: '解救移交',
    },
    duplicateDecision: { action: 'new_person' },
  });
  const fileId = await foundInCare(await tokenOf(USERS.anningStaff.username, USERS.anningStaff.password), {
    daysAgo: 95,
    placeCode: '530181',
    person: { sex: 'male', aliases: [{ name: '小军', kind: 'childhood_name' }], birthDateRange: { from: bornAged(10), to: bornAged(8) } },
    remembers: '只记得小名叫小军。',
  });
  const { version, reference } = await caseworker<{ version: number; reference: string }>('GET', `/files/${fileId}`);
  await caseworker('POST', `/files/${fileId}/transitions`, { event: 'start_tracing', expectedVersion: version });
  const wanted = await caseworker<{ id: string }>('POST', '/tracing/requests', {
    names: [{ name: '小军', kind: 'childhood_name' }],
    sex: 'male',
    ageWhenMissing: 6,
    missingOn: addDays(TEST_TODAY, -3 * 365),
    missingPlaceCode: '530181',
    familyContact: { name: '宋建国', relation: '父亲', phone: '13800001111' },
  });
  const tracing = await caseworker<{ candidates: { items: { id: string; requestId: string }[] } }>('POST', `/files/${fileId}/tracing/match`);
  const candidate = tracing.candidates.items.find((item) => item.requestId === wanted.id)!;
  const comparison = await caseworker<{ id: string }>('POST', `/tracing/candidates/${candidate.id}/dna-comparison`, {
    policeOrganisationId: unit,
    policeReference: 'AN-EN-DNA-1',
    requestedOn: TEST_TODAY,
  });
  await expect.poll(async () => (await caseworker<{ status: string }>('GET', `/files/${fileId}/household-registration`).catch(() => null))?.status).toBe('raised');
  await caseworker('POST', `/files/${fileId}/household-registration/application`, {
    preparedOn: TEST_TODAY,
    documents: ['tracing_notice', 'institution_certificate', 'police_sampling_receipt'],
  });

  const data = recordData(page);
  // Each page shows this spec's own row, whatever else the unit has.
  for (const [path, name, own] of [
    ['/app/police/handovers', 'police-handovers', 'AN-EN-001'],
    ['/app/police/dna', 'police-dna', 'AN-EN-DNA-1'],
    [`/app/police/dna/${comparison.id}`, 'police-dna-comparison', 'AN-EN-DNA-1'],
    ['/app/police/household', 'police-household', reference],
    [`/app/police/household/${fileId}`, 'police-household-task', reference],
  ]) {
    await openAs(page, 'police', path);
    await expect(page.getByText(own).first()).toBeVisible();
    await inEnglish(page, data, name);
  }
});

test('in English, the administrator’s pages hold no Chinese of their own', async ({ page }) => {
  const data = recordData(page);
  for (const [path, name] of [
    ['/app/admin/users', 'admin-users'],
    ['/app/admin/organisations', 'admin-organisations'],
    ['/app/admin/jurisdictions', 'admin-jurisdictions'],
    ['/app/admin/calendar', 'admin-calendar'],
    ['/app/admin/audit', 'admin-audit'],
    ['/app/emergency-access', 'admin-emergency-access'],
  ]) {
    await openAs(page, 'admin', path);
    await inEnglish(page, data, name);
  }
});

test('in English, the year’s statistics — the report’s tables, the charts, who has reported — hold no Chinese of their own', async ({ page }) => {
  const data = recordData(page);
  await openAs(page, 'caseworker', '/app/statistics');
  await expect(page.getByTestId('stats-table-assistance')).toBeVisible();
  await expect(page.getByTestId('stats-chain')).toBeVisible();
  await inEnglish(page, data, 'statistics');
});
