export default definePageConfig({ navigationBarTitleText: '门店二维码海报' })
