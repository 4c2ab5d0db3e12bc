/**
 * The caseworker's journey, end to end in the browser (issue 13): a girl the
 * police hand over already has a file (set up through the API, a year ago);
 * the caseworker records the handover on 接收登记 (R1), meets the duplicate
 * warning and links her to the person on record (R4), records the one
 * interview (R2) and her guardian (R23), places her in the minor protection
 * centre — a supervisor approves it in a second browser (R5) — refers her to
 * a school without disclosing her history (R14, R16), brings her home to her
 * parents once the supervisor approved it (R5, R6) and sees the follow-up
 * plan with its dates (R17). And the live inbox: a school declining a
 * referral reaches the open workbench without a reload. Its people and
 * organisations are its own, in 呈贡区 (set up through the API), so the
 * other specs' pages stay as seeded.
 */
import type { Browser, Page } from '@playwright/test';
import { residentId } from '../../../test/support/case-fixtures.js';
import { chinaMorning, TEST_TODAY } from '../../../test/support/clock.js';
import { addDays, addMonths, yearsBefore } from '#app/platform';
import { api, openAs, countyTeam, pick, tokenOf, policeHandover, ownPeople } from './support/api.js';
import { checkPage, expect, test, type Credentials } from './support/test.js';

const BASE = () => process.env.HUIJIA_E2E_BASE_URL!;
const PASSWORD = 'Journey-Spec-Passphrase-5';
const PLACE = '530114';

const who = ownPeople(PASSWORD, {
  caseworker: ['cg.cw', '郑晓红'],
  supervisor: ['cg.sv', '普建华'],
  colleague: ['cg.cw2', '沈丽'],
  teacher: ['cg.school', '李老师'],
});
const names = { police: '呈贡公安分局', centre: '呈贡区未成年人救助保护中心', school: '呈贡区春城小学' };
const ids = { police: '', centre: '', school: '' };

/** A second browser, its own sign-in (WEB.md §8: two contexts). */
async function secondBrowser(browser: Browser, person: Credentials, url: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE(), locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
  const page = await context.newPage();
  await openAs(page, person, url);
  return page;
}

/** A police handover recorded through the API by this spec's caseworker. */
const handover = (token: string, person: Record<string, unknown>, handoverDate: string) =>
  policeHandover(token, person, { police: ids.police, caseNumber: `CG-${handoverDate}`, handoverDate, placeCode: PLACE });

test.beforeAll(async () => {
  ({
    police: ids.police,
    centre: ids.centre,
    school: ids.school,
  } = await countyTeam(
    { code: PLACE, bureau: '呈贡区民政局' },
    {
      organisations: { police: [names.police, 'public_security'], centre: [names.centre, 'minor_protection_centre'], school: [names.school, 'school'] },
      people: [
        [who.caseworker, 'caseworker'],
        [who.supervisor, 'supervisor'],
        [who.colleague, 'caseworker'],
        [who.teacher, 'school_staff', 'school'],
      ],
    },
  ));
});

