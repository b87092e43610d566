/** Progress of a simulation: events done against the target, events/s and ETA, at most once a second. */
export interface Progress {
    phase: 'setup' | 'economy' | 'governance' | 'follow' | 'done'
    events: number
    target: number
    blocks: number
    elapsedMs: number
    eventsPerSecond: number
    etaSeconds: number | undefined
}

export class ProgressMeter {
    private readonly started = Date.now()
    private lastReport = 0

    constructor(
        private readonly target: number,
        private readonly onProgress?: (p: Progress) => void,
    ) {}

    snapshot(phase: Progress['phase'], events: number, blocks: number): Progress {
        const elapsedMs = Date.now() - this.started
        const eventsPerSecond = elapsedMs > 0 ? (events * 1000) / elapsedMs : 0
        const left = Math.max(0, this.target - events)
        return {
            phase,
            events,
            target: this.target,
            blocks,
            elapsedMs,
            eventsPerSecond,
            etaSeconds: eventsPerSecond > 0 && phase !== 'follow' ? left / eventsPerSecond : undefined,
        }
    }

    /** Reports if a second has passed since the last report (or `force`). */
    tick(phase: Progress['phase'], events: number, blocks: number, force = false): void {
        const now = Date.now()
        if (!force && now - this.lastReport < 1000) return
        this.lastReport = now
        this.onProgress?.(this.snapshot(phase, events, blocks))
    }
}

export function formatProgress(p: Progress): string {
    const pct = p.target > 0 ? Math.min(100, (100 * p.events) / p.target).toFixed(1) : '-'
    const eta = p.etaSeconds === undefined ? '' : `, ETA ${formatDuration(p.etaSeconds * 1000)}`
    return `[${p.phase}] ${p.events.toLocaleString('en-US')} / ${p.target.toLocaleString('en-US')} events (${pct} %), ${p.blocks} blocks, ${Math.round(p.eventsPerSecond).toLocaleString('en-US')} events/s, ${formatDuration(p.elapsedMs)} elapsed${eta}`
}

export function formatDuration(ms: number): string {
    const s = Math.round(ms / 1000)
    if (s < 60) return `${(ms / 1000).toFixed(s < 10 ? 1 : 0)} s`
    const m = Math.floor(s / 60)
    if (m < 60) return `${m} min ${s % 60} s`
    return `${Math.floor(m / 60)} h ${m % 60} min`
}
