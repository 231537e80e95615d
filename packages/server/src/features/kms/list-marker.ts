import { decodeNextToken, encodeNextToken } from '../../operations/paging';

/**
 * KMS listings page with Marker/NextMarker/Truncated. Markers are the shared signed tokens,
 * scoped to the listing, account and region, carrying the last name or id returned.
 */
export function readMarker(marker: string | undefined, scope: string): string | undefined {
  // AWS: KMS names a bad marker InvalidMarkerException.
  return marker === undefined ? undefined : decodeNextToken<string>(marker, scope, 'InvalidMarkerException');
}

/** Pages one extra row to learn whether more follow. */
export function pageOf<T>(rows: T[], limit: number, scope: string, positionOf: (row: T) => string): { items: T[]; NextMarker?: string; Truncated: boolean } {
  if (rows.length <= limit) return { items: rows, Truncated: false };
  const items = rows.slice(0, limit);
  return { items, NextMarker: encodeNextToken(scope, positionOf(items[items.length - 1])), Truncated: true };
}
