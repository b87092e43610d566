import {spawnSync} from 'child_process'
import {describe, expect, it} from 'vitest'
import {clockTicks, parseProcStat, processTicks, reapedChildrenTicks, treeTicks, type ProcStat} from '../../bench/cpu'
import {formatRatio, formatSyncReport, groupDigits} from '../../bench/sync-report'

/** A /proc/<pid>/stat line (proc(5)) with the given fields; the others as the kernel writes them. */
function statLine(pid: number, comm: string, ppid: number, utime: number, stime: number, cutime = 0, cstime = 0): string {
    return `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 1234 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 1 0 227618 3133440 381 18446744073709551615 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0`
}

const stat = (pid: number, ppid: number, utime: number, stime: number, cutime = 0, cstime = 0): ProcStat => ({pid, ppid, utime, stime, cutime, cstime})

/** The pure parts of `npm run bench:sync` (bench/cpu.ts, bench/sync-report.ts); no chain involved. */
describe('bench:sync CPU accounting', () => {
    it('reads pid, ppid and the four CPU fields of /proc/<pid>/stat', () => {
        expect(parseProcStat(statLine(4242, 'postgres', 17, 310, 42, 7, 3))).toEqual(stat(4242, 17, 310, 42, 7, 3))
    })

    it('counts fields from the last ")" when the command name holds spaces and parentheses', () => {
        expect(parseProcStat(statLine(9, 'a) S 1 (b', 2, 5, 6, 7, 8))).toEqual(stat(9, 2, 5, 6, 7, 8))
        expect(parseProcStat(statLine(10, 'postgres: checkpointer ', 2, 1, 2))).toEqual(stat(10, 2, 1, 2))
    })

    it('refuses what is not a stat line, naming it', () => {
        expect(() => parseProcStat('hello')).toThrow(/not a \/proc\/<pid>\/stat line: "hello"/)
        expect(() => parseProcStat('1 (x) S 0 1')).toThrow(/expected at least 17/)
        expect(() => parseProcStat(statLine(1, 'x', 0, 1, 2).replace(' 1 2 0 0 20', ' 1 two 0 0 20'))).toThrow(/field 15 .* "two"/)
    })

    it('parses this process\'s own stat', () => {
        const self = processTicks(process.pid)
        expect(self).toBeGreaterThanOrEqual(0)
        expect(clockTicks()).toBeGreaterThan(0)
    })

    it('sums a server and its live children, and keeps the CPU of children that exit between two snapshots', () => {
        const others = [stat(1, 0, 900, 900), stat(77, 1, 500, 500)]
        // Postmaster 100 with two backends; backend 102 exits later and is reaped into cutime/cstime.
        const before = [...others, stat(100, 1, 10, 5), stat(101, 100, 20, 2), stat(102, 100, 30, 3)]
        const after = [...others, stat(100, 1, 12, 6, 45, 5), stat(101, 100, 60, 4), stat(103, 100, 8, 1)]
        expect(treeTicks(100, before)).toBe(15 + 22 + 33)
        // In between: postmaster 3, backend 101 +42, backend 102 +17 (50 at exit), new backend 103 9.
        expect(treeTicks(100, after) - treeTicks(100, before)).toBe(3 + 42 + 17 + 9)
        expect(() => treeTicks(999, after)).toThrow(/process 999 is not running/)
    })

    it('counts a child\'s CPU once Node has reaped it', () => {
        const before = reapedChildrenTicks()
        // Busy for 300 ms of CPU time (not wall time): at least 0.1 s of ticks, however loaded the machine.
        const r = spawnSync(process.execPath, ['-e', 'const t = process.cpuUsage(); while (process.cpuUsage(t).user < 300000) {}'])
        expect(r.status).toBe(0)
        expect(reapedChildrenTicks() - before).toBeGreaterThanOrEqual(clockTicks() / 10)
    })
})

describe('bench:sync report', () => {
    it('groups digits as the README does', () => {
        expect(groupDigits(0)).toBe('0')
        expect(groupDigits(999)).toBe('999')
        expect(groupDigits(100820)).toBe('100 820')
        expect(groupDigits(1001445.4)).toBe('1 001 445')
    })

    it('prints the ratio with two decimals, or two digits when it is under 0.005', () => {
        expect(formatRatio(0.0371)).toBe('0.04')
        expect(formatRatio(0.5)).toBe('0.50')
        expect(formatRatio(0.00123)).toBe('0.0012')
        expect(formatRatio(0)).toBe('0.00')
    })

    it('prints both runs, their ratio and the sync\'s costs', () => {
        const out = formatSyncReport({
            fetchLimit: {events: 100_000, seconds: 2, clientCpuSeconds: 0.5, anvilCpuSeconds: 0.75},
            sync: {events: 100_000, seconds: 25, clientCpuSeconds: 20, anvilCpuSeconds: 1, postgresCpuSeconds: 8.25, peakRssMb: 330, rpcHttpRequests: 47, rpcCalls: {eth_getLogs: 20, eth_blockNumber: 4, eth_getBlockByNumber: 192}},
            fetchSettings: 'batch 10',
        })
        expect(out.split('\n')).toEqual([
            '| run | events | seconds | events/s | client CPU-s | anvil CPU-s |',
            '|---|---|---|---|---|---|',
            '| fetch limit | 100 000 | 2.00 | 50 000 | 0.50 | 0.75 |',
            '| sync (ours) | 100 000 | 25.00 | 4 000 | 20.00 | 1.00 |',
            'fetch limit: batch 10; client = this process (JSON.parse only)',
            'ratio: ours / fetch limit = 0.08',
            'processor CPU-s: 20.00 (20.00 per 100 000 events)',
            'Postgres CPU-s: 8.25',
            'peak RSS of the processor: 330 MB',
            'RPC requests: 47 (eth_blockNumber 4, eth_getBlockByNumber 192, eth_getLogs 20)',
        ])
    })
})
