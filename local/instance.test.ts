import {spawnSync} from 'child_process'
import fs from 'fs'
import net from 'net'
import os from 'os'
import path from 'path'
import {afterEach, describe, expect, it} from 'vitest'
import {isPortInUse, portInUseMessage, suggestFreePort} from '../src/util/ports'
import {
    acquireInstance,
    alreadyRunningMessage,
    instanceFile,
    isLive,
    leftoversMessage,
    pidAlive,
    processStartTime,
    readInstance,
    resetRefusedMessage,
    runningInstance,
    type InstanceInfo,
} from './instance'

const dirs: string[] = []
function tempDir(): string {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-instance-'))
    dirs.push(d)
    return d
}
afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, {recursive: true, force: true})
})

/** The pid of a child that has exited (and been reaped): a pid no process has. */
function deadPid(): number {
    const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'})
    const pid = Number(r.stdout)
    expect(pid).toBeGreaterThan(0)
    return pid
}

function writeLock(dir: string, info: InstanceInfo): void {
    fs.mkdirSync(dir, {recursive: true})
    fs.writeFileSync(instanceFile(dir), JSON.stringify(info))
}

describe('pid liveness', () => {
    it('this process is alive, an exited child is not', () => {
        expect(pidAlive(process.pid)).toBe(true)
        expect(pidAlive(deadPid())).toBe(false)
        expect(pidAlive(0)).toBe(false)
        expect(pidAlive(NaN)).toBe(false)
    })

    it('a live pid that started at another time (reused after a reboot) is not the instance', () => {
        const info: InstanceInfo = {pid: process.pid, startedAt: new Date().toISOString(), pidStart: '1'}
        // where /proc tells start times, a different one means another program; elsewhere the pid decides
        expect(isLive(info)).toBe(!fs.existsSync(`/proc/${process.pid}/stat`))
    })
})

describe('the instance lock', () => {
    it('is taken in a new folder, holds pid, start time and URLs, and is removed on release', () => {
        const dir = path.join(tempDir(), 'data') // does not exist yet
        const r = acquireInstance(dir, {graphqlUrl: 'http://localhost:4350/graphql'}, () => {})
        expect(r.ok).toBe(true)
        if (!r.ok) return
        const info = readInstance(dir)!
        expect(info.pid).toBe(process.pid)
        expect(new Date(info.startedAt).toISOString()).toBe(info.startedAt)
        expect(info.graphqlUrl).toBe('http://localhost:4350/graphql')
        r.lock.update({rpcUrl: 'http://127.0.0.1:8545', dbPort: 54320, ready: true})
        expect(readInstance(dir)).toMatchObject({pid: process.pid, rpcUrl: 'http://127.0.0.1:8545', dbPort: 54320, ready: true})
        expect(runningInstance(dir)?.pid).toBe(process.pid)
        expect(fs.readdirSync(dir)).toEqual(['instance.json']) // no temporary file left
        r.lock.release()
        expect(fs.existsSync(instanceFile(dir))).toBe(false)
        r.lock.release() // idempotent
        expect(runningInstance(dir)).toBeUndefined()
    })

    it('a second acquisition while the holder lives fails with the holder, and leaves its lock alone', () => {
        const dir = tempDir()
        const first = acquireInstance(dir, {graphqlUrl: 'http://localhost:4350/graphql'}, () => {})
        expect(first.ok).toBe(true)
        const before = fs.readFileSync(instanceFile(dir), 'utf8')
        const second = acquireInstance(dir, {}, () => {})
        expect(second.ok).toBe(false)
        if (second.ok || !('running' in second)) throw new Error('expected the running holder')
        expect(second.running.pid).toBe(process.pid)
        expect(second.running.graphqlUrl).toBe('http://localhost:4350/graphql')
        expect(fs.readFileSync(instanceFile(dir), 'utf8')).toBe(before)
        if (first.ok) first.lock.release()
    })

    it('a lock of a dead pid is stale: replaced, with one line saying so', () => {
        const dir = tempDir()
        const pid = deadPid()
        writeLock(dir, {pid, startedAt: '2026-01-01T00:00:00.000Z'})
        expect(runningInstance(dir)).toBeUndefined()
        const lines: string[] = []
        const r = acquireInstance(dir, {}, (l) => lines.push(l))
        expect(r.ok).toBe(true)
        expect(lines).toHaveLength(1)
        expect(lines[0]).toContain(`pid ${pid}`)
        expect(lines[0]).toMatch(/stale/)
        expect(readInstance(dir)?.pid).toBe(process.pid)
        if (r.ok) r.lock.release()
    })

    it('an unreadable lock (a half-written or edited file) is replaced too', () => {
        const dir = tempDir()
        fs.writeFileSync(instanceFile(dir), '{"pid": ')
        const lines: string[] = []
        const r = acquireInstance(dir, {}, (l) => lines.push(l))
        expect(r.ok).toBe(true)
        expect(lines).toEqual([expect.stringMatching(/unreadable/)])
        if (r.ok) r.lock.release()
    })

    it('a stale lock whose children still run (a start killed hard) is kept, and they are named', () => {
        const dir = tempDir()
        const stale: InstanceInfo = {
            pid: deadPid(),
            startedAt: '2026-01-01T00:00:00.000Z',
            children: {'anvil devnet': {pid: process.pid, pidStart: processStartTime(process.pid)}, processor: {pid: deadPid()}},
        }
        writeLock(dir, stale)
        const lines: string[] = []
        const r = acquireInstance(dir, {}, (l) => lines.push(l))
        expect(r.ok).toBe(false)
        if (r.ok || !('leftovers' in r)) throw new Error('expected leftovers')
        expect(r.leftovers).toEqual([{name: 'anvil devnet', pid: process.pid}])
        expect(lines).toEqual([])
        expect(readInstance(dir)).toEqual(stale)
        expect(leftoversMessage(r.stale, r.leftovers)).toBe(
            `The last npm start in this folder (pid ${stale.pid}, since 2026-01-01T00:00:00.000Z) was killed without stopping its anvil devnet (pid ${process.pid}), which still runs: stop it (kill ${process.pid}) and start again.`,
        )
        expect(leftoversMessage(r.stale, [...r.leftovers, {name: 'PostgreSQL', pid: 7}])).toContain('its anvil devnet (pid')
        expect(leftoversMessage(r.stale, [...r.leftovers, {name: 'PostgreSQL', pid: 7}])).toContain(`and PostgreSQL (pid 7), which still run: stop them (kill ${process.pid} 7)`)
    })

    it('a child pid now used by another program (another start time) is no leftover', () => {
        const dir = tempDir()
        writeLock(dir, {pid: deadPid(), startedAt: '2026-01-01T00:00:00.000Z', children: {PostgreSQL: {pid: process.pid, pidStart: '1'}}})
        const r = acquireInstance(dir, {}, () => {})
        // where /proc tells start times the pid is recognised as reused; elsewhere it counts as alive
        expect(r.ok).toBe(fs.existsSync(`/proc/${process.pid}/stat`))
        if (r.ok) r.lock.release()
    })

    it('records its children with their start times', () => {
        const dir = tempDir()
        const r = acquireInstance(dir, {}, () => {})
        if (!r.ok) throw new Error('not acquired')
        r.lock.child('GraphQL API', process.pid)
        r.lock.child('GraphQL API', process.pid) // a restarted child replaces the old entry
        r.lock.child('processor', undefined) // not started: nothing recorded
        expect(readInstance(dir)?.children).toEqual({'GraphQL API': {pid: process.pid, pidStart: processStartTime(process.pid)}})
        r.lock.release()
    })

    it('release does not remove a lock that another instance has taken since', () => {
        const dir = tempDir()
        const r = acquireInstance(dir, {}, () => {})
        if (!r.ok) throw new Error('not acquired')
        writeLock(dir, {pid: process.pid, startedAt: '2030-01-01T00:00:00.000Z'})
        r.lock.release()
        expect(readInstance(dir)?.startedAt).toBe('2030-01-01T00:00:00.000Z')
    })
})

