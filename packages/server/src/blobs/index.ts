/**
 * Blobs: large bodies (full command output, later session recordings) kept outside the
 * database. One store per database handle, so several servers in one process (tests) keep
 * their blobs apart; `serveBlobs` answers signed `GET /blobs/…` links.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/index';
import { directoryBlobStore, isSafeKey, type BlobStore } from './directory-store';
import { BLOB_ROUTE_PREFIX, signBlobPath, verifyBlobLink } from './signed-url';

export { directoryBlobStore, type BlobStore } from './directory-store';
export { databaseBlobStore } from './database-store';
export { signBlobPath, verifyBlobLink, BLOB_ROUTE_PREFIX } from './signed-url';

interface Attached { store: BlobStore; signingKey: Buffer; publicUrl?: string }

const attached = new WeakMap<object, Attached>();

/** Gives this database's server a blob store (startServer: `<dataDir>/blobs`). */
export function attachBlobStore(db: Db, store: BlobStore, signingKey: Buffer): void {
  attached.set(db, { ...attached.get(db), store, signingKey });
}

/** The base URL links are made with, known once the server listens. */
export function setBlobPublicUrl(db: Db, url: string): void {
  blobsOf(db).publicUrl = url.replace(/\/+$/, '');
}

/** The store for this database; a private temporary directory when none was attached. */
export function blobsOf(db: Db): Attached {
  let found = attached.get(db);
  if (!found) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-blobs-'));
    found = { store: directoryBlobStore(dir), signingKey: crypto.randomBytes(32) };
    attached.set(db, found);
  }
  return found;
}

/** A signed, expiring link to a blob (absolute when the server's URL is known). */
export function blobUrl(db: Db, key: string, now = new Date()): string {
  const { signingKey, publicUrl } = blobsOf(db);
  return `${publicUrl ?? ''}${signBlobPath(signingKey, key, now)}`;
}

/** `GET /blobs/<key>?Expires&Signature`: the blob as text/plain, or 403/404 like S3. */
export function serveBlobs(app: FastifyInstance, db: Db): void {
  app.get(`${BLOB_ROUTE_PREFIX}*`, async (req, reply) => {
    const key = decodeURIComponent((req.params as { '*': string })['*'] ?? '');
    const query = req.query as { Expires?: string; Signature?: string };
    const { store, signingKey } = blobsOf(db);
    const verdict = isSafeKey(key) ? verifyBlobLink(signingKey, key, query.Expires, query.Signature) : 'bad-signature';
    // AWS: S3 answers an expired or forged presigned URL with 403 AccessDenied.
    if (verdict !== 'ok') {
      return reply.code(403).type('application/xml').send(`<Error><Code>AccessDenied</Code><Message>${verdict === 'expired' ? 'Request has expired' : 'Signature does not match'}</Message></Error>`);
    }
    const stream = await store.open(key);
    if (!stream) return reply.code(404).type('application/xml').send('<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
    return reply.type('text/plain; charset=utf-8').send(stream);
  });
}
