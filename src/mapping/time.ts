export const DAY_SECONDS = 86_400

/** UTC day index of a block time: floor(unix seconds / 86 400). */
export function dayIndex(t: Date): number {
    return Math.floor(t.getTime() / 1000 / DAY_SECONDS)
}

export function dayStart(day: number): Date {
    return new Date(day * DAY_SECONDS * 1000)
}
