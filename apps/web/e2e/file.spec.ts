/**
 * 接收登记 and the file page (issue 13, pages 4 and 5): a police handover
 * recorded in the browser meets the duplicate warning (R4), opens the file
 * (R1), the interview is recorded through the actions panel (R2), a step that
 * needs approval is submitted for it (R5); the buying household is refused as
 * the return home (R6); two browsers on one file: the second save meets the
 * conflict and submits again (409). Data is set up through the API.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { checkResidentId } from '../../../libs/case/src/person/resident-id.js';
import { residentId } from '../../../test/support/case-fixtures.js';
import { TEST_TODAY } from '../../../test/support/clock.js';
import { idNumberProblem } from '../src/shared/lib/idNumber.js';
import { apiAs, interviewedPerson, openAs, organisationNamed, pick } from './support/api.js';
import { checkPage, expect, test } from './support/test.js';

const today = () => TEST_TODAY;

/** An adult handed over by the police, interviewed, with a buying household on record, on the way home (returning_home). */
async function fileReturningHome(request: APIRequestContext, name: string): Promise<string> {
  const id = await interviewedPerson(request, name, { birthDate: '1990-04-18', needs: ['shelter'], consents: {} });
  const api = await apiAs(request, 'caseworker');
  await api('POST', `/files/${id}/buyer-household`, { name: '刘大山', relation: '收买人', address: '云南省某县某村 12 号', placeCode: '530102' });
  const { version } = await api<{ version: number }>('GET', `/files/${id}`);
  await api('POST', `/files/${id}/transitions`, { event: 'start_return_home', expectedVersion: version });
  return id;
}

const INSTITUTION = '昆明市救助管理站';

test.beforeAll(async ({ request }) => {
  // An institution to place people in (R5), created once by the administrator, as the seed's organisations.
  await organisationNamed(await apiAs(request, 'admin'), INSTITUTION, 'assistance_institution', '530102');
});

test('R3: the ID number is checked as it is typed by the same GB 11643 rules as the server', () => {
  const valid = residentId('530102', '20150301', '022');
  const numbers = [
    valid,
    valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0'),
    valid.slice(0, 17),
    '990102201503010221',
    '53010220150231022X',
    '530102189912310221',
    '5301022015030102A1',
    residentId('530102', '20991231', '011'),
    ` ${valid.toLowerCase()} `,
    residentId('110101', '19850612', '03').padEnd(18, '1'),
  ];
  for (const number of numbers) {
    expect(idNumberProblem(number, today()) === null, number).toBe(checkResidentId(number, today()).valid);
  }
});

test('R1, R4, R2, R5: a caseworker records a police handover, meets the duplicate warning, confirms a new person, records the interview and asks approval for a placement', async ({
  page,
}) => {
  await openAs(page, 'caseworker', '/app/intake');
  await expect(page.getByRole('heading', { name: '接收登记' })).toBeVisible();
  await checkPage(page, 'intake');

  await pick(page, '移交单位', '昆明市公安局五华分局');
  // Too short for the server (2–60): its 422 lands on the field.
  await page.getByLabel('案件编号').fill('W');
  await page.getByText('询问笔录', { exact: true }).click();
  await page.getByLabel('解救与移交经过').fill('公安机关解救后移交民政部门');
  await page.getByLabel('姓名', { exact: true }).fill('张建国');
  await page.getByRole('radio', { name: '男' }).check();
  // R3: a wrong check digit is flagged as it is typed (a warning: the server decides).
  const seeded = residentId('530102', '19850612', '031');
  await page.getByLabel('身份证号码').fill(seeded.slice(0, 17) + (seeded[17] === '0' ? '1' : '0'));
  await expect(page.getByText(`校验码应为 ${seeded[17]}`)).toBeVisible();
  await page.getByLabel('身份证号码').fill('');
  await page.getByText('确切出生日期').click();
  await page.getByRole('textbox', { name: '出生日期' }).fill('1985-06-12');
  // Enter confirms the date and submits the form (登记).
  await page.getByRole('textbox', { name: '出生日期' }).press('Enter');
  await expect(page.locator('#handover_policeCaseNumber_help')).toContainText('长度至少 2 个字符');
  await page.getByLabel('案件编号').fill('WH-2026-201');
  await page.getByRole('button', { name: '登记', exact: true }).click();

  // R4: the seeded 张建国 of the same county and birth date is a likely duplicate, with the reasons.
  await expect(page.getByRole('heading', { name: '可能已有此人的档案' })).toBeVisible();
  const candidate = page.getByRole('listitem').filter({ hasText: '张建国' });
  await expect(candidate.getByText('姓名相同')).toBeVisible();
  await expect(candidate.getByText('出生日期相符')).toBeVisible();
  await expect(candidate.getByRole('button', { name: '关联到此人' })).toBeEnabled();
  await checkPage(page, 'intake-duplicates');
  await page.getByRole('button', { name: '确认为新人员' }).click();

  // R1: the file opens, received.
  await expect(page).toHaveURL(/\/app\/files\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: '张建国' })).toBeVisible();
  await expect(page.getByText('已接收').first()).toBeVisible();
  // R2: the steps that need the interview are greyed with the reason; the interview is offered.
  const returnHome = page.getByRole('button', { name: /安排返家/ });
  await expect(returnHome).toBeDisabled();
  await expect(page.getByText('须先完成一站式询问').first()).toBeVisible();
  await checkPage(page, 'file-received');

  await page.getByRole('button', { name: '记录询问笔录' }).click();
  const interview = page.getByRole('dialog', { name: '记录询问笔录' });
  await interview.getByLabel('询问地点').fill('五华区救助管理站');
  await interview.getByLabel('被拐经过').fill('被拐卖至外省务工，由公安解救。');
  await interview.getByText('住宿', { exact: true }).click();
  await checkPage(page, 'file-interview-form');
  await interview.getByRole('button', { name: '确定' }).click();
  await expect(interview).toBeHidden();
  await expect(page.getByRole('button', { name: '记录询问笔录' })).toHaveCount(0);
  await expect(returnHome).toBeEnabled();

  // R5: placing in an institution needs a supervisor's approval: it is submitted for it, and the file shows it pending.
  await page.getByRole('button', { name: /安置到救助机构/ }).click();
  const place = page.getByRole('dialog', { name: /安置到救助机构/ });
  await pick(page, '救助机构', INSTITUTION);
  await place.getByRole('button', { name: '提交审批' }).click();
  await expect(place).toBeHidden();
  await expect(page.getByText('待审批：安置到救助机构')).toBeVisible();

  // The tabs, each in the URL.
  await page.getByRole('tab', { name: '询问笔录' }).click();
  await expect(page).toHaveURL(/tab=interview/);
  await expect(page.getByText('被拐卖至外省务工，由公安解救。')).toBeVisible();
  await checkPage(page, 'file-tab-interview');
  await page.getByRole('tab', { name: '安置与救助' }).click();
  await expect(page.getByText('尚未登记返家安排')).toBeVisible();
  await checkPage(page, 'file-tab-care');
  await page.getByRole('tab', { name: '历程' }).click();
  await expect(page.getByRole('cell', { name: '立档' })).toBeVisible();
  await checkPage(page, 'file-tab-history');
  // Who looked at the file is for supervisors.
  await expect(page.getByRole('tab', { name: '访问记录' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('tab', { name: '历程', selected: true })).toBeVisible();
});

