import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

const sharedTypesSrc = path.resolve(__dirname, '../../shared-types/src')
// React Query ships ES2022 (class private fields): older WeChat engines cannot parse it, and Taro's H5
// minifier corrupts it (`#"e"`), so babel transpiles it like app code.
const transpiledDeps = (filename: string): boolean => /node_modules[\\/]@tanstack[\\/]/.test(filename)

// The weapp build talks to an absolute API origin; H5 is served by the API server itself, so it
// calls the same origin (an empty base) unless TARO_APP_H5_API_BASE says otherwise.
const apiBase =
  process.env.TARO_ENV === 'h5'
    ? process.env.TARO_APP_H5_API_BASE ?? ''
    : process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000'

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'huiyuan-miniapp',
    date: '2025-1-1',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    env: { TARO_APP_API_BASE: JSON.stringify(apiBase) },
    alias: { '@huiyuan/shared-types': sharedTypesSrc, '@': path.resolve(__dirname, '../src') },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedTypesSrc, transpiledDeps] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain, webpack) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        chain
          .plugin('abort-controller')
          .use(webpack.ProvidePlugin, [{ AbortController: [path.resolve(__dirname, '../src/lib/abort-controller.ts'), 'AbortControllerShim'] }])
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedTypesSrc, transpiledDeps] },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        // Taro scales rem with the viewport up to 40 px: twice a phone on a PC. Capped at 24 px (a large phone),
        // so the counter tool on a 1366-px screen reads like an app, not a poster.
        pxtransform: { enable: true, config: { maxRootSize: 24 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
