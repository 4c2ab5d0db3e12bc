/**
 * 审批 and 紧急访问 in the browser, and the live inbox: a supervisor approves
 * one request and rejects another with a reason (four eyes: a caseworker
 * asked, through the API); breaks the glass on a file of another county and
 * sees the banner with the time left, which the city's supervisor then
 * reviews; a reminder the worker delivers updates the workbench badge
 * without a reload (Server-Sent Events). Its people and files are its own,
 * in 官渡区 and 宜良县 (set up through the API), so its counts are its own and
 * the other specs' pages stay as seeded.
 */
import { residentId } from '../../../test/support/case-fixtures.js';
import { TEST_TODAY } from '../../../test/support/clock.js';
import { addDays } from '#app/platform';
import { api, dueReminder, countyTeam, tokenOf, policeHandover, ownPeople } from './support/api.js';
import { checkPage, expect, signIn, test } from './support/test.js';

const BASE = () => process.env.HUIJIA_E2E_BASE_URL!;
const PASSWORD = 'Approvals-Spec-Passphrase-9';

/** An adult handed over by the police to the bureau of `token`'s user. */
const handover = (token: string, police: string, name: string, serial: string, placeCode = '530111') =>
  policeHandover(
    token,
    { name, sex: 'male', idNumber: residentId(placeCode, '19800101', serial), identityStatus: 'confirmed' },
    { police, caseNumber: `AP-2026-${serial}`, handoverDate: addDays(TEST_TODAY, -3), placeCode },
  );

const who = ownPeople(PASSWORD, {
  caseworker: ['gd.cw', '孙丽'],
  supervisor: ['gd.sv', '周强'],
  reviewer: ['km.sv', '吴静'],
  // Of another county, 宜良县: the file the 官渡区 supervisor breaks the glass on is theirs.
  elsewhere: ['yl.cw', '钱进'],
});
let yiliangPolice: string;
let guanduPolice: string;
let institution: string;

test.beforeAll(async () => {
  ({ guanduPolice, institution, yiliangPolice } = await countyTeam(
    { code: '530111', bureau: '官渡区民政局' },
    {
      organisations: {
        guanduPolice: ['官渡公安分局', 'public_security'],
        institution: ['官渡区救助站', 'assistance_institution'],
        city: ['昆明市民政局', 'civil_affairs_bureau', '530100'],
        yiliang: ['宜良县民政局', 'civil_affairs_bureau', '530125'],
        yiliangPolice: ['宜良县公安局', 'public_security', '530125'],
      },
      people: [
        [who.caseworker, 'caseworker'],
        [who.supervisor, 'supervisor'],
        [who.reviewer, 'supervisor', 'city'],
        [who.elsewhere, 'caseworker', 'yiliang'],
      ],
    },
  ));
});

test('a supervisor approves one request and rejects another with a reason', async ({ page }) => {
  const caseworker = await tokenOf(who.caseworker.username, PASSWORD);
  const asks: string[] = [];
  for (const [name, serial] of [
    ['刘德顺', '215'],
    ['马文华', '237'],
  ] as const) {
    const file = await handover(caseworker, guanduPolice, name, serial);
    await api(
      'POST',
      `/files/${file.id}/transitions`,
      { event: 'place_in_institution', expectedVersion: file.version, payload: { institutionId: institution, fromDate: TEST_TODAY, reason: '需要临时庇护' } },
      caseworker,
    );
    asks.push(file.reference);
  }

  await signIn(page, who.supervisor);
  await page.goto('/app/');
  // The workbench card names the step in Chinese and leads to the page.
  const card = page.getByRole('region', { name: '待我审批' }).or(page.locator('section', { has: page.getByRole('heading', { name: '待我审批' }) }));
  await expect(card.getByRole('link', { name: '安置到救助机构' }).first()).toBeVisible();
  await card.getByRole('link', { name: '全部审批' }).click();
  await expect(page).toHaveURL(/\/app\/approvals$/);

  const first = page.getByRole('listitem').filter({ hasText: asks[0] });
  const second = page.getByRole('listitem').filter({ hasText: asks[1] });
  await expect(first.getByRole('heading', { name: '安置到救助机构' })).toBeVisible();
  await expect(first).toContainText(who.caseworker.displayName);
  await expect(first).toContainText('需要临时庇护');
  await checkPage(page, 'approvals');

  await first.getByRole('button', { name: '批准' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '批准' }).click();
  await expect(first.getByText('已批准')).toBeVisible();

  await second.getByRole('button', { name: '驳回' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '驳回' }).click();
  // The reason is required.
  await expect(dialog.getByText('请填写驳回理由')).toBeVisible();
  await dialog.getByLabel('驳回理由').fill('机构床位已满，请另选机构');
  await dialog.getByRole('button', { name: '驳回' }).click();
  await expect(second.getByText('已驳回')).toBeVisible();
  await expect(page.getByRole('button', { name: '批准' })).toHaveCount(0);
});

test('a supervisor breaks the glass on a file of another county; the banner shows the time left; the city reviews it', async ({ page, browser }) => {
  // A file of 宜良县: outside the 官渡区 supervisor's jurisdiction, under the same city.
  const elsewhere = await handover(await tokenOf(who.elsewhere.username, PASSWORD), yiliangPolice, '蒋德明', '259', '530125');

  await signIn(page, who.supervisor);
  await page.goto(`/app/emergency-access?fileId=${elsewhere.id}`);
  await expect(page.getByRole('heading', { name: '申请紧急访问' })).toBeVisible();
  await checkPage(page, 'emergency-access');
  await page.getByLabel('访问理由').fill('当事人在官渡区被发现，需立即核对宜良县档案');
  await page.getByRole('button', { name: '开启紧急访问' }).click();
  const banner = page.getByRole('status').filter({ hasText: '紧急访问生效中' });
  await expect(banner).toContainText(elsewhere.reference);
  await expect(banner).toContainText(/剩余 [34] 小时/);
  await page.goto('/app/');
  await expect(page.getByRole('status').filter({ hasText: '紧急访问生效中' })).toContainText(elsewhere.reference);

  // The level above (the city's supervisor) reviews it with a note.
  const reviewer = await browser.newContext({ baseURL: BASE(), locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
  const other = await reviewer.newPage();
  await signIn(other, who.reviewer);
  await other.goto('/app/emergency-access');
  const entry = other.getByRole('listitem').filter({ hasText: elsewhere.reference });
  await expect(entry).toContainText('当事人在官渡区被发现');
  await expect(entry).toContainText(who.supervisor.displayName);
  await checkPage(other, 'emergency-access-review');
  await entry.getByLabel('复核意见').fill('理由充分');
  await entry.getByRole('button', { name: '标记为已复核' }).click();
  await expect(other.getByText('暂无需复核的紧急访问')).toBeVisible();
  await other.getByText('全部', { exact: true }).click();
  await expect(other.getByRole('listitem').filter({ hasText: elsewhere.reference })).toContainText('理由充分');
  await reviewer.close();
});

test('a reminder the worker delivers updates the unread badge live, without a reload', async ({ page }) => {
  await signIn(page, who.caseworker);
  await page.goto('/app/');
  const badge = page.getByTestId('unread-count');
  await expect(badge).toHaveAttribute('data-live', 'true');
  // The caseworker's two requests, one approved and one rejected: two notices, nothing else.
  await expect(badge).toHaveText('2');

  await dueReminder(who.caseworker.username, 'other', '实时通知测试');
  // Well within the 30 s poll: the stream brought it.
  await expect(badge).toHaveText('3', { timeout: 10_000 });
});
