/** GraphQL types of the treasury analytics resolvers (SPEC §7). Amounts are SAHARA wei. */
import {Field, Int, ObjectType, registerEnumType} from 'type-graphql'
import {AssetKind, PaymentSource, SpendCategory, TreasuryFlowKind} from '../../model'
import {AnalyticsPage, AnalyticsRatio, DayWindowInfo} from './common'

export enum TreasurySeriesInterval {
    DAY = 'DAY',
    BLOCK = 'BLOCK',
}
registerEnumType(TreasurySeriesInterval, {
    name: 'TreasurySeriesInterval',
    description: 'DAY: one point per UTC day from TreasuryDayData, days without movements filled in. BLOCK: one point per block with a treasury movement.',
})

@ObjectType({description: 'Protocol fees received from payments of one source.'})
export class TreasuryFeesBySource {
    @Field(() => PaymentSource, {nullable: true, description: 'LICENSE or INVOCATION; null for a fee whose payment event was not seen.'})
    source!: PaymentSource | null

    @Field(() => BigInt, {description: 'Fees received (wei).'})
    amount!: bigint

    @Field(() => Int, {description: 'Number of fee transfers.'})
    count!: number
}

@ObjectType({description: 'Protocol fees received from payments to assets of one kind.'})
export class TreasuryFeesByAssetKind {
    @Field(() => AssetKind, {nullable: true, description: 'Kind of the paid asset; null when unknown.'})
    kind!: AssetKind | null

    @Field(() => BigInt, {description: 'Fees received (wei).'})
    amount!: bigint

    @Field(() => Int, {description: 'Number of fee transfers.'})
    count!: number
}

@ObjectType({description: 'Money that came into the treasury in the window, by source.'})
export class TreasuryInflows {
    @Field(() => BigInt, {description: 'fees + deposits + transfersIn (wei).'})
    total!: bigint

    @Field(() => BigInt, {description: 'Protocol fees of payments (FeeReceived) (wei).'})
    fees!: bigint

    @Field(() => BigInt, {description: 'Treasury.deposit calls (TreasuryDeposit) (wei).'})
    deposits!: bigint

    @Field(() => BigInt, {description: 'Plain SAHARA transfers to the treasury without a treasury event (wei).'})
    transfersIn!: bigint

    @Field(() => [TreasuryFeesBySource], {description: 'Fees split by payment source (sums to `fees`).'})
    feesBySource!: TreasuryFeesBySource[]

    @Field(() => [TreasuryFeesByAssetKind], {description: 'Fees split by the kind of the paid asset (sums to `fees`).'})
    feesByAssetKind!: TreasuryFeesByAssetKind[]
}

@ObjectType({description: 'Outflows of one kind and spending category.'})
export class TreasuryOutflowByCategory {
    @Field(() => TreasuryFlowKind, {description: 'DISBURSEMENT (by a proposal) or TRANSFER_OUT (plain transfer).'})
    kind!: TreasuryFlowKind

    @Field(() => SpendCategory, {nullable: true, description: 'Spending category of a disbursement; null for plain transfers out.'})
    category!: SpendCategory | null

    @Field(() => BigInt, {description: 'Amount (wei).'})
    amount!: bigint

    @Field(() => Int, {description: 'Number of movements.'})
    count!: number
}

@ObjectType({description: 'Disbursements one executed proposal made in the window.'})
export class TreasuryOutflowByProposal {
    @Field(() => String, {description: 'Proposal id.'})
    proposalId!: string

    @Field(() => BigInt, {description: 'Disbursed in the window (wei).'})
    amount!: bigint

    @Field(() => Int, {description: 'Number of disbursements.'})
    count!: number
}

@ObjectType({description: 'Money that left the treasury in the window.'})
export class TreasuryOutflows {
    @Field(() => BigInt, {description: 'disbursements + transfersOut (wei).'})
    total!: bigint

    @Field(() => BigInt, {description: 'Disbursements of executed proposals (TreasuryDisbursement) (wei).'})
    disbursements!: bigint

    @Field(() => BigInt, {description: 'Plain SAHARA transfers out without a treasury event (wei).'})
    transfersOut!: bigint

    @Field(() => [TreasuryOutflowByCategory], {description: 'By kind and spending category (sums to `total`).'})
    byCategory!: TreasuryOutflowByCategory[]

    @Field(() => [TreasuryOutflowByProposal], {description: 'Largest disbursing proposals first, at most `top`.'})
    byProposal!: TreasuryOutflowByProposal[]

    @Field(() => Int, {description: 'Number of proposals that disbursed in the window (byProposal may be cut to `top`).'})
    proposalCount!: number
}

@ObjectType({description: 'How long the balance lasts at the trailing average daily outflow.'})
export class TreasuryRunway {
    @Field(() => Int, {description: 'Days of the trailing window (30), ending with the last day of the window.'})
    windowDays!: number

    @Field(() => BigInt, {description: 'Outflow over those days (wei).'})
    windowOutflow!: bigint

    @Field(() => BigInt, {description: 'floor(windowOutflow / windowDays) (wei per day).'})
    averageDailyOutflow!: bigint

    @Field(() => BigInt, {description: 'Balance the runway is computed on: closing balance of the window (wei).'})
    balance!: bigint

