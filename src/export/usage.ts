/** The export command's usage text, in a module of its own so that `--help` loads nothing else (local/export.cjs). */
import {DATASET_NAMES} from './datasets'

export const EXPORT_USAGE = `usage: npm run export -- <dataset> --format csv|parquet [--from BLOCK] [--to BLOCK] [--asset ID] [--finalized] [--out FILE] [--json]
datasets: ${DATASET_NAMES.join(', ')} (columns and units: docs/exports.md)`
