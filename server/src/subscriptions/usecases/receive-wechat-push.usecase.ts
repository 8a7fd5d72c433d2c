import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { GroupedTransactions } from '../../common/db/grouped-transactions';
import { TransactionRunner } from '../../common/db/transaction-runner';
import { Clock } from '../../common/time/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MembersRepository } from '../../members/members.repository';
import { decryptPushMessage, PushDecryptionError, pushSignature, signatureMatches } from '../../wechat/push-crypto';
import { MessageTemplatesService } from '../message-templates.service';
import { SentEventRecord, SubscribeEventsRepository } from '../subscribe-events.repository';
import { SubscriptionLedger } from '../subscription-ledger';
import { SubscriptionQuota } from '../subscription-quota';
import { pushRejected } from '../subscriptions.errors';

export interface PushQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  encrypt_type?: string;
  msg_signature?: string;
}

type PushItem = Record<string, unknown>;
interface PushEvent {
  FromUserName?: unknown;
  CreateTime?: unknown;
  Event?: unknown;
  List?: unknown;
}

/** An event as applied: who it is from, what it says. */
interface OpenedEvent {
  kind: 'subscribe_msg_popup_event' | 'subscribe_msg_change_event' | 'subscribe_msg_sent_event';
  openid: string;
  createTime: string;
  items: PushItem[];
}

const KINDS: ReadonlyArray<OpenedEvent['kind']> = ['subscribe_msg_popup_event', 'subscribe_msg_change_event', 'subscribe_msg_sent_event'];
/** WeChat's code for a member who refused the message: what we counted is wrong. */
const REFUSED = 43101;
/**
 * Every send brings one subscribe_msg_sent_event, so a campaign brings as many pushes as messages:
 * pushes arriving within a few milliseconds are applied in one transaction (up to 100), each answered
 * once it committed. WeChat waits 5 s for the answer, so the wait costs nothing.
 */
const PUSH_GROUPS = { maxItems: 100, windowMs: 10, concurrency: 2 };

/**
 * The mini-program's message-push URL: WeChat's subscribe-message events, which are the record to
 * trust about accepts, settings changes and the final result of each send. A push is answered
 * "success" once applied; a repeat of one already applied changes nothing.
 */
@Injectable()
export class ReceiveWechatPushUseCase {
  private readonly logger = new Logger('WechatPush');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly members: MembersRepository,
    private readonly templates: MessageTemplatesService,
    private readonly ledger: SubscriptionLedger,
    private readonly quota: SubscriptionQuota,
    private readonly events: SubscribeEventsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private readonly groups = new GroupedTransactions<OpenedEvent>({
    run: (effect) => this.tx.run(effect),
    apply: (m, events) => this.apply(m, events),
    ...PUSH_GROUPS,
  });

  /** The URL check when the push URL is saved in WeChat's console: echo echostr if the signature is WeChat's. */
  verify(query: PushQuery): string {
    const token = this.token();
    if (!query.timestamp || !query.nonce || !signatureMatches(pushSignature(token, query.timestamp, query.nonce), query.signature)) throw pushRejected('bad signature');
    if (typeof query.echostr !== 'string') throw pushRejected('echostr is missing');
    return query.echostr;
  }

  async receive(query: PushQuery, body: unknown): Promise<void> {
    const event = this.open(query, body);
    const kind = String(event.Event ?? '') as OpenedEvent['kind'];
    if (!KINDS.includes(kind)) return;
    const openid = typeof event.FromUserName === 'string' ? event.FromUserName : '';
    const items = (Array.isArray(event.List) ? event.List : event.List && typeof event.List === 'object' ? [event.List] : []) as PushItem[];
    await this.groups.submit({ kind, openid, createTime: String(event.CreateTime ?? ''), items });
  }

