/**
 * GraphQL types of the live subscriptions (src/api/resolvers/live.ts). Amounts are wei (BigInt);
 * the rows are those of the entity API (Payment, RevenueDistribution, Vote, IndexedHead) with
 * references as ids, so that one event is self-contained.
 */
import {Field, ID, Int, ObjectType, registerEnumType} from 'type-graphql'
import {PaymentSource, Support} from '../../model'
import '../analytics/common' // registers PaymentSource and Support under the entity API's names

export enum LiveEventKind {
    ADD = 'ADD',
    RETRACT = 'RETRACT',
}

registerEnumType(LiveEventKind, {
    name: 'LiveEventKind',
    description:
        'ADD: a new row, in chain order. RETRACT: a reorg rolled back blocks: drop every row of this stream you hold at block >= fromBlock (`retracted` lists those this subscription sent); the ADD events that follow send what the new chain has there.',
})

@ObjectType({description: 'One asset reached by a live payment (RevenueDistribution), in emission order.'})
export class LiveDistribution {
    @Field(() => ID, {description: '`<paymentId>-<sequence>`.'}) id!: string
    @Field({description: 'The asset reached (id).'}) asset!: string
    @Field(() => Int, {description: '0 for the paid asset, +1 per lineage hop.'}) depth!: number
    @Field(() => BigInt, {description: 'Amount reaching this asset (wei).'}) amount!: bigint
    @Field(() => BigInt, {description: 'Owner part credited (wei).'}) toOwner!: bigint
    @Field(() => BigInt, {description: 'Contributor pool credited (wei).'}) toContributors!: bigint
    @Field(() => BigInt, {description: 'Sent on to parents (wei).'}) toUpstream!: bigint
    @Field({description: 'Owner credited (lower-case address).'}) owner!: string
    @Field(() => BigInt, {description: 'Active receipt weight of the asset at the event.'}) totalWeight!: bigint
    @Field(() => BigInt, {description: 'accRevenuePerWeight before the event (1e18-scaled).'}) accBefore!: bigint
    @Field(() => BigInt, {description: 'accRevenuePerWeight after the event.'}) accAfter!: bigint
}

@ObjectType({description: 'A payment as the entity API serves it (Payment), with its distributions.'})
export class LivePayment {
    @Field(() => ID, {description: 'Payment id (decimal), from 1: consecutive in chain order.'}) id!: string
    @Field(() => BigInt, {description: 'The id as a number.'}) number!: bigint
    @Field({description: 'The asset paid (id).'}) asset!: string
    @Field({description: 'Who paid (lower-case address).'}) payer!: string
    @Field(() => PaymentSource, {description: 'LICENSE or INVOCATION.'}) source!: PaymentSource
    @Field(() => BigInt, {description: 'Amount paid (wei), before fee.'}) amount!: bigint
    @Field(() => BigInt, {description: 'Protocol fee (wei).'}) protocolFee!: bigint
    @Field(() => BigInt, {description: 'amount - protocolFee (wei).'}) net!: bigint
    @Field(() => Int, {description: 'Number of distributions.'}) distributionCount!: number
    @Field(() => Int, {description: 'Deepest depth reached.'}) maxDepth!: number
    @Field(() => Int, {description: 'Block number.'}) block!: number
    @Field(() => Date, {description: 'Block time (UTC).'}) timestamp!: Date
    @Field({description: 'Transaction hash.'}) txHash!: string
    @Field(() => [LiveDistribution], {description: 'Where the net amount went, in emission order (post-order).'}) distributions!: LiveDistribution[]
}

@ObjectType({description: 'A vote as the entity API serves it (Vote).'})
export class LiveVote {
    @Field(() => ID, {description: '`<proposalId>-<voter>`.'}) id!: string
    @Field({description: 'The proposal (id).'}) proposal!: string
    @Field({description: 'Who voted (lower-case address).'}) voter!: string
    @Field(() => Support, {description: 'NO, YES, ABSTAIN or VETO.'}) support!: Support
    @Field(() => BigInt, {description: 'Vote weight (wei, or 1 for a council member on the council track).'}) weight!: bigint
    @Field({description: 'Display-safe reason.'}) reason!: string
    @Field(() => Int, {description: 'Block number.'}) block!: number
    @Field(() => Date, {description: 'Block time (UTC).'}) timestamp!: Date
    @Field({description: 'Transaction hash.'}) txHash!: string
}

@ObjectType({description: 'One event of `newPayments`: a new payment (ADD) or a reorg retraction (RETRACT).'})
export class LivePaymentEvent {
    @Field(() => LiveEventKind) kind!: LiveEventKind
    @Field(() => LivePayment, {nullable: true, description: 'The payment (ADD); null on RETRACT.'}) payment!: LivePayment | null
    @Field(() => Int, {nullable: true, description: 'RETRACT: the first rolled-back block; drop the payments you hold at block >= it.'}) fromBlock!: number | null
    @Field(() => [ID], {description: 'RETRACT: ids of the payments this subscription sent that are rolled back; empty on ADD.'}) retracted!: string[]
    @Field({description: 'Resume cursor: pass it as `after` to a new subscription to continue exactly after this event.'}) cursor!: string
}

@ObjectType({description: 'One event of `newVotes`: a new vote (ADD) or a reorg retraction (RETRACT).'})
export class LiveVoteEvent {
    @Field(() => LiveEventKind) kind!: LiveEventKind
    @Field(() => LiveVote, {nullable: true, description: 'The vote (ADD); null on RETRACT.'}) vote!: LiveVote | null
    @Field(() => Int, {nullable: true, description: 'RETRACT: the first rolled-back block; drop the votes you hold at block >= it.'}) fromBlock!: number | null
    @Field(() => [ID], {description: 'RETRACT: ids of the votes this subscription sent that are rolled back; empty on ADD.'}) retracted!: string[]
    @Field({description: 'Resume cursor: pass it as `after` to a new subscription to continue exactly after this event.'}) cursor!: string
}

@ObjectType({description: 'The indexed head (IndexedHead) and the finalized height, sent whenever either changes; a lower or re-hashed head is a reorg.'})
export class LiveHead {
    @Field(() => Int, {description: 'Block number of the indexed head (hot blocks included).'}) height!: number
    @Field({description: 'Its block hash.'}) hash!: string
    @Field(() => Date, {description: 'Its block time (UTC).'}) timestamp!: Date
    @Field(() => Int, {description: 'The last finalized block the processor wrote: rows at or below it are never retracted.'}) finalizedHeight!: number
}
