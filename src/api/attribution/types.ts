/**
 * GraphQL types of the attribution resolvers. Amounts are BigInt (wei, decimal strings on the
 * wire); ratios are bps integers (10 000 = 100 %) or decimal strings rounded down, never floats.
 * Enum-like values that the entity API also declares (Relation, PaymentSource, AssetKind) are
 * plain strings here, so the merged schema holds one declaration of each.
 */
import {Field, Int, ObjectType, registerEnumType} from 'type-graphql'

export enum EarningsInterval {
    HOUR = 'HOUR',
    DAY = 'DAY',
}
registerEnumType(EarningsInterval, {name: 'EarningsInterval', description: 'Bucket size of an earnings series: UTC hours or UTC days.'})

export enum LineageDirection {
    ANCESTORS = 'ANCESTORS',
    DESCENDANTS = 'DESCENDANTS',
}
registerEnumType(LineageDirection, {
    name: 'LineageDirection',
    description: 'ANCESTORS: the assets a payment to the root sends royalties to (parents, their parents, ...). DESCENDANTS: the assets whose revenue flows to the root.',
})

@ObjectType({description: 'A page of a list: how it was cut (by offset, or by cursor where the list has one) and how long the whole list is.'})
export class AttributionPage {
    @Field(() => Int, {description: 'Items skipped (the offset argument); 0 when the page was requested with a cursor.'})
    offset!: number
    @Field(() => Int, {description: 'Most items returned.'})
    limit!: number
    @Field(() => Int, {description: 'Items in the whole list.'})
    totalCount!: number
    @Field(() => Boolean, {description: 'Whether more items follow this page.'})
    hasNextPage!: boolean
    @Field(() => String, {
        nullable: true,
        description:
            "Opaque cursor of the last item of this page: pass it as the list's cursor argument (after on topContributors, receiptsAfter on paymentAttribution), with the same other arguments, to get the items that follow. Null when the page is empty or the list is paged by offset only (nodesPage, assetLineage).",
    })
    endCursor!: string | null
}

@ObjectType({description: "One receipt's share of a distribution's contributor pool (SPEC §6.3)."})
export class ReceiptShare {
    @Field(() => String, {description: 'Receipt id.'})
    receiptId!: string
    @Field(() => String, {description: 'Contributor holding the receipt (lower-case address).'})
    contributor!: string
    @Field(() => BigInt, {description: 'Receipt weight.'})
    weight!: bigint
    @Field(() => BigInt, {description: 'Share (wei): floor(w (accAfter - s) / 1e18) - floor(w (accBefore - s) / 1e18), s = the receipt snapshot.'})
    amount!: bigint
}

@ObjectType({description: 'One asset reached by a payment (a RevenueDistributed event; an asset reached through several lineage paths appears once per path).'})
export class AttributionNode {
    @Field(() => String, {description: 'RevenueDistribution id (`<paymentId>-<seq>`).'})
    distributionId!: string
    @Field(() => Int, {description: 'Emission order within the payment, from 0 (post-order: ancestors first, the paid asset last).'})
    seq!: number
    @Field(() => String, {description: 'Asset id.'})
    assetId!: string
    @Field(() => Int, {description: 'Lineage hops from the paid asset: 0 = the paid asset, at most 8.'})
    depth!: number
    @Field(() => Int, {nullable: true, description: 'seq of the node (the derived asset) that sent this amount upstream; null for the paid asset.'})
    fromSeq!: number | null
    @Field(() => [Int], {description: 'seqs of the parent nodes this node sent amounts to, in link order.'})
    upstreamSeqs!: number[]
    @Field(() => BigInt, {description: 'Amount reaching the asset on this path (wei).'})
    amount!: bigint
    @Field(() => String, {description: 'Owner credited (the Ownership NFT holder at the payment).'})
    owner!: string
    @Field(() => BigInt, {description: 'Owner part (wei); at depth 8 it includes the upstream shares the cap keeps.'})
    toOwner!: bigint
    @Field(() => Int, {description: 'toOwner / amount in bps, rounded down.'})
    ownerShareBps!: number
    @Field(() => String, {description: 'toOwner / amount as a decimal string with 6 decimals, rounded down.'})
    ownerShare!: string
    @Field(() => BigInt, {description: 'Contributor pool (wei), shared by the receipts by weight.'})
    toContributors!: bigint
    @Field(() => BigInt, {description: 'Sent to parents (wei): the sum of the amounts of the nodes in upstreamSeqs.'})
    toUpstream!: bigint
    @Field(() => Boolean, {description: 'True at depth 8: the vault stops recursing and the upstream shares stay with the owner (SPEC §6.2).'})
    atDepthCap!: boolean
    @Field(() => BigInt, {description: 'Active receipt weight of the asset at the payment.'})
    totalWeight!: bigint
    @Field(() => BigInt, {description: "The asset's accRevenuePerWeight before the distribution (1e18-scaled)."})
    accBefore!: bigint
    @Field(() => BigInt, {description: 'accRevenuePerWeight after it.'})
    accAfter!: bigint
    @Field(() => BigInt, {description: "Sum of all receipts' shares of this pool (wei)."})
    allocated!: bigint
    @Field(() => BigInt, {
        description:
            "toContributors - allocated (wei). Usually a few wei >= 0; a single distribution may allocate a few wei more than its pool (each receipt's floor carries over from earlier distributions), so it can be slightly negative. The asset's cumulative residual (assetResidual) is never negative.",
    })
    unallocated!: bigint
    @Field(() => AttributionPage, {description: "How receiptShares was cut; totalCount = receipts sharing in this pool; endCursor continues this node's shares (receiptsAfter)."})
    receiptsPage!: AttributionPage
    @Field(() => [ReceiptShare], {description: 'Receipt shares of the pool, by receipt id (numeric order), paged by receiptsOffset/receiptsLimit or after the receipt of the cursor receiptsAfter.'})
    receiptShares!: ReceiptShare[]
}

