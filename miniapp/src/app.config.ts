import { subPackages, tabPages } from './constants/routes'

const tabs = Object.values(tabPages)

export default defineAppConfig({
  pages: tabs.map((tab) => tab.path),
  subPackages: Object.values(subPackages).map((pkg) => ({ root: pkg.root, pages: [...pkg.pages] })),
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f1b2d',
    navigationBarTitleText: '会员',
    navigationBarTextStyle: 'white',
    backgroundColor: '#ededed',
  },
  tabBar: {
    color: '#5e5e6e',
    selectedColor: '#946200',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: tabs.map((tab) => ({
      pagePath: tab.path,
      text: tab.text,
      iconPath: `assets/tabbar/${tab.icon}.png`,
      selectedIconPath: `assets/tabbar/${tab.icon}-active.png`,
    })),
  },
  preloadRule: {
    [tabPages.home.path]: { network: 'all', packages: [subPackages.checkin.root, subPackages.join.root] },
  },
})