  /** A group of pushes in one transaction: the send results in one statement, then each accept, change and refusal in arrival order. */
  private async apply(m: EntityManager, events: OpenedEvent[]): Promise<void> {
    const now = this.clock.now();
    const sent: SentEventRecord[] = [];
    for (const event of events) {
      if (event.kind !== 'subscribe_msg_sent_event') continue;
      for (const item of event.items) {
        const msgId = String(item.MsgID ?? '');
        if (!/^\d{1,32}$/.test(msgId)) continue;
        sent.push({ msgId, openid: event.openid, wechatTemplateId: String(item.TemplateId ?? ''), errorCode: Number(item.ErrorCode ?? 0), errorStatus: String(item.ErrorStatus ?? '').slice(0, 64), receivedAt: now });
      }
    }
    await this.events.recordSentMany(m, sent);
    for (const event of events) {
      if (event.kind === 'subscribe_msg_sent_event') await this.refused(m, event);
      else await this.subscription(m, event);
    }
  }

  /** A send WeChat says the member refused (43101): the member's accepts of that template are zero. */
  private async refused(m: EntityManager, event: OpenedEvent): Promise<void> {
    for (const item of event.items) {
      if (Number(item.ErrorCode ?? 0) !== REFUSED || !/^\d{1,32}$/.test(String(item.MsgID ?? ''))) continue;
      const member = event.openid ? await this.members.findBy({ openid: event.openid }, m) : null;
      const template = member ? await this.templates.byWechatId(m, String(item.TemplateId ?? '')) : null;
      if (member && template) await this.quota.zero(m, member.id, template.id);
    }
  }

  private async subscription(m: EntityManager, { kind, openid, createTime, items }: OpenedEvent): Promise<void> {
    const member = openid ? await this.members.findBy({ openid }, m) : null;
    for (const [index, item] of items.entries()) {
      const wechatTemplateId = String(item.TemplateId ?? '');
      const status = item.SubscribeStatusString;
      if (status !== 'accept' && status !== 'reject') continue;
      const key = createHash('sha256').update([kind, openid, createTime, index, wechatTemplateId, status].join('|')).digest('hex');
      if (!(await this.events.firstReceipt(m, key, kind, this.clock.now()))) continue;
      const template = await this.templates.byWechatId(m, wechatTemplateId);
      if (!member || !template) {
        this.logger.warn(`${kind} for ${member ? 'an unregistered template' : 'someone who is not a member'} (${wechatTemplateId}) ignored`);
        continue;
      }
      if (kind === 'subscribe_msg_popup_event') await this.ledger.popup(m, member.id, template.id, status);
      else await this.ledger.changed(m, member.id, template.id, status);
    }
  }

  /** Checks the signature and, in safe mode, decrypts: the event as WeChat sent it. */
  private open(query: PushQuery, body: unknown): PushEvent {
    const token = this.token();
    const { mode, aesKey } = this.config.wechat.push;
    const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    if (!query.timestamp || !query.nonce) throw pushRejected('timestamp and nonce are required');
    if (query.encrypt_type === 'aes') {
      if (mode === 'plaintext' || !aesKey) throw pushRejected('safe mode is not configured (WECHAT_PUSH_AES_KEY)');
      const encrypted = fields.Encrypt;
      if (typeof encrypted !== 'string') throw pushRejected('Encrypt is missing');
      if (!signatureMatches(pushSignature(token, query.timestamp, query.nonce, encrypted), query.msg_signature)) throw pushRejected('bad msg_signature');
      try {
        return JSON.parse(decryptPushMessage(aesKey, this.templates.appId, encrypted)) as PushEvent;
      } catch (error) {
        throw pushRejected(error instanceof PushDecryptionError ? error.message : 'the decrypted message is not JSON');
      }
    }
    if (mode === 'safe') throw pushRejected('only safe mode (encrypt_type=aes) is accepted');
    if (!signatureMatches(pushSignature(token, query.timestamp, query.nonce), query.signature)) throw pushRejected('bad signature');
    return fields;
  }

  private token(): string {
    const token = this.config.wechat.push.token;
    if (!token) throw pushRejected('no push Token is configured (WECHAT_PUSH_TOKEN)');
    return token;
  }
}
