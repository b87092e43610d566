/** Contributors: earnings distribution, top contributors, owner vs contributor share. */
import type {DashboardSpec} from './lib/spec'
import {ACC_RANGE_CTE, BUCKET, KIND_FILTER, receiptEarnedSql, sahara} from './lib/sql'

/** Each receipt's earnings in the range (wei), from the day buckets' accumulators. */
const EARNED_CTE = `${ACC_RANGE_CTE},
earned AS (
  SELECT r.id, r.contributor_id, r.asset_id, ${receiptEarnedSql('acc.acc_start', 'acc.acc_end')} AS amount
  FROM receipt r
  JOIN acc ON acc.asset_id = r.asset_id
  JOIN asset a ON a.id = r.asset_id
  WHERE ${KIND_FILTER}
)`

const EARNED_NOTE =
    'A receipt\u2019s earnings in the range are what it accrued between its asset\u2019s accumulator at the start and at the end of the range (day buckets\u2019 accClose), SPEC §6.3.'

/** Earnings bins (SAHARA, lower bound inclusive). */
const BINS = `(VALUES (1, '< 0.01', 0::numeric, 0.01), (2, '0.01 – 0.1', 0.01, 0.1), (3, '0.1 – 1', 0.1, 1), (4, '1 – 10', 1, 10), (5, '10 – 100', 10, 100), (6, '≥ 100', 100, NULL)) AS bin(n, label, lo, hi)`

