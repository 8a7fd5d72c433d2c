export default definePageConfig({ navigationBarTitleText: '新建券模板' })
