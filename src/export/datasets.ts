/**
 * Research export datasets: their columns (name, type, unit, meaning — the table docs/exports.md
 * is generated from) and the parameterized SQL that streams them. Each dataset is one SELECT in
 * chain order; filters become `$n` parameters, never string concatenation of values.
 *
 * Column types and how each format writes them:
 * | type      | CSV                              | Parquet                                   |
 * |-----------|----------------------------------|-------------------------------------------|
 * | uint      | decimal digits                   | BYTE_ARRAY UTF8 decimal string (DECIMAL(78,0)-compatible; DuckDB: `::HUGEINT` or `::DECIMAL(38,0)` when it fits, else `::DOUBLE`/text) |
 * | id        | decimal digits                   | BYTE_ARRAY UTF8                           |
 * | int32     | decimal digits                   | INT32                                     |
 * | int64     | decimal digits                   | INT64                                     |
 * | timestamp | ISO 8601 UTC (`...T...Z`)        | INT64 TIMESTAMP_MILLIS (UTC)              |
 * | bool      | `true` / `false`                 | BOOLEAN                                   |
 * | text      | RFC 4180 quoted when needed      | BYTE_ARRAY UTF8                           |
 * | address   | lower-case 0x hex                | BYTE_ARRAY UTF8                           |
 * | hex       | 0x hex                           | BYTE_ARRAY UTF8                           |
 * A null is an empty CSV field and a Parquet null.
 */

import {receiptAccruedSql, receiptClaimableSql} from '../domain/accrual-sql'
import {shareSql, sharesInSql} from '../domain/attribution-sql'

export type ColumnType = 'uint' | 'id' | 'int32' | 'int64' | 'timestamp' | 'bool' | 'text' | 'address' | 'hex'

export interface Column {
    name: string
    type: ColumnType
    nullable?: boolean
    /** Unit of the value ("wei", "block", "bps", ...; "" when it has none). */
    unit: string
    description: string
    /** SQL expression producing the value (see `typedSql` for the wire form). */
    sql: string
}

export interface ExportFilters {
    /** First block, included. */
    from?: number
    /** Last block, included. */
    to?: number
    /** Asset id (decimal). */
    asset?: string
}

export interface Dataset {
    name: DatasetName
    description: string
    /** What one row is. */
    row: string
    /** Which block the --from/--to filters apply to, and what --asset selects. */
    filters: {block: string; asset: string}
    columns: Column[]
    /** FROM ... JOIN ... (aliases used by `columns` and the filter columns). */
    source: string
    /** Always-true conditions of the dataset (no parameters). */
    where?: string[]
    /** Column expressions the filters compare with. */
    blockColumn: string
    /** One or more expressions compared with the asset id (OR-ed). */
    assetColumns: string[]
    orderBy: string
    /**
     * Progress: rows are counted in units of this driving table (cheap to count with the same
     * filters); `unitKey` is the output column whose change marks a new unit (absent: 1 row = 1 unit).
     */
    progress: {source: string; where?: string[]; blockColumn: string; assetColumns: string[]; unitKey?: string}
    /**
     * The values are the state at the indexed head (accrued, claimed, owner...), not facts of the
     * filter block: later blocks change them, so a row is final only when the head is, and a
     * `--finalized` export (which must not change as the chain grows) is refused.
     */
    asOfHead?: boolean
}

export const DATASET_NAMES = ['contributions', 'attributions', 'payments', 'assets', 'lineage', 'participation'] as const
export type DatasetName = (typeof DATASET_NAMES)[number]

const ts = (c: string) => `floor(extract(epoch from ${c}) * 1000)::int8`
const hex = (c: string) => `'0x' || encode(${c}, 'hex')`

