/**
 * The async iterator behind each live subscription: polls the database every interval (one
 * snapshot per poll) and yields the events one by one. Unlike an async generator, `return()` (the
 * client's `complete`, or a closed socket) ends it at once, even in the middle of a wait, so a
 * quiet stream never keeps polling for a client that left.
 */
import type {DataSource, EntityManager} from 'typeorm'
import {readEnv} from '../../config/schema'
import {snapshot} from './stream'

/** Floor of the poll interval: a lower LIVE_POLL_INTERVAL_MS is raised to it (each poll is one snapshot per subscriber). */
export const MIN_LIVE_POLL_MS = 250
export const DEFAULT_LIVE_POLL_MS = 500

/** The poll interval of the live subscriptions: LIVE_POLL_INTERVAL_MS (src/config/schema.ts, checked at start), at least MIN_LIVE_POLL_MS. */
export function livePollMs(env: NodeJS.ProcessEnv = process.env): number {
    return Math.max(MIN_LIVE_POLL_MS, readEnv(env, ['LIVE_POLL_INTERVAL_MS']).LIVE_POLL_INTERVAL_MS)
}

export class Poller<T> implements AsyncIterableIterator<T> {
    private queue: T[] = []
    private closed = false
    private first = true
    private again = false
    private wake: (() => void) | undefined
    private timer: NodeJS.Timeout | undefined

    /** `poll` returns this snapshot's events and whether more wait (then the next poll comes at once). */
    constructor(
        private db: DataSource,
        private intervalMs: number,
        private poll: (em: EntityManager) => Promise<{events: T[]; more?: boolean}>,
    ) {}

    [Symbol.asyncIterator]() {
        return this
    }

    async next(): Promise<IteratorResult<T>> {
        for (;;) {
            if (this.queue.length > 0) return {done: false, value: this.queue.shift()!}
            if (this.closed) return {done: true, value: undefined}
            if (!this.first && !this.again) await this.sleep()
            if (this.closed) return {done: true, value: undefined}
            this.first = false
            const r = await snapshot(this.db, this.poll)
            this.again = r.more === true
            this.queue.push(...r.events)
        }
    }

    async return(): Promise<IteratorResult<T>> {
        this.closed = true
        this.queue = []
        if (this.timer) clearTimeout(this.timer)
        this.wake?.()
        return {done: true, value: undefined}
    }

    private sleep(): Promise<void> {
        return new Promise((resolve) => {
            this.wake = resolve
            this.timer = setTimeout(resolve, this.intervalMs)
        })
    }
}
