/**
 * Validation of export requests, shared by the CLI and the HTTP route: every value is checked
 * before it reaches SQL (where it is a bound parameter anyway), with a message that says what is
 * accepted.
 */
import {DATASET_NAMES, DATASETS, finalizedRefusal, isDatasetName, type DatasetName, type ExportFilters} from './datasets'
import {EXPORT_FORMATS, type ExportFormat} from './run'

/** A request the caller must fix (CLI exit code 2, HTTP 400). */
export class ExportParamError extends Error {
    constructor(message: string) {
        super(message)
        this.name = 'ExportParamError'
    }
}

/** Largest block number accepted (block columns are PostgreSQL integers). */
export const MAX_BLOCK = 2_147_483_647

export function parseBlock(name: string, v: string | undefined | null): number | undefined {
    if (v == null || v === '') return undefined
    if (!/^\d{1,10}$/.test(v) || Number(v) > MAX_BLOCK) throw new ExportParamError(`${name} must be a block number (decimal digits, 0..${MAX_BLOCK}), got "${clip(v)}"`)
    return Number(v)
}

/** Asset ids are uint256 in decimal, from 1. */
export function parseAssetId(v: string | undefined | null): string | undefined {
    if (v == null || v === '') return undefined
    if (!/^[1-9]\d{0,77}$/.test(v)) throw new ExportParamError(`asset must be an asset id (decimal digits without leading zeros, from 1), got "${clip(v)}"`)
    return v
}

export function parseDataset(v: string | undefined): DatasetName {
    if (!v) throw new ExportParamError(`a dataset is required: one of ${DATASET_NAMES.join(', ')}`)
    if (!isDatasetName(v)) throw new ExportParamError(`unknown dataset "${clip(v)}": use one of ${DATASET_NAMES.join(', ')}`)
    return v
}

export function parseFormat(v: string | undefined): ExportFormat {
    if (!v) throw new ExportParamError(`a format is required: ${EXPORT_FORMATS.join(' or ')}`)
    if (!(EXPORT_FORMATS as readonly string[]).includes(v)) throw new ExportParamError(`unknown format "${clip(v)}": use ${EXPORT_FORMATS.join(' or ')}`)
    return v as ExportFormat
}

export function parseFilters(raw: {from?: string | null; to?: string | null; asset?: string | null}): ExportFilters {
    const f: ExportFilters = {from: parseBlock('from', raw.from), to: parseBlock('to', raw.to), asset: parseAssetId(raw.asset)}
    if (f.from != null && f.to != null && f.from > f.to) throw new ExportParamError(`from (${f.from}) must not be after to (${f.to})`)
    for (const k of Object.keys(f) as (keyof ExportFilters)[]) if (f[k] === undefined) delete f[k]
    return f
}

/** Refuses `--finalized` / `finalized=1` for a dataset of head state (see Dataset.asOfHead). */
export function checkFinalized(dataset: DatasetName, finalized: boolean): void {
    const refused = finalized ? finalizedRefusal(DATASETS[dataset]) : undefined
    if (refused) throw new ExportParamError(refused)
}

/** The HTTP `finalized` parameter: 1 or true, 0 or false (absent: false). */
export function parseFinalized(v: string | undefined | null): boolean {
    if (v == null || v === '' || v === '0' || v === 'false') return false
    if (v === '1' || v === 'true') return true
    throw new ExportParamError(`finalized must be 1 (or true) to export finalized blocks only, or 0, got "${clip(v)}"`)
}

function clip(s: string): string {
    return s.length > 80 ? `${s.slice(0, 80)}...` : s
}