const contributions: Dataset = {
    name: 'contributions',
    description: 'Contribution receipts with what they accrued, claimed and can still claim, at the indexed head.',
    row: 'one receipt',
    filters: {block: 'block where the receipt was issued', asset: 'receipts of that asset'},
    asOfHead: true,
    source: 'receipt r JOIN asset a ON a.id = r.asset_id',
    blockColumn: 'r.issued_at_block',
    assetColumns: ['r.asset_id'],
    orderBy: 'r.issued_at_block, length(r.id), r.id',
    progress: {source: 'receipt r', blockColumn: 'r.issued_at_block', assetColumns: ['r.asset_id']},
    columns: [
        {name: 'receipt_id', type: 'id', unit: '', description: 'Receipt id (ContributionNFT token id).', sql: 'r.id'},
        {name: 'asset_id', type: 'id', unit: '', description: 'Asset the receipt is an income right on.', sql: 'r.asset_id'},
        {name: 'contributor', type: 'address', unit: '', description: 'Contributor (receipt holder; receipts are soulbound).', sql: 'r.contributor_id'},
        {name: 'contribution_type', type: 'text', unit: '', description: 'DATA, LABEL, REVIEW, FINETUNE, EVALUATION or CODE.', sql: 'r.contribution_type'},
        {name: 'weight', type: 'uint', unit: 'weight units', description: "Receipt weight in its asset's contributor pool.", sql: 'r.weight::text'},
        {name: 'acc_snapshot', type: 'uint', unit: 'wei per weight x 1e18', description: "The asset's accRevenuePerWeight when the receipt was issued.", sql: 'r.acc_snapshot::text'},
        {name: 'revoked', type: 'bool', unit: '', description: 'Whether the receipt was revoked (its accrued amount is then frozen).', sql: 'r.revoked'},
        {name: 'acc_at_revoke', type: 'uint', nullable: true, unit: 'wei per weight x 1e18', description: "The asset's accRevenuePerWeight at revocation; empty while active.", sql: 'r.acc_at_revoke::text'},
        {
            name: 'accrued',
            type: 'uint',
            unit: 'wei',
            description: 'Total ever accrued (RevenueVault.receiptAccrued): floor(weight x (acc - acc_snapshot) / 1e18), acc = the asset accumulator now, or at revocation.',
            sql: `${receiptAccruedSql('r', 'a')}::text`,
        },
        {name: 'claimed', type: 'uint', unit: 'wei', description: 'Withdrawn through claimReceipts.', sql: 'r.claimed::text'},
        {
            name: 'claimable',
            type: 'uint',
            unit: 'wei',
            description: 'accrued - claimed (RevenueVault.receiptClaimable).',
            sql: `${receiptClaimableSql('r', 'a')}::text`,
        },
        {name: 'issued_block', type: 'int64', unit: 'block', description: 'Block of ReceiptIssued.', sql: 'r.issued_at_block'},
        {name: 'issued_at', type: 'timestamp', unit: 'UTC', description: 'Block time of ReceiptIssued.', sql: ts('r.issued_at')},
        {name: 'revoked_block', type: 'int64', nullable: true, unit: 'block', description: 'Block of ReceiptRevoked; empty while active.', sql: 'r.revoked_at_block'},
        {name: 'evidence', type: 'hex', unit: '', description: 'Evidence hash given at issue (bytes32).', sql: hex('r.evidence')},
        {name: 'tx_hash', type: 'hex', unit: '', description: 'Transaction that issued the receipt.', sql: 'r.tx_hash'},
    ],
}

/**
 * One row per (distribution, receipt) where the receipt shares in the distribution (SPEC §6.3):
 * same asset, pool > 0, accBefore >= accSnapshot, and (active or accAfter <= accAtRevoke). The
 * block conditions (issued at or before, revoked at or after) only drop rows the accumulator
 * rule gives 0 anyway, and keep the output to receipts that existed at the distribution.
 */
