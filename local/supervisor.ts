/**
 * Keeps a child process of `npm start` / `npm run process` running: a child that exits
 * unexpectedly is reported in plain words (with the last line it wrote) and restarted with
 * exponential backoff; repeated failure — or an exit code that says a restart cannot help —
 * stops everything with the reason.
 */
import type {NodeChild} from './child'

export interface SupervisorOptions {
    name: string
    start: () => NodeChild
    /** Exit codes after which a restart cannot help (e.g. 3: deep reorg, needs --reindex). */
    fatalCodes?: Map<number, string>
    /** Failures within `windowMs` before giving up. */
    maxFailures?: number
    windowMs?: number
    /** Pause before restart n (1-based): min(maxBackoffMs, baseBackoffMs * 2^(n-1)). */
    baseBackoffMs?: number
    maxBackoffMs?: number
    /** Exit code 0 is a normal end (e.g. --exit-at-head), not a failure. */
    onExit0?: () => void
    /** Called once when the supervisor gives up: the reason in words. */
    onGiveUp: (reason: string) => void
    log?: (msg: string) => void
}

export interface Supervised {
    current(): NodeChild
    restarts(): number
    /** Stops the child (SIGTERM, SIGKILL after 10 s) and does not restart it. */
    stop(): Promise<void>
}

/** The last meaningful line a child wrote (its error, usually). */
export function lastLine(child: NodeChild): string {
    const lines = child
        .output()
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^\s*at /.test(l) && !/^node:|^\^+$|^Node\.js v/.test(l))
    return (lines[lines.length - 1] ?? '').slice(0, 300)
}

export function supervise(o: SupervisorOptions): Supervised {
    const log = o.log ?? ((m) => console.error(m))
    const maxFailures = o.maxFailures ?? 5
    const windowMs = o.windowMs ?? 120_000
    let failures: number[] = []
    let restarts = 0
    let stopping = false
    let child = o.start()
    let timer: NodeJS.Timeout | undefined

    const watch = (c: NodeChild) => {
        c.exited.then((code) => {
            if (stopping || c !== child) return
            if (code === 0) return o.onExit0?.()
            const how = code == null ? `was killed (${c.signalCode})` : `exited with code ${code}`
            const last = lastLine(c)
            const fatal = code != null ? o.fatalCodes?.get(code) : undefined
            if (fatal) {
                stopping = true
                return o.onGiveUp(`${o.name} ${how}: ${fatal}${last ? `\n  last message: ${last}` : ''}`)
            }
            const now = Date.now()
            failures = [...failures.filter((t) => now - t < windowMs), now]
            if (failures.length > maxFailures) {
                stopping = true
                return o.onGiveUp(
                    `${o.name} failed ${failures.length} times within ${Math.round(windowMs / 1000)} s; giving up${last ? `\n  last message: ${last}` : ''}\n  run with VERBOSE=1 to see its whole log`,
                )
            }
            const pause = Math.min(o.maxBackoffMs ?? 30_000, (o.baseBackoffMs ?? 1_000) * 2 ** (failures.length - 1))
            log(`${o.name} ${how}${last ? `: ${last}` : ''}; restarting in ${(pause / 1000).toFixed(1)} s (failure ${failures.length} of ${maxFailures} allowed within ${Math.round(windowMs / 1000)} s)`)
            timer = setTimeout(() => {
                if (stopping) return
                restarts += 1
                child = o.start()
                watch(child)
            }, pause)
        })
    }
    watch(child)
    return {
        current: () => child,
        restarts: () => restarts,
        async stop() {
            stopping = true
            if (timer) clearTimeout(timer)
            await child.stop('SIGTERM', 10_000)
        },
    }
}
