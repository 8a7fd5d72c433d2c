export default definePageConfig({ navigationBarTitleText: '我的关怀任务', enablePullDownRefresh: true })