test('R6: the buying household is refused as the return home, in Chinese', async ({ page, request }) => {
  const id = await fileReturningHome(request, '王秀英');
  await openAs(page, 'caseworker', `/app/files/${id}`);
  await expect(page.getByRole('heading', { name: '王秀英' })).toBeVisible();
  await expect(page.getByText('刘大山')).toBeVisible();
  await expect(page.getByText('须先登记返家安排').first()).toBeVisible();
  await checkPage(page, 'file-basic-buyer');

  await page.getByRole('button', { name: '登记返家安排' }).click();
  const form = page.getByRole('dialog', { name: '登记返家安排' });
  await form.getByLabel('接收人姓名').fill('刘大山');
  await form.getByLabel('与本人关系').fill('父亲');
  await form.getByLabel('接收地址').fill('云南省某县某村 12 号');
  await form.getByLabel('接收地（行政区划代码）').fill('530102');
  await form.getByRole('button', { name: '确定' }).click();
  await expect(form.getByRole('alert')).toContainText('不得交由收买家庭');
  await expect(form.getByRole('alert')).not.toContainText('buying household');
  await checkPage(page, 'file-return-home-refused');
});

test('409: two browsers on one file — the second save meets the conflict, keeps the input, reloads and submits again', async ({ page, browser, request }) => {
  const id = await fileReturningHome(request, '李春燕');
  await openAs(page, 'caseworker', `/app/files/${id}`);
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
  const second = await other.newPage();
  await openAs(second, 'caseworker', `/app/files/${id}`);
  await expect(second.getByRole('heading', { name: '李春燕' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '李春燕' })).toBeVisible();

  const fill = async (where: Page, address: string) => {
    await where.getByRole('button', { name: '登记返家安排' }).click();
    const form = where.getByRole('dialog', { name: '登记返家安排' });
    await form.getByLabel('接收人姓名').fill('李建华');
    await form.getByLabel('与本人关系').fill('父亲');
    await form.getByLabel('接收地址').fill(address);
    await form.getByLabel('接收地（行政区划代码）').fill('530102');
    return form;
  };
  const secondForm = await fill(second, '昆明市五华区红山路 3 号');
  const firstForm = await fill(page, '昆明市五华区翠湖路 8 号');
  await firstForm.getByRole('button', { name: '确定' }).click();
  await expect(firstForm).toBeHidden();

  await secondForm.getByRole('button', { name: '确定' }).click();
  await expect(secondForm.getByRole('alert')).toContainText('档案已被他人修改');
  await expect(secondForm.getByLabel('接收地址')).toHaveValue('昆明市五华区红山路 3 号');
  // The file was fetched again: the header shows the new version, and the same input goes through.
  await checkPage(second, 'file-conflict');
  await secondForm.getByRole('button', { name: '确定' }).click();
  await expect(secondForm).toBeHidden();
  await second.getByRole('tab', { name: '安置与救助' }).click();
  await expect(second.getByText('昆明市五华区红山路 3 号')).toBeVisible();
  await other.close();
});

test('R22: a supervisor sees who looked at the file', async ({ page, request }) => {
  const api = await apiAs(request, 'supervisor');
  const files = await api<{ items: { id: string }[] }>('GET', `/files?q=${encodeURIComponent('周小兰')}`);
  await openAs(page, 'supervisor', `/app/files/${files.items[0].id}?tab=access`);
  await expect(page.getByRole('tab', { name: '访问记录', selected: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'file.read' }).first()).toBeVisible();
  await checkPage(page, 'file-tab-access');
  await page.getByRole('tab', { name: '基本信息' }).click();
  await expect(page.getByRole('heading', { name: '监护人' })).toBeVisible();
  await checkPage(page, 'file-tab-basic');
});
