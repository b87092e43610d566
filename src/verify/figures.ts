/**
 * The served figures a contract view function can confirm, in one table: for each kind of row
 * (asset, receipt, account, licence, proposal, protocol), the GraphQL selection that reads its
 * served values through the public API, and the view calls (SPEC names and signatures, or the
 * standard ERC-20 / ERC-721 / ERC20Votes ones) that must return them at the same block.
 * `npm run verify` (local/verify-cli.ts, ./run.ts) checks them; the API's `figureProofs` resolver
 * hands the same calls to a frontend to check with its own RPC.
 *
 * Only functions every SPEC deployment has are called, so that verify works against any one.
 */
import type {ManifestContract} from '../config/manifest'

/** One view call: the contract (by manifest name), the function's Solidity signature, its arguments. */
export interface FigureCall {
    contract: ManifestContract
    /** e.g. `function receiptAccrued(uint256) view returns (uint256)` (viem's parseAbiItem reads it). */
    signature: string
    args: readonly (bigint | string)[]
}

/** A served value and the call(s) whose result(s) must equal it. */
export interface Figure {
    /** GraphQL entity, e.g. `Receipt`. */
    entity: string
    id: string
    /** Served field path, e.g. `accrual.claimable`. */
    field: string
    /** The served value as text (wei and counts in decimal, addresses lower-case, enums by name). */
    served: string
    calls: FigureCall[]
    /** The chain's value as text, from the results of `calls` (in order). */
    expected(results: readonly unknown[]): string
    /** What each call must return if the served value is right, in canonical form (see `canonical`). */
    returns: unknown[]
    /** How the served value follows from the results when it is not the one result itself. */
    formula?: string
}

/**
 * The canonical form of a view function's result, to compare with `Figure.returns`: integers as
 * decimal strings, addresses and other strings lower-case, booleans as they are, tuples and
 * arrays as arrays. `canonical(await client.readContract(...))` equals the figure's `returns[i]`.
 */
export function canonical(v: unknown): unknown {
    if (typeof v === 'bigint' || typeof v === 'number') return v.toString()
    if (typeof v === 'string') return v.toLowerCase()
    if (Array.isArray(v)) return v.map(canonical)
    return v
}

export const SIG = {
    ownerOf: 'function ownerOf(uint256 tokenId) view returns (address)',
    status: 'function status(uint256 assetId) view returns (uint8)',
    parents: 'function parents(uint256 assetId) view returns (uint256[] parentIds, uint16[] upstreamBps)',
    totalWeight: 'function totalWeight(uint256 assetId) view returns (uint256)',
    accRevenuePerWeight: 'function accRevenuePerWeight(uint256 assetId) view returns (uint256)',
    receiptAccrued: 'function receiptAccrued(uint256 receiptId) view returns (uint256)',
    receiptClaimable: 'function receiptClaimable(uint256 receiptId) view returns (uint256)',
    ownerClaimable: 'function ownerClaimable(address account) view returns (uint256)',
    balanceOf: 'function balanceOf(address account) view returns (uint256)',
    getVotes: 'function getVotes(address account) view returns (uint256)',
    totalSupply: 'function totalSupply() view returns (uint256)',
    isCouncilMember: 'function isCouncilMember(address account) view returns (bool)',
    councilSize: 'function councilSize() view returns (uint256)',
    isValid: 'function isValid(uint256 licenseId) view returns (bool)',
    protocolFeeBps: 'function protocolFeeBps() view returns (uint16)',
    state: 'function state(uint256 proposalId) view returns (uint8)',
    tally: 'function tally(uint256 proposalId) view returns (uint256 no, uint256 yes, uint256 abstain, uint256 veto)',
} as const

const ASSET_STATUSES = ['ACTIVE', 'PAUSED', 'RETIRED']
const PROPOSAL_STATES = ['PENDING', 'ACTIVE', 'CANCELED', 'DEFEATED', 'VETOED', 'SUCCEEDED', 'EXECUTED']