@ObjectType({description: 'Where one payment went: the protocol fee, and each asset reached through the lineage with its owner part and contributor pool.'})
export class PaymentAttribution {
    @Field(() => String, {description: 'Payment id.'})
    paymentId!: string
    @Field(() => String, {description: 'Asset paid (depth 0).'})
    assetId!: string
    @Field(() => String, {description: 'Payer (lower-case address).'})
    payer!: string
    @Field(() => String, {description: 'LICENSE or INVOCATION.'})
    source!: string
    @Field(() => Int, {description: 'Block of the payment.'})
    block!: number
    @Field(() => Date, {description: 'Block time.'})
    timestamp!: Date
    @Field(() => BigInt, {description: 'Amount paid (wei).'})
    amount!: bigint
    @Field(() => BigInt, {description: 'Protocol fee sent to the treasury (wei).'})
    protocolFee!: bigint
    @Field(() => BigInt, {description: 'amount - protocolFee (wei).'})
    net!: bigint
    @Field(() => BigInt, {description: 'Sum of owner parts over all nodes (wei).'})
    toOwners!: bigint
    @Field(() => BigInt, {description: 'Sum of contributor pools over all nodes (wei).'})
    toContributors!: bigint
    @Field(() => BigInt, {description: 'amount - protocolFee - toOwners - toContributors: 0 (SPEC §6.4 conservation).'})
    conservationGap!: bigint
    @Field(() => Int, {description: 'Nodes (RevenueDistributed events) of the payment.'})
    distributionCount!: number
    @Field(() => Int, {description: 'Deepest depth reached.'})
    maxDepth!: number
    @Field(() => AttributionPage, {description: 'How nodes was cut (nodesOffset/nodesLimit, in seq order).'})
    nodesPage!: AttributionPage
    @Field(() => [AttributionNode], {description: 'The tree as a list in seq order; fromSeq/upstreamSeqs give the edges.'})
    nodes!: AttributionNode[]
}

@ObjectType({description: 'Earnings in one time bucket, by role (owner part vs receipt shares) and origin (direct: depth 0, vs upstream royalties: depth > 0).'})
export class EarningsBucket {
    @Field(() => Date, {description: 'Bucket start (UTC hour or day).'})
    start!: Date
    @Field(() => BigInt, {description: 'Owner parts of distributions at depth 0 (wei).'})
    ownerDirect!: bigint
    @Field(() => BigInt, {description: 'Owner parts of distributions at depth > 0 (wei).'})
    ownerUpstream!: bigint
    @Field(() => BigInt, {description: 'Receipt shares (contributor role) of distributions at depth 0 (wei).'})
    contributorDirect!: bigint
    @Field(() => BigInt, {description: 'Receipt shares of distributions at depth > 0 (wei).'})
    contributorUpstream!: bigint
    @Field(() => BigInt, {description: 'Sum of the four (wei).'})
    total!: bigint
}

