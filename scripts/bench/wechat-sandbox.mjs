/**
 * The WeChat sandbox in a process of its own, for the campaigns bench: WeChat is another machine, so
 * its side of each send (answering it, signing and encrypting the subscribe_msg_sent_event push) is
 * not the server's CPU. Started by campaigns.mjs after the server is built:
 *   node scripts/bench/wechat-sandbox.mjs <port> <the server's message-push URL>
 * with the server's WECHAT_PUSH_TOKEN and WECHAT_PUSH_AES_KEY in its environment; prints "listening <url>".
 */
import { startWechatSandbox } from '../../server/dist/src/wechat/sandbox/start-wechat-sandbox.js'

const [port, pushUrl] = process.argv.slice(2)
const token = process.env.WECHAT_PUSH_TOKEN
const aesKey = process.env.WECHAT_PUSH_AES_KEY
if (!port || !pushUrl || !token || !aesKey) throw new Error('usage: WECHAT_PUSH_TOKEN=… WECHAT_PUSH_AES_KEY=… node scripts/bench/wechat-sandbox.mjs <port> <push URL>')
const sandbox = await startWechatSandbox({ port: Number(port), push: { url: () => pushUrl, token, aesKey } })
process.stdout.write(`listening ${sandbox.url}\n`)
process.once('SIGTERM', () => void sandbox.close().then(() => process.exit(0)))
