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
 * Per receipt `r` (with its asset's accumulator range `acc.acc_start` .. `acc.acc_end`): what it
 * accrued in between, floor(w (min(acc, cap) - s) / 1e18) at the end minus at the start, where s is
 * its accSnapshot and cap its accAtRevoke if revoked (SPEC §6.3; the same rule as
 * src/db/attribution-sql.ts, on day-bucket accumulators instead of single distributions).
 */
export function receiptEarnedSql(start: string, end: string, r = 'r'): string {
    const at = (acc: string) =>
        `div(${r}.weight * (GREATEST(LEAST(${acc}, COALESCE(${r}.acc_at_revoke, ${acc})), ${r}.acc_snapshot) - ${r}.acc_snapshot), 1e18)`
    return `(${at(end)} - ${at(start)})`
}

/** Each asset's accumulator at the start and at the end of the range, from its day buckets (acc only grows). */
export const ACC_RANGE_CTE = `acc AS (
  SELECT d.asset_id,
         COALESCE(max(d.acc_close) FILTER (WHERE d.date < $__timeFrom()), 0) AS acc_start,
         COALESCE(max(d.acc_close) FILTER (WHERE d.date <= $__timeTo()), 0) AS acc_end
  FROM asset_day_data d
  GROUP BY d.asset_id
)`
