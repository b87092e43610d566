/** Protocol overview: assets by kind, invocations, gross payments, fees, active callers and contributors. */
import type {DashboardSpec} from './lib/spec'
import {ACC_RANGE_CTE, BUCKET, KIND_FILTER, receiptEarnedSql, sahara} from './lib/sql'

/** Asset day buckets with the accumulator at the day's open (the previous bucket's close). */
const DAYS_CTE = `days AS (
  SELECT d.asset_id, d.date, d.acc_close,
         COALESCE(lag(d.acc_close) OVER (PARTITION BY d.asset_id ORDER BY d.date), 0) AS acc_open
  FROM asset_day_data d
  JOIN asset a ON a.id = d.asset_id
  WHERE ${KIND_FILTER} AND d.date <= $__timeTo()
)`

export const overview: DashboardSpec = {
    uid: 'sahara-overview',
    title: 'Sahara / Protocol overview',
    description: 'Assets, invocations, payments, protocol fees and active callers and contributors of the Sahara AI asset protocol.',
    tags: ['sahara', 'protocol'],
    variables: ['kind', 'bucket'],
    sections: [
        {
            title: 'Totals in the selected range',
            panels: [
                {
                    title: 'Assets registered',
                    description: 'Assets of the selected kinds registered up to the end of the range (asset table).',
                    viz: 'stat',
                    columns: ['Assets'],
                    w: 4,
                    h: 4,
                    sql: `
SELECT count(*) AS "Assets"
FROM asset a
WHERE ${KIND_FILTER} AND a.created_at <= $__timeTo()`,
                },
                {
                    title: 'Invocations and payments',
                    description: 'Invocations and payments made to assets of the selected kinds in the range (sums of the asset day buckets).',
                    viz: 'stat',
                    columns: ['Invocations', 'Payments'],
                    w: 6,
                    h: 4,
                    sql: `
SELECT COALESCE(sum(d.invocations), 0) AS "Invocations",
       COALESCE(sum(d.payments), 0) AS "Payments"
FROM asset_day_data d
JOIN asset a ON a.id = d.asset_id
WHERE $__timeFilter(d.date) AND ${KIND_FILTER}`,
                },
                {
                    title: 'Gross payments and protocol fees',
                    description: 'Payments (before fees) to assets of the selected kinds in the range, and the protocol fees taken from them, in SAHARA (asset day buckets).',
                    viz: 'stat',
                    columns: ['Gross payments', 'Protocol fees'],
                    unit: 'sahara',
                    decimals: 2,
                    w: 8,
                    h: 4,
                    sql: `
SELECT ${sahara('COALESCE(sum(d.gross_revenue), 0)')} AS "Gross payments",
       ${sahara('COALESCE(sum(d.protocol_fees), 0)')} AS "Protocol fees"
FROM asset_day_data d
JOIN asset a ON a.id = d.asset_id
WHERE $__timeFilter(d.date) AND ${KIND_FILTER}`,
                },
                {
                    title: 'Active callers and earning contributors',
                    description:
                        'Accounts that invoked an asset of the selected kinds in the range (caller day buckets), and contributors whose receipts on those assets earned in the range (receipt accruals between the accumulators of the day buckets at the range ends).',
                    viz: 'stat',
                    columns: ['Active callers', 'Earning contributors'],
                    w: 6,
                    h: 4,
                    sql: `
WITH ${ACC_RANGE_CTE}
SELECT (SELECT count(DISTINCT c.caller_id)
          FROM caller_day_data c
          WHERE $__timeFilter(c.date) AND c.kind IN ($kind)) AS "Active callers",
       (SELECT count(DISTINCT r.contributor_id)
          FROM receipt r JOIN acc ON acc.asset_id = r.asset_id JOIN asset a ON a.id = r.asset_id
          WHERE ${KIND_FILTER} AND ${receiptEarnedSql('acc.acc_start', 'acc.acc_end')} > 0) AS "Earning contributors"`,
                },
            ],
        },
        {
            title: 'Assets',
            panels: [
                {
                    title: 'Assets by kind',
                    description: 'Assets registered up to the end of the range, by kind (asset table).',
                    viz: 'barchart',
                    columns: ['Kind', 'Assets'],
                    w: 8,
                    h: 8,
                    sql: `
SELECT a.kind AS "Kind", count(*) AS "Assets"
FROM asset a
WHERE ${KIND_FILTER} AND a.created_at <= $__timeTo()
GROUP BY a.kind
ORDER BY a.kind`,
                },
                {
                    title: 'New assets by kind',
                    description: 'Assets registered per bucket, by kind (asset table).',
                    viz: 'bars',
                    stack: 'normal',
                    columns: ['time', 'metric', 'value'],
                    w: 16,
                    h: 8,
                    sql: `
SELECT $__timeGroupAlias(a.created_at, ${BUCKET}), a.kind AS metric, count(*) AS value
FROM asset a
WHERE $__timeFilter(a.created_at) AND ${KIND_FILTER}
GROUP BY 1, 2
ORDER BY 1, 2`,
                },
            ],
        },
        {
            title: 'Usage and revenue',
            panels: [
                {
                    title: 'Invocations by kind',
                    description: 'Invocations per bucket, by the kind of the asset invoked (asset day buckets).',
                    viz: 'bars',
                    stack: 'normal',
                    columns: ['time', 'metric', 'value'],
                    w: 12,
                    h: 8,
                    sql: `
SELECT $__timeGroupAlias(d.date, ${BUCKET}), a.kind AS metric, sum(d.invocations) AS value
FROM asset_day_data d
JOIN asset a ON a.id = d.asset_id
WHERE $__timeFilter(d.date) AND ${KIND_FILTER}
GROUP BY 1, 2
ORDER BY 1, 2`,
                },
                {
                    title: 'Gross payments and protocol fees over time',
                    description: 'Payments (before fees) and protocol fees per bucket, in SAHARA (asset day buckets).',
                    viz: 'timeseries',
                    unit: 'sahara',
                    decimals: 2,
                    columns: ['time', 'Gross payments', 'Protocol fees'],
                    w: 12,
                    h: 8,
                    sql: `
SELECT $__timeGroupAlias(d.date, ${BUCKET}),
       ${sahara('sum(d.gross_revenue)')} AS "Gross payments",
       ${sahara('sum(d.protocol_fees)')} AS "Protocol fees"
FROM asset_day_data d
JOIN asset a ON a.id = d.asset_id
WHERE $__timeFilter(d.date) AND ${KIND_FILTER}
GROUP BY 1
ORDER BY 1`,
                },
                {
                    title: 'Active callers and earning contributors over time',
                    description:
                        'Per bucket: accounts that invoked an asset of the selected kinds (caller day buckets), and contributors whose receipts earned (the receipt accrued between the day buckets\u2019 opening and closing accumulators).',
                    viz: 'timeseries',
                    columns: ['time', 'metric', 'value'],
                    w: 24,
                    h: 8,
                    sql: `
WITH ${DAYS_CTE}
SELECT $__timeGroupAlias(c.date, ${BUCKET}), 'Active callers' AS metric, count(DISTINCT c.caller_id) AS value
FROM caller_day_data c
WHERE $__timeFilter(c.date) AND c.kind IN ($kind)
GROUP BY 1
UNION ALL
SELECT $__timeGroupAlias(days.date, ${BUCKET}), 'Earning contributors' AS metric, count(DISTINCT r.contributor_id) AS value
FROM days
JOIN receipt r ON r.asset_id = days.asset_id
WHERE $__timeFilter(days.date) AND days.acc_close > days.acc_open
  AND ${receiptEarnedSql('days.acc_open', 'days.acc_close')} > 0
GROUP BY 1
ORDER BY 1, 2`,
                },
            ],
        },
    ],
}
