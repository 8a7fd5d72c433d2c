/** Steps the web console's journeys share (the console at /admin, on a desktop screen). */

/** Signs in on the console's login page, by keyboard (Enter submits), and waits for the layout. */
export async function consoleLogin({ page, baseUrl }, username = 'demo-hq', password = 'huiyuan-demo') {
  await page.goto(`${baseUrl}/admin/login`)
  const user = page.getByLabel('用户名')
  await user.waitFor()
  // The username field has the focus when the page opens.
  await page.keyboard.type(username)
  await page.getByLabel('密码').fill(password)
  await page.keyboard.press('Enter')
  await page.getByRole('button', { name: '退出登录' }).waitFor()
}

/** Opens a page from the side menu and waits for its title. */
export async function openMenu(page, item, title = item) {
  await page.locator('.ant-pro-sider-menu, .ant-menu').getByText(item, { exact: true }).first().click()
  await page.locator('.ant-page-header-heading-title', { hasText: title }).waitFor()
}

/** The antd message toast with this text. */
export const toast = (page, text) => page.locator('.ant-message-notice', { hasText: text })