test('R1, R4, R2, R23, R5, R14, R16, R17: a caseworker takes a girl in again, places her, refers her to school without her history and brings her home, with a supervisor approving in a second browser', async ({
  page,
  browser,
}) => {
  // The girl has been here before: her earlier file, a year ago.
  const birthDate = yearsBefore(addDays(TEST_TODAY, -40), 12);
  const idNumber = residentId(PLACE, birthDate.replaceAll('-', ''), '062');
  const earlier = await handover(
    await tokenOf(who.caseworker.username, PASSWORD),
    { name: '杜小娟', sex: 'female', idNumber, identityStatus: 'confirmed' },
    addDays(TEST_TODAY, -365),
  );

  // R1: the police hand her over again; the caseworker records it on 接收登记.
  await openAs(page, who.caseworker, '/app/intake');
  await pick(page, '移交单位', names.police);
  await page.getByLabel('案件编号').fill('CG-2026-0117');
  await page.getByText('解救经过说明', { exact: true }).click();
  await page.getByLabel('解救与移交经过').fill('公安机关在外省解救后移交呈贡区民政局');
  await page.getByLabel('姓名', { exact: true }).fill('杜小娟');
  await page.getByRole('radio', { name: '女' }).check();
  await pick(page, '身份状态', '已核实');
  await page.getByLabel('身份证号码').fill(idNumber);
  await page.getByText('确切出生日期').click();
  await page.getByRole('textbox', { name: '出生日期' }).fill(birthDate);
  await page.getByRole('textbox', { name: '出生日期' }).press('Enter');

  // R4: the same ID number is on record: the warning names her earlier file; the caseworker links her to the person on record.
  await expect(page.getByRole('heading', { name: '可能已有此人的档案' })).toBeVisible();
  const candidate = page.getByRole('listitem').filter({ hasText: earlier.reference });
  await expect(candidate.getByText('身份证号相同')).toBeVisible();
  await candidate.getByRole('button', { name: '关联到此人' }).click();

  await expect(page).toHaveURL(/\/app\/files\/[0-9a-f-]{36}$/);
  const fileId = /files\/([0-9a-f-]{36})$/.exec(page.url())![1];
  expect(fileId).not.toBe(earlier.id);
  await expect(page.getByRole('heading', { name: '杜小娟' })).toBeVisible();
  await expect(page.getByText('已接收').first()).toBeVisible();
  const reference = (await api<{ reference: string }>('GET', `/files/${fileId}`, undefined, await tokenOf(who.caseworker.username, PASSWORD))).reference;

  // R2: the one interview; she gives no consent to share her history.
  await page.getByRole('button', { name: '记录询问笔录' }).click();
  const interview = page.getByRole('dialog', { name: '记录询问笔录' });
  await interview.getByLabel('询问地点').fill('呈贡区未成年人救助保护中心');
  await interview.getByLabel('被拐经过').fill('被拐卖至外省，由公安解救。');
  await interview.getByRole('checkbox', { name: '住宿' }).check();
  // 就学 twice: the first among the needs, the second among the consents (left unticked, as every consent).
  await interview.getByRole('checkbox', { name: '就学' }).first().check();
  for (const consent of await interview.getByLabel('同意共享的信息').getByRole('checkbox').all()) await expect(consent).not.toBeChecked();
  await interview.getByRole('button', { name: '确定' }).click();
  await expect(interview).toBeHidden();

  // R23: a minor is placed only with her guardian on record: her father.
  await page.getByRole('button', { name: '添加监护人' }).click();
  const guardian = page.getByRole('dialog', { name: '添加监护人' });
  await guardian.getByLabel('监护人姓名').fill('杜建军');
  await guardian.getByLabel('关系', { exact: true }).fill('父亲');
  await guardian.getByLabel('电话').fill('13800000000');
  await checkPage(page, 'journey-guardian-form');
  await guardian.getByRole('button', { name: '确定' }).click();
  await expect(guardian).toBeHidden();

  // R5: placed in the minor protection centre while the return home is prepared — submitted for approval.
  await page.getByRole('button', { name: /安置到救助机构/ }).click();
  const place = page.getByRole('dialog', { name: /安置到救助机构/ });
  await pick(page, '救助机构', names.centre);
  await place.getByLabel('安置理由').fill('父母在外省务工，返家安排期间临时照料');
  await place.getByRole('button', { name: '提交审批' }).click();
  await expect(place).toBeHidden();
  await expect(page.getByText('待审批：安置到救助机构')).toBeVisible();

  // The supervisor, in a browser of their own, sees what was asked and approves it.
  const supervisor = await secondBrowser(browser, who.supervisor, '/app/approvals');
  const placement = supervisor.getByRole('listitem').filter({ hasText: reference });
  await expect(placement.getByRole('heading', { name: '安置到救助机构' })).toBeVisible();
  await expect(placement).toContainText(who.caseworker.displayName);
  await expect(placement).toContainText(names.centre);
  await expect(placement).toContainText('父母在外省务工');
  // R23: and the guardian the placement is bound to.
  await expect(placement).toContainText('杜建军（父亲） · 父母');
  await placement.getByRole('button', { name: '批准' }).click();
  await supervisor.getByRole('dialog').getByRole('button', { name: '批准' }).click();
  await expect(placement.getByText('已批准')).toBeVisible();

  await page.reload();
  await expect(page.getByText('待审批：安置到救助机构')).toHaveCount(0);
  await expect(page.getByText('安置中').first()).toBeVisible();

  // R14, R16: to school, with nothing of her history: no disclosure ticked (and none consented).
  await page.getByRole('tab', { name: '转介' }).click();
  await page.getByRole('button', { name: '新建转介' }).click();
  const referral = page.getByRole('dialog', { name: '新建转介' });
  await pick(page, '转介类型', '入学');
  await pick(page, '接收机构', names.school);
  await referral.getByLabel('转介事由').fill('适龄儿童，安排就近入学。');
  await referral.getByLabel('拟入读年级').fill('六年级');
  for (const category of ['被拐经历', '身份证件', '联系方式', '家庭与监护人', '医疗救助记录', '需求与意愿']) {
    await expect(referral.getByRole('checkbox', { name: category })).not.toBeChecked();
  }
  const sent = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith(`/files/${fileId}/referrals`));
  await referral.getByRole('button', { name: '发送转介' }).click();
  expect(await (await sent).json()).toMatchObject({ status: 'sent', disclosed: [] });
  await expect(referral).toBeHidden();
  const item = page.locator('.referral-item').filter({ hasText: names.school });
  await expect(item.getByText('已发送').first()).toBeVisible();
  await expect(item.getByText('仅基本信息（未披露被拐经历等）')).toBeVisible();
  await expect(item.locator('.ant-tag').filter({ hasText: /被拐经历|身份证件|联系方式|家庭与监护人|医疗救助记录|需求与意愿/ })).toHaveCount(0);

  // R5: home to her parents first: the return home is arranged and recorded, then the reunification asked for.
  await page.getByRole('button', { name: /安排返家/ }).click();
  const start = page.getByRole('dialog', { name: /安排返家/ });
  await start.getByLabel('备注').fill('父母已联系上，同意接回');
  await start.getByRole('button', { name: '确定' }).click();
  await expect(start).toBeHidden();
  await expect(page.getByText('返乡中').first()).toBeVisible();

  await page.getByRole('button', { name: '登记返家安排' }).click();
  const home = page.getByRole('dialog', { name: '登记返家安排' });
  await home.getByLabel('接收人姓名').fill('杜建军');
  await home.getByLabel('与本人关系').fill('父亲');
  await home.getByLabel('接收地址').fill('呈贡区吴家营街道 15 号');
  await home.getByLabel('接收地（行政区划代码）').fill(PLACE);
  await home.getByLabel('护送人员').fill('郑晓红');
  await home.getByRole('button', { name: '确定' }).click();
  await expect(home).toBeHidden();

  await page.getByRole('button', { name: /返家团聚/ }).click();
  const reunify = page.getByRole('dialog', { name: /返家团聚/ });
  await reunify.getByLabel('备注').fill('由父亲杜建军接回');
  await checkPage(page, 'journey-reunify-form');
  await reunify.getByRole('button', { name: '提交审批' }).click();
  await expect(reunify).toBeHidden();
  await expect(page.getByText('待审批：返家团聚')).toBeVisible();

  // The supervisor approves the reunification in the second browser.
  await supervisor.reload();
  const reunification = supervisor
    .getByRole('listitem')
    .filter({ hasText: reference })
    .filter({ has: supervisor.getByRole('heading', { name: '返家团聚' }) });
  await expect(reunification).toContainText('由父亲杜建军接回');
  // R5, R6: to whom and where she goes, as the request is bound to it.
  await expect(reunification).toContainText('杜建军（父亲）');
  await expect(reunification).toContainText('呈贡区吴家营街道 15 号（呈贡区）');
  await expect(reunification).toContainText('郑晓红');
  await checkPage(supervisor, 'journey-approval-reunify');
  await reunification.getByRole('button', { name: '批准' }).click();
  await supervisor.getByRole('dialog').getByRole('button', { name: '批准' }).click();
  await expect(reunification.getByText('已批准')).toBeVisible();
  await supervisor.context().close();

  // R17: home; the follow-up plan is there with its visits and their dates.
  await page.reload();
  await expect(page.getByText('已团聚').first()).toBeVisible();
  await page.getByRole('tab', { name: '回访' }).click();
  for (const [seq, due] of [
    [1, addMonths(TEST_TODAY, 1)],
    [2, addMonths(TEST_TODAY, 2)],
  ] as const) {
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: String(seq), exact: true }) });
    await expect(row.getByRole('cell', { name: due })).toBeVisible();
    await expect(row.getByText('待回访')).toBeVisible();
  }
});

