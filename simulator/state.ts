/**
 * Saves an anvil devnet's state (`anvil_dumpState`: hex of gzipped JSON) to a file that
 * `anvil --load-state` (and `startDevnet({loadState})`) reads (plain JSON only: anvil rejects
 * gzip). The response is streamed and decoded on the fly, since a large chain's dump exceeds what
 * one string can hold. By default the per-transaction call traces are dropped (`"traces":[]`):
 * they are 60-80 % of the dump (3.5 GB for 1 M events) and make loading slower than startAnvil's
 * 30 s readiness wait; blocks, receipts and logs are kept, only debug/trace APIs lose detail.
 */
import fs from 'fs'
import {pipeline} from 'stream/promises'
import {Readable, Transform} from 'stream'
import zlib from 'zlib'

export async function dumpState(rpcUrl: string, file: string, opts: {keepTraces?: boolean} = {}): Promise<number> {
    // Raw fetch, not the shared client (devnet/client.ts): the response is streamed, it can exceed
    // what one string holds.
    const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({jsonrpc: '2.0', id: 1, method: 'anvil_dumpState', params: []}),
    }).catch((e) => {
        throw new Error(`anvil_dumpState to ${rpcUrl} failed: ${e?.cause?.message ?? e?.message ?? e}`, {cause: e})
    })
    if (!res.ok || !res.body) throw new Error(`anvil_dumpState to ${rpcUrl} failed: HTTP ${res.status}`)
    let state: 'prefix' | 'hex' | 'done' = 'prefix'
    let head = ''
    let odd = ''
    const hexDecode = new Transform({
        transform(chunk: Buffer, _enc, cb) {
            let s = chunk.toString('latin1')
            if (state === 'prefix') {
                head += s
                const i = head.indexOf('"result":"0x')
                if (i < 0) {
                    if (head.includes('"error"')) return cb(new Error(`anvil_dumpState failed: ${head.slice(0, 500)}`))
                    if (head.length > 4096) return cb(new Error(`anvil_dumpState: unexpected response ${head.slice(0, 300)}`))
                    return cb()
                }
                s = head.slice(i + '"result":"0x'.length)
                head = ''
                state = 'hex'
            }
            if (state === 'hex') {
                const end = s.indexOf('"')
                if (end >= 0) {
                    s = s.slice(0, end)
                    state = 'done'
                }
                s = odd + s
                const even = s.length - (s.length % 2)
                odd = s.slice(even)
                if (even > 0) this.push(Buffer.from(s.slice(0, even), 'hex'))
            }
            cb()
        },
        flush(cb) {
            cb(state === 'done' ? undefined : new Error('anvil_dumpState: truncated response'))
        },
    })
    const tmp = `${file}.tmp`
    const stages: NodeJS.ReadWriteStream[] = [hexDecode, zlib.createGunzip()]
    if (!opts.keepTraces) stages.push(stripTraces())
    await pipeline(Readable.fromWeb(res.body as any), ...(stages as [Transform, Transform]), fs.createWriteStream(tmp))
    fs.renameSync(tmp, file)
    return fs.statSync(file).size
}

const TRACES_KEY = Buffer.from('"traces":')

/** Replaces the value of every `"traces":` key of a JSON byte stream by `[]` (streaming, any chunking). */
export function stripTraces(): Transform {
    let carry = Buffer.alloc(0)
    let skipping = false
    let started = false
    let depth = 0
    let inString = false
    let escaped = false
    return new Transform({
        transform(chunk: Buffer, _enc, cb) {
            let buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk
            carry = Buffer.alloc(0)
            let pos = 0
            while (pos < buf.length) {
                if (skipping) {
                    for (; pos < buf.length; pos++) {
                        const b = buf[pos]
                        if (!started) {
                            if (b === 0x5b || b === 0x7b) {
                                started = true
                                depth = 1
                            } else if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) {
                                return cb(new Error(`unexpected traces value in the state dump (byte ${b})`))
                            }
                            continue
                        }
                        if (inString) {
                            if (escaped) escaped = false
                            else if (b === 0x5c) escaped = true
                            else if (b === 0x22) inString = false
                        } else if (b === 0x22) inString = true
                        else if (b === 0x5b || b === 0x7b) depth++
                        else if (b === 0x5d || b === 0x7d) {
                            if (--depth === 0) {
                                skipping = false
                                pos++
                                break
                            }
                        }
                    }
                    continue
                }
                const i = buf.indexOf(TRACES_KEY, pos)
                if (i < 0) {
                    // Keep a tail that could be the start of a key split across chunks.
                    const keep = Math.min(TRACES_KEY.length - 1, buf.length - pos)
                    this.push(buf.subarray(pos, buf.length - keep))
                    carry = Buffer.from(buf.subarray(buf.length - keep))
                    break
                }
                this.push(buf.subarray(pos, i + TRACES_KEY.length))
                this.push(Buffer.from('[]'))
                pos = i + TRACES_KEY.length
                skipping = true
                started = false
                inString = false
                escaped = false
            }
            cb()
        },
        flush(cb) {
            if (skipping) return cb(new Error('state dump ended inside a traces value'))
            if (carry.length > 0) this.push(carry)
            cb()
        },
    })
}
