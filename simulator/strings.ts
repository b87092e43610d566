/**
 * Strings the contracts emit verbatim (uri, memo, description, reason). The SPEC allows arbitrary
 * bytes, so the simulator sends hostile ones too: NUL bytes, invalid UTF-8, 10 KB and 64 KB.
 * Every string is handled as raw bytes (0x-hex) and ABI-encoded as `bytes` (same layout as
 * `string`), which is the only way to put invalid UTF-8 on the wire with viem.
 */
import {bytesToHex, concatHex, toHex, type Hex} from 'viem'
import {Rng} from './rng'

export type HostileKind = 'nul' | 'invalid-utf8' | 'long' | 'unicode' | 'empty' | 'huge'

export function text(s: string): Hex {
    return toHex(s)
}

const INVALID_UTF8: number[][] = [
    [0xff, 0xfe, 0xfd],
    [0xc3, 0x28], // bad continuation
    [0xa0, 0xa1], // lone continuation bytes
    [0xe2, 0x82], // truncated 3-byte sequence
    [0xf0, 0x28, 0x8c, 0xbc],
    [0xed, 0xa0, 0x80], // UTF-16 surrogate encoded in UTF-8
    [0xc0, 0xaf], // overlong '/'
]

/** A string of the given hostile kind built around `base` (readable text). */
export function hostile(rng: Rng, kind: HostileKind, base: string): Hex {
    switch (kind) {
        case 'nul':
            return concatHex([text(base), '0x00', text(' nul\u0000inside'), '0x0000'])
        case 'invalid-utf8': {
            const bad = rng.pick(INVALID_UTF8)
            return concatHex([text(base + ' '), bytesToHex(Uint8Array.from(bad)), text(' tail')])
        }
        case 'long':
            return repeatTo(text(`${base} | `), 10 * 1024)
        case 'huge':
            return repeatTo(text(`${base} / 64k | `), 64 * 1024)
        case 'unicode':
            return text(`${base} — ∑ データ 🤖 ${'\u202e'}rtl ${'\u200b'}zw \\"quote'`)
        case 'empty':
            return '0x'
    }
}

function repeatTo(unit: Hex, bytes: number): Hex {
    const u = unit.slice(2)
    const n = Math.ceil((bytes * 2) / u.length)
    return `0x${u.repeat(n).slice(0, bytes * 2)}` as Hex
}

/** Mostly readable text; with probability `p` one of the hostile kinds (10 KB ones rarer). */
export function maybeHostile(rng: Rng, base: string, p: number): Hex {
    if (!rng.chance(p)) return text(base)
    const kinds: HostileKind[] = ['nul', 'invalid-utf8', 'unicode', 'empty', 'long']
    const k = kinds[rng.weighted([3, 3, 2, 1, 1])]
    return hostile(rng, k, base)
}
