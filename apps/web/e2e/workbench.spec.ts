/**
 * 工作台 in the browser: a due reminder shows its whole Chinese title (its
 * halves hold ` / ` of their own) and acknowledging it takes it off the
 * unread count; a file transferred from another county waits on the
 * receiving bureau's workbench until accepted; the supervisor sees the
 * overdue follow-ups; a files list with a file in care passes axe (the state
 * tags' colours); 我的个案 puts the file whose household registration day
 * has passed first, then a referral's deadline. Its people and files are its
 * own, in 盘龙区 and 嵩明县 (set up through the API), so its counts are its own
 * and the other specs' pages stay as seeded.
 */
import { residentId } from '../../../test/support/case-fixtures.js';
import { TEST_TODAY } from '../../../test/support/clock.js';
import { addDays } from '#app/platform';
import { api, dueReminder, countyTeam, tokenOf, policeHandover, ownPeople } from './support/api.js';
import { checkPage, expect, signIn, test } from './support/test.js';

const PASSWORD = 'Workbench-Spec-Passphrase-6';

const who = ownPeople(PASSWORD, {
  caseworker: ['pl.cw', '何芸'],
  supervisor: ['pl.sv', '段明'],
  receiver: ['sm.cw', '杨帆'],
});
const ids = { police: '', institution: '', songming: '', legalAid: '' };

/** An adult handed over by the police to 盘龙区 (the caseworker's bureau). */
const handover = (token: string, name: string, serial: string) =>
  policeHandover(
    token,
    { name, sex: 'male', idNumber: residentId('530103', '19800101', serial), identityStatus: 'confirmed' },
    { police: ids.police, caseNumber: `WB-2026-${serial}`, handoverDate: addDays(TEST_TODAY, -3), placeCode: '530103' },
  );

/** A step that needs a supervisor: asked by the caseworker, approved by the supervisor. */
async function approvedStep(file: { id: string; version: number }, event: string, payload: Record<string, unknown>): Promise<void> {
  const caseworker = await tokenOf(who.caseworker.username, PASSWORD);
  const asked = await api<{ outcome: string; approval: { id: string } }>('POST', `/files/${file.id}/transitions`, { event, expectedVersion: file.version, payload }, caseworker);
  expect(asked.outcome).toBe('approval_requested');
  await api('POST', `/approvals/${asked.approval.id}/approve`, { reason: '同意' }, await tokenOf(who.supervisor.username, PASSWORD));
}

test.beforeAll(async () => {
  ({
    police: ids.police,
    institution: ids.institution,
    songming: ids.songming,
    legalAid: ids.legalAid,
  } = await countyTeam(
    { code: '530103', bureau: '盘龙区民政局' },
    {
      organisations: {
        police: ['盘龙公安分局', 'public_security'],
        institution: ['盘龙区救助站', 'assistance_institution'],
        songming: ['嵩明县民政局', 'civil_affairs_bureau', '530127'],
        legalAid: ['盘龙区法律援助中心', 'legal_aid_centre'],
      },
      people: [
        [who.caseworker, 'caseworker'],
        [who.supervisor, 'supervisor'],
        [who.receiver, 'caseworker', 'songming'],
      ],
    },
  ));
});

test('a due reminder shows its whole title in Chinese; acknowledging it takes it off the unread count', async ({ page }) => {
  const reference = 'WB-2026-0093';
  await signIn(page, who.caseworker);
  await page.goto('/app/');
  const badge = page.getByTestId('unread-count');
  await expect(badge).toHaveAttribute('data-live', 'true');
  // Nothing yet in this caseworker's inbox.
  await expect(badge).toHaveText('0');

  // Titled as libs/followup titles a visit (both halves).
  await dueReminder(who.caseworker.username, 'followup_visit', `跟踪回访 1/3：档案 ${reference} / follow-up visit 1 of 3, file ${reference}`);
  await expect(badge).toHaveText('1', { timeout: 10_000 });
  const item = page.getByRole('listitem').filter({ hasText: reference });
  await expect(item).toContainText(`到期提醒：跟踪回访 1/3：档案 ${reference}`);
  await expect(item).not.toContainText('follow-up visit');
  await expect(item).toContainText(`到期时间 ${addDays(TEST_TODAY, -1)} 10:00`);
  await checkPage(page, 'workbench');

  await item.getByRole('button', { name: '确认' }).click();
  await expect(badge).toHaveText('0');
  await expect(item.getByRole('button', { name: '确认' })).toHaveCount(0);

  // The supervisor of the county sees what is overdue there (the reminder, acknowledged, no longer is).
  await signIn(page, who.supervisor);
  await page.goto('/app/');
  await expect(page.getByRole('heading', { name: '逾期未处理的跟踪事项' })).toBeVisible();
  await checkPage(page, 'workbench-supervisor');
});

