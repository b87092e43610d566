/**
 * The instance lock of `npm start`: `<DATA_DIR>/instance.json` says that a start owns the data
 * folder (its embedded Postgres, its devnet state), since when, and where it serves. It is taken
 * before anything starts, so that a second `npm start` in the same folder stops with one line
 * that says where the first one serves instead of tripping over its ports, and `npm run reset`
 * refuses to delete the data of a running instance. A clean stop removes it; a lock left by a
 * start killed hard (its pid no longer alive) is stale and replaced, with one line saying so,
 * unless processes that start left behind (anvil, PostgreSQL, the API: they outlive a SIGKILL of
 * their parent, and still hold the folder and the ports) still run: then the new start stops and
 * names them, since a second anvil or Postgres on the same state would corrupt it.
 */
import fs from 'fs'
import path from 'path'

export const INSTANCE_FILE = 'instance.json'

export interface InstanceInfo {
    pid: number
    /** ISO time the instance took the lock. */
    startedAt: string
    /** Start time of `pid` from /proc (Linux): a pid reused by another program after a reboot does not count as alive. */
    pidStart?: string
    graphqlUrl?: string
    rpcUrl?: string
    dbPort?: number
    /** Set once the banner is printed (everything started). */
    ready?: boolean
    /** The processes this instance started that hold the folder or its ports, by what they are (e.g. `anvil devnet`). */
    children?: Record<string, {pid: number; pidStart?: string}>
}

/** A process a start killed hard has left running. */
export interface Leftover {
    name: string
    pid: number
}

export interface InstanceLock {
    readonly file: string
    readonly info: InstanceInfo
    /** Adds what became known (URLs, ports) to the lock file. */
    update(fields: Partial<Omit<InstanceInfo, 'pid' | 'startedAt' | 'pidStart'>>): void
    /** Records a child process (`name` says what it is), replacing an earlier one of that name. */
    child(name: string, pid: number | undefined): void
    /** Removes the lock file if it is still this instance's (idempotent). */
    release(): void
}

export type AcquireResult =
    | {ok: true; lock: InstanceLock}
    | {ok: false; running: InstanceInfo}
    | {ok: false; stale: InstanceInfo; leftovers: Leftover[]}

export function instanceFile(dataDir: string): string {
    return path.join(dataDir, INSTANCE_FILE)
}

/** Whether `pid` is a live process: `kill(pid, 0)` fails with ESRCH for a dead one (EPERM: alive, another user's). */
export function pidAlive(pid: number): boolean {
    if (!Number.isInteger(pid) || pid <= 0) return false
    try {
        process.kill(pid, 0)
        return true
    } catch (e: any) {
        return e?.code === 'EPERM'
    }
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), or undefined off Linux. */
export function processStartTime(pid: number): string | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
        // the command name (field 2) is in parentheses and may hold spaces: count after the last ')'
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
    } catch {
        return undefined
    }
}

/** The lock file's content, or undefined when there is none or it cannot be read as a lock. */
export function readInstance(dataDir: string): InstanceInfo | undefined {
    let text: string
    try {
        text = fs.readFileSync(instanceFile(dataDir), 'utf8')
    } catch {
        return undefined
    }
    try {
        const info = JSON.parse(text)
        return info && typeof info === 'object' && Number.isInteger(info.pid) ? (info as InstanceInfo) : undefined
    } catch {
        return undefined
    }
}

/** Whether the process that wrote `info` still runs (same pid, and same start time where /proc tells). */
export function isLive(info: InstanceInfo): boolean {
    if (!pidAlive(info.pid)) return false
    const now = info.pidStart ? processStartTime(info.pid) : undefined
    return now === undefined || now === info.pidStart
}

/** The instance running on `dataDir` (a live lock), if any. */
export function runningInstance(dataDir: string): InstanceInfo | undefined {
    const info = readInstance(dataDir)
    return info && isLive(info) ? info : undefined
}

/** The children of a dead instance that still run (same pid and start time). */
export function leftoversOf(info: InstanceInfo): Leftover[] {
    return Object.entries(info.children ?? {})
        .filter(([, c]) => isLive({pid: c.pid, pidStart: c.pidStart, startedAt: info.startedAt}))
        .map(([name, c]) => ({name, pid: c.pid}))
}

/**
 * Takes the lock of `dataDir` for this process, or reports the live instance that holds it.
 * The file appears complete or not at all (written aside, then hard-linked into place, which
 * fails if it exists), so two starts at once cannot both win, nor read a half-written lock.
 */