const text = (v: unknown) => String(v)
const address = (v: unknown) => String(v).toLowerCase()
const named = (names: string[]) => (v: unknown) => names[Number(v)] ?? `unknown (${v})`
/** The index of an enum name, as a view function returns it. */
const indexOf = (names: string[]) => (served: string) => String(names.indexOf(served))
const single =
    (read: (v: unknown) => string = text) =>
    (r: readonly unknown[]) =>
        read(r[0])

function figure(
    entity: string,
    id: string,
    field: string,
    served: unknown,
    contract: ManifestContract,
    signature: string,
    args: readonly (bigint | string)[],
    read?: (v: unknown) => string,
    raw: (served: string) => unknown = (x) => (typeof served === 'boolean' ? served : x.toLowerCase()),
): Figure {
    const text = served == null ? 'null' : String(served)
    return {entity, id, field, served: text, calls: [{contract, signature, args}], expected: single(read), returns: [raw(text)]}
}

/** A kind of row: how to list its ids and read its served values through GraphQL, and its figures. */
export interface FigureKind {
    name: string
    /** The GraphQL list field (e.g. `receipts`), ordered by `order`, filtered by `idFilter`. */
    list: string
    order: string
    /** `where` filter selecting rows by a list of ids: `number_in` for decimal ids, `id_in` for addresses. */
    idFilter: 'number_in' | 'id_in'
    /** The selection of one row (id included). */
    selection: string
    figures(row: any, contracts: Record<ManifestContract, string>): Figure[]
}

