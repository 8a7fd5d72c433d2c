export default definePageConfig({ navigationBarTitleText: '签到规则' })
