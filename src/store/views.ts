/**
 * Entities served from SQL views (db/migrations/1796347763528-Data.js), computed when queried and
 * never written: the processor, the reindex and every "each entity table" loop (test harnesses,
 * dumps) leave them out. Their TypeORM models exist only so that OpenReader serves them.
 */
export const VIEW_TABLES: ReadonlySet<string> = new Set(['receipt_accrual', 'license_validity'])

/** Whether an entity's table is a view (see VIEW_TABLES). */
export const isView = (tableName: string): boolean => VIEW_TABLES.has(tableName)