const attributions: Dataset = {
    name: 'attributions',
    description: "Each receipt's share of each contributor pool it shared in (SPEC §6.3); a receipt's shares sum to its accrued amount.",
    row: 'one (revenue distribution, receipt) pair',
    filters: {block: 'block of the revenue distribution', asset: 'distributions to that asset (depth 0 or upstream)'},
    source: `revenue_distribution d JOIN receipt r ON ${sharesInSql('d', 'r')}`,
    where: ['d.to_contributors > 0'],
    blockColumn: 'd.block',
    assetColumns: ['d.asset_id'],
    orderBy: "d.block, length(d.payment_id), d.payment_id, split_part(d.id, '-', 2)::int, length(r.id), r.id",
    progress: {source: 'revenue_distribution d', where: ['d.to_contributors > 0'], blockColumn: 'd.block', assetColumns: ['d.asset_id'], unitKey: 'distribution_id'},
    columns: [
        {name: 'distribution_id', type: 'text', unit: '', description: 'RevenueDistribution id: `<payment_id>-<sequence in the payment>`.', sql: 'd.id'},
        {name: 'payment_id', type: 'id', unit: '', description: 'Payment the revenue came from.', sql: 'd.payment_id'},
        {name: 'block', type: 'int64', unit: 'block', description: 'Block of the distribution.', sql: 'd.block'},
        {name: 'timestamp', type: 'timestamp', unit: 'UTC', description: 'Block time of the distribution.', sql: ts('d.timestamp')},
        {name: 'asset_id', type: 'id', unit: '', description: 'Asset whose contributor pool was credited.', sql: 'd.asset_id'},
        {name: 'depth', type: 'int32', unit: 'hops', description: 'Lineage hops from the paid asset: 0 = direct revenue, > 0 = upstream royalty.', sql: 'd.depth'},
        {name: 'receipt_id', type: 'id', unit: '', description: 'Receipt credited.', sql: 'r.id'},
        {name: 'contributor', type: 'address', unit: '', description: 'Contributor holding the receipt.', sql: 'r.contributor_id'},
        {name: 'weight', type: 'uint', unit: 'weight units', description: 'Receipt weight.', sql: 'r.weight::text'},
        {name: 'pool_weight', type: 'uint', unit: 'weight units', description: 'Total active weight of the asset at the distribution.', sql: 'd.total_weight::text'},
        {name: 'pool', type: 'uint', unit: 'wei', description: 'Contributor pool of the distribution (toContributors).', sql: 'd.to_contributors::text'},
        {
            name: 'amount',
            type: 'uint',
            unit: 'wei',
            description: "The receipt's share: floor(w (acc_after - s) / 1e18) - floor(w (acc_before - s) / 1e18), s = the receipt's acc_snapshot.",
            sql: `${shareSql('d', 'r')}::text`,
        },
        {name: 'tx_hash', type: 'hex', unit: '', description: 'Transaction of the payment.', sql: 'd.tx_hash'},
    ],
}

const payments: Dataset = {
    name: 'payments',
    description: 'Payments routed through the vault, with the fee and how the net amount ended up (owners vs contributor pools).',
    row: 'one payment',
    filters: {block: 'block of the payment', asset: 'payments to that asset (the paid asset, depth 0)'},
    source: `payment p LEFT JOIN LATERAL (
            SELECT COALESCE(sum(x.to_owner), 0) AS to_owners, COALESCE(sum(x.to_contributors), 0) AS to_contributors,
                   COALESCE(sum(x.amount) FILTER (WHERE x.depth > 0), 0) AS upstream
            FROM revenue_distribution x WHERE x.payment_id = p.id) s ON true`,
    blockColumn: 'p.block',
    assetColumns: ['p.asset_id'],
    orderBy: 'p.block, length(p.id), p.id',
    progress: {source: 'payment p', blockColumn: 'p.block', assetColumns: ['p.asset_id']},
    columns: [
        {name: 'payment_id', type: 'id', unit: '', description: 'Payment id.', sql: 'p.id'},
        {name: 'block', type: 'int64', unit: 'block', description: 'Block of PaymentReceived.', sql: 'p.block'},
        {name: 'timestamp', type: 'timestamp', unit: 'UTC', description: 'Block time.', sql: ts('p.timestamp')},
        {name: 'asset_id', type: 'id', unit: '', description: 'Asset paid.', sql: 'p.asset_id'},
        {name: 'payer', type: 'address', unit: '', description: 'Account that paid.', sql: 'p.payer_id'},
        {name: 'source', type: 'text', unit: '', description: 'LICENSE (purchase) or INVOCATION (pay per call).', sql: 'p.source'},
        {name: 'amount', type: 'uint', unit: 'wei', description: 'Amount paid, before the fee.', sql: 'p.amount::text'},
        {name: 'protocol_fee', type: 'uint', unit: 'wei', description: 'Protocol fee sent to the treasury.', sql: 'p.protocol_fee::text'},
        {name: 'net', type: 'uint', unit: 'wei', description: 'amount - protocol_fee, distributed through the lineage.', sql: 'p.net::text'},
        {name: 'to_owners', type: 'uint', unit: 'wei', description: 'Sum of owner parts over the assets reached.', sql: 's.to_owners::text'},
        {name: 'to_contributors', type: 'uint', unit: 'wei', description: 'Sum of contributor pools over the assets reached. protocol_fee + to_owners + to_contributors = amount.', sql: 's.to_contributors::text'},
        {name: 'to_ancestors', type: 'uint', unit: 'wei', description: 'Amounts that reached ancestors (distributions at depth > 0).', sql: 's.upstream::text'},
        {name: 'distribution_count', type: 'int32', unit: 'events', description: 'RevenueDistributed events (assets reached, once per lineage path).', sql: 'p.distribution_count'},
        {name: 'max_depth', type: 'int32', unit: 'hops', description: 'Deepest lineage depth reached (at most 8).', sql: 'p.max_depth'},
        {name: 'tx_hash', type: 'hex', unit: '', description: 'Transaction of the payment.', sql: 'p.tx_hash'},
    ],
}

