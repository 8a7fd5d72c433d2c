import { MINIAPP_PAGES } from '@huiyuan/shared-types'
import { subPackages, tabPages } from '../../src/constants/routes'

describe('the route table', () => {
  it("lists the same pages as shared-types' MINIAPP_PAGES, which the WeChat sandbox's getwxacodeunlimit checks", () => {
    const pages = [...Object.values(tabPages).map((tab) => tab.path), ...Object.values(subPackages).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`))]
    expect([...pages].sort()).toEqual([...MINIAPP_PAGES].sort())
  })
})
