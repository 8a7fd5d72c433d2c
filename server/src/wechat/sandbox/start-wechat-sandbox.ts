import Fastify from 'fastify';
import { wechatSandboxPlugin } from './wechat-sandbox.plugin';
import { WechatSandboxOptions, WechatSandboxState } from './wechat-sandbox-state';

export interface RunningWechatSandbox {
  /** Stands where https://api.weixin.qq.com stands: give it to WECHAT_API_BASE. */
  url: string;
  state: WechatSandboxState;
  /** TCP connections accepted so far: shows whether a client pools and keeps them alive. */
  connectionCount(): number;
  close(): Promise<void>;
}

/** The sandbox on its own port, for tests that need WeChat apart from the app under test. */
export async function startWechatSandbox(options: WechatSandboxOptions & { port?: number; host?: string } = {}): Promise<RunningWechatSandbox> {
  const app = Fastify({ forceCloseConnections: true });
  let url = '';
  const state = new WechatSandboxState({ h5BaseUrl: () => url, ...options });
  await app.register(wechatSandboxPlugin, { state });
  const host = options.host ?? '127.0.0.1';
  let connections = 0;
  app.server.on('connection', () => connections++);
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  url = `http://${host}:${typeof address === 'object' && address ? address.port : options.port}`;
  return { url, state, connectionCount: () => connections, close: () => app.close() };
}