@ObjectType({description: 'Totals of an earnings series over its window.'})
export class EarningsTotals {
    @Field(() => BigInt, {description: 'wei'})
    ownerDirect!: bigint
    @Field(() => BigInt, {description: 'wei'})
    ownerUpstream!: bigint
    @Field(() => BigInt, {description: 'wei'})
    contributorDirect!: bigint
    @Field(() => BigInt, {description: 'wei'})
    contributorUpstream!: bigint
    @Field(() => BigInt, {description: 'wei'})
    total!: bigint
}

@ObjectType({description: "An account's earnings over time: owner parts of the assets it owned when paid, and its receipts' shares."})
export class ContributorEarnings {
    @Field(() => String, {description: 'Account (lower-case address).'})
    account!: string
    @Field(() => EarningsInterval, {description: 'Bucket size.'})
    interval!: EarningsInterval
    @Field(() => Date, {description: 'Window start (included).'})
    from!: Date
    @Field(() => Date, {description: 'Window end (excluded).'})
    to!: Date
    @Field(() => [EarningsBucket], {description: 'Non-empty buckets in time order (buckets without earnings are omitted).'})
    buckets!: EarningsBucket[]
    @Field(() => EarningsTotals, {description: 'Sums over the window.'})
    totals!: EarningsTotals
}

@ObjectType({description: 'What reached an asset in one time bucket and how it was split.'})
export class AssetEarningsBucket extends EarningsBucket {
    @Field(() => BigInt, {description: 'Direct payments to the asset, before fee (wei).'})
    gross!: bigint
    @Field(() => BigInt, {description: 'Protocol fees of those payments (wei).'})
    protocolFees!: bigint
    @Field(() => BigInt, {description: 'Net amounts reaching the asset at depth 0 (wei).'})
    receivedDirect!: bigint
    @Field(() => BigInt, {description: 'Amounts reaching the asset from descendants, depth > 0 (wei).'})
    receivedUpstream!: bigint
    @Field(() => BigInt, {description: 'Amounts passed on to its parents (wei).'})
    sentUpstream!: bigint
    @Field(() => Int, {description: 'RevenueDistributed events of the asset in the bucket.'})
    distributions!: number
}

@ObjectType({description: "An asset's revenue over time: received (direct vs upstream), owner part, contributor pools and what it passed upstream."})
export class AssetEarnings {
    @Field(() => String, {description: 'Asset id.'})
    assetId!: string
    @Field(() => EarningsInterval)
    interval!: EarningsInterval
    @Field(() => Date, {description: 'Window start (included).'})
    from!: Date
    @Field(() => Date, {description: 'Window end (excluded).'})
    to!: Date
    @Field(() => [AssetEarningsBucket], {description: 'Non-empty buckets in time order. Here "contributor" fields are the contributor pools credited to the asset and "owner" fields its owner parts.'})
    buckets!: AssetEarningsBucket[]
    @Field(() => EarningsTotals, {description: 'Owner parts and contributor pools over the window.'})
    totals!: EarningsTotals
}

@ObjectType({description: 'A contributor ranked by what its receipts earned.'})
export class TopContributor {
    @Field(() => Int, {description: 'Rank, from 1 (ties broken by address).'})
    rank!: number
    @Field(() => String, {description: 'Contributor (lower-case address).'})
    account!: string
    @Field(() => BigInt, {description: 'Earned (wei): accrued over all time without a window, else the sum of its receipt shares of distributions in the window.'})
    earned!: bigint
    @Field(() => Int, {description: 'Receipts of the contributor that earned in scope (on the asset if one was given).'})
    receiptCount!: number
}

@ObjectType({description: 'Contributors ranked by earnings, paged.'})
export class TopContributors {
    @Field(() => String, {nullable: true, description: 'Asset the ranking is restricted to; null = all assets.'})
    assetId!: string | null
    @Field(() => Date, {nullable: true, description: 'Window start (included); null = from the beginning.'})
    from!: Date | null
    @Field(() => Date, {nullable: true, description: 'Window end (excluded); null = up to the indexed head.'})
    to!: Date | null
    @Field(() => AttributionPage, {description: 'How entries was cut; endCursor continues the ranking (after).'})
    page!: AttributionPage
    @Field(() => [TopContributor], {description: 'Contributors by earned (largest first), then address.'})
    entries!: TopContributor[]
}

