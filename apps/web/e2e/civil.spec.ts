/**
 * Signing in and out in the browser: the form, the workbench, the files
 * searched and one opened; a wrong password refused in Chinese; a password
 * an administrator reset changed before anything else; the supervisor's
 * approvals and the language switch; two tabs sharing one login; a 401 met by
 * one silent refresh. Its people and files are its own, in 石林彝族自治县
 * (set up through the API), so its counts are its own and the other specs'
 * pages stay as seeded.
 */
import { api, countyTeam, threeHandedOver, tokenOf, ownPeople } from './support/api.js';
import { checkPage, expect, signIn, test } from './support/test.js';

const SHILIN = '530126';
const PASSWORD = 'Civil-Spec-Passphrase-3';
const RESET = 'Reset-By-The-Admin-Pass-3';
const RESET_NEW = 'A-Fresh-Start-Passphrase-4';

const who = {
  ...ownPeople(PASSWORD, {
    caseworker: ['sl.cw', '李敏'],
    supervisor: ['sl.sv', '王芳'],
  }),
  reset: { username: 'sl.reset', displayName: '赵强', password: RESET },
};

test.beforeAll(async () => {
  const { admin, bureau, police } = await countyTeam(
    { code: SHILIN, bureau: '石林县民政局' },
    {
      organisations: { police: ['石林县公安局', 'public_security'] },
      people: [
        [who.caseworker, 'caseworker'],
        [who.supervisor, 'supervisor'],
      ],
    },
  );
  // A user whose password the administrator reset (again, when the setup runs again: the test changes it).
  const found = await admin<{ items: { id: string; username: string }[] }>('GET', `/users?q=${who.reset.username}`);
  const resetId =
    found.items.find((user) => user.username === who.reset.username)?.id ??
    (await admin<{ id: string }>('POST', '/users', { ...who.reset, password: 'Before-The-Reset-Pass-1', role: 'caseworker', organisationId: bureau })).id;
  await admin('POST', `/users/${resetId}/password`, { newPassword: RESET });

  // Three people the police handed over, once.
  const caseworker = await tokenOf(who.caseworker.username, PASSWORD);
  const files = await api<{ items: unknown[] }>('GET', '/files?limit=1', undefined, caseworker);
  if (files.items.length === 0) await threeHandedOver(caseworker, police, SHILIN, 'SL-2026');
});

test('a caseworker signs in with the form, sees the workbench, searches the files, opens one and signs out', async ({ page }) => {
  await page.goto('/app/files');
  await expect(page).toHaveURL(/\/app\/login\?redirect=%2Ffiles$/);
  await checkPage(page, 'login');
  await page.getByLabel('用户名').fill(who.caseworker.username);
  await page.getByLabel('密码').fill(who.caseworker.password);
  await page.getByRole('button', { name: '登录' }).click();
  // Back where the link pointed.
  await expect(page.getByRole('heading', { name: '个案档案' })).toBeVisible();
  await page.getByRole('link', { name: '工作台' }).click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '我的个案' })).toBeVisible();
  // A caseworker approves nothing: the API's x-roles of approvals_list leave the card out.
  await expect(page.getByRole('heading', { name: '待我审批' })).toHaveCount(0);
  await checkPage(page, 'workbench-signed-in');

  await page.getByRole('link', { name: '个案档案' }).click();
  // The county's three files, and no one else's.
  await expect(page.locator('tbody tr.ant-table-row')).toHaveCount(3);
  await expect(page.getByRole('cell', { name: /张建国/ })).toBeVisible();
  await checkPage(page, 'files');
  await page.getByRole('searchbox', { name: '搜索个案' }).fill('小兰');
  await page.getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/q=%E5%B0%8F%E5%85%B0/);
  await expect(page.getByRole('cell', { name: /周小兰/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: /张建国/ })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: /周小兰/ }).getByText('未成年')).toBeVisible();

  await page
    .getByRole('row', { name: /周小兰/ })
    .getByRole('link')
    .click();
  await expect(page.getByRole('heading', { name: '周小兰' })).toBeVisible();
  await expect(page.getByText('已接收')).toBeVisible();
  await checkPage(page, 'file');

  await page.getByRole('button', { name: /^用户菜单/ }).click();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/app\/login$/);
  // The login is over: a reload does not bring it back.
  await page.goto('/app/');
  await expect(page).toHaveURL(/\/app\/login/);
});

test('a wrong password is refused in Chinese', async ({ page }) => {
  await page.goto('/app/login');
  await page.getByLabel('用户名').fill(who.caseworker.username);
  await page.getByLabel('密码').fill('Not-The-Right-One-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  await expect(page.getByRole('alert')).not.toContainText('Wrong username');
});

test('after an administrator reset, the user must change the password before anything else', async ({ page }) => {
  await page.goto('/app/login');
  await page.getByLabel('用户名').fill(who.reset.username);
  await page.getByLabel('密码').fill(who.reset.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/app\/password$/);
  await expect(page.getByText('管理员已重置您的密码')).toBeVisible();
  await checkPage(page, 'password');
  // The server's rules, shown on the field they concern.
  await page.getByLabel('当前密码').fill(who.reset.password);
  await page.getByLabel('新密码', { exact: true }).fill('short');
  await page.getByLabel('确认新密码').fill('short');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.locator('#newPassword_help')).toContainText('12');
  await page.getByLabel('新密码', { exact: true }).fill(RESET_NEW);
  await page.getByLabel('确认新密码').fill(RESET_NEW);
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
});

test('a supervisor sees the approvals awaiting them; the language switch is remembered', async ({ page }) => {
  await signIn(page, who.supervisor);
  await page.goto('/app/');
  await expect(page.getByRole('heading', { name: '待我审批' })).toBeVisible();
  await checkPage(page, 'workbench-supervisor-approvals');
  await page.getByRole('button', { name: /^切换语言/ }).click();
  await expect(page.getByRole('heading', { name: 'Awaiting my approval' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Workbench' })).toBeVisible();
  await page.getByRole('button', { name: /^Switch language/ }).click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
});

test('a second tab shares the login (one refresh at a time across tabs), and signing out in one ends it in both', async ({ page, context }) => {
  await signIn(page, who.caseworker);
  const second = await context.newPage();
  // Both tabs boot at once from the refresh cookie; reusing a spent one would end the login, so they take turns (navigator.locks).
  await Promise.all([page.goto('/app/'), second.goto('/app/files')]);
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  await expect(second.getByRole('heading', { name: '个案档案' })).toBeVisible();
  await page.getByRole('button', { name: /^用户菜单/ }).click();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/app\/login$/);
  await expect(second).toHaveURL(/\/app\/login$/);
});

test('a 401 (an expired access token) is met by one silent refresh and one retry', async ({ page }) => {
  await signIn(page, who.caseworker);
  let refused = false;
  await page.route('**/me/notifications/counts', async (route) => {
    if (refused) return route.continue();
    refused = true;
    await route.fulfill({ status: 401, json: { error: { code: 'TOKEN_INVALID', message: '登录已失效 / Token invalid', details: null, requestId: null } } });
  });
  const refreshes: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/auth/refresh')) refreshes.push(request.method());
  });
  await page.goto('/app/');
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  // The count arrived after the retry (nothing in this caseworker's inbox: 0, not the placeholder).
  await expect(page.locator('.workbench-count strong').first()).toHaveText('0');
  expect(refused).toBe(true);
  // One refresh at boot (the token is in memory only) and one for the 401.
  expect(refreshes).toEqual(['POST', 'POST']);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
