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
