/**
 * The administrator's workspace (issue 14): the working calendar of next
 * year loaded from the file calendar:load reads (the readiness warning goes),
 * a user created and their password reset (forced change at the next sign-in),
 * a user's role changed among those their organisation's kind allows,
 * a caseworker who still holds a file refused deactivation until the work is
 * handed over; the directory, the jurisdictions and the audit verification
 * (run by the worker, the page polling until it is finished).
 * Its own county (富民县): no other spec's lists change.
 */
import { TEST_TODAY } from '../../../test/support/clock.js';
import { api, openAs, organisationId, pick, policeHandover, tokenOf } from './support/api.js';
import { checkPage, expect, test } from './support/test.js';
import { USERS } from './support/users.js';

const COUNTY = '530124'; // 富民县
const BUREAU = '富民县民政局';
const PASSWORD = 'Fumin-Bureau-Passphrase-26';
// "Next year" is the stack's (CLOCK_AT on TEST_TODAY), which readiness warns about.
const NEXT_YEAR = Number(TEST_TODAY.slice(0, 4)) + 1;

let bureauId: string;
const adminToken = () => tokenOf(USERS.admin.username, USERS.admin.password);

test.beforeAll(async () => {
  // Once per stack: a worker that starts again after a failed test finds it made.
  const admin = await adminToken();
  const found = await api<{ items: { id: string }[] }>('GET', `/organisations?q=${encodeURIComponent(BUREAU)}&within=${COUNTY}`, undefined, admin);
  bureauId = found.items[0]?.id ?? (await api<{ id: string }>('POST', '/organisations', { name: BUREAU, kind: 'civil_affairs_bureau', jurisdictionCode: COUNTY }, admin)).id;
});

