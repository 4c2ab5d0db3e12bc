/**
 * 落户 (issue 13, page 5; R11): nobody found within the tracing period, a
 * file's household registration comes due by itself. The caseworker takes
 * the steps on the tab — the application with its documents, the police's
 * registration recorded for them (a child's needs their DNA database check
 * reference, C-3.7), social security — each with its deadline, the steps
 * not yet possible greyed with the API's reasons, the server's refusals on
 * their fields; the police unit's own registration shows there; a supervisor
 * excuses a registration with a reason. Data is set up through the API (the
 * person found so many days ago that the clock has run); the browser's
 * clock is the server's.
 */
import { bornAged, TEST_TODAY } from '../../../test/support/clock.js';
import { addDays } from '#app/platform';
import { api, foundInCare, openAs, organisationNamed, tokenOf, userNamed, withToken } from './support/api.js';
import { checkPage, expect, test } from './support/test.js';
import { USERS } from './support/users.js';

const PASSWORD = 'Household-Spec-Pass-6';
const STAFF = { username: 'hh.staff', displayName: '周敏', password: PASSWORD };
const POLICE = { username: 'hh.police', displayName: '段警官', password: PASSWORD };
const POLICE_UNIT = '昆明市公安局五华分局';

let staff: string;

test.beforeAll(async () => {
  const admin = withToken(await tokenOf(USERS.admin.username, USERS.admin.password));
  await userNamed(admin, STAFF, 'institution_staff', await organisationNamed(admin, '五华区救助管理站', 'assistance_institution', '530102'));
  await userNamed(admin, POLICE, 'police_liaison', await organisationNamed(admin, POLICE_UNIT, 'public_security', '530102'));
  staff = await tokenOf(STAFF.username, STAFF.password);
});

/** Someone found `daysAgo` days ago whose household registration task the worker's clock has opened. */
async function inCare(daysAgo: number, person: Record<string, unknown>): Promise<string> {
  const fileId = await foundInCare(staff, { daysAgo, person, remembers: '说不清家在哪里。' });
  const caseworker = await tokenOf(USERS.caseworker.username, USERS.caseworker.password);
  await expect.poll(async () => (await api<{ status: string }>('GET', `/files/${fileId}/household-registration`, undefined, caseworker).catch(() => null))?.status).toBeTruthy();
  return fileId;
}

test('R11, C-3.7: a child unidentified after 95 days in care — the application, the police registration with their DNA database check, social security', async ({ page }) => {
  const fileId = await inCare(95, { sex: 'male', birthDateRange: { from: bornAged(10), to: bornAged(8) } });
  await openAs(page, 'caseworker', `/app/files/${fileId}?tab=household`);

  // Day 90 has passed: the task is raised, the application five days late; what comes later is greyed with the reason.
  await expect(page.getByText('已到期，待备妥落户申请')).toBeVisible();
  await expect(page.getByText('本次在站 95 天 / 90 天')).toBeVisible();
  await expect(page.getByText(`应于 ${addDays(TEST_TODAY, -5)} 前备妥`)).toBeVisible();
  await expect(page.getByText('已逾期 5 天')).toBeVisible();
  await expect(page.getByRole('button', { name: '登记落户结果' })).toBeDisabled();
  await expect(page.getByText('须先完成：备妥落户申请及材料').first()).toBeVisible();
  await expect(page.getByText('可能为未成年人：落户前须经公安机关采血入库比对')).toBeVisible();
  // Excusing the registration is a supervisor's.
  await expect(page.getByRole('button', { name: '批准暂不落户' })).toHaveCount(0);
  await checkPage(page, 'file-tab-household-due');

  // The application: a day before the stay began is the server's refusal, on the field.
  await page.getByRole('button', { name: '备妥落户申请' }).click();
  const application = page.getByRole('dialog', { name: '备妥落户申请' });
  const preparedOn = application.getByRole('textbox', { name: '材料准备日期' });
  await preparedOn.fill(addDays(TEST_TODAY, -100));
  await preparedOn.press('Enter');
  await application.getByRole('checkbox', { name: '寻亲公告' }).check();
  await application.getByRole('checkbox', { name: '滞留证明' }).check();
  await application.getByRole('checkbox', { name: '采血入库回执' }).check();
  await application.getByRole('button', { name: '提交' }).click();
  await expect(application.locator('.ant-form-item-explain-error')).toHaveText(`不能早于本次滞留开始之日（${addDays(TEST_TODAY, -95)}）`);
  await preparedOn.fill(TEST_TODAY);
  await preparedOn.press('Enter');
  await application.getByRole('button', { name: '提交' }).click();
  await expect(application).toBeHidden();
  await expect(page.getByText('申请已备妥，待公安机关落户')).toBeVisible();
  await expect(page.getByText(`已于 ${TEST_TODAY} 备妥`)).toBeVisible();
  await expect(page.getByText(`公安机关应于 ${addDays(TEST_TODAY, 30)} 前办理`)).toBeVisible();

  // The police registered him and told the bureau: recorded for them. A child needs the DNA database check reference (C-3.7).
  await page.getByRole('button', { name: '登记落户结果' }).click();
  const registration = page.getByRole('dialog', { name: '登记落户结果' });
  await registration.getByLabel('户号').fill('KM-5301-0101');
  await registration.getByRole('button', { name: '提交' }).click();
  await expect(registration.locator('.ant-form-item-explain-error')).toHaveText('来历不明儿童落户前须经公安机关采血入库比对，请填写其比对编号');
  await checkPage(page, 'file-household-registration-form');
  await registration.getByLabel('公安机关采血入库比对编号').fill('昆公DNA入库〔2026〕301号');
  await registration.getByRole('button', { name: '提交' }).click();
  await expect(registration).toBeHidden();
  await expect(page.getByText('已落户', { exact: true })).toBeVisible();
  await expect(page.getByText('KM-5301-0101')).toBeVisible();
  await expect(page.getByText('昆公DNA入库〔2026〕301号')).toBeVisible();
  await expect(page.getByText(`应于 ${addDays(TEST_TODAY, 30)} 前落实`)).toBeVisible();

  // Social security follows the registration.
  await page.getByRole('button', { name: '登记社会保障' }).click();
  const social = page.getByRole('dialog', { name: '登记社会保障' });
  await social.getByRole('combobox', { name: '保障项目' }).click();
  await page.locator('.ant-select-item-option', { hasText: '基本医疗保险' }).click();
  await social.getByLabel('登记编号').fill('医保-530102-0101');
  await social.getByRole('button', { name: '提交' }).click();
  await expect(social).toBeHidden();
  await expect(page.getByText(`基本医疗保险（${TEST_TODAY}） · 医保-530102-0101`)).toBeVisible();
  await checkPage(page, 'file-tab-household-registered');
});

