/** Assets and lineage: top assets by revenue, upstream flows, royalty depth. */
import type {DashboardSpec} from './lib/spec'
import {BUCKET, KIND_FILTER, sahara} from './lib/sql'

export const assets: DashboardSpec = {
    uid: 'sahara-assets',
    title: 'Sahara / Assets and lineage',
    description: 'Which assets earn, how revenue flows up the lineage graph to the assets they derive from, and how deep royalties go.',
    tags: ['sahara', 'assets', 'lineage'],
    variables: ['kind', 'bucket'],
    sections: [
        {
            title: 'Revenue',
            panels: [
                {
                    title: 'Top assets by revenue',
                    description:
                        'The 20 assets of the selected kinds that received the most in the range: direct revenue (payments to the asset after the fee) plus upstream royalties from descendants, with the owner and contributor parts credited (asset day buckets; lineage counts are current).',
                    viz: 'table',
                    unit: 'sahara',
                    decimals: 4,
                    columns: ['Asset', 'Kind', 'Revenue', 'Gross payments', 'Direct', 'Upstream', 'Owner', 'Contributors', 'Invocations', 'Parents', 'Children'],
                    w: 24,
                    h: 10,
                    sql: `
SELECT a.id AS "Asset", a.kind AS "Kind",
       ${sahara('sum(d.direct_revenue + d.upstream_revenue)')} AS "Revenue",
       ${sahara('sum(d.gross_revenue)')} AS "Gross payments",
       ${sahara('sum(d.direct_revenue)')} AS "Direct",
       ${sahara('sum(d.upstream_revenue)')} AS "Upstream",
       ${sahara('sum(d.owner_revenue)')} AS "Owner",
       ${sahara('sum(d.contributor_revenue)')} AS "Contributors",
       sum(d.invocations) AS "Invocations",
       a.parent_count AS "Parents", a.child_count AS "Children"
FROM asset_day_data d
JOIN asset a ON a.id = d.asset_id
WHERE $__timeFilter(d.date) AND ${KIND_FILTER}
GROUP BY a.id
HAVING sum(d.direct_revenue + d.upstream_revenue) > 0
ORDER BY sum(d.direct_revenue + d.upstream_revenue) DESC, length(a.id), a.id
LIMIT 20`,
                },
                {
                    title: 'Direct vs upstream revenue',
                    description: 'Per bucket, in SAHARA: net payments reaching assets of the selected kinds directly, and royalties they received from descendants (asset day buckets).',
                    viz: 'bars',
                    stack: 'normal',
                    unit: 'sahara',
                    decimals: 2,
                    columns: ['time', 'Direct', 'Upstream'],
                    w: 12,
                    h: 8,
                    sql: `
SELECT $__timeGroupAlias(d.date, ${BUCKET}),
       ${sahara('sum(d.direct_revenue)')} AS "Direct",
       ${sahara('sum(d.upstream_revenue)')} AS "Upstream"
FROM asset_day_data d
JOIN asset a ON a.id = d.asset_id
WHERE $__timeFilter(d.date) AND ${KIND_FILTER}
GROUP BY 1
ORDER BY 1`,
                },
                {
                    title: 'Revenue by kind',
                    description: 'Direct revenue plus upstream royalties per bucket, by asset kind, in SAHARA (asset day buckets).',
                    viz: 'timeseries',
                    unit: 'sahara',
                    decimals: 2,
                    columns: ['time', 'metric', 'value'],
                    w: 12,
                    h: 8,
                    sql: `
SELECT $__timeGroupAlias(d.date, ${BUCKET}), a.kind AS metric,
       ${sahara('sum(d.direct_revenue + d.upstream_revenue)')} AS value
FROM asset_day_data d
JOIN asset a ON a.id = d.asset_id
WHERE $__timeFilter(d.date) AND ${KIND_FILTER}
GROUP BY 1, 2
ORDER BY 1, 2`,
                },
            ],
        },
        {
            title: 'Lineage',
            panels: [
                {
                    title: 'Upstream royalties by receiving kind',
                    description: 'Royalties that flowed up the lineage per bucket, by the kind of the asset receiving them, in SAHARA (asset day buckets: upstreamRevenue).',
                    viz: 'bars',
                    stack: 'normal',
                    unit: 'sahara',
                    decimals: 2,
                    columns: ['time', 'metric', 'value'],
                    w: 12,
                    h: 8,
                    sql: `
SELECT $__timeGroupAlias(d.date, ${BUCKET}), a.kind AS metric, ${sahara('sum(d.upstream_revenue)')} AS value
FROM asset_day_data d
JOIN asset a ON a.id = d.asset_id
WHERE $__timeFilter(d.date) AND ${KIND_FILTER} AND d.upstream_revenue > 0
GROUP BY 1, 2
ORDER BY 1, 2`,
                },
                {
                    title: 'Top upstream receivers',
                    description:
                        'Assets of the selected kinds that received the most upstream royalties in the range, with their direct children and what they pass on to their own parents over all time (asset day buckets and asset totals).',
                    viz: 'table',
                    unit: 'sahara',
                    decimals: 4,
                    columns: ['Asset', 'Kind', 'Upstream received', 'Children', 'Parents', 'Sent upstream (all time)'],
                    w: 12,
                    h: 8,
                    sql: `
SELECT a.id AS "Asset", a.kind AS "Kind",
       ${sahara('sum(d.upstream_revenue)')} AS "Upstream received",
       a.child_count AS "Children", a.parent_count AS "Parents",
       ${sahara('a.sent_upstream')} AS "Sent upstream (all time)"
FROM asset_day_data d
JOIN asset a ON a.id = d.asset_id
WHERE $__timeFilter(d.date) AND ${KIND_FILTER}
GROUP BY a.id
HAVING sum(d.upstream_revenue) > 0
ORDER BY sum(d.upstream_revenue) DESC, length(a.id), a.id
LIMIT 10`,
                },
                {
                    title: 'Royalty depth',
                    description:
                        'Amounts that reached assets of the selected kinds in the range, by depth in the payment\u2019s lineage walk (0 = the asset paid, 1 = its parents, ...), in SAHARA (royalty_depth_day_data).',
                    viz: 'barchart',
                    unit: 'sahara',
                    decimals: 2,
                    columns: ['Depth', 'Amount'],
                    w: 8,
                    h: 8,
                    sql: `
SELECT d.depth::text AS "Depth", ${sahara('sum(d.amount)')} AS "Amount"
FROM royalty_depth_day_data d
WHERE $__timeFilter(d.date) AND d.kind IN ($kind)
GROUP BY d.depth
ORDER BY d.depth`,
                },
                {
                    title: 'Lineage depth of assets',
                    description:
                        'Assets of the selected kinds registered by the end of the range, by the length of their longest chain of ancestors (0 = no parent; asset and lineage-edge tables).',
                    viz: 'barchart',
                    columns: ['Lineage depth', 'Assets'],
                    w: 8,
                    h: 8,
                    sql: `
WITH RECURSIVE walk(id, depth) AS (
  SELECT a.id, 0 FROM asset a WHERE a.parent_count = 0
  UNION
  SELECT l.child_id, w.depth + 1
  FROM walk w JOIN asset_link l ON l.parent_id = w.id
  WHERE w.depth < 64
)
SELECT depth::text AS "Lineage depth", count(*) AS "Assets"
FROM (SELECT w.id, max(w.depth) AS depth FROM walk w GROUP BY w.id) deepest
JOIN asset a ON a.id = deepest.id
WHERE ${KIND_FILTER} AND a.created_at <= $__timeTo()
GROUP BY depth
ORDER BY depth`,
                },
                {
                    title: 'Lineage edges by relation',
                    description: 'Lineage edges whose child is of the selected kinds, by relation, with the average share of the child\u2019s net revenue sent to the parent (asset_link).',
                    viz: 'table',
                    columns: ['Relation', 'Edges', 'Average upstream share (bps)'],
                    w: 8,
                    h: 8,
                    sql: `
SELECT l.relation AS "Relation", count(*) AS "Edges", round(avg(l.upstream_bps)) AS "Average upstream share (bps)"
FROM asset_link l
JOIN asset a ON a.id = l.child_id
WHERE ${KIND_FILTER} AND l.timestamp <= $__timeTo()
GROUP BY l.relation
ORDER BY count(*) DESC, l.relation`,
                },
            ],
        },
    ],
}