const assets: Dataset = {
    name: 'assets',
    description: 'AI assets with their current state and running revenue totals at the indexed head.',
    row: 'one asset',
    filters: {block: 'block where the asset was registered', asset: 'that asset'},
    asOfHead: true,
    source: 'asset a',
    blockColumn: 'a.created_at_block',
    assetColumns: ['a.id'],
    orderBy: 'length(a.id), a.id',
    progress: {source: 'asset a', blockColumn: 'a.created_at_block', assetColumns: ['a.id']},
    columns: [
        {name: 'asset_id', type: 'id', unit: '', description: 'Asset id (Ownership NFT token id).', sql: 'a.id'},
        {name: 'kind', type: 'text', unit: '', description: 'DATASET, MODEL, AGENT or PIPELINE.', sql: 'a.kind'},
        {name: 'status', type: 'text', unit: '', description: 'ACTIVE, PAUSED or RETIRED.', sql: 'a.status'},
        {name: 'owner', type: 'address', unit: '', description: 'Current holder of the Ownership NFT.', sql: 'a.owner_id'},
        {name: 'creator', type: 'address', unit: '', description: 'Account that registered the asset.', sql: 'a.creator_id'},
        {name: 'version', type: 'int32', unit: '', description: 'Current version (1 at registration).', sql: 'a.version'},
        {name: 'uri', type: 'text', unit: '', description: 'Display-safe uri of the current version (invalid UTF-8 and NUL replaced, cut to 1 024 characters).', sql: 'a.uri'},
        {name: 'contributor_bps', type: 'int32', unit: 'bps', description: 'Share of net revenue for contributors.', sql: 'a.contributor_bps'},
        {name: 'upstream_bps_sum', type: 'int32', unit: 'bps', description: "Sum of the parents' upstream shares.", sql: 'a.upstream_bps_sum'},
        {name: 'parent_count', type: 'int32', unit: '', description: 'Number of parents.', sql: 'a.parent_count'},
        {name: 'child_count', type: 'int32', unit: '', description: 'Number of direct children.', sql: 'a.child_count'},
        {name: 'total_weight', type: 'uint', unit: 'weight units', description: 'Active receipt weight.', sql: 'a.total_weight::text'},
        {name: 'acc_revenue_per_weight', type: 'uint', unit: 'wei per weight x 1e18', description: 'Contributor accumulator (RevenueVault.accRevenuePerWeight).', sql: 'a.acc_revenue_per_weight::text'},
        {name: 'receipt_count', type: 'int32', unit: '', description: 'Receipts ever issued.', sql: 'a.receipt_count'},
        {name: 'active_receipt_count', type: 'int32', unit: '', description: 'Receipts not revoked.', sql: 'a.active_receipt_count'},
        {name: 'payment_count', type: 'int32', unit: '', description: 'Payments made directly to the asset.', sql: 'a.payment_count'},
        {name: 'gross_revenue', type: 'uint', unit: 'wei', description: 'Direct payments, before fees.', sql: 'a.gross_revenue::text'},
        {name: 'protocol_fees', type: 'uint', unit: 'wei', description: 'Fees taken from direct payments.', sql: 'a.protocol_fees::text'},
        {name: 'direct_revenue', type: 'uint', unit: 'wei', description: 'Net amounts reaching the asset at depth 0.', sql: 'a.direct_revenue::text'},
        {name: 'upstream_revenue', type: 'uint', unit: 'wei', description: 'Amounts reaching the asset from descendants (depth > 0).', sql: 'a.upstream_revenue::text'},
        {name: 'owner_revenue', type: 'uint', unit: 'wei', description: 'Owner parts credited.', sql: 'a.owner_revenue::text'},
        {name: 'contributor_revenue', type: 'uint', unit: 'wei', description: 'Contributor pools credited.', sql: 'a.contributor_revenue::text'},
        {name: 'sent_upstream', type: 'uint', unit: 'wei', description: 'Amounts passed on to parents.', sql: 'a.sent_upstream::text'},
        {name: 'created_block', type: 'int64', unit: 'block', description: 'Block of registration.', sql: 'a.created_at_block'},
        {name: 'created_at', type: 'timestamp', unit: 'UTC', description: 'Block time of registration.', sql: ts('a.created_at')},
    ],
}