test("R11: the police unit's own registration shows on the tab; a supervisor excuses another's registration with the reason", async ({ page }) => {
  const registered = await inCare(100, { sex: 'female', birthDateRange: { from: bornAged(45), to: bornAged(40) } });
  const counting = await inCare(30, { sex: 'female', birthDateRange: { from: bornAged(35), to: bornAged(30) } });
  const caseworker = await tokenOf(USERS.caseworker.username, USERS.caseworker.password);
  await api('POST', `/files/${registered}/household-registration/application`, { preparedOn: addDays(TEST_TODAY, -2), documents: ['tracing_notice'] }, caseworker);
  const police = await tokenOf(POLICE.username, POLICE.password);
  await api('POST', `/files/${registered}/household-registration/registration`, { registeredOn: TEST_TODAY, householdNumber: 'KM-5301-0202' }, police);

  await openAs(page, 'caseworker', `/app/files/${registered}?tab=household`);
  await expect(page.getByText(`办理机关：${POLICE_UNIT}`)).toBeVisible();
  await expect(page.getByText('KM-5301-0202')).toBeVisible();
  await expect(page.getByText(`已于 ${addDays(TEST_TODAY, -2)} 备妥`)).toBeVisible();
  await expect(page.getByText(`应于 ${addDays(TEST_TODAY, 30)} 前落实`)).toBeVisible();
  await expect(page.getByRole('button', { name: '登记社会保障' })).toBeEnabled();

  // Thirty days in, the clock counts; the supervisor excuses the registration (a reason too short is the server's refusal, on the field).
  await page.context().clearCookies();
  await openAs(page, 'supervisor', `/app/files/${counting}?tab=household`);
  await expect(page.getByText('计时中')).toBeVisible();
  await expect(page.getByText('本次在站 30 天 / 90 天')).toBeVisible();
  await expect(page.getByText(`应于 ${addDays(TEST_TODAY, 60)} 前备妥`)).toBeVisible();
  await expect(page.getByText(/已逾期/)).toHaveCount(0);
  await page.getByRole('button', { name: '批准暂不落户' }).click();
  const exception = page.getByRole('dialog', { name: '批准暂不落户' });
  await exception.getByLabel('理由').fill('待核');
  await exception.getByRole('button', { name: '提交' }).click();
  await expect(exception.locator('.ant-form-item-explain-error')).toBeVisible();
  await exception.getByLabel('理由').fill('本人已回忆起原籍，公安正在核实其户籍');
  await exception.getByRole('button', { name: '提交' }).click();
  await expect(exception).toBeHidden();
  await expect(page.getByText('主管已批准暂不落户')).toBeVisible();
  await expect(page.getByText(new RegExp(`本人已回忆起原籍，公安正在核实其户籍（${USERS.supervisor.displayName}，${TEST_TODAY}）`))).toBeVisible();
  await expect(page.getByRole('button', { name: '批准暂不落户' })).toHaveCount(0);
  await checkPage(page, 'file-tab-household-excused');
});