export function acquireInstance(dataDir: string, fields: Partial<InstanceInfo> = {}, log: (line: string) => void = console.log): AcquireResult {
    fs.mkdirSync(dataDir, {recursive: true})
    const file = instanceFile(dataDir)
    const info: InstanceInfo = {...fields, pid: process.pid, startedAt: new Date().toISOString(), pidStart: processStartTime(process.pid)}
    for (let attempt = 0; ; attempt++) {
        const tmp = `${file}.${process.pid}.tmp`
        fs.writeFileSync(tmp, JSON.stringify(info, null, 2) + '\n')
        try {
            try {
                fs.linkSync(tmp, file)
            } catch (e: any) {
                // a file system without hard links: an exclusive create (not atomic with its content)
                if (e?.code === 'EEXIST' || !['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(e?.code)) throw e
                fs.writeFileSync(file, fs.readFileSync(tmp), {flag: 'wx'})
            }
            return {ok: true, lock: lockOf(file, info)}
        } catch (e: any) {
            if (e?.code !== 'EEXIST') throw e
        } finally {
            fs.rmSync(tmp, {force: true})
        }
        const held = readInstance(dataDir)
        if (held && isLive(held)) return {ok: false, running: held}
        const leftovers = held ? leftoversOf(held) : []
        if (held && leftovers.length > 0) return {ok: false, stale: held, leftovers}
        if (attempt >= 2) throw new Error(`cannot take the instance lock ${file}: it keeps changing (another npm start starting at the same time?)`)
        log(
            held
                ? `replacing the stale instance lock ${file} (pid ${held.pid}, started ${held.startedAt}, is no longer running)`
                : `replacing the unreadable instance lock ${file}`,
        )
        fs.rmSync(file, {force: true})
    }
}

function lockOf(file: string, info: InstanceInfo): InstanceLock {
    let released = false
    const lock: InstanceLock = {
        file,
        info,
        update(fields) {
            if (released) return
            Object.assign(info, fields)
            const tmp = `${file}.${process.pid}.tmp`
            fs.writeFileSync(tmp, JSON.stringify(info, null, 2) + '\n')
            fs.renameSync(tmp, file) // atomic: readers see the old or the new content
        },
        child(name, pid) {
            if (pid == null) return
            lock.update({children: {...info.children, [name]: {pid, pidStart: processStartTime(pid)}}})
        },
        release() {
            if (released) return
            released = true
            try {
                const now = JSON.parse(fs.readFileSync(file, 'utf8'))
                if (now?.pid === info.pid && now?.startedAt === info.startedAt) fs.rmSync(file, {force: true})
            } catch {
                // gone already (npm run reset cannot run meanwhile; a user may have deleted it)
            }
        },
    }
    return lock
}

const since = (i: InstanceInfo) => `pid ${i.pid}, ${i.ready ? 'since' : 'starting since'} ${i.startedAt}`
const stopHint = (i: InstanceInfo) => `Stop it (Ctrl-C in its terminal, or kill ${i.pid}) first.`

/** The line a second `npm start` prints (then it exits 1). */
export function alreadyRunningMessage(i: InstanceInfo): string {
    return `Sahara squid is already running in this folder (${since(i)})${i.graphqlUrl ? `: GraphQL at ${i.graphqlUrl}` : ''}. ${stopHint(i)}`
}

/** The line a start prints when the last one was killed hard and left processes running (then it exits 1). */
export function leftoversMessage(stale: InstanceInfo, leftovers: Leftover[], doing = 'start again'): string {
    const list = leftovers.map((l) => `${l.name} (pid ${l.pid})`)
    const names = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list[0]
    return `The last npm start in this folder (pid ${stale.pid}, since ${stale.startedAt}) was killed without stopping its ${names}, which still ${leftovers.length > 1 ? 'run' : 'runs'}: stop ${leftovers.length > 1 ? 'them' : 'it'} (kill ${leftovers.map((l) => l.pid).join(' ')}) and ${doing}.`
}

/** The line `npm run reset` prints while an instance runs (then it exits 1, deleting nothing). */
export function resetRefusedMessage(i: InstanceInfo, dataDir: string): string {
    return `Sahara squid is running in this folder (${since(i)})${i.graphqlUrl ? `, GraphQL at ${i.graphqlUrl}` : ''}: npm run reset would delete its data, so nothing in ${dataDir} was deleted. ${stopHint(i)}`
}