const lineage: Dataset = {
    name: 'lineage',
    description: 'Lineage edges (AssetLinked): the attribution graph, append-only.',
    row: 'one link (child derives from parent)',
    filters: {block: 'block of the link', asset: 'links where the asset is the child or the parent'},
    source: 'asset_link l',
    blockColumn: 'l.block',
    assetColumns: ['l.child_id', 'l.parent_id'],
    orderBy: 'l.block, length(l.child_id), l.child_id, l.position',
    progress: {source: 'asset_link l', blockColumn: 'l.block', assetColumns: ['l.child_id', 'l.parent_id']},
    columns: [
        {name: 'child_id', type: 'id', unit: '', description: 'Derived asset.', sql: 'l.child_id'},
        {name: 'parent_id', type: 'id', unit: '', description: 'Asset it derives from (parent_id < child_id).', sql: 'l.parent_id'},
        {name: 'relation', type: 'text', unit: '', description: 'TRAINED_ON, FINETUNED_FROM, DERIVED_FROM, COMPOSED_OF or EVALUATED_ON.', sql: 'l.relation'},
        {name: 'upstream_bps', type: 'int32', unit: 'bps', description: "Share of the child's net revenue sent to this parent.", sql: 'l.upstream_bps'},
        {name: 'position', type: 'int32', unit: '', description: "Position among the child's parents (0-based; distribution order).", sql: 'l.position'},
        {name: 'block', type: 'int64', unit: 'block', description: 'Block of AssetLinked.', sql: 'l.block'},
        {name: 'timestamp', type: 'timestamp', unit: 'UTC', description: 'Block time.', sql: ts('l.timestamp')},
        {name: 'tx_hash', type: 'hex', unit: '', description: 'Transaction of the link.', sql: 'l.tx_hash'},
    ],
}

/**
 * The processor's participation day buckets (ParticipationDayData), for cohort and distribution
 * studies off line. A bucket grows until its day ends, hence head state (no --finalized). Buckets
 * are per account, not per asset: `--asset` matches none.
 */
