/**
 * R20's statistician (issue 15): a county joint-meeting office's statistician
 * sees the county's year in the report's tables — as published, small counts
 * and whatever would give them away withheld (R22), zeros shown — and,
 * inside the reporting chain, exact. Its own county (寻甸): its counts its own.
 */
import { readFile } from 'node:fs/promises';
import { TEST_TODAY } from '../../../test/support/clock.js';
import { filledTemplate } from '../../../test/support/statistics-fixtures.js';
import { countyTeam, openAs, ownPeople, threeHandedOver, tokenOf } from './support/api.js';
import { api } from './support/http.js';
import { checkPage, expect, test } from './support/test.js';

const XUNDIAN = '530129';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PASSWORD = 'Xundian-Office-Passphrase-26';
const who = ownPeople(PASSWORD, {
  statistician: ['xundian.statistician', '孙统计'],
  caseworker: ['xundian.caseworker', '寻甸社工'],
  city: ['kunming.statistician', '钱统计'],
  supervisor: ['xundian.supervisor', '寻甸科长'],
});

test.beforeAll(async () => {
  const { police } = await countyTeam(
    { code: XUNDIAN, bureau: '寻甸县民政局' },
    {
      organisations: {
        office: ['寻甸县反拐联席会议办公室', 'joint_meeting_office'],
        police: ['寻甸县公安局', 'public_security'],
        cityOffice: ['昆明市反拐联席会议办公室（统计）', 'joint_meeting_office', '530100'],
      },
      people: [
        [who.statistician, 'statistician', 'office'],
        [who.city, 'statistician', 'cityOffice'],
        [who.caseworker, 'caseworker'],
        [who.supervisor, 'supervisor'],
      ],
    },
  );
  // Once per stack: a worker that starts again after a failed test finds the three people there.
  const caseworker = await tokenOf(who.caseworker.username, who.caseworker.password);
  const files = await api<{ items: unknown[] }>('GET', '/files', undefined, caseworker);
  if (files.items.length === 0) await threeHandedOver(caseworker, police, XUNDIAN, 'XD-2026');
});

