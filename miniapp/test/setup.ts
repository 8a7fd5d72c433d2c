process.env.TARO_ENV = process.env.TARO_ENV ?? 'weapp'
process.env.TARO_APP_API_BASE = 'http://api.test'
