/** Blobs kept in the database (PostgreSQL servers): each append is one chunk, read back in order. */
export interface BlobChunksTable {
  key: string;
  /** 1, 2, 3… per key, in the order the appends were made. */
  chunk: number;
  data: string;
}

export interface BlobTables {
  blob_chunks: BlobChunksTable;
}
