/**
 * Console sign-in: an IAM user's password (its login profile) for short-lived credentials that
 * act as that user — what STS GetSessionToken hands out — so the browser then signs ordinary
 * AWS API calls with them. No other private API exists.
 */
import type { ServerContext } from '../operations/dispatch';
import { findLoginProfile, hashPassword, verifyPassword } from '../iam/store/login-profiles';
import { getAccount, listAccounts } from '../iam/store/accounts';
import { findUser } from '../iam/store/users';
import { createSession, findSession } from '../iam/store/sessions';
import { sessionTokenMatches } from '../iam/store/ids';
import { encodeSessionPolicy } from '../iam/session-policy';
import type { PolicyDocument } from '../operations/types';
import type { IamUserRow } from '../iam/store/tables';
import { SignInLimiter } from './rate-limit';

export interface SignInRequest {
  account?: string;
  userName: string;
  password: string;
  sourceIp: string;
  userAgent: string;
  requestId: string;
  region: string;
}

export type SignInResult =
  | {
      ok: true;
      accountId: string;
      userName: string;
      arn: string;
      credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
      passwordResetRequired: boolean;
    }
  | { ok: false; status: number; code: string; message: string; retryAfterSeconds?: number };

// AWS: the console answers every bad user name / password pair with this one sentence.
export const FAILED_MESSAGE = 'Your authentication information is incorrect. Please try again.';

export class ConsoleSignIn {
  private readonly limiter: SignInLimiter;
  /** Verified against when there is no such user or no password, so both take as long as a wrong password. */
  private readonly decoy: Promise<string>;

  constructor(
    private readonly server: ServerContext,
    private readonly options: { sessionSeconds: number; limit?: number; windowMs?: number },
  ) {
    this.limiter = new SignInLimiter(options.limit, options.windowMs);
    this.decoy = hashPassword(`decoy-${Math.random()}`);
  }

  /** The account a sign-in without one goes to: only when the server has exactly one. */
  async soleAccount(): Promise<string | undefined> {
    const accounts = await listAccounts(this.server.db);
    return accounts.length === 1 ? accounts[0].account_id : undefined;
  }

