/** Feature modules, in dependency order (leaves first). */
export const FEATURE_MODULES = [];
