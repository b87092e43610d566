/**
 * The rows of ./figures.ts read with SQL instead of GraphQL, in the same shape as the API's
 * answers (the same columns the entity API serves, views included), for the API's figureProofs
 * resolver and the processor's self-check, which both sit next to the database.
 */
import type {FigureKind} from './figures'

type Query = (sql: string, params?: unknown[]) => Promise<any[]>

const SQL: Record<string, string> = {
    asset: `SELECT a.id, a.owner_id, a.status, a.total_weight::text, a.acc_revenue_per_weight::text,
                   COALESCE((SELECT json_agg(json_build_object('id', l.parent_id, 'bps', l.upstream_bps) ORDER BY l.position) FROM asset_link l WHERE l.child_id = a.id), '[]') AS parents
            FROM asset a WHERE a.id = ANY($1)`,
    receipt: `SELECT r.id, r.claimed::text, ra.accrued::text, ra.claimable::text FROM receipt r LEFT JOIN receipt_accrual ra ON ra.receipt_id = r.id WHERE r.id = ANY($1)`,
    account: `SELECT id, owner_claimable::text, balance::text, votes::text, is_council_member FROM account WHERE id = ANY($1)`,
    license: `SELECT l.id, l.holder_id, v.is_valid FROM license l LEFT JOIN license_validity v ON v.license_id = l.id WHERE l.id = ANY($1)`,
    proposal: `SELECT id, state, no::text, yes::text, abstain::text, veto::text FROM proposal WHERE id = ANY($1)`,
}

/** Rows of `kind` with these ids, shaped as ./figures.ts reads them from the API. */
export async function rowsById(query: Query, kind: FigureKind, ids: string[]): Promise<any[]> {
    const rows = await query(SQL[kind.name], [ids])
    switch (kind.name) {
        case 'asset':
            return rows.map((a) => ({
                id: a.id,
                owner: {id: a.owner_id},
                status: a.status,
                totalWeight: a.total_weight,
                accRevenuePerWeight: a.acc_revenue_per_weight,
                parents: (typeof a.parents === 'string' ? JSON.parse(a.parents) : a.parents).map((p: any) => ({parent: {id: p.id}, upstreamBps: p.bps})),
            }))
        case 'receipt':
            return rows.map((r) => ({id: r.id, claimed: r.claimed, accrual: r.accrued == null ? null : {accrued: r.accrued, claimable: r.claimable}}))
        case 'account':
            return rows.map((a) => ({id: a.id, ownerClaimable: a.owner_claimable, balance: a.balance, votes: a.votes, isCouncilMember: a.is_council_member}))
        case 'license':
            return rows.map((l) => ({id: l.id, holder: {id: l.holder_id}, validity: l.is_valid == null ? null : {isValid: l.is_valid}}))
        case 'proposal':
            return rows
        default:
            throw new Error(`no SQL for figures of ${kind.name}`)
    }
}

/** The protocol row and the vault's balance, shaped as ./figures.ts protocolFigures reads them. */
export async function protocolRow(query: Query, vault: string): Promise<{protocol: any; vaultBalance: string | null}> {
    const [p] = await query(`SELECT treasury_balance::text AS "treasuryBalance", protocol_fee_bps AS "protocolFeeBps", council_size AS "councilSize", total_supply::text AS "totalSupply" FROM protocol WHERE id = 'sahara'`)
    const [v] = await query(`SELECT balance::text FROM account WHERE id = $1`, [vault.toLowerCase()])
    return {protocol: p ?? {}, vaultBalance: v?.balance ?? null}
}
