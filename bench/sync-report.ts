/**
 * The table bench/sync.ts prints: the fetch limit (bench/fetch-limit.ts) beside our sync, their
 * ratio, and what the sync cost in CPU and memory. Pure, so that a test can check the wording.
 */

export interface RunFigures {
    events: number
    seconds: number
    /** CPU-seconds of the client: the fetcher (this process) or the processor child. */
    clientCpuSeconds: number
    /** CPU-seconds anvil spent serving the run. */
    anvilCpuSeconds: number
}

export interface SyncReport {
    fetchLimit: RunFigures
    sync: RunFigures & {postgresCpuSeconds: number; peakRssMb: number; rpcHttpRequests: number; rpcCalls: Record<string, number>}
    /** The fetch limit's settings, said under the table. */
    fetchSettings: string
}

/** `1234567` -> `1 234 567` (as in the README's tables). */
export function groupDigits(n: number): string {
    return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
}

/** Events per second of a run (0 for a run that took no time). */
export function rate(r: {events: number; seconds: number}): number {
    return r.seconds > 0 ? r.events / r.seconds : 0
}

/** ours / fetch limit with two decimals, or two significant digits when that would print 0.00. */
export function formatRatio(ratio: number): string {
    return ratio >= 0.005 || ratio === 0 ? ratio.toFixed(2) : ratio.toPrecision(2)
}

export function formatSyncReport(r: SyncReport): string {
    const row = (name: string, f: RunFigures) => `| ${name} | ${groupDigits(f.events)} | ${f.seconds.toFixed(2)} | ${groupDigits(rate(f))} | ${f.clientCpuSeconds.toFixed(2)} | ${f.anvilCpuSeconds.toFixed(2)} |`
    const ratio = rate(r.fetchLimit) > 0 ? rate(r.sync) / rate(r.fetchLimit) : 0
    const per100k = r.sync.events > 0 ? (r.sync.clientCpuSeconds * 100_000) / r.sync.events : 0
    const calls = Object.entries(r.sync.rpcCalls).sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, n]) => `${m} ${groupDigits(n)}`).join(', ')
    return [
        '| run | events | seconds | events/s | client CPU-s | anvil CPU-s |',
        '|---|---|---|---|---|---|',
        row('fetch limit', r.fetchLimit),
        row('sync (ours)', r.sync),
        `fetch limit: ${r.fetchSettings}; client = this process (JSON.parse only)`,
        `ratio: ours / fetch limit = ${formatRatio(ratio)}`,
        `processor CPU-s: ${r.sync.clientCpuSeconds.toFixed(2)} (${per100k.toFixed(2)} per 100 000 events)`,
        `Postgres CPU-s: ${r.sync.postgresCpuSeconds.toFixed(2)}`,
        `peak RSS of the processor: ${groupDigits(r.sync.peakRssMb)} MB`,
        `RPC requests: ${groupDigits(r.sync.rpcHttpRequests)} (${calls})`,
    ].join('\n')
}
