import type { Migration } from 'kysely';
import * as identity from './0001-identity';
import * as audit from './0002-audit';

/** Every migration, in order. Names sort lexically; never rename or edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-identity': identity,
  '0002-audit': audit,
};
