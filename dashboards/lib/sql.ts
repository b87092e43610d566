/** SQL fragments shared by the dashboards. Amounts are numeric(78) wei; panels show SAHARA. */

/**
 * wei → SAHARA for display: numeric × 1e-18, which is exact (18 decimals), where `/ 1e18` would
 * round to about 16 significant digits; Grafana reads the numeric as a float either way.
 */
export function sahara(expr: string): string {
    return `${expr} * 1e-18`
}

/** The asset-kind template variable on asset `a` (multi-value: Grafana expands it to a quoted list). */
export const KIND_FILTER = 'a.kind IN ($kind)'

/** The bucket template variable as a $__timeGroup interval. */
export const BUCKET = "'$bucket'"

/**
 * receiptEarnedSql(start, end, r): per receipt `r` (with its asset's accumulator range, e.g.
 * `acc.acc_start` .. `acc.acc_end` from the day buckets), what it accrued in between — SPEC §6.3
 * accrual, the SQL twin of src/domain/accrual.ts (receiptEarnedBetween).
 */
export {receiptEarnedSql} from '../../src/domain/accrual-sql'

/** Each asset's accumulator at the start and at the end of the range, from its day buckets (acc only grows). */
export const ACC_RANGE_CTE = `acc AS (
  SELECT d.asset_id,
         COALESCE(max(d.acc_close) FILTER (WHERE d.date < $__timeFrom()), 0) AS acc_start,
         COALESCE(max(d.acc_close) FILTER (WHERE d.date <= $__timeTo()), 0) AS acc_end
  FROM asset_day_data d
  GROUP BY d.asset_id
)`