test('R20, R22: a county’s statistician reads its year as published — three people, every small count withheld, zeros shown — and exact for the reporting chain', async ({
  page,
}) => {
  await openAs(page, who.statistician, '/app/');
  // A statistician reaches no file: the workbench and the statistics, nothing else.
  await expect(page.getByRole('navigation', { name: '导航', exact: true }).getByRole('link')).toHaveText(['工作台', '年度统计']);
  await page.getByRole('navigation', { name: '导航', exact: true }).getByRole('link', { name: '年度统计' }).click();

  await expect(page.getByRole('heading', { name: '年度统计', level: 1 })).toBeVisible();
  const status = page.getByTestId('stats-status');
  await expect(status).toContainText('寻甸回族彝族自治县');
  await expect(status).toContainText('小于 11 的计数');
  const assistance = page.getByTestId('stats-table-assistance');
  const countyRow = assistance.getByRole('row', { name: /寻甸回族彝族自治县合计/ });
  // Three people: the total and every non-zero category withheld (*), the empty ones 0.
  await expect(countyRow.getByRole('cell').nth(1)).toHaveText('*');
  await expect(countyRow.getByLabel('已隐去').first()).toBeVisible();
  await expect(countyRow.getByRole('cell', { name: '0', exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('stats-referrals-by-kind')).toBeVisible();
  await expect(page.getByText('指标说明')).toBeVisible();
  await checkPage(page, 'statistics-published');

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('stats-table-assistance')).toBeVisible();
  await expect(page.getByRole('navigation', { name: '导航', exact: true })).toBeHidden();
  await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await page.getByText('精确（报送链内）').click();
  await expect(page.getByRole('button', { name: '打印' })).toHaveCount(0);
  await expect(page).toHaveURL(/view=exact/);
  await expect(status).toContainText('精确数据，仅限报送链内使用');
  await expect(countyRow.getByRole('cell').nth(1)).toHaveText('3');
  // 2 women and girls, 1 man — the sex columns after the total and new/continuing.
  await expect(countyRow.getByRole('cell').nth(2)).toHaveText('3');
  await expect(countyRow.getByRole('cell').nth(4)).toHaveText('2');
  await expect(countyRow.getByRole('cell').nth(5)).toHaveText('1');
  await checkPage(page, 'statistics-exact');
  // R22: printed, the exact view gives only a notice; the published one prints its tables without the app around them.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByText('精确数据仅限报送链内使用，不得打印')).toBeVisible();
  await expect(page.getByTestId('stats-table-assistance')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // The choice survives a reload: it lives in the URL.
  await page.reload();
  await expect(
    page
      .getByTestId('stats-table-assistance')
      .getByRole('row', { name: /寻甸回族彝族自治县合计/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveText('3');
});

test('R20: the city’s statistician sees the city as a whole, its own level and each of its counties — 寻甸 with its three people — and may narrow to one county', async ({
  page,
}) => {
  await openAs(page, who.city, '/app/statistics?view=exact');
  const assistance = page.getByTestId('stats-table-assistance');
  await expect(assistance.getByRole('row', { name: /昆明市合计/ })).toBeVisible();
  await expect(assistance.getByRole('row', { name: /昆明市本级/ })).toBeVisible();
  await expect(
    assistance
      .getByRole('row', { name: /^寻甸回族彝族自治县/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveText('3');
  await expect(page.getByRole('combobox', { name: '辖区' })).toBeVisible();
  // The charts (ECharts): outcomes by county, referrals by kind and stage, the years since 2021.
  for (const chart of ['outcomes', 'referrals', 'trend']) await expect(page.getByTestId(`stats-chart-${chart}`).locator('canvas')).toBeVisible();
  await expect(page.getByRole('img', { name: /2021—\d{4} 年趋势/ })).toBeVisible();
  await checkPage(page, 'statistics-city');

  // The workbook leaves the chain: published figures, saved under the report's name.
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel 报表' }).click();
  expect((await saved).suggestedFilename()).toMatch(/^昆明市\d{4}年救助安置统计表\.xlsx$/);

  await page.goto('/app/statistics?view=exact&jurisdiction=530129');
  await expect(page.getByTestId('stats-status')).toContainText('寻甸回族彝族自治县');
  await expect(page.getByTestId('stats-table-assistance').getByRole('row')).toHaveCount(4);
});

test('R20, R21: the county bureau submits last year, its office returns it with a reason, the corrected version is accepted and summarised for the city’s office, which accepts it — late, as the chain shows — and each report keeps the figures frozen at submission', async ({
  browser,
}) => {
  const year = Number(TEST_TODAY.slice(0, 4)) - 1;
  const bureau = await browser.newPage();
  await openAs(bureau, who.supervisor, `/app/statistics?year=${year}`);
  const reports = bureau.getByTestId('stats-reports');
  await bureau.getByRole('button', { name: `报送 ${year} 年度报表` }).click();
  const dialog = bureau.getByRole('dialog');
  await dialog.getByLabel('年度工作总结').fill(`${year} 年寻甸县民政局接收、救助和安置被解救人员工作总结。`);
  await dialog.getByRole('button', { name: '报送' }).click();
  await expect(reports.getByRole('row', { name: /寻甸回族彝族自治县 民政局年度报表 v1 待审核/ })).toBeVisible();
  await expect(bureau.getByText('本年度报表已报送，正待同级反拐联席会议办公室审核。')).toBeVisible();

  const office = await browser.newPage();
  await openAs(office, who.statistician, `/app/statistics?year=${year}`);
  const received = office.getByTestId('stats-reports').getByRole('row', { name: /v1/ });
  await received.getByRole('button', { name: '退回' }).click();
  await office.getByRole('dialog').getByLabel('退回理由（需更正之处）').fill('请补充异地就学儿童的情况');
  await office.getByRole('dialog').getByRole('button', { name: '退回' }).click();
  await expect(office.getByTestId('stats-reports').getByRole('row', { name: /v1 已退回/ })).toBeVisible();
  await checkPage(office, 'statistics-reports');

  await bureau.reload();
  await bureau.getByRole('button', { name: '报送更正版本' }).click();
  await bureau.getByRole('dialog').getByLabel('年度工作总结').fill(`${year} 年工作总结（补充异地就学儿童的情况）。`);
  await bureau.getByRole('dialog').getByLabel('更正理由').fill('按联席会议办公室意见补充');
  await bureau.getByRole('dialog').getByRole('button', { name: '报送' }).click();
  await expect(bureau.getByTestId('stats-reports').getByRole('row', { name: /v2 待审核/ })).toBeVisible();

  await office.reload();
  await office.getByTestId('stats-reports').getByRole('row', { name: /v2/ }).getByRole('button', { name: '接收' }).click();
  await expect(office.getByTestId('stats-reports').getByRole('row', { name: /v2 已接收/ })).toBeVisible();
  await expect(office.getByTestId('stats-reports').getByRole('row', { name: /v1 已被更正/ })).toBeVisible();

  await office.getByTestId('stats-reports').getByRole('row', { name: /v2/ }).getByRole('link', { name: '查看' }).click();
  await expect(office.getByRole('heading', { level: 1 })).toHaveText(`寻甸回族彝族自治县 ${year} 年度报表（v2）`);
  await expect(office.getByText('按联席会议办公室意见补充')).toBeVisible();
  await expect(office.getByText('以下为报送时冻结的精确数据')).toBeVisible();
  await expect(office.getByTestId('stats-table-assistance')).toBeVisible();
  await expect(office.getByTestId('stats-referrals-by-kind')).toBeVisible();
  await checkPage(office, 'statistics-report');

  // P-35: the county's office summarises what it accepted for the city's office; the chain shows each step and the deadline missed.
  await office.goto(`/app/statistics?year=${year}`);
  await office.getByRole('button', { name: `报送 ${year} 年度汇总` }).click();
  await office.getByRole('dialog').getByLabel('年度工作总结').fill(`${year} 年寻甸县反拐联席会议办公室救助安置工作汇总。`);
  await office.getByRole('dialog').getByRole('button', { name: '报送' }).click();
  await expect(office.getByText('本年度汇总已报送，正待上一级反拐联席会议办公室审核。')).toBeVisible();
  const countyChain = office.getByTestId('stats-chain');
  await expect(countyChain.getByRole('row', { name: `寻甸县民政局 民政局年度报表 寻甸县反拐联席会议办公室 ${year + 1}-01-15 v2 已接收 逾期` })).toBeVisible();
  await expect(countyChain.getByRole('row', { name: `寻甸县反拐联席会议办公室 联席办汇总报表 昆明市反拐联席会议办公室（统计） ${year + 1}-01-15 v1 待审核 逾期` })).toBeVisible();

  // The city's office is told in its inbox, and accepts the county's summary.
  const city = await browser.newPage();
  await openAs(city, who.city, '/app/');
  await city.getByRole('link', { name: '查看报表' }).first().click();
  await expect(city.getByRole('heading', { level: 1 })).toHaveText(`寻甸回族彝族自治县 ${year} 年度汇总报表（v1）`);
  await expect(city.getByRole('link', { name: '寻甸回族彝族自治县 · 民政局年度报表 · v2' })).toBeVisible();
  await checkPage(city, 'statistics-summary');
  await city.goto(`/app/statistics?year=${year}`);
  const summaryRow = city.getByTestId('stats-reports').getByRole('row', { name: /寻甸回族彝族自治县 联席办汇总报表 v1 待审核/ });
  await summaryRow.getByRole('button', { name: '接收' }).click();
  await expect(city.getByTestId('stats-reports').getByRole('row', { name: /寻甸回族彝族自治县 联席办汇总报表 v1 已接收/ })).toBeVisible();
  await expect(city.getByTestId('stats-chain').getByRole('row', { name: /寻甸县反拐联席会议办公室 联席办汇总报表 .* v1 已接收 逾期/ })).toBeVisible();
  await checkPage(city, 'statistics-chain');
});

test('R20: the county’s statistician imports a year from before huijia — the blank form downloaded, a workbook with a problem refused cell by cell, the filled one imported — and the year is marked imported in the tables and the trend', async ({
  page,
}) => {
  await openAs(page, who.statistician, '/app/statistics?view=exact');
  await page.getByTestId('stats-history-import').click();
  const dialog = page.getByRole('dialog', { name: /导入寻甸回族彝族自治县历史年度数据/ });
  await dialog.getByRole('combobox', { name: '统计年度' }).click();
  // antd's listbox names only the options near the chosen one: the option as shown.
  await page.locator('.ant-select-dropdown').filter({ visible: true }).locator('.ant-select-item-option', { hasText: '2022 年' }).click();
  const downloading = page.waitForEvent('download');
  await dialog.getByTestId('stats-history-template').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('寻甸回族彝族自治县2022年救助安置统计表（历史数据）.xlsx');
  const template = await readFile((await download.path())!);

  // A “*” where a figure belongs: refused, the cell named; nothing imported.
  const withheld = await filledTemplate(template, { 寻甸回族彝族自治县合计: 15 }, (workbook) => (workbook.getWorksheet('表1 救助情况')!.getCell(8, 2).value = '*'));
  const upload = dialog.getByLabel('填好的工作簿（.xlsx）');
  await upload.setInputFiles({ name: 'xundian-2022.xlsx', mimeType: XLSX, buffer: Buffer.from(withheld, 'base64') });
  // A run again on the same stack finds the year imported: its reason.
  await dialog.getByLabel('再次导入的理由').fill('按县统计台账重新核对');
  await dialog.getByRole('button', { name: '导入', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('历史数据工作簿有误');
  await expect(dialog.getByRole('alert')).toContainText('表1 救助情况!B8：历史数据须填实数，不能用“*”');
  await checkPage(page, 'statistics-history-refused');

  await upload.setInputFiles({ name: 'xundian-2022.xlsx', mimeType: XLSX, buffer: Buffer.from(await filledTemplate(template, { 寻甸回族彝族自治县合计: 15 }), 'base64') });
  await dialog.getByRole('button', { name: '导入', exact: true }).click();
  await expect(dialog).toBeHidden();
  const history = page.getByTestId('stats-history');
  await expect(history.getByRole('row', { name: /2022 年.*寻甸回族彝族自治县.*当前.*xundian-2022\.xlsx.*孙统计/ })).toBeVisible();

  await page.getByRole('combobox', { name: '统计年度' }).first().click();
  await page.locator('.ant-select-dropdown').filter({ visible: true }).locator('.ant-select-item-option', { hasText: '2022 年' }).click();
  await expect(page.getByTestId('stats-imported')).toContainText('来自导入的工作簿“xundian-2022.xlsx”');
  await expect(
    page
      .getByTestId('stats-table-assistance')
      .getByRole('row', { name: /寻甸回族彝族自治县合计/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveText('15');
  await expect(page.getByTestId('stats-trend-imported')).toContainText('2022 年为 huijia 启用前导入的历史数据');
  // Not reported here: no submission offered, and in the chain the bureau and the office stand imported, neither late.
  await expect(page.getByTestId('stats-reports-imported')).toContainText('2022 年度为导入的 huijia 启用前历史数据');
  await expect(page.getByRole('button', { name: /报送 2022 年度/ })).toHaveCount(0);
  await expect(page.getByTestId('stats-chain').getByText('导入', { exact: true })).toHaveCount(2);
  await expect(page.getByTestId('stats-chain').getByText('逾期')).toHaveCount(0);
  await checkPage(page, 'statistics-history');
});
