/**
 * CPU time of processes from /proc (Linux), for the benchmarks' CPU-seconds.
 *
 * - A child's total CPU, however short-lived it is: a process's own /proc/self/stat counts, in
 *   cutime + cstime, every child it has waited for (Node reaps its children as they exit). The
 *   difference of that sum around the child's life is the child's CPU (user + sys, and that of
 *   its own reaped children), measured by the kernel to the last tick, nothing lost by polling.
 * - A PostgreSQL server's CPU: backends come and go (one per connection); the postmaster reaps
 *   them, so postmaster (own + reaped children) plus the live children at a moment is the server's
 *   total CPU so far, and the difference of two such moments is the server's CPU in between.
 */
import {execFileSync} from 'child_process'
import fs from 'fs'
import path from 'path'

/** The fields of /proc/<pid>/stat the benchmarks use; times in clock ticks. */
export interface ProcStat {
    pid: number
    ppid: number
    utime: number
    stime: number
    /** CPU of the children this process has waited for. */
    cutime: number
    cstime: number
}

/**
 * Parses one /proc/<pid>/stat line (proc(5)). The command name (field 2) is in parentheses and
 * may itself hold spaces and parentheses, so the fields are counted from its last ')'.
 */
export function parseProcStat(line: string): ProcStat {
    const open = line.indexOf('(')
    const close = line.lastIndexOf(')')
    if (open < 0 || close < open) throw new Error(`not a /proc/<pid>/stat line: "${line.slice(0, 80)}"`)
    // After the name: field 3 (state) is rest[0], so field n is rest[n - 3].
    const rest = line.slice(close + 2).trim().split(/\s+/)
    if (rest.length < 15) throw new Error(`a /proc/<pid>/stat line with ${rest.length + 2} fields, expected at least 17: "${line.slice(0, 80)}"`)
    const field = (n: number) => {
        const v = Number(rest[n - 3])
        if (!Number.isFinite(v)) throw new Error(`field ${n} of /proc/<pid>/stat is not a number: "${rest[n - 3]}"`)
        return v
    }
    return {pid: Number(line.slice(0, open).trim()), ppid: field(4), utime: field(14), stime: field(15), cutime: field(16), cstime: field(17)}
}

/** /proc/<pid>/stat of `pid`, or undefined when it has exited. */
export function readProcStat(pid: number | 'self'): ProcStat | undefined {
    try {
        return parseProcStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ESRCH') return undefined
        throw e
    }
}

/** Every live process's stat (processes that exit while being listed are skipped). */
export function allProcStats(): ProcStat[] {
    const out: ProcStat[] = []
    for (const name of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(name)) continue
        const s = readProcStat(Number(name))
        if (s) out.push(s)
    }
    return out
}

let ticks: number | undefined

/** Clock ticks per second (`getconf CLK_TCK`; 100 on Linux when getconf is missing). */
export function clockTicks(): number {
    if (ticks === undefined) {
        try {
            ticks = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100
        } catch {
            ticks = 100
        }
    }
    return ticks
}

/** CPU ticks of the children this process has reaped so far (see the file comment). */
export function reapedChildrenTicks(): number {
    const s = readProcStat('self')
    if (!s) throw new Error('cannot read /proc/self/stat: CPU-seconds need Linux /proc')
    return s.cutime + s.cstime
}

/** CPU ticks a process itself has used (utime + stime), 0 when it is gone. */
export function processTicks(pid: number): number {
    const s = readProcStat(pid)
    return s ? s.utime + s.stime : 0
}

/**
 * Total CPU ticks of a server and its children so far: the root's own and reaped children's
 * ticks plus every live child's own (`stats` is a snapshot from allProcStats).
 */
export function treeTicks(rootPid: number, stats: ProcStat[]): number {
    const root = stats.find((s) => s.pid === rootPid)
    if (!root) throw new Error(`process ${rootPid} is not running`)
    let sum = root.utime + root.stime + root.cutime + root.cstime
    for (const s of stats) if (s.ppid === rootPid) sum += s.utime + s.stime
    return sum
}

/** The postmaster pid of a PostgreSQL data folder (first line of postmaster.pid). */
export function postmasterPid(dataDir: string): number {
    const file = path.join(dataDir, 'postmaster.pid')
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0])
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`${file} does not start with a pid`)
    return pid
}

/** Ticks of the PostgreSQL server on `dataDir` so far; take two and subtract. */
export function postgresTicks(dataDir: string): number {
    return treeTicks(postmasterPid(dataDir), allProcStats())
}