test('a school declining a referral reaches the caseworker’s open workbench without a reload', async ({ page }) => {
  // A caseworker of their own: nothing else of this spec comes into their inbox meanwhile.
  const caseworker = await tokenOf(who.colleague.username, PASSWORD);
  const file = await handover(caseworker, { name: '柏小雨', sex: 'female', birthDate: yearsBefore(TEST_TODAY, 10), identityStatus: 'claimed' }, TEST_TODAY);
  await api(
    'POST',
    `/files/${file.id}/interview`,
    {
      conductedAt: new Date(chinaMorning(TEST_TODAY).getTime() - 3600_000).toISOString(),
      language: 'zh',
      attendees: [],
      circumstances: '被拐卖至外省，由公安解救。',
      needs: ['schooling'],
      consents: {},
    },
    caseworker,
  );
  const referral = await api<{ id: string }>(
    'POST',
    `/files/${file.id}/referrals`,
    { kind: 'schooling', organisationId: ids.school, purpose: '适龄儿童，安排就近入学。', details: { gradeLevel: '四年级' }, send: true },
    caseworker,
  );

  await openAs(page, who.colleague, '/app/');
  const badge = page.getByTestId('unread-count');
  await expect(badge).toHaveAttribute('data-live', 'true');
  // The count, once it came (not the placeholder before it).
  await expect(badge).toHaveText(/^\d+$/);
  const before = Number(await badge.textContent());
  const notice = page.getByRole('listitem').filter({ hasText: `转介被拒：入学，档案 ${file.reference}` });
  await expect(notice).toHaveCount(0);

  // The school's staff decline it (their workspace is a later issue: through the API).
  await api('POST', `/referrals/${referral.id}/decline`, { reason: '本校学位已满，请联系其他学校' }, await tokenOf(who.teacher.username, PASSWORD));

  await expect(notice).toBeVisible();
  await expect(notice).toContainText('本校学位已满，请联系其他学校');
  await expect(notice).not.toContainText('referral declined');
  await expect(badge).toHaveText(String(before + 1));
});
