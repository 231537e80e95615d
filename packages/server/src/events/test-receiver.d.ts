/** A real local webhook receiver for delivery tests: records every request, answers as told. */
import http from 'node:http';
export interface ReceivedRequest {
    headers: http.IncomingHttpHeaders;
    body: string;
    at: number;
}
export interface Receiver {
    url: string;
    received: ReceivedRequest[];
    close(): Promise<void>;
}
/** `answer` returns the status for the n-th request (0-based), or 'hang' to never answer. */
export declare function startReceiver(answer?: (n: number, req: ReceivedRequest) => number | 'hang'): Promise<Receiver>;
export declare function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what?: string): Promise<void>;
