/** Longest display text kept in `<name>` columns (the raw bytes are always kept whole). */
export const DISPLAY_MAX_CHARS = 1024

export interface SafeString {
    /** Valid UTF-8 without NUL, at most DISPLAY_MAX_CHARS characters. */
    text: string
    /** The exact bytes emitted on chain. */
    raw: Uint8Array
    truncated: boolean
}

const decoder = new TextDecoder('utf-8', {fatal: false, ignoreBOM: true})

/**
 * Makes arbitrary contract bytes storable: Postgres text rejects NUL and invalid UTF-8, so the
 * display text replaces both with U+FFFD (and lone surrogates cannot arise from TextDecoder).
 */
export function safeString(raw: Uint8Array): SafeString {
    let text = decoder.decode(raw).replace(/\u0000/g, '\uFFFD')
    let truncated = false
    if (text.length > DISPLAY_MAX_CHARS) {
        // Do not cut a surrogate pair in half.
        let end = DISPLAY_MAX_CHARS
        const code = text.charCodeAt(end - 1)
        if (code >= 0xd800 && code <= 0xdbff) end -= 1
        text = text.slice(0, end)
        truncated = true
    }
    return {text, raw, truncated}
}
