/**
 * The SQL of the live streams (src/api/live/stream.ts): rows after a (block, key) cursor in chain
 * order with a JSON payload, and fingerprints that change when a reorg replaces a row. Payments
 * sort by (block, payment id as a number): payment ids are consecutive in chain order, so within
 * a block too. Votes have no log index: they sort by (block, id) — block order is chain order,
 * the order inside one block is by id.
 */
import type {StreamSpec} from './stream'

const PAYMENT_FP = `md5(concat_ws(':', p.block, p.tx_hash, p.amount, p.asset_id, p.payer_id, p.distribution_count))`

export const PAYMENTS: StreamSpec = {
    rowsAfterSql: `
        SELECT p.id, p.block, p.id::numeric::text AS key, ${PAYMENT_FP} AS fp,
               json_build_object(
                   'id', p.id, 'number', p.id, 'asset', p.asset_id, 'payer', p.payer_id, 'source', p.source,
                   'amount', p.amount::text, 'protocolFee', p.protocol_fee::text, 'net', p.net::text,
                   'distributionCount', p.distribution_count, 'maxDepth', p.max_depth, 'block', p.block,
                   'timestamp', p.timestamp, 'txHash', p.tx_hash,
                   'distributions', COALESCE((
                       SELECT json_agg(json_build_object(
                                  'id', d.id, 'asset', d.asset_id, 'depth', d.depth, 'amount', d.amount::text,
                                  'toOwner', d.to_owner::text, 'toContributors', d.to_contributors::text,
                                  'toUpstream', d.to_upstream::text, 'owner', d.owner_id, 'totalWeight', d.total_weight::text,
                                  'accBefore', d.acc_before::text, 'accAfter', d.acc_after::text)
                              ORDER BY split_part(d.id, '-', 2)::int)
                       FROM revenue_distribution d WHERE d.payment_id = p.id), '[]'::json)
               ) AS payload
        FROM payment p
        WHERE p.block > $1 OR (p.block = $1 AND $2::text IS NOT NULL AND p.id::numeric > $2::numeric)
        ORDER BY p.block, p.id::numeric
        LIMIT $3`,
    fingerprintsSql: `SELECT p.id, ${PAYMENT_FP} AS fp FROM payment p WHERE p.id = ANY($1::text[])`,
}

const VOTE_FP = `md5(concat_ws(':', v.block, v.tx_hash, v.support, v.weight))`

export const VOTES: StreamSpec = {
    rowsAfterSql: `
        SELECT v.id, v.block, v.id AS key, ${VOTE_FP} AS fp,
               json_build_object(
                   'id', v.id, 'proposal', v.proposal_id, 'voter', v.voter_id, 'support', v.support,
                   'weight', v.weight::text, 'reason', v.reason, 'block', v.block, 'timestamp', v.timestamp,
                   'txHash', v.tx_hash
               ) AS payload
        FROM vote v
        WHERE v.block > $1 OR (v.block = $1 AND $2::text IS NOT NULL AND v.id COLLATE "C" > $2::text COLLATE "C")
        ORDER BY v.block, v.id COLLATE "C"
        LIMIT $3`,
    fingerprintsSql: `SELECT v.id, ${VOTE_FP} AS fp FROM vote v WHERE v.id = ANY($1::text[])`,
}

/** The indexed head with the finalized height (the processor's status table). */
export const HEAD_SQL = `
    SELECT h.height, h.hash, h.timestamp, (SELECT height FROM squid_processor.status WHERE id = 0) AS finalized
    FROM indexed_head h WHERE h.id = 'head'`
