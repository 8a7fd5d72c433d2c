export default definePageConfig({ navigationBarTitleText: '员工登录' })
