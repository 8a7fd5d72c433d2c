export * from './errors/error-code';
export * from './common/page';
export * from './health/health.types';
export * from './staff/staff.types';