    @Field(() => String, {nullable: true, description: 'balance * windowDays / windowOutflow in days, 2 decimals, rounded down; null when nothing flowed out (unbounded).'})
    days!: string | null

    @Field(() => BigInt, {nullable: true, description: 'Whole days of runway (rounded down); null when unbounded.'})
    wholeDays!: bigint | null
}

@ObjectType({description: 'An asset ranked by the protocol fees its payments generated in the window.'})
export class TreasuryFeeAsset {
    @Field(() => String, {description: 'Asset id.'})
    assetId!: string

    @Field(() => AssetKind, {nullable: true, description: 'Kind of the asset.'})
    kind!: AssetKind | null

    @Field(() => BigInt, {description: 'Protocol fees taken from payments to this asset (wei).'})
    fees!: bigint

    @Field(() => BigInt, {description: 'Gross payments to this asset (wei, before fees).'})
    grossPayments!: bigint

    @Field(() => Int, {description: 'Number of payments.'})
    payments!: number

    @Field(() => AnalyticsRatio, {nullable: true, description: 'fees / grossPayments.'})
    takeRate!: AnalyticsRatio | null
}

@ObjectType({description: 'Where the treasury money came from and went in a window of whole UTC days.'})
export class TreasurySummary {
    @Field(() => DayWindowInfo, {description: 'The days covered.'})
    window!: DayWindowInfo

    @Field(() => BigInt, {description: 'Balance at the start of the window (end of the previous day) (wei).'})
    openingBalance!: bigint

    @Field(() => BigInt, {description: 'Balance at the end of the window (wei).'})
    closingBalance!: bigint

    @Field(() => TreasuryInflows, {description: 'Inflows by source.'})
    inflows!: TreasuryInflows

    @Field(() => TreasuryOutflows, {description: 'Outflows by category and proposal.'})
    outflows!: TreasuryOutflows

    @Field(() => BigInt, {description: 'inflows.total - outflows.total (wei, may be negative); equals closingBalance - openingBalance.'})
    netFlow!: bigint

    @Field(() => Boolean, {description: 'Whether openingBalance + netFlow = closingBalance, day by day (a consistency check of the indexed data).'})
    reconciled!: boolean

    @Field(() => BigInt, {description: 'Gross payments routed through the vault in the window (wei, before fees).'})
    grossPayments!: bigint

    @Field(() => AnalyticsRatio, {nullable: true, description: 'Effective take rate: inflows.fees / grossPayments; null without payments.'})
    effectiveTakeRate!: AnalyticsRatio | null

    @Field(() => TreasuryRunway, {description: 'Runway at the end of the window.'})
    runway!: TreasuryRunway

    @Field(() => [TreasuryFeeAsset], {description: 'Assets whose payments generated the most fees in the window, at most `top`.'})
    topFeeAssets!: TreasuryFeeAsset[]
}

@ObjectType({description: 'One point of the treasury series: a UTC day (DAY) or a block with movements (BLOCK).'})
export class TreasurySeriesPoint {
    @Field(() => Int, {nullable: true, description: 'DAY: day index, floor(unix seconds / 86 400); null for BLOCK.'})
    day!: number | null

    @Field(() => Int, {nullable: true, description: 'BLOCK: block number; null for DAY.'})
    block!: number | null

    @Field(() => Date, {description: 'DAY: start of the day; BLOCK: block time.'})
    timestamp!: Date

    @Field(() => BigInt, {description: 'Fees received (wei).'})
    fees!: bigint

    @Field(() => BigInt, {description: 'Deposits (wei).'})
    deposits!: bigint

    @Field(() => BigInt, {description: 'Plain transfers in (wei).'})
    transfersIn!: bigint

    @Field(() => BigInt, {description: 'Disbursements (wei).'})
    disbursements!: bigint

    @Field(() => BigInt, {description: 'Plain transfers out (wei).'})
    transfersOut!: bigint

    @Field(() => BigInt, {description: 'fees + deposits + transfersIn (wei).'})
    inflow!: bigint

    @Field(() => BigInt, {description: 'disbursements + transfersOut (wei).'})
    outflow!: bigint

    @Field(() => BigInt, {description: 'inflow - outflow (wei, may be negative).'})
    netFlow!: bigint

    @Field(() => BigInt, {nullable: true, description: 'DAY: gross payments that day (wei); null for BLOCK.'})
    grossPayments!: bigint | null

    @Field(() => BigInt, {description: 'Balance at the end of the day or block (wei).'})
    balance!: bigint

    @Field(() => Int, {nullable: true, description: 'BLOCK: number of treasury movements in the block; null for DAY.'})
    flows!: number | null
}

@ObjectType({description: 'Treasury balance history, paged.'})
export class TreasurySeries {
    @Field(() => TreasurySeriesInterval, {description: 'DAY or BLOCK.'})
    interval!: TreasurySeriesInterval

    @Field(() => DayWindowInfo, {description: 'The days covered.'})
    window!: DayWindowInfo

    @Field(() => AnalyticsPage, {description: 'Paging of `points` (totalCount is known for DAY).'})
    page!: AnalyticsPage

    @Field(() => [TreasurySeriesPoint], {description: 'Points in time order.'})
    points!: TreasurySeriesPoint[]
}
