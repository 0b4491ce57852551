import { embedSessionRequestSchema } from '../../blueprint/api/embed.ts';
import { embedSigningKey, mintEmbedToken } from '../auth/embed.ts';
import { configFrom, parse, UsageError } from './args.ts';

/** Mints a token the way POST /v1/embed/sessions does, for curl and the README. */
export async function embedTokenCommand(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  const { values, positionals } = parse(args, {
    account: { type: 'string' },
    user: { type: 'string' },
    role: { type: 'string', default: 'viewer' },
    locale: { type: 'string' },
  });
  if (positionals.length > 0 || values.account === undefined || values.user === undefined) {
    throw new UsageError('embed-token needs --account ID and --user ID and nothing else', true);
  }
  const config = configFrom(env, {});
  if (!config.secretKey) {
    throw new UsageError(
      'embed-token needs VALUEPRINT_SECRET_KEY: the secret key of the service that will check the token',
    );
  }
  const request = embedSessionRequestSchema.safeParse({
    accountId: values.account,
    userId: values.user,
    role: values.role,
    locale: values.locale,
  });
  if (!request.success) {
    throw new UsageError(request.error.issues.map((issue) => issue.message).join('; '));
  }
  const { token, expiresAt } = await mintEmbedToken(
    embedSigningKey(config.secretKey),
    request.data,
    { ttlMinutes: config.embedTtlMinutes },
  );
  console.log(token);
  console.error(
    `(development only) ${request.data.role} token for user "${request.data.userId}" of account ` +
      `"${request.data.accountId}", valid until ${expiresAt.toISOString()}`,
  );
  return 0;
}