export const FIGURE_KINDS: FigureKind[] = [
    {
        name: 'asset',
        list: 'assets',
        order: 'number_ASC',
        idFilter: 'number_in',
        selection: 'id owner { id } status totalWeight accRevenuePerWeight parents(orderBy: position_ASC, limit: 8) { parent { id } upstreamBps }',
        figures(a) {
            const id = BigInt(a.id)
            const parents = (a.parents as {parent: {id: string}; upstreamBps: number}[]).map((p) => `${p.parent.id}:${p.upstreamBps}`).join(',')
            return [
                figure('Asset', a.id, 'owner', a.owner.id, 'AssetRegistry', SIG.ownerOf, [id], address),
                figure('Asset', a.id, 'status', a.status, 'AssetRegistry', SIG.status, [id], named(ASSET_STATUSES), indexOf(ASSET_STATUSES)),
                {
                    entity: 'Asset',
                    id: a.id,
                    field: 'parents',
                    served: parents,
                    calls: [{contract: 'AssetRegistry', signature: SIG.parents, args: [id]}],
                    returns: [[a.parents.map((p: any) => p.parent.id), a.parents.map((p: any) => String(p.upstreamBps))]],
                    expected: ([r]) => {
                        const [ids, bps] = r as [readonly bigint[], readonly number[]]
                        return ids.map((p, i) => `${p}:${bps[i]}`).join(',')
                    },
                },
                figure('Asset', a.id, 'totalWeight', a.totalWeight, 'ContributionReceipts', SIG.totalWeight, [id]),
                figure('Asset', a.id, 'accRevenuePerWeight', a.accRevenuePerWeight, 'RevenueVault', SIG.accRevenuePerWeight, [id]),
            ]
        },
    },
    {
        name: 'receipt',
        list: 'receipts',
        order: 'number_ASC',
        idFilter: 'number_in',
        selection: 'id claimed accrual { accrued claimable }',
        figures(r) {
            const id = BigInt(r.id)
            return [
                figure('Receipt', r.id, 'accrual.accrued', r.accrual?.accrued, 'RevenueVault', SIG.receiptAccrued, [id]),
                figure('Receipt', r.id, 'accrual.claimable', r.accrual?.claimable, 'RevenueVault', SIG.receiptClaimable, [id]),
                {
                    // no view returns it: claimed = receiptAccrued - receiptClaimable (SPEC §6.3)
                    entity: 'Receipt',
                    id: r.id,
                    field: 'claimed',
                    served: String(r.claimed),
                    calls: [
                        {contract: 'RevenueVault', signature: SIG.receiptAccrued, args: [id]},
                        {contract: 'RevenueVault', signature: SIG.receiptClaimable, args: [id]},
                    ],
                    expected: ([accrued, claimable]) => String((accrued as bigint) - (claimable as bigint)),
                    returns: [String(r.accrual?.accrued), String(r.accrual?.claimable)],
                    formula: 'claimed = receiptAccrued - receiptClaimable',
                },
            ]
        },
    },
    {
        name: 'account',
        list: 'accounts',
        order: 'id_ASC',
        idFilter: 'id_in',
        selection: 'id ownerClaimable balance votes isCouncilMember',
        figures(a) {
            return [
                figure('Account', a.id, 'ownerClaimable', a.ownerClaimable, 'RevenueVault', SIG.ownerClaimable, [a.id]),
                figure('Account', a.id, 'balance', a.balance, 'SaharaToken', SIG.balanceOf, [a.id]),
                figure('Account', a.id, 'votes', a.votes, 'SaharaToken', SIG.getVotes, [a.id]),
                figure('Account', a.id, 'isCouncilMember', a.isCouncilMember, 'DualTrackGovernor', SIG.isCouncilMember, [a.id]),
            ]
        },
    },
    {
        name: 'license',
        list: 'licenses',
        order: 'number_ASC',
        idFilter: 'number_in',
        selection: 'id holder { id } validity { isValid }',
        figures(l) {
            const id = BigInt(l.id)
            return [
                figure('License', l.id, 'validity.isValid', l.validity?.isValid, 'LicenseRegistry', SIG.isValid, [id]),
                figure('License', l.id, 'holder', l.holder.id, 'LicenseRegistry', SIG.ownerOf, [id], address),
            ]
        },
    },
    {
        name: 'proposal',
        list: 'proposals',
        order: 'number_ASC',
        idFilter: 'number_in',
        selection: 'id state no yes abstain veto',
        figures(p) {
            const id = BigInt(p.id)
            return [
                figure('Proposal', p.id, 'state', p.state, 'DualTrackGovernor', SIG.state, [id], named(PROPOSAL_STATES), indexOf(PROPOSAL_STATES)),
                {
                    entity: 'Proposal',
                    id: p.id,
                    field: 'no/yes/abstain/veto',
                    served: [p.no, p.yes, p.abstain, p.veto].join('/'),
                    calls: [{contract: 'DualTrackGovernor', signature: SIG.tally, args: [id]}],
                    expected: ([t]) => (t as readonly bigint[]).join('/'),
                    returns: [[p.no, p.yes, p.abstain, p.veto].map(String)],
                },
            ]
        },
    },
]

/** The protocol row's figures and the treasury's and vault's balances (one row, always checked). */
export const PROTOCOL_SELECTION = 'protocolById(id: "sahara") { treasuryBalance protocolFeeBps councilSize totalSupply }'

export function protocolFigures(p: any, vaultBalance: string | null, contracts: Record<ManifestContract, string>): Figure[] {
    const treasury = contracts.Treasury.toLowerCase()
    const vault = contracts.RevenueVault.toLowerCase()
    return [
        figure('Protocol', 'sahara', 'treasuryBalance', p.treasuryBalance, 'SaharaToken', SIG.balanceOf, [treasury]),
        figure('Protocol', 'sahara', 'protocolFeeBps', p.protocolFeeBps, 'RevenueVault', SIG.protocolFeeBps, []),
        figure('Protocol', 'sahara', 'councilSize', p.councilSize, 'DualTrackGovernor', SIG.councilSize, []),
        figure('Protocol', 'sahara', 'totalSupply', p.totalSupply, 'SaharaToken', SIG.totalSupply, []),
        figure('Account', vault, 'balance (the vault)', vaultBalance ?? '0', 'SaharaToken', SIG.balanceOf, [vault]),
    ]
}