export const contributors: DashboardSpec = {
    uid: 'sahara-contributors',
    title: 'Sahara / Contributors',
    description: 'What contributors earn from their receipts, who earns most, and how revenue splits between asset owners and contributors.',
    tags: ['sahara', 'contributors', 'attribution'],
    variables: ['kind', 'bucket'],
    sections: [
        {
            title: 'Earnings',
            panels: [
                {
                    title: 'Owner parts and contributor pools',
                    description: 'Credited in the range to owners and to contributor pools of assets of the selected kinds, in SAHARA (asset day buckets).',
                    viz: 'stat',
                    unit: 'sahara',
                    decimals: 2,
                    columns: ['Owner parts', 'Contributor pools'],
                    w: 8,
                    h: 4,
                    sql: `
SELECT ${sahara('COALESCE(sum(d.owner_revenue), 0)')} AS "Owner parts",
       ${sahara('COALESCE(sum(d.contributor_revenue), 0)')} AS "Contributor pools"
FROM asset_day_data d
JOIN asset a ON a.id = d.asset_id
WHERE $__timeFilter(d.date) AND ${KIND_FILTER}`,
                },
                {
                    title: 'Contributor earnings',
                    description: `Earned by receipts on assets of the selected kinds in the range, in SAHARA, and how many contributors earned. ${EARNED_NOTE}`,
                    viz: 'stat',
                    unit: 'sahara',
                    decimals: 2,
                    columns: ['Earned by receipts'],
                    w: 8,
                    h: 4,
                    sql: `
WITH ${EARNED_CTE}
SELECT ${sahara('COALESCE(sum(earned.amount), 0)')} AS "Earned by receipts"
FROM earned`,
                },
                {
                    title: 'Contributors',
                    description: `Contributors that earned in the range, and receipts issued in the range, on assets of the selected kinds. ${EARNED_NOTE}`,
                    viz: 'stat',
                    columns: ['Earning contributors', 'Receipts issued'],
                    w: 8,
                    h: 4,
                    sql: `
WITH ${EARNED_CTE}
SELECT (SELECT count(DISTINCT earned.contributor_id) FROM earned WHERE earned.amount > 0) AS "Earning contributors",
       (SELECT count(*) FROM receipt r JOIN asset a ON a.id = r.asset_id
          WHERE $__timeFilter(r.issued_at) AND ${KIND_FILTER}) AS "Receipts issued"`,
                },
                {
                    title: 'Earnings distribution',
                    description: `Contributors by what they earned in the range (SAHARA, all their receipts on assets of the selected kinds together; those that earned nothing are left out). ${EARNED_NOTE}`,
                    viz: 'barchart',
                    columns: ['Earned (SAHARA)', 'Contributors'],
                    w: 12,
                    h: 9,
                    sql: `
WITH ${EARNED_CTE},
per_contributor AS (
  SELECT earned.contributor_id, ${sahara('sum(earned.amount)')} AS total
  FROM earned
  GROUP BY earned.contributor_id
  HAVING sum(earned.amount) > 0
)
SELECT bin.label AS "Earned (SAHARA)", count(pc.contributor_id) AS "Contributors"
FROM ${BINS}
LEFT JOIN per_contributor pc ON pc.total >= bin.lo AND (bin.hi IS NULL OR pc.total < bin.hi)
GROUP BY bin.n, bin.label
ORDER BY bin.n`,
                },
                {
                    title: 'Top contributors',
                    description: `The 20 contributors that earned most in the range on assets of the selected kinds, with their receipts and the assets they contributed to. ${EARNED_NOTE} Claimed is over all time (account totals).`,
                    viz: 'table',
                    unit: 'sahara',
                    decimals: 4,
                    columns: ['Contributor', 'Earned', 'Receipts', 'Assets', 'Claimed (all time)'],
                    w: 12,
                    h: 9,
                    sql: `
WITH ${EARNED_CTE}
SELECT earned.contributor_id AS "Contributor",
       ${sahara('sum(earned.amount)')} AS "Earned",
       count(*) AS "Receipts",
       count(DISTINCT earned.asset_id) AS "Assets",
       ${sahara('max(acct.receipt_claimed)')} AS "Claimed (all time)"
FROM earned
JOIN account acct ON acct.id = earned.contributor_id
GROUP BY earned.contributor_id
HAVING sum(earned.amount) > 0
ORDER BY sum(earned.amount) DESC, earned.contributor_id
LIMIT 20`,
                },
            ],
        },
        {
            title: 'Owners and contributors',
            panels: [
                {
                    title: 'Owner vs contributor share',
                    description: 'Per bucket, the share of net revenue credited to asset owners and to contributor pools, for assets of the selected kinds (asset day buckets).',
                    viz: 'bars',
                    stack: 'percent',
                    unit: 'sahara',
                    decimals: 2,
                    columns: ['time', 'Owners', 'Contributors'],
                    w: 16,
                    h: 8,
                    sql: `
SELECT $__timeGroupAlias(d.date, ${BUCKET}),
       ${sahara('sum(d.owner_revenue)')} AS "Owners",
       ${sahara('sum(d.contributor_revenue)')} AS "Contributors"
FROM asset_day_data d
JOIN asset a ON a.id = d.asset_id
WHERE $__timeFilter(d.date) AND ${KIND_FILTER}
GROUP BY 1
ORDER BY 1`,
                },
                {
                    title: 'Where payments went',
                    description: 'Payments to assets of the selected kinds in the range split into protocol fees, owner parts and contributor pools, in SAHARA (asset day buckets).',
                    viz: 'piechart',
                    unit: 'sahara',
                    decimals: 2,
                    columns: ['Recipient', 'Amount'],
                    w: 8,
                    h: 8,
                    sql: `
SELECT part.recipient AS "Recipient", ${sahara('part.amount')} AS "Amount"
FROM (
  SELECT COALESCE(sum(d.owner_revenue), 0) AS owners, COALESCE(sum(d.contributor_revenue), 0) AS pools, COALESCE(sum(d.protocol_fees), 0) AS fees
  FROM asset_day_data d
  JOIN asset a ON a.id = d.asset_id
  WHERE $__timeFilter(d.date) AND ${KIND_FILTER}
) t
CROSS JOIN LATERAL (VALUES (1, 'Owners', t.owners), (2, 'Contributors', t.pools), (3, 'Protocol fees', t.fees)) AS part(n, recipient, amount)
ORDER BY part.n`,
                },
                {
                    title: 'Receipts by contribution type',
                    description: 'Receipts issued in the range on assets of the selected kinds, by contribution type, and how many of them are still active (receipt table).',
                    viz: 'barchart',
                    stack: 'normal',
                    columns: ['Type', 'Active', 'Revoked'],
                    w: 24,
                    h: 7,
                    sql: `
SELECT r.contribution_type AS "Type",
       count(*) FILTER (WHERE NOT r.revoked) AS "Active",
       count(*) FILTER (WHERE r.revoked) AS "Revoked"
FROM receipt r
JOIN asset a ON a.id = r.asset_id
WHERE $__timeFilter(r.issued_at) AND ${KIND_FILTER}
GROUP BY r.contribution_type
ORDER BY r.contribution_type`,
                },
            ],
        },
    ],
}
