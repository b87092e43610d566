/**
 * Live updates (GraphQL subscriptions over WebSocket, graphql-ws protocol, on /graphql):
 * `newPayments` and `newVotes` send each new row once, in chain order, and retract rows a reorg
 * rolled back; `indexedHead` sends the head whenever it moves. Each subscription polls the
 * database (one read-only snapshot per poll, every LIVE_POLL_INTERVAL_MS, default 500 ms, at
 * least 250 ms) for rows after its cursor: see src/api/live/stream.ts. The WebSocket guard
 * (src/api/ws-guard.ts) gives every subscribe message the HTTP cost checks and bounds the
 * subscriptions per connection.
 */
import {Arg, Resolver, Root, Subscription} from 'type-graphql'
import type {DataSource} from 'typeorm'
import {HEAD_SQL, PAYMENTS, VOTES} from '../live/queries'
import {livePollMs, Poller} from '../live/poller'
import {LiveStream, type LiveEvent, type StreamSpec} from '../live/stream'
import {LiveEventKind, LiveHead, LivePayment, LivePaymentEvent, LiveVote, LiveVoteEvent} from '../live/types'

const AFTER_DOC = 'Resume cursor: the `cursor` of the last event received. Omit it to receive what is indexed from now on.'

/** The database of the subscription's connection (graphql-server's TypeORM DataSource). */
function dataSource(ctx: any): DataSource {
    const db = ctx?.openreader?.subscriptionConnection
    if (db == null || typeof db.transaction !== 'function') {
        throw new Error('live subscriptions need @subsquid/graphql-server with custom resolvers (a TypeORM subscription connection); update src/api/resolvers/live.ts')
    }
    return db
}

function streamOf<T>(ctx: any, spec: StreamSpec, after: string | null | undefined, map: (e: LiveEvent) => T): Poller<T> {
    const stream = new LiveStream(spec, after)
    return new Poller(dataSource(ctx), livePollMs(), async (em) => {
        const events = await stream.poll(em)
        return {events: events.map(map), more: LiveStream.full(events)}
    })
}

const big = (v: string) => BigInt(v)

function toPayment(p: any): LivePayment {
    return {
        ...p,
        number: big(p.number),
        amount: big(p.amount),
        protocolFee: big(p.protocolFee),
        net: big(p.net),
        timestamp: new Date(p.timestamp),
        distributions: p.distributions.map((d: any) => ({
            ...d,
            amount: big(d.amount),
            toOwner: big(d.toOwner),
            toContributors: big(d.toContributors),
            toUpstream: big(d.toUpstream),
            totalWeight: big(d.totalWeight),
            accBefore: big(d.accBefore),
            accAfter: big(d.accAfter),
        })),
    }
}

function toVote(v: any): LiveVote {
    return {...v, weight: big(v.weight), timestamp: new Date(v.timestamp)}
}

function event<K extends 'payment' | 'vote', T>(e: LiveEvent, key: K, row: (payload: any) => T) {
    return e.kind === 'ADD'
        ? {kind: LiveEventKind.ADD, [key]: row(e.row.payload), fromBlock: null, retracted: [], cursor: e.cursor}
        : {kind: LiveEventKind.RETRACT, [key]: null, fromBlock: e.fromBlock, retracted: e.retracted, cursor: e.cursor}
}

@Resolver()
export class LiveResolver {
    @Subscription(() => LivePaymentEvent, {
        description:
            'New payments with their distributions, each sent once in chain order (block, then payment id), from the time of subscribing or after `after`. A reorg that rolls back sent payments sends a RETRACT event first (drop the payments at block >= fromBlock), then the payments of the new chain. Polls every LIVE_POLL_INTERVAL_MS (default 500 ms).',
        subscribe: (_root: unknown, args: {after?: string | null}, ctx: unknown) => streamOf(ctx, PAYMENTS, args.after, (e) => event(e, 'payment', toPayment)),
    })
    newPayments(@Root() e: LivePaymentEvent, @Arg('after', () => String, {nullable: true, description: AFTER_DOC}) _after?: string): LivePaymentEvent {
        return e
    }

    @Subscription(() => LiveVoteEvent, {
        description:
            'New votes, each sent once in block order (by id within a block), from the time of subscribing or after `after`; reorgs are retracted as in newPayments.',
        subscribe: (_root: unknown, args: {after?: string | null}, ctx: unknown) => streamOf(ctx, VOTES, args.after, (e) => event(e, 'vote', toVote)),
    })
    newVotes(@Root() e: LiveVoteEvent, @Arg('after', () => String, {nullable: true, description: AFTER_DOC}) _after?: string): LiveVoteEvent {
        return e
    }

    @Subscription(() => LiveHead, {
        description: 'The indexed head and finalized height: sent on subscribing and whenever either changes (a lower or re-hashed head means a reorg).',
        subscribe: (_root: unknown, _args: unknown, ctx: unknown) => {
            let prev = ''
            return new Poller(dataSource(ctx), livePollMs(), async (em) => {
                const r = (await em.query(HEAD_SQL))[0]
                if (r == null) return {events: []}
                const head: LiveHead = {height: Number(r.height), hash: r.hash, timestamp: new Date(r.timestamp), finalizedHeight: r.finalized == null ? -1 : Number(r.finalized)}
                const key = `${head.height}:${head.hash}:${head.finalizedHeight}`
                if (key === prev) return {events: []}
                prev = key
                return {events: [head]}
            })
        },
    })
    indexedHead(@Root() head: LiveHead): LiveHead {
        return head
    }
}
