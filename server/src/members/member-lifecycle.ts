import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface JoinedMember {
  memberId: number;
  /** The store (or HQ) whose code the member joined by. */
  storeId: number | null;
  /** The same WeChat user (openid or unionid) had a membership and deleted it: no second welcome gift. */
  returning: boolean;
}

type JoinedHandler = (manager: EntityManager, member: JoinedMember) => Promise<void>;
type ExportSection = (memberId: number) => Promise<unknown>;

/**
 * Where features that depend on members take part in members' own flows, so members never imports
 * them: `member.joined` handlers run inside the join's transaction (the welcome points are on the
 * card the join answers with, or there is no member), and a member's data export gathers the
 * sections other features hold. Register in onModuleInit.
 */
@Injectable()
export class MemberLifecycle {
  private readonly joinedHandlers: JoinedHandler[] = [];
  private readonly sections = new Map<string, ExportSection>();

  onJoined(handler: JoinedHandler): void {
    this.joinedHandlers.push(handler);
  }

  async joined(manager: EntityManager, member: JoinedMember): Promise<void> {
    for (const handler of this.joinedHandlers) await handler(manager, member);
  }

  exportSection(name: string, read: ExportSection): void {
    this.sections.set(name, read);
  }

  async exportSections(memberId: number): Promise<Record<string, unknown>> {
    const entries = await Promise.all([...this.sections].map(async ([name, read]) => [name, await read(memberId)] as const));
    return Object.fromEntries(entries);
  }
}