test('a file transferred from another county waits on the receiving bureau’s workbench until accepted', async ({ page }) => {
  const file = await handover(await tokenOf(who.caseworker.username, PASSWORD), '罗成', '255');
  await approvedStep(file, 'transfer', { toOrganisationId: ids.songming, reason: '本人户籍在嵩明县' });

  await signIn(page, who.receiver);
  await page.goto('/app/');
  const panel = page.locator('section', { has: page.getByRole('heading', { name: '待接收的转入个案' }) });
  const item = panel.getByRole('listitem').filter({ hasText: file.reference });
  await expect(item).toContainText('罗成');
  await expect(item).toContainText('本人户籍在嵩明县');
  await checkPage(page, 'workbench-transfers');

  await item.getByRole('button', { name: '接收' }).click();
  await expect(item).toHaveCount(0);
  await page.goto('/app/files');
  await expect(page.getByRole('link', { name: file.reference })).toBeVisible();
});

test('the files list with a file in care passes axe (the state tags are legible)', async ({ page }) => {
  const file = await handover(await tokenOf(who.caseworker.username, PASSWORD), '施永福', '277');
  await approvedStep(file, 'place_in_institution', { institutionId: ids.institution, fromDate: TEST_TODAY, reason: '需要临时庇护' });

  await signIn(page, who.caseworker);
  await page.goto('/app/files');
  await expect(page.locator('[data-state="in_care"]').first()).toHaveText('安置中');
  await checkPage(page, 'files-in-care');
});

test('my files: the next thing due on each, the overdue first — the household registration day (R11), then a referral to accept (R18)', async ({ page }) => {
  const caseworker = await tokenOf(who.caseworker.username, PASSWORD);
  // R11: a woman the station took in 95 days ago, identity unknown: her 90th day has passed.
  const found = await api<{ file: { id: string; reference: string } }>(
    'POST',
    '/intake/discoveries',
    {
      person: { name: '无名氏', sex: 'female', identityStatus: 'unknown', birthDateRange: { from: '1990-01-01', to: '1995-12-31' } },
      discovery: { discoveredOn: addDays(TEST_TODAY, -95), placeCode: '530103', institutionId: ids.institution, circumstances: '在街头徘徊，由救助站接回。' },
    },
    caseworker,
  );
  // R18: green-channel legal aid, to be accepted within 3 working days.
  const referred = await handover(caseworker, '邓志强', '299');
  await api('POST', `/files/${referred.id}/referrals`, { kind: 'legal_aid', organisationId: ids.legalAid, purpose: '追索劳动报酬', send: true }, caseworker);
  // The worker starts her clock when her file opens.
  await expect
    .poll(async () => (await api<{ items: { id: string; nextDue: unknown }[] }>('GET', '/me/files', undefined, caseworker)).items[0]?.id, { timeout: 30_000 })
    .toBe(found.file.id);

  await signIn(page, who.caseworker);
  await page.goto('/app/');
  const panel = page.locator('section', { has: page.getByRole('heading', { name: '我的个案' }) });
  const items = panel.getByRole('listitem');
  await expect(items.first()).toContainText(found.file.reference);
  await expect(items.first()).toContainText(`下一事项：户籍登记，${addDays(TEST_TODAY, -5)} 到期`);
  await expect(items.first().getByText('已逾期')).toBeVisible();
  await expect(items.nth(1)).toContainText(referred.reference);
  await expect(items.nth(1)).toContainText('下一事项：转介待接收');
  await expect(items.nth(1).getByText('已逾期')).toHaveCount(0);
  await checkPage(page, 'workbench-my-files');
});
