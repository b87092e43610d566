/**
 * Saves an anvil devnet's state (`anvil_dumpState`: hex of gzipped JSON) to a file that
 * `anvil --load-state` (and `startDevnet({loadState})`) reads. The response is streamed and
 * decoded on the fly, since a large chain's dump exceeds what one string can hold.
 */
import fs from 'fs'
import {pipeline} from 'stream/promises'
import {Readable, Transform} from 'stream'
import zlib from 'zlib'

export async function dumpState(rpcUrl: string, file: string): Promise<number> {
    const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({jsonrpc: '2.0', id: 1, method: 'anvil_dumpState', params: []}),
    })
    if (!res.ok || !res.body) throw new Error(`anvil_dumpState: HTTP ${res.status}`)
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
    await pipeline(Readable.fromWeb(res.body as any), hexDecode, zlib.createGunzip(), fs.createWriteStream(tmp))
    fs.renameSync(tmp, file)
    return fs.statSync(file).size
}
