import { checkPage, expect, signIn, test } from './support/test.js';
import { PASSWORDS, USERS } from './support/users.js';

test('a caseworker signs in with the form, sees the workbench, searches the files, opens one and signs out', async ({ page }) => {
  await page.goto('/app/files');
  await expect(page).toHaveURL(/\/app\/login\?redirect=%2Ffiles$/);
  await checkPage(page, 'login');
  await page.getByLabel('用户名').fill(USERS.caseworker.username);
  await page.getByLabel('密码').fill(USERS.caseworker.password);
  await page.getByRole('button', { name: '登录' }).click();
  // Back where the link pointed.
  await expect(page.getByRole('heading', { name: '个案档案' })).toBeVisible();
  await page.getByRole('link', { name: '工作台' }).click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '我的个案' })).toBeVisible();
  // A caseworker approves nothing: the API's x-roles of approvals_list leave the card out.
  await expect(page.getByRole('heading', { name: '待我审批' })).toHaveCount(0);
  await checkPage(page, 'workbench');

  await page.getByRole('link', { name: '个案档案' }).click();
  // file.spec confirms a second 张建国 as a new person: the seeded one is among them.
  await expect(page.getByRole('cell', { name: /张建国/ }).first()).toBeVisible();
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
  await page.getByLabel('用户名').fill(USERS.caseworker.username);
  await page.getByLabel('密码').fill('Not-The-Right-One-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  await expect(page.getByRole('alert')).not.toContainText('Wrong username');
});

test('after an administrator reset, the user must change the password before anything else', async ({ page }) => {
  await page.goto('/app/login');
  await page.getByLabel('用户名').fill(USERS.reset.username);
  await page.getByLabel('密码').fill(USERS.reset.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/app\/password$/);
  await expect(page.getByText('管理员已重置您的密码')).toBeVisible();
  await checkPage(page, 'password');
  // The server's rules, shown on the field they concern.
  await page.getByLabel('当前密码').fill(USERS.reset.password);
  await page.getByLabel('新密码', { exact: true }).fill('short');
  await page.getByLabel('确认新密码').fill('short');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.locator('#newPassword_help')).toContainText('12');
  await page.getByLabel('新密码', { exact: true }).fill(PASSWORDS.resetNew);
  await page.getByLabel('确认新密码').fill(PASSWORDS.resetNew);
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
});

test('a supervisor sees the approvals awaiting them; the language switch is remembered', async ({ page }) => {
  await signIn(page, 'supervisor');
  await page.goto('/app/');
  await expect(page.getByRole('heading', { name: '待我审批' })).toBeVisible();
  await checkPage(page, 'workbench-supervisor');
  await page.getByRole('button', { name: /^切换语言/ }).click();
  await expect(page.getByRole('heading', { name: 'Awaiting my approval' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Workbench' })).toBeVisible();
  await page.getByRole('button', { name: /^Switch language/ }).click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
});

test('a second tab shares the login (one refresh at a time across tabs), and signing out in one ends it in both', async ({ page, context }) => {
  await signIn(page, 'caseworker');
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
  await signIn(page, 'caseworker');
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
  // The count arrived after the retry (other specs have filled the caseworker's inbox by now: any number, not the placeholder).
  await expect(page.locator('.workbench-count strong').first()).toHaveText(/^\d+$/);
  expect(refused).toBe(true);
  // One refresh at boot (the token is in memory only) and one for the 401.
  expect(refreshes).toEqual(['POST', 'POST']);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
