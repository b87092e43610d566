/**
 * A small, dependency-free SVG chart renderer for the README previews of the dashboards: lines
 * over time, bars over time (stacked or 100 %-stacked), and bars per category (grouped, stacked or
 * horizontal), in Grafana's dark theme. Output is deterministic for the same input.
 */

export interface Series {
    name: string
    values: (number | null)[]
}

export interface ChartInput {
    title: string
    /** Line over a time axis (x = epoch seconds), or bars per slot (x labels). */
    kind: 'line' | 'bars'
    /** For lines: the x values (epoch seconds). For bars: one label per slot. */
    x: number[] | string[]
    series: Series[]
    stack?: 'normal' | 'percent'
    horizontal?: boolean
    /** 'percentunit' shows ticks as percentages; other units go in the title. */
    unit: string
    width?: number
    height?: number
}

const PALETTE = ['#73BF69', '#F2CC0C', '#8AB8FF', '#FF780A', '#F2495C', '#B877D9', '#5794F2', '#FADE2A', '#37872D']
const BG = '#181b1f'
const TEXT = '#ccccdc'
const MUTED = '#8e8e9e'
const GRID = '#2c3235'
const FONT = "Inter, 'Helvetica Neue', Arial, sans-serif"

function esc(s: string): string {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function r(n: number): string {
    return (Math.round(n * 10) / 10).toString()
}

/** 1, 2 or 5 times a power of ten, so that about `count` ticks cover a span of `span`. */
export function niceStep(span: number, count = 5): number {
    if (!(span > 0)) return 1
    const raw = span / count
    const mag = 10 ** Math.floor(Math.log10(raw))
    for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag
    return 10 * mag
}

/** Long hex addresses as 0x1234…abcd. */
function shortLabel(s: string): string {
    return /^0x[0-9a-fA-F]{40}$/.test(s) ? `${s.slice(0, 6)}…${s.slice(-4)}` : s
}

/** A tick label: percent for `percentunit`, else k/M/B suffixes with decimals to suit the tick step. */
export function formatValue(v: number, unit: string, step = Math.abs(v), axisMax = 0): string {
    if (v === 0) return '0'
    if (unit === 'percentunit') return `${(v * 100).toFixed(step * 100 >= 1 ? 0 : 1)}%`
    const ref = Math.max(Math.abs(v), step, Math.abs(axisMax))
    const [div, suffix] = ref >= 1e9 ? [1e9, 'B'] : ref >= 1e6 ? [1e6, 'M'] : ref >= 1e4 ? [1e3, 'k'] : [1, '']
    const s = step / div
    return `${(v / div).toFixed(s >= 1 || s === 0 ? 0 : s >= 0.1 ? 1 : 2)}${suffix}`
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
export function dateLabel(epochSeconds: number): string {
    const d = new Date(epochSeconds * 1000)
    return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')}`
}

export function renderChart(c: ChartInput): string {
    const W = c.width ?? 760
    const H = c.height ?? 300
    const legendRows = Math.ceil(c.series.length / 5)
    const top = 40
    const bottom = 34 + legendRows * 18
    const n = c.x.length
    // Values after stacking: per slot, per series, [start, end].
    const totals = Array.from({length: n}, (_, i) => c.series.reduce((s, se) => s + Math.max(0, se.values[i] ?? 0), 0))
    const spans = c.series.map((se, k) =>
        se.values.map((v, i) => {
            if (v == null) return null
            if (!c.stack) return [0, v] as [number, number]
            const below = c.series.slice(0, k).reduce((s, o) => s + Math.max(0, o.values[i] ?? 0), 0)
            const scale = c.stack === 'percent' ? (totals[i] > 0 ? 1 / totals[i] : 0) : 1
            return [below * scale, (below + Math.max(0, v)) * scale] as [number, number]
        }),
    )
    const ends = spans.flat().filter((s): s is [number, number] => s != null).map((s) => s[1])
    const maxValue = c.stack === 'percent' ? 1 : Math.max(0, ...ends)
    // Lines whose values stay far from zero get an axis that starts near them, as Grafana's does.
    const minValue = c.kind === 'line' && ends.length > 0 ? Math.min(...ends) : 0
    const zeroBased = !(minValue > 0 && maxValue - minValue < maxValue / 2)
    const step = c.stack === 'percent' ? 0.25 : niceStep(zeroBased ? maxValue : maxValue - minValue)
    const vmin = zeroBased ? 0 : Math.floor(minValue / step) * step
    const vmax = c.stack === 'percent' ? 1 : Math.max(vmin + step, Math.ceil(maxValue / step - 1e-9) * step)
    const ticks = Array.from({length: Math.round((vmax - vmin) / step) + 1}, (_, i) => vmin + i * step)

    const tickUnit = c.stack === 'percent' ? 'percentunit' : c.unit
    const labelWidth = Math.max(...ticks.map((t) => formatValue(t, tickUnit, step, vmax).length)) * 6.2 + 14
    const categoryWidth = c.horizontal ? Math.min(160, Math.max(...(c.x as string[]).map((s) => shortLabel(String(s)).length)) * 6.4 + 12) : 0
    const left = c.horizontal ? categoryWidth + 12 : labelWidth + 8
    const right = 16
    const pw = W - left - right
    const ph = H - top - bottom
    const out: string[] = []
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" font-size="11">`)
    out.push(`<rect width="${W}" height="${H}" rx="4" fill="${BG}"/>`)
    out.push(`<text x="12" y="22" font-size="13" font-weight="600" fill="${TEXT}">${esc(c.title)}</text>`)

    // Value axis and grid.
    const frac = (v: number) => (v - vmin) / (vmax - vmin)
    const vpos = (v: number) => (c.horizontal ? left + frac(v) * pw : top + ph - frac(v) * ph)
    for (const t of ticks) {
        const p = r(vpos(t))
        if (c.horizontal) {
            out.push(`<line x1="${p}" y1="${top}" x2="${p}" y2="${top + ph}" stroke="${GRID}"/>`)
            out.push(`<text x="${p}" y="${top + ph + 14}" fill="${MUTED}" text-anchor="middle">${esc(formatValue(t, tickUnit, step, vmax))}</text>`)
        } else {
            out.push(`<line x1="${left}" y1="${p}" x2="${left + pw}" y2="${p}" stroke="${GRID}"/>`)
            out.push(`<text x="${left - 6}" y="${r(Number(p) + 4)}" fill="${MUTED}" text-anchor="end">${esc(formatValue(t, tickUnit, step, vmax))}</text>`)
        }
    }

    if (c.kind === 'line') {
        const xs = c.x as number[]
        const x0 = Math.min(...xs)
        const x1 = Math.max(...xs)
        const xpos = (x: number) => left + (x1 === x0 ? pw / 2 : ((x - x0) / (x1 - x0)) * pw)
        const labels = Math.min(8, n)
        for (let i = 0; i < labels; i++) {
            const x = xs[Math.round((i * (n - 1)) / Math.max(1, labels - 1))]
            const anchor = labels > 1 && i === 0 ? 'start' : labels > 1 && i === labels - 1 ? 'end' : 'middle'
            out.push(`<text x="${r(xpos(x))}" y="${top + ph + 14}" fill="${MUTED}" text-anchor="${anchor}">${dateLabel(x)}</text>`)
        }
        c.series.forEach((se, k) => {
            const color = PALETTE[k % PALETTE.length]
            const pts = se.values.map((v, i) => (v == null ? null : `${r(xpos(xs[i]))},${r(vpos(spans[k][i]![1]))}`)).filter((p): p is string => p != null)
            if (pts.length === 0) return
            const base = r(vpos(vmin))
            const firstX = pts[0].split(',')[0]
            const lastX = pts[pts.length - 1].split(',')[0]
            out.push(`<polygon points="${firstX},${base} ${pts.join(' ')} ${lastX},${base}" fill="${color}" fill-opacity="0.12"/>`)
            out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round"/>`)
            if (pts.length <= 40) for (const p of pts) out.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="2.2" fill="${color}"/>`)
        })
    } else {
        const slot = (c.horizontal ? ph : pw) / Math.max(1, n)
        const grouped = !c.stack && c.series.length > 1
        const bar = slot * 0.72
        const each = grouped ? bar / c.series.length : bar
        const every = c.horizontal ? 1 : Math.max(1, Math.ceil(n / 12))
        c.x.forEach((x, i) => {
            const label = typeof x === 'number' ? dateLabel(x) : shortLabel(String(x))
            const mid = (c.horizontal ? top : left) + slot * (i + 0.5)
            if (i % every !== 0) return
            if (c.horizontal) out.push(`<text x="${left - 8}" y="${r(mid + 4)}" fill="${MUTED}" text-anchor="end">${esc(label)}</text>`)
            else out.push(`<text x="${r(mid)}" y="${top + ph + 14}" fill="${MUTED}" text-anchor="middle">${esc(label)}</text>`)
        })
        c.series.forEach((se, k) => {
            const color = PALETTE[k % PALETTE.length]
            spans[k].forEach((span, i) => {
                if (span == null || span[1] === span[0]) return
                const start = (c.horizontal ? top : left) + slot * i + (slot - bar) / 2 + (grouped ? each * k : 0)
                const a = vpos(span[0])
                const b = vpos(span[1])
                if (c.horizontal) out.push(`<rect x="${r(a)}" y="${r(start)}" width="${r(Math.max(0.5, b - a))}" height="${r(each)}" fill="${color}" fill-opacity="0.85"/>`)
                else out.push(`<rect x="${r(start)}" y="${r(b)}" width="${r(each)}" height="${r(Math.max(0.5, a - b))}" fill="${color}" fill-opacity="0.85"/>`)
            })
        })
    }
    // Axis line.
    if (c.horizontal) out.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + ph}" stroke="${MUTED}"/>`)
    else out.push(`<line x1="${left}" y1="${top + ph}" x2="${left + pw}" y2="${top + ph}" stroke="${MUTED}"/>`)

    // Legend.
    if (c.series.length > 1 || c.series[0]?.name !== 'value') {
        c.series.forEach((se, k) => {
            const col = k % 5
            const row = Math.floor(k / 5)
            const x = 12 + col * Math.floor((W - 24) / 5)
            const y = H - bottom + 30 + row * 18
            out.push(`<rect x="${x}" y="${y - 8}" width="12" height="4" rx="1" fill="${PALETTE[k % PALETTE.length]}"/>`)
            out.push(`<text x="${x + 18}" y="${y - 2}" fill="${TEXT}">${esc(se.name)}</text>`)
        })
    }
    out.push('</svg>')
    return `${out.join('\n')}\n`
}
