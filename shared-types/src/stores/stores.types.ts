export const StoreKind = { HQ: 'hq', REGION: 'region', STORE: 'store' } as const;
export type StoreKind = (typeof StoreKind)[keyof typeof StoreKind];

export interface Store {
  id: number;
  code: string;
  name: string;
  kind: StoreKind;
  parentId: number | null;
}

export interface CreateStoreRequest {
  code: string;
  name: string;
  kind: StoreKind;
  parentCode: string;
}

export interface UpdateStoreRequest {
  name?: string;
  /** Moves a store (or region) below another region or HQ. */
  parentCode?: string;
}

export const STORE_CODE_PATTERN = /^[A-Z0-9]{2,16}$/;
