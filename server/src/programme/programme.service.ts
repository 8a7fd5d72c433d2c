import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RefreshingCache } from '../common/cache/refreshing-cache';
import { TransactionRunner } from '../common/db/transaction-runner';
import { Clock } from '../common/time/clock';
import { ProgrammeRepository } from './programme.repository';

/** Settings change rarely and are read on every earn: other instances see a change within about this. */
const CACHE_MS = 5_000;

/** Typed, defaulted access to the programme's settings; a missing key means "the defaults". */
@Injectable()
export class ProgrammeService implements OnApplicationBootstrap {
  /** The whole (small) settings table, loaded at start-up so no request waits for it. */
  private readonly settings: RefreshingCache<Map<string, unknown>>;

  constructor(
    private readonly rows: ProgrammeRepository,
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
  ) {
    this.settings = new RefreshingCache(() => rows.all(), CACHE_MS);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.settings.get();
  }

  async get<T extends object>(key: string, defaults: T): Promise<T> {
    const stored = (await this.settings.get()).get(key) as Partial<T> | undefined;
    return stored ? { ...defaults, ...stored } : defaults;
  }

  async set<T extends object>(manager: EntityManager, key: string, value: T): Promise<void> {
    await this.rows.put(manager, key, value, this.clock.now());
    this.tx.afterCommit(manager, () => this.settings.invalidate());
  }
}
