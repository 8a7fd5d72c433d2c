/**
 * Every page of the released mini-program (app.json's pages and subpackage pages). The server's WeChat
 * sandbox answers getwxacodeunlimit with 41030 for any other page, as WeChat does with check_path; a
 * mini-program test keeps this list equal to its route table.
 */
export const MINIAPP_PAGES = [
  'pages/home/index',
  'pages/card/index',
  'pages/mine/index',
  'packages/join/index',
  'packages/staff/index',
  'packages/staff/console',
  'packages/staff/poster',
  'packages/staff/verifications',
  'packages/staff/care-tasks',
  'packages/points/index',
  'packages/checkin/index',
  'packages/mall/index',
  'packages/mall/detail',
  'packages/coupons/index',
  'packages/coupons/detail',
  'packages/referrals/index',
  'packages/subscriptions/index',
] as const;