describe('start-up messages', () => {
    const info: InstanceInfo = {pid: 123, startedAt: '2026-11-25T10:00:00.000Z', graphqlUrl: 'http://localhost:4350/graphql', ready: true}

    it('a second start: one line with pid, start time, URL and how to stop the first', () => {
        const m = alreadyRunningMessage(info)
        expect(m).toBe(
            'Sahara squid is already running in this folder (pid 123, since 2026-11-25T10:00:00.000Z): GraphQL at http://localhost:4350/graphql. Stop it (Ctrl-C in its terminal, or kill 123) first.',
        )
        expect(alreadyRunningMessage({...info, ready: false})).toContain('(pid 123, starting since 2026-11-25T10:00:00.000Z)')
        expect(m).not.toContain('\n')
    })

    it('reset while running: one line that says nothing was deleted', () => {
        const m = resetRefusedMessage(info, '/srv/squid/.data')
        expect(m).toContain('pid 123')
        expect(m).toContain('nothing in /srv/squid/.data was deleted')
        expect(m).toContain('kill 123')
        expect(m).not.toContain('\n')
    })

    it('a port in use: names the variable and a concrete value to set, never undefined', () => {
        const m = portInUseMessage({what: 'embedded Postgres', port: 54320, variable: 'DB_PORT', example: 54321, alternative: 'or DATABASE_URL to use the server that listens there'})
        expect(m).toBe(
            'cannot start embedded Postgres: port 54320 is in use by another program; set DB_PORT to a free port, e.g. DB_PORT=54321 npm start (or DATABASE_URL to use the server that listens there)',
        )
        expect(portInUseMessage({what: 'the GraphQL API', port: 4350, variable: 'GQL_PORT', example: 4351})).toMatch(/GQL_PORT=4351 npm start$/)
    })

    it('suggests a free port next to a taken one, skipping ports the run uses', async () => {
        const srv = net.createServer()
        await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
        const taken = (srv.address() as net.AddressInfo).port
        try {
            const p = await suggestFreePort(taken, '127.0.0.1', [taken + 1])
            expect(p).not.toBe(taken)
            expect(p).not.toBe(taken + 1)
            expect(await isPortInUse(p)).toBe(false)
        } finally {
            srv.close()
        }
    })
})
