/**
 * Seeded pseudo-random numbers for the simulator: the same seed gives the same sequence on every
 * machine (sfc32 seeded by splitmix32; no Math.random anywhere in the simulator).
 */
export class Rng {
    private a: number
    private b: number
    private c: number
    private d: number

    constructor(seed: number | string) {
        let s = typeof seed === 'number' ? seed >>> 0 : hashString(seed)
        const next = () => {
            s = (s + 0x9e3779b9) | 0
            let z = s
            z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
            z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
            return (z ^ (z >>> 16)) >>> 0
        }
        this.a = next()
        this.b = next()
        this.c = next()
        this.d = next()
        for (let i = 0; i < 12; i++) this.u32()
    }

    /** An independent stream derived from this seed and a label (stable whatever else is drawn). */
    static derive(seed: number, label: string): Rng {
        return new Rng(hashString(`${seed >>> 0}:${label}`))
    }

    u32(): number {
        const t = (((this.a + this.b) | 0) + this.d) | 0
        this.d = (this.d + 1) | 0
        this.a = this.b ^ (this.b >>> 9)
        this.b = (this.c + (this.c << 3)) | 0
        this.c = (this.c << 21) | (this.c >>> 11)
        this.c = (this.c + t) | 0
        return t >>> 0
    }

    /** Uniform in [0, 1). */
    next(): number {
        return this.u32() / 4294967296
    }

    /** Uniform integer in [0, n). */
    int(n: number): number {
        return Math.floor(this.next() * n)
    }

    /** Uniform integer in [lo, hi]. */
    range(lo: number, hi: number): number {
        return lo + this.int(hi - lo + 1)
    }

    chance(p: number): boolean {
        return this.next() < p
    }

    pick<T>(items: readonly T[]): T {
        if (items.length === 0) throw new Error('pick from an empty list')
        return items[this.int(items.length)]
    }

    /** Index drawn with probability proportional to `weights[i]`. */
    weighted(weights: readonly number[]): number {
        let total = 0
        for (const w of weights) total += w
        let x = this.next() * total
        for (let i = 0; i < weights.length; i++) {
            x -= weights[i]
            if (x < 0) return i
        }
        return weights.length - 1
    }

    /** Pareto-distributed value >= 1 with tail index `alpha` (heavy tail for small alpha). */
    pareto(alpha: number): number {
        return Math.pow(1 - this.next(), -1 / alpha)
    }

    /** Log-uniform integer in [lo, hi]. */
    logUniform(lo: number, hi: number): number {
        return Math.floor(Math.exp(Math.log(lo) + this.next() * (Math.log(hi + 1) - Math.log(lo))))
    }

    /** `n` random bytes as 0x-hex. */
    hex(n: number): `0x${string}` {
        let s = '0x'
        for (let i = 0; i < n; i += 4) s += this.u32().toString(16).padStart(8, '0')
        return s.slice(0, 2 + 2 * n) as `0x${string}`
    }

    shuffle<T>(items: T[]): T[] {
        for (let i = items.length - 1; i > 0; i--) {
            const j = this.int(i + 1)
            ;[items[i], items[j]] = [items[j], items[i]]
        }
        return items
    }
}

export function hashString(s: string): number {
    let h = 2166136261
    for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i)
        h = Math.imul(h, 16777619)
    }
    return h >>> 0
}

/**
 * A growing set of items sampled with probability proportional to mutable weights
 * (Fenwick tree: O(log n) update and draw).
 */
export class WeightedSet {
    private tree: number[] = [0]
    private weights: number[] = []

    get size(): number {
        return this.weights.length
    }

    /** Appends an item with `weight`; returns its index. */
    add(weight: number): number {
        const i = this.weights.length
        this.weights.push(0)
        this.tree.push(0)
        // Rebuild the new node's partial sum from its children ranges.
        const idx = i + 1
        let sum = 0
        const low = idx - (idx & -idx)
        for (let j = idx - 1; j > low; j -= j & -j) sum += this.tree[j]
        this.tree[idx] = sum
        this.set(i, weight)
        return i
    }

    weight(i: number): number {
        return this.weights[i]
    }

    set(i: number, weight: number): void {
        const delta = weight - this.weights[i]
        if (delta === 0) return
        this.weights[i] = weight
        for (let j = i + 1; j < this.tree.length; j += j & -j) this.tree[j] += delta
    }

    total(): number {
        let s = 0
        for (let j = this.tree.length - 1; j > 0; j -= j & -j) s += this.tree[j]
        return s
    }

    /** Index drawn by weight, or -1 if every weight is 0. */
    sample(rng: Rng): number {
        const total = this.total()
        if (!(total > 1e-12)) return -1
        let x = rng.next() * total
        let pos = 0
        let step = 1
        while (step * 2 < this.tree.length) step *= 2
        for (; step > 0; step >>= 1) {
            const nxt = pos + step
            if (nxt < this.tree.length && this.tree[nxt] <= x) {
                pos = nxt
                x -= this.tree[nxt]
            }
        }
        // Floating-point drift can land on a zero-weight item: walk to the next positive one.
        for (let i = Math.min(pos, this.weights.length - 1); i < this.weights.length; i++) if (this.weights[i] > 0) return i
        for (let i = pos - 1; i >= 0; i--) if (this.weights[i] > 0) return i
        return -1
    }
}