  async signIn(req: SignInRequest, now = new Date()): Promise<SignInResult> {
    const accountId = await this.resolveAccount(req.account);
    if (accountId === null) {
      return { ok: false, status: 400, code: 'AccountRequired', message: 'This server has several accounts: enter the account ID or alias.' };
    }
    const key = `${accountId ?? req.account}\u0000${req.userName}\u0000${req.sourceIp}`;
    const wait = this.limiter.retryAfter(key, now.getTime());
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      return { ok: false, status: 429, code: 'ThrottlingException', message: `Too many failed sign-in attempts. Try again in ${seconds} seconds.`, retryAfterSeconds: seconds };
    }
    const user = accountId ? await findUser(this.server.db, accountId, req.userName) : undefined;
    const profile = user ? await findLoginProfile(this.server.db, user) : undefined;
    // Always one scrypt: unknown user, user without a password and wrong password look alike.
    const matches = await verifyPassword(req.password, profile?.password_hash ?? (await this.decoy));
    if (!user || !profile || !matches) {
      this.limiter.fail(key, now.getTime());
      // Unknown accounts belong to nobody, so nobody's audit log hears of them.
      if (accountId) await this.audit(req, accountId, user, 'Failure', now);
      return { ok: false, status: 401, code: 'AuthenticationFailed', message: FAILED_MESSAGE };
    }
    this.limiter.succeed(key);
    const expiresAt = new Date(now.getTime() + this.options.sessionSeconds * 1000);
    const resetRequired = profile.password_reset_required === 1;
    const issued = await createSession(this.server.db, this.server.secrets, {
      accountId: user.account_id, kind: 'user', userId: user.user_id, expiresAt,
      ...(resetRequired ? { sessionPolicy: encodeSessionPolicy({ inline: passwordResetPolicy(user.arn) }) } : {}),
    }, now);
    await this.audit(req, user.account_id, user, 'Success', now);
    return {
      ok: true,
      accountId: user.account_id,
      userName: user.user_name,
      arn: user.arn,
      passwordResetRequired: resetRequired,
      credentials: {
        AccessKeyId: issued.accessKeyId,
        SecretAccessKey: issued.secretAccessKey,
        SessionToken: issued.sessionToken,
        Expiration: issued.expiresAt.toISOString(),
      },
    };
  }

  /**
   * Revokes console credentials: whoever holds the session token may end its session. Unknown
   * or mismatched pairs change nothing (and say nothing).
   */
  async signOut(accessKeyId: string, sessionToken: string): Promise<boolean> {
    if (!accessKeyId.startsWith('ASIA')) return false;
    const session = await findSession(this.server.db, accessKeyId);
    if (!session || !sessionTokenMatches(sessionToken, session.token_hash)) return false;
    await this.server.db.deleteFrom('iam_sessions').where('access_key_id', '=', accessKeyId).execute();
    // The front door remembers resolved keys for a few seconds; forget this one now.
    this.server.credentials.clear();
    return true;
  }

  /** undefined: no such account; null: none given and there is not exactly one. */
  private async resolveAccount(given: string | undefined): Promise<string | undefined | null> {
    const wanted = given?.trim();
    if (!wanted) return (await this.soleAccount()) ?? null;
    if (/^\d{12}$/.test(wanted)) return (await getAccount(this.server.db, wanted))?.account_id;
    const accounts = await listAccounts(this.server.db);
    return accounts.find((a) => a.alias === wanted)?.account_id;
  }

  // AWS: CloudTrail records console sign-ins as ConsoleLogin from signin.amazonaws.com, with
  // responseElements {"ConsoleLogin": "Success" | "Failure"} and "Failed authentication".
  private async audit(req: SignInRequest, accountId: string, user: IamUserRow | undefined, outcome: 'Success' | 'Failure', now: Date): Promise<void> {
    try {
      await this.server.audit.record({
        eventTime: now,
        accountId,
        region: req.region,
        // AWS: a sign-in as an unknown user is recorded with the name hidden.
        principal: user
          ? { type: 'user', arn: user.arn, userId: user.user_id, accountId, accessKeyId: '', name: user.user_name, userName: user.user_name }
          : { type: 'user', arn: `arn:aws:iam::${accountId}:user/HIDDEN_DUE_TO_SECURITY_REASONS`, userId: 'HIDDEN_DUE_TO_SECURITY_REASONS', accountId, accessKeyId: '', name: 'HIDDEN_DUE_TO_SECURITY_REASONS', userName: 'HIDDEN_DUE_TO_SECURITY_REASONS' },
        sourceIp: req.sourceIp,
        userAgent: req.userAgent,
        eventSource: 'signin.amazonaws.com',
        eventName: 'ConsoleLogin',
        readOnly: false,
        requestParameters: null,
        responseElements: { ConsoleLogin: outcome },
        ...(outcome === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
        requestId: req.requestId,
      });
    } catch (error) {
      this.server.logger.error({ err: error, requestId: req.requestId }, 'could not write the ConsoleLogin audit record');
    }
  }
}

/**
 * The session policy of console credentials issued while the user must choose a new password.
 * AWS: such a user can do nothing in the console but change their password; the credentials
 * allow iam:ChangePassword on the user (still subject to the user's own policies, as AWS
 * requires iam:ChangePassword, e.g. IAMUserChangePassword) and reading the password policy the
 * new password must meet. The console signs in again with the new password afterwards.
 */
function passwordResetPolicy(userArn: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'iam:ChangePassword', Resource: userArn },
      { Effect: 'Allow', Action: 'iam:GetAccountPasswordPolicy', Resource: '*' },
    ],
  };
}
