/**
 * Strings as arbitrary bytes. viem encodes JS strings as UTF-8 and decodes them lossily, so to send
 * invalid UTF-8 and to read event strings byte for byte we ABI-encode `string` as `bytes` (same
 * head/tail layout) while keeping the real selector / topic.
 */
import {
    bytesToHex,
    concatHex,
    decodeAbiParameters,
    encodeAbiParameters,
    toFunctionSelector,
    type Abi,
    type Hex,
    type Log,
} from 'viem'

const asBytes = (inputs: readonly any[]) => inputs.map((i) => (i.type === 'string' ? {...i, type: 'bytes'} : i))

/** Calldata of `functionName` where every `string` argument is given as raw bytes (hex). */
export function rawCalldata(abi: Abi, functionName: string, args: readonly unknown[]): Hex {
    const items = (abi as any[]).filter((x) => x.type === 'function' && x.name === functionName && x.inputs.length === args.length)
    if (items.length !== 1) throw new Error(`rawCalldata: ${functionName}/${args.length} is ambiguous or unknown`)
    const item = items[0]
    return concatHex([toFunctionSelector(item), encodeAbiParameters(asBytes(item.inputs), args as any)])
}

/** Non-indexed arguments of an event log with `string` fields decoded as raw bytes (hex). */
export function rawEventData(abi: Abi, eventName: string, log: Log): Record<string, unknown> {
    const item = (abi as any[]).find((x) => x.type === 'event' && x.name === eventName)
    if (!item) throw new Error(`rawEventData: no event ${eventName}`)
    const inputs = asBytes(item.inputs.filter((i: any) => !i.indexed))
    const values = decodeAbiParameters(inputs, log.data)
    return Object.fromEntries(inputs.map((i: any, k: number) => [i.name, values[k]]))
}

/** Hostile strings: NUL bytes, invalid UTF-8 (lone continuation, overlong, truncated, surrogate), 10 KB. */
export const HOSTILE: {label: string; bytes: Hex}[] = [
    {label: 'empty', bytes: '0x'},
    {label: 'NUL bytes', bytes: bytesToHex(new Uint8Array([0x61, 0x00, 0x62, 0x00, 0x00]))},
    {label: 'invalid UTF-8', bytes: bytesToHex(new Uint8Array([0xff, 0xfe, 0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xe2, 0x82]))},
    {label: '10 KB', bytes: bytesToHex(new Uint8Array(10 * 1024).map((_, i) => (i * 7 + 1) % 256))},
]