test('an administrator loads next year’s working calendar from the file calendar:load reads, and the readiness warning goes away', async ({ page, request }) => {
  const calendarReadiness = async () => ((await (await request.get('/health/ready')).json()) as { details: { calendar: { warning?: string } } }).details.calendar;
  expect((await calendarReadiness()).warning).toContain(String(NEXT_YEAR));

  await openAs(page, 'admin', '/app/admin/calendar');
  await expect(page.getByTestId('calendar-missing')).toContainText(String(NEXT_YEAR));
  await checkPage(page, 'admin-calendar');
  // This year's seeded holidays by their Chinese name, not chinese-days' raw `New Year's Day,元旦,1`.
  await expect(page.locator('.admin-days').getByText('元旦', { exact: true }).first()).toBeVisible();
  await expect(page.getByText("New Year's Day", { exact: false })).toHaveCount(0);

  // Typed in, a 调休 working day on a Monday is refused on its field.
  await page.getByRole('button', { name: '添加一行 · 调休上班日（周六或周日）' }).click();
  await page.getByLabel('日期 1').fill(`${NEXT_YEAR}-01-04`);
  await page.getByLabel('名称 1').fill('元旦调休');
  await page.getByRole('button', { name: '载入', exact: true }).click();
  await expect(page.getByText('调休上班日须为周六或周日')).toBeVisible();

  // The file replaces what was typed.
  // Next year stays loaded for the rest of the suite (the readiness warning is about next year, and no route unloads
  // a year), and the specs beside and after this one count working days into it (a referral's accept-by, the working
  // days left). So its days off and 调休 lie in autumn, at least nine months after TEST_TODAY whichever day it is,
  // where no other spec's dates reach: every working day they count is the same whether this test ran first or not.
  const schedule = {
    year: NEXT_YEAR,
    holidays: [
      { date: `${NEXT_YEAR}-10-01`, name: '国庆节' },
      { date: `${NEXT_YEAR}-10-04`, name: '国庆节' },
      { date: `${NEXT_YEAR}-10-05`, name: '国庆节' },
    ],
    workdays: [{ date: `${NEXT_YEAR}-09-26`, name: '国庆节调休' }],
  };
  await page
    .getByLabel('上传 JSON 文件（与 calendar:load 相同格式）')
    .setInputFiles({ name: `${NEXT_YEAR}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(schedule)) });
  await expect(page.getByText(`已读取文件：${NEXT_YEAR} 年，3 个节假日，1 个调休上班日`)).toBeVisible();
  await page.getByRole('button', { name: '载入', exact: true }).click();
  await expect(page.getByText(`已载入 ${NEXT_YEAR} 年：3 个节假日，1 个调休上班日`)).toBeVisible();
  await expect(page.getByTestId('calendar-complete')).toBeVisible();
  await expect(page.getByTestId('calendar-missing')).toHaveCount(0);
  await expect(page.getByText('国庆节调休')).toBeVisible();
  expect((await calendarReadiness()).warning).toBeUndefined();
});

test('an administrator creates a user and resets the password: the user must change it at the next sign-in', async ({ page }) => {
  // One's own account is another administrator's to deactivate or re-role (the API answers 422 OWN_ACCOUNT).
  await openAs(page, 'admin', `/app/admin/users?q=${USERS.admin.username}`);
  const own = page.getByRole('row', { name: new RegExp(`${USERS.admin.username.replace('.', '\\.')}\\b`) });
  await expect(own.getByRole('button', { name: `重置密码 ${USERS.admin.username}` })).toBeVisible();
  await expect(own.getByRole('button', { name: /停用|更改角色/ })).toHaveCount(0);

  await page.goto('/app/admin/users');
  await checkPage(page, 'admin-users');
  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名', { exact: true }).fill('fumin.new');
  await dialog.getByLabel('姓名', { exact: true }).fill('孙悦');
  await dialog.getByRole('combobox', { name: '机构', exact: true }).fill('富民县');
  await page.locator('.ant-select-item-option', { hasText: BUREAU }).click();
  await pick(page, '角色', '民政个案工作者');
  await dialog.getByLabel('初始密码').fill(PASSWORD);
  await dialog.getByRole('button', { name: '提交' }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.getByRole('row', { name: /fumin\.new/ });
  await expect(row).toContainText('孙悦');
  await expect(row).toContainText(BUREAU);

  await row.getByRole('button', { name: '重置密码 fumin.new' }).click();
  await page.getByRole('dialog').getByLabel('新密码').fill('Reset-For-Fumin-Pass-77');
  await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
  await expect(page.getByRole('status')).toContainText('已重置 孙悦 的密码');
  await expect(row).toContainText('须修改密码');

  // The user signs in with the password the administrator set: nothing but the change is open to them.
  await page.context().clearCookies();
  await page.goto('/app/login');
  await page.getByLabel('用户名').fill('fumin.new');
  await page.getByLabel('密码').fill('Reset-For-Fumin-Pass-77');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/app\/password$/);
  await expect(page.getByText('管理员已重置您的密码')).toBeVisible();
});

test('an administrator changes a user’s role, choosing among the roles of the user’s organisation', async ({ page }) => {
  await api('POST', '/users', { username: 'fumin.promoted', displayName: '周敏', role: 'caseworker', organisationId: bureauId, password: PASSWORD }, await adminToken());
  await openAs(page, 'admin', '/app/admin/users?q=fumin.promoted');
  const row = page.getByRole('row', { name: /fumin\.promoted/ });
  await row.getByRole('button', { name: '更改角色 fumin.promoted' }).click();
  const dialog = page.getByRole('dialog');
  await checkPage(page, 'admin-user-role');
  await dialog.getByRole('combobox', { name: '新角色', exact: true }).click();
  // A bureau's users: caseworkers, supervisors and administrators, never a school's or the police's roles.
  const options = page.locator('.ant-select-dropdown').filter({ visible: true }).locator('.ant-select-item-option');
  await expect(options).toHaveText(['民政个案工作者', '民政主管', '系统管理员']);
  await options.filter({ hasText: '民政主管' }).click();
  await dialog.getByRole('button', { name: '提交' }).click();
  await expect(page.getByRole('status')).toContainText('已将 周敏 的角色改为民政主管');
  await expect(row).toContainText('民政主管');
});

test('deactivating a caseworker who still holds a file is refused until the work is handed over to a colleague', async ({ page, request }) => {
  const admin = await adminToken();
  const user = (username: string, displayName: string) => api('POST', '/users', { username, displayName, role: 'caseworker', organisationId: bureauId, password: PASSWORD }, admin);
  await user('fumin.leaving', '张丽');
  await user('fumin.taking', '刘洋');
  const leaving = await tokenOf('fumin.leaving', PASSWORD);
  const handedOver = await policeHandover(
    leaving,
    { name: '杨小芳', sex: 'female', birthDate: '2014-05-01', identityStatus: 'claimed' },
    { police: await organisationId(request, 'public_security'), caseNumber: 'FM-2026-001', placeCode: COUNTY },
  );

  await openAs(page, 'admin', '/app/admin/users?q=fumin.leaving');
  const row = page.getByRole('row', { name: /fumin\.leaving/ });
  await row.getByRole('button', { name: '停用 fumin.leaving' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '停用' }).click();
  await expect(dialog.getByRole('alert')).toContainText('张丽 仍负责 1 份未结档案');
  await expect(row).toContainText('在岗');

  await dialog.getByRole('button', { name: '移交工作' }).click();
  await expect(page.getByRole('dialog')).toContainText('仍负责 1 份未结档案');
  await pick(page, '接手人（同一机构的在岗个案工作者或主管）', '刘洋');
  await page.getByRole('dialog').getByLabel('移交原因').fill('调岗');
  await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
  await expect(page.getByRole('status')).toContainText('已移交 1 份档案');

  await row.getByRole('button', { name: '停用 fumin.leaving' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '停用' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(row).toContainText('已停用');
  // The colleague now holds the file.
  const file = await api<{ responsibleCaseworker: { displayName: string } | null }>('GET', `/files/${handedOver.id}`, undefined, await tokenOf('fumin.taking', PASSWORD));
  expect(JSON.stringify(file)).toContain('刘洋');
});

test('the directory, the jurisdictions and the audit verification', async ({ page }) => {
  await openAs(page, 'admin', '/app/admin/organisations?q=富民县');
  // An administrator reaches no file: the administration and the review of emergency accesses, no files list.
  await expect(page.getByRole('navigation', { name: '导航', exact: true }).getByRole('link')).toHaveText(['工作台', '紧急访问', '系统管理']);
  await expect(page.getByRole('row', { name: new RegExp(BUREAU) })).toContainText('民政局');
  await checkPage(page, 'admin-organisations');

  await page.getByRole('link', { name: '行政区划' }).click();
  const tree = page.locator('.admin-tree');
  await tree.locator('.ant-tree-treenode', { hasText: '云南省 530000' }).locator('.ant-tree-switcher').click();
  await tree.locator('.ant-tree-treenode', { hasText: '昆明市 530100' }).locator('.ant-tree-switcher').click();
  await expect(tree.getByText('富民县 530124')).toBeVisible();
  await checkPage(page, 'admin-jurisdictions');

  await page.getByRole('link', { name: '审计' }).click();
  await page.getByRole('button', { name: '立即校验' }).click();
  // The worker runs it: queued or running at first, then the page (polling) shows what it found and who asked.
  await expect(page.getByTestId('audit-verification')).toHaveAttribute('data-status', 'finished');
  await expect(page.getByTestId('audit-verification')).toContainText('完整');
  await expect(page.getByTestId('audit-verification')).toContainText(/发起，.+开始，.+完成/);
  await expect(page.getByTestId('audit-verifications').getByRole('listitem').first()).toContainText('完整');
  await expect(page.getByRole('link', { name: '紧急访问审查' })).toBeVisible();
  await expect(page.getByRole('link', { name: '队列监控面板' })).toHaveAttribute('href', '/admin/queues');
  await checkPage(page, 'admin-audit');
});