@ObjectType({description: 'A lineage edge (AssetLinked): child derives from parent.'})
export class LineageEdgeInfo {
    @Field(() => String, {description: 'Derived asset.'})
    childId!: string
    @Field(() => String, {description: 'Parent asset.'})
    parentId!: string
    @Field(() => String, {description: 'TRAINED_ON, FINETUNED_FROM, DERIVED_FROM, COMPOSED_OF or EVALUATED_ON.'})
    relation!: string
    @Field(() => Int, {description: "Share of the child's net revenue sent to the parent (bps)."})
    upstreamBps!: number
    @Field(() => Int, {description: "Position among the child's parents (link order = distribution order)."})
    position!: number
    @Field(() => Int, {description: 'Hops from the root at which the walk first used this edge.'})
    depth!: number
}

@ObjectType({description: 'An asset reached by a lineage walk, with its paths and effective share.'})
export class LineageNodeInfo {
    @Field(() => String, {description: 'Asset id.'})
    assetId!: string
    @Field(() => Int, {description: 'Fewest hops from the root.'})
    minDepth!: number
    @Field(() => BigInt, {description: 'Distinct paths from the root within the depth (ANCESTORS: RevenueDistributed events a payment to the root produces for this asset when every amount is > 0).'})
    pathCount!: bigint
    @Field(() => String, {
        description:
            "Effective royalty share summed over the paths, as an exact decimal string (product of upstreamBps / 10 000 along each path, before the vault's floors). ANCESTORS: fraction of the root's net revenue reaching this asset. DESCENDANTS: fraction of this asset's net revenue reaching the root.",
    })
    share!: string
}

@ObjectType({description: 'Revenue an asset received at one lineage depth.'})
export class DepthShare {
    @Field(() => Int, {description: '0 = direct revenue, n = royalty from a descendant n hops away.'})
    depth!: number
    @Field(() => BigInt, {description: 'Amount received at that depth (wei).'})
    amount!: bigint
    @Field(() => Int, {description: 'Distributions at that depth.'})
    count!: number
    @Field(() => Int, {description: 'Share of everything the asset received (bps, rounded down).'})
    shareBps!: number
}

@ObjectType({description: "An asset's lineage to a depth, with relation types and shares, and its lineage revenue metrics."})
export class AssetLineage {
    @Field(() => String, {description: 'Root asset.'})
    assetId!: string
    @Field(() => LineageDirection)
    direction!: LineageDirection
    @Field(() => Int, {description: 'Hops walked (1..8).'})
    depth!: number
    @Field(() => Boolean, {description: 'True if the walk stopped after 10 000 assets (narrow the depth).'})
    truncated!: boolean
    @Field(() => AttributionPage, {description: 'How nodes was cut (by minDepth, then asset id).'})
    page!: AttributionPage
    @Field(() => [LineageNodeInfo], {description: 'Assets reached, paged.'})
    nodes!: LineageNodeInfo[]
    @Field(() => [LineageEdgeInfo], {description: 'Edges the walk used to reach the nodes of this page.'})
    edges!: LineageEdgeInfo[]
    @Field(() => BigInt, {description: 'Root: net revenue received at depth 0 (wei).'})
    directRevenue!: bigint
    @Field(() => BigInt, {description: 'Root: upstream revenue received from descendants (wei).'})
    upstreamRevenue!: bigint
    @Field(() => Int, {description: 'Root: upstreamRevenue / (directRevenue + upstreamRevenue) in bps (share of revenue from descendants); 0 while the root has received nothing.'})
    descendantShareBps!: number
    @Field(() => String, {description: 'The same ratio as a decimal string with 6 decimals, rounded down ("0.000000" while the root has received nothing).'})
    descendantShare!: string
    @Field(() => [DepthShare], {description: 'Root: royalty depth distribution of what it received.'})
    depthDistribution!: DepthShare[]
}

@ObjectType({description: "Rounding left unallocated in the vault (SPEC §6.4): contributor pools minus what the receipts accrued."})
export class ResidualInfo {
    @Field(() => String, {nullable: true, description: 'Asset id; null for the protocol-wide figure.'})
    assetId!: string | null
    @Field(() => BigInt, {description: 'Sum of contributor pools credited (wei).'})
    contributorPools!: bigint
    @Field(() => BigInt, {description: "Sum of the receipts' accrued amounts (wei)."})
    receiptsAccrued!: bigint
    @Field(() => BigInt, {description: 'contributorPools - receiptsAccrued (wei, >= 0).'})
    residual!: bigint
    @Field(() => Int, {description: 'Receipts counted.'})
    receiptCount!: number
}
