export const StaffRole = {
  HQ_ADMIN: 'hq_admin',
  STORE_MANAGER: 'store_manager',
  CLERK: 'clerk',
} as const;
export type StaffRole = (typeof StaffRole)[keyof typeof StaffRole];

export interface StaffLoginRequest {
  username: string;
  password: string;
}

export interface StaffProfile {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  store: { id: number; code: string; name: string } | null;
  mustChangePassword: boolean;
}

export interface StaffSession {
  token: string;
  expiresAt: string;
  staff: StaffProfile;
}

/** A new password ends the sessions issued under the old one; this one continues with the new token. */
export interface PasswordChanged extends StaffProfile {
  token: string;
  expiresAt: string;
}

/** A staff account as HQ and managers administer it. */
export interface StaffAccount extends StaffProfile {
  active: boolean;
  createdAt: string;
}

export interface StaffAccountQuery {
  /** Part of the username or display name. */
  q?: string;
  role?: StaffRole;
  /** A store, or a region (its stores). */
  storeCode?: string;
  active?: boolean;
  cursor?: string;
  limit?: number;
}

export interface CreateStaffRequest {
  username: string;
  displayName: string;
  role: StaffRole;
  storeCode: string;
  /** Omitted: the server makes a one-time password, to be changed at first sign-in. */
  password?: string;
}

export interface UpdateStaffRequest {
  displayName?: string;
  role?: StaffRole;
  storeCode?: string;
  active?: boolean;
}

export interface PasswordReset {
  staff: StaffAccount;
  oneTimePassword: string;
}

/** The rules the server checks a username against; the console checks the same before sending. */
export const STAFF_USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{2,31}$/;
