/** Latency statistics and the text tables of `npm run bench:abuse` (bench/api-abuse.ts). */

/** One normal client request. */
export interface NormalSample {
    query: string
    ms: number
    ok: boolean
    /** Why it failed (status, GraphQL error code or network error), when !ok. */
    error?: string
}

/** One hostile request and how the API answered it. */
export interface AttackSample {
    kind: string
    /** From the first byte sent (or the connection) to the refusal (answer or close). */
    ms: number
    /** HTTP status, `ws` for a WebSocket error message, `closed` when the connection ended without one. */
    status: string
    /** extensions.code of the first GraphQL error, or what came instead. */
    code: string
    /** The answer was a GraphQL error in JSON with a code (HTTP body or graphql-ws error message). */
    json: boolean
    /** The start of the raw answer, kept when it was not a JSON GraphQL error. */
    detail?: string
    /**
     * A flood request the rate limit let through (within its allowance per window): counted,
     * but neither a refusal nor a failure, so left out of the timings and the JSON check.
     */
    admitted?: boolean
}

/** Nearest-rank percentile (p in 0..100) of `sorted` (ascending); NaN when empty. */
export function percentile(sorted: number[], p: number): number {
    if (sorted.length === 0) return NaN
    const rank = Math.ceil((p / 100) * sorted.length)
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

const ms = (x: number) => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0))

const NUMBER = /^(-|-?\d+(\.\d+)?)$/

/** A text table: columns of numbers right-aligned, the others left-aligned, two spaces between; a missing cell is blank. */
export function table(header: string[], rows: string[][]): string {
    rows = rows.map((r) => header.map((_, i) => r[i] ?? ''))
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
    const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => NUMBER.test(r[i])))
    const line = (r: string[]) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd()
    return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** Rows per query (and all together) of a phase: requests, ok req/s, p50/p95/p99/max of the ok ones, errors. */
export function normalRows(phase: string, samples: NormalSample[], seconds: number): string[][] {
    const queries = [...new Set(samples.map((s) => s.query))].sort()
    const groups: [string, NormalSample[]][] = [...queries.map((q) => [q, samples.filter((s) => s.query === q)] as [string, NormalSample[]]), ['all', samples]]
    return groups.map(([q, ss]) => {
        const t = ss.filter((s) => s.ok).map((s) => s.ms).sort((a, b) => a - b)
        const errors = ss.filter((s) => !s.ok)
        const firstErrors = [...new Set(errors.map((e) => e.error))].slice(0, 2).join('; ')
        return [phase, q, String(ss.length), (t.length / seconds).toFixed(1), ms(percentile(t, 50)), ms(percentile(t, 95)), ms(percentile(t, 99)), ms(t[t.length - 1] ?? NaN), errors.length ? `${errors.length} (${firstErrors})` : '0']
    })
}

export const NORMAL_HEADER = ['phase', 'query', 'requests', 'ok req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors']

/**
 * One row per attack kind: refusals, their p50/p99/max time, the answers seen (admitted flood
 * requests counted apart), whether every refusal was a JSON GraphQL error. A kind with no
 * refusal at all is NOT RUN (no sample) or NOT REFUSED (only admitted requests).
 */
export function attackRows(kinds: string[], samples: AttackSample[]): string[][] {
    return kinds.map((kind) => {
        const all = samples.filter((s) => s.kind === kind)
        const ss = all.filter((s) => !s.admitted)
        const admitted = all.length - ss.length
        const t = ss.map((s) => s.ms).sort((a, b) => a - b)
        const answers = new Map<string, number>()
        for (const s of ss) answers.set(`${s.status} ${s.code}`, (answers.get(`${s.status} ${s.code}`) ?? 0) + 1)
        const seen = [...answers].sort((a, b) => b[1] - a[1]).map(([a, n]) => (answers.size > 1 ? `${a} ×${n}` : a))
        if (admitted) seen.push(`(${admitted} admitted within the rate limit)`)
        const bad = ss.filter((s) => !s.json).length
        const verdict = all.length === 0 ? 'NOT RUN' : ss.length === 0 ? 'NOT REFUSED' : bad ? `NO (${bad} not JSON)` : 'yes'
        return [kind, String(ss.length), ms(percentile(t, 50)), ms(percentile(t, 99)), ms(t[t.length - 1] ?? NaN), verdict, seen.join(', ')]
    })
}

/** Refusals that were not a JSON GraphQL error, and kinds that were never refused (not run, or only admitted). */
export function attackFailures(kinds: string[], samples: AttackSample[]): {refusals: number; notJson: number; unrefusedKinds: string[]} {
    const refused = samples.filter((s) => !s.admitted)
    return {
        refusals: refused.length,
        notJson: refused.filter((s) => !s.json).length,
        unrefusedKinds: kinds.filter((k) => !refused.some((s) => s.kind === k)),
    }
}

/** The one summary line: normal p50/p99 of both phases and how the attacks were answered. */
export function summaryLine(baseline: NormalSample[], underAttack: NormalSample[], kinds: string[], attacks: AttackSample[]): string {
    const okMs = (ss: NormalSample[]) => ss.filter((s) => s.ok).map((s) => s.ms).sort((a, b) => a - b)
    const [b, u] = [okMs(baseline), okMs(underAttack)]
    const f = attackFailures(kinds, attacks)
    const verdict = [
        f.notJson ? `${f.notJson} not JSON` : 'all refused with JSON errors',
        ...(f.unrefusedKinds.length ? [`never refused: ${f.unrefusedKinds.join(', ')}`] : []),
    ].join('; ')
    return `bench:abuse: normal p50 ${ms(percentile(b, 50))} ms / p99 ${ms(percentile(b, 99))} ms baseline, p50 ${ms(percentile(u, 50))} / p99 ${ms(percentile(u, 99))} under attack (${f.refusals} attacks, ${verdict})`
}

export const ATTACK_HEADER = ['attack', 'count', 'refusal p50 ms', 'p99 ms', 'max ms', 'all JSON errors', 'answers (status code)']
