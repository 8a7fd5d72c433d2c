import { randomBytes } from 'node:crypto';
import { encryptPushMessage, pushSignature } from '../push-crypto';
import { WechatHttpClient } from '../wechat-http';

/** Where and how the sandbox pushes events, as the mini-program's 消息推送 settings say. */
export interface SandboxPushTarget {
  /** Read at push time: the server learns its port only after listen. */
  url: () => string;
  token: string;
  /** With a key the push is in safe mode (encrypted), as WeChat does once EncodingAESKey is set to safe. */
  aesKey: string | null;
}

export interface SandboxPushRecord {
  event: string;
  toUrl: string;
  attempts: number;
  /** The answer of the last attempt: WeChat expects the text "success". */
  answer: string;
  delivered: boolean;
  at: string;
}

const ATTEMPTS = 3;
const RETRY_DELAY_MS = 200;
/** WeChat waits this long for the answer "success". */
const ANSWER_WITHIN_MS = 5000;

/**
 * Pushes events to the server's message-push URL signed (and in safe mode encrypted) exactly as
 * WeChat does, retrying an unanswered push up to 3 times as WeChat does. Pushes run after the
 * call that caused them has answered, as WeChat's do.
 */
export class SandboxPusher {
  readonly log: SandboxPushRecord[] = [];
  private readonly pending = new Set<Promise<void>>();
  private lastCreateTime = 0;
  /** Kept-alive connections, as the server's own WeChat client: a campaign makes one push per message. */
  private readonly http = new WechatHttpClient();

  constructor(
    private readonly target: SandboxPushTarget | null,
    private readonly appId: string,
  ) {}

  push(openid: string, event: string, list: unknown): void {
    if (!this.target) return;
    const target = this.target;
    // A repeat of a push carries its CreateTime, which is how the server knows it; two taps a script makes within
    // one second would look like a repeat, so the sandbox never gives two pushes the same second.
    this.lastCreateTime = Math.max(Math.floor(Date.now() / 1000), this.lastCreateTime + 1);
    const body = { ToUserName: `gh_${this.appId.slice(-12)}`, FromUserName: openid, CreateTime: this.lastCreateTime, MsgType: 'event', Event: event, List: list };
    const running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.deliver(target, event, body));
    this.pending.add(running);
    void running.finally(() => this.pending.delete(running));
  }

  /** Resolves once every push made so far has been answered or given up on. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async deliver(target: SandboxPushTarget, event: string, body: Record<string, unknown>): Promise<void> {
    const record: SandboxPushRecord = { event, toUrl: target.url(), attempts: 0, answer: '', delivered: false, at: new Date().toISOString() };
    this.log.push(record);
    const message = JSON.stringify(body);
    for (let attempt = 1; attempt <= ATTEMPTS && !record.delivered; attempt++) {
      record.attempts = attempt;
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = randomBytes(5).toString('hex');
      const query = new URLSearchParams({ signature: pushSignature(target.token, timestamp, nonce), timestamp, nonce });
      let payload: unknown = body;
      if (target.aesKey) {
        const encrypted = encryptPushMessage(target.aesKey, this.appId, message);
        query.set('encrypt_type', 'aes');
        query.set('msg_signature', pushSignature(target.token, timestamp, nonce, encrypted));
        payload = { ToUserName: body.ToUserName, Encrypt: encrypted };
      }
      try {
        const response = await this.http.request('messagePush', 'POST', new URL(`${record.toUrl}?${query.toString()}`), payload, ANSWER_WITHIN_MS);
        record.answer = response.body.toString('utf8').slice(0, 200);
        record.delivered = response.status >= 200 && response.status < 300 && record.answer === 'success';
      } catch (error) {
        record.answer = (error as Error).message;
      }
      if (!record.delivered && attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
    }
  }
}