const participation: Dataset = {
    name: 'participation',
    description:
        'One account\'s activity in one role on one UTC day: contributor, owner, licensee, caller, voter, delegate or council member (what counts for each: ParticipationRole in schema.graphql), with its earnings in the role that day.',
    row: 'one (account, role, UTC day) with activity or earnings',
    filters: {block: 'block of the last event counted in the bucket', asset: 'not applicable (buckets are per account): no rows'},
    asOfHead: true,
    source: 'participation_day_data p',
    blockColumn: 'p.last_block',
    assetColumns: ['NULL::text'],
    orderBy: 'p.day, p.account_id, p.role',
    progress: {source: 'participation_day_data p', blockColumn: 'p.last_block', assetColumns: ['NULL::text']},
    columns: [
        {name: 'day', type: 'int32', unit: 'days since 1970-01-01', description: 'UTC day index: floor(unix seconds / 86 400).', sql: 'p.day'},
        {name: 'date', type: 'timestamp', unit: 'UTC', description: 'Start of the UTC day (00:00).', sql: ts('p.date')},
        {name: 'account', type: 'address', unit: '', description: 'The account.', sql: 'p.account_id'},
        {name: 'role', type: 'text', unit: '', description: 'CONTRIBUTOR, OWNER, LICENSEE, CALLER, VOTER, DELEGATE or COUNCIL.', sql: 'p.role'},
        {name: 'actions', type: 'int32', unit: 'events', description: 'Events in which the account acted in the role that day; 0 when it only earned (an owner credited an owner part). Active = actions > 0.', sql: 'p.actions'},
        {
            name: 'earnings',
            type: 'uint',
            unit: 'wei',
            description: 'Earned in the role that day: owner parts credited (OWNER), receipt claims, i.e. realised earnings (CONTRIBUTOR); 0 for the other roles.',
            sql: 'p.earnings::text',
        },
        {name: 'last_block', type: 'int64', unit: 'block', description: 'Block of the last event counted in the bucket.', sql: 'p.last_block'},
    ],
}

export const DATASETS: Record<DatasetName, Dataset> = {contributions, attributions, payments, assets, lineage, participation}

export function isDatasetName(s: string): s is DatasetName {
    return (DATASET_NAMES as readonly string[]).includes(s)
}

function filterSql(f: ExportFilters, blockColumn: string, assetColumns: string[], fixed: string[] = []): {where: string; params: unknown[]} {
    const conds = [...fixed]
    const params: unknown[] = []
    if (f.from != null) {
        params.push(f.from)
        conds.push(`${blockColumn} >= $${params.length}`)
    }
    if (f.to != null) {
        params.push(f.to)
        conds.push(`${blockColumn} <= $${params.length}`)
    }
    if (f.asset != null) {
        params.push(f.asset)
        conds.push(`(${assetColumns.map((c) => `${c} = $${params.length}`).join(' OR ')})`)
    }
    return {where: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params}
}

/** The streaming SELECT of a dataset with its parameters. */
export function datasetQuery(ds: Dataset, f: ExportFilters): {sql: string; params: unknown[]} {
    const {where, params} = filterSql(f, ds.blockColumn, ds.assetColumns, ds.where)
    const cols = ds.columns.map((c) => `${c.sql} AS "${c.name}"`).join(', ')
    return {sql: `SELECT ${cols} FROM ${ds.source} ${where} ORDER BY ${ds.orderBy}`, params}
}

/** Counts the progress units (driving rows) the export will go through. */
export function progressQuery(ds: Dataset, f: ExportFilters): {sql: string; params: unknown[]} {
    const p = ds.progress
    const {where, params} = filterSql(f, p.blockColumn, p.assetColumns, p.where)
    return {sql: `SELECT count(*)::int8 AS n FROM ${p.source} ${where}`, params}
}

/**
 * Whether the export would hold a row whose filter block is above `finalized` (its stamp is then
 * not final): EXISTS on the dataset's own source, so a driving row without output rows (a pool no
 * receipt shares in) does not count.
 */
export function hotRowsQuery(ds: Dataset, f: ExportFilters, finalized: number): {sql: string; params: unknown[]} {
    const {where, params} = filterSql(f, ds.blockColumn, ds.assetColumns, ds.where)
    params.push(finalized)
    const above = `${ds.blockColumn} > $${params.length}`
    return {sql: `SELECT EXISTS (SELECT 1 FROM ${ds.source} ${where ? `${where} AND ${above}` : `WHERE ${above}`}) AS hot`, params}
}

/** Why a `--finalized` export of the dataset is refused (values at the indexed head), or undefined. */
export function finalizedRefusal(ds: Dataset): string | undefined {
    if (!ds.asOfHead) return undefined
    const events = DATASET_NAMES.filter((n) => !DATASETS[n].asOfHead).join(', ')
    return `${ds.name} holds the state at the indexed head, which later blocks change, so it has no finalized export: export it without --finalized (its stamp says whether it is final), or use --finalized with ${events}`
}
