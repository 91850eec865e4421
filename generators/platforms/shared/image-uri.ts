// --image: deploy takes an image from Amazon ECR (private, in an account) or ECR Public. Anything else is
// refused here, before any AWS call, with the reason the app's platform gives (platform.imageRefusal),
// instead of as a regex failure from the platform's create call.

export type ImageRef =
  | { type: 'ECR'; account: string; region: string; repository: string; uri: string }
  | { type: 'ECR_PUBLIC'; uri: string };

// The repository part of App Runner's ImageIdentifier pattern, plus an optional :tag or @digest.
const REPO = '((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)';
const SUFFIX = '(?::[\\w+\\-=.:/@]+|@[\\w:]+)?';
const PRIVATE = new RegExp(
  `^(\\d{12})\\.dkr\\.ecr\\.([a-z]+(?:-[a-z]+)+-\\d)\\.amazonaws\\.com(?:\\.cn)?\\/${REPO}${SUFFIX}$`,
);
const PUBLIC = new RegExp(`^public\\.ecr\\.aws\\/[a-z0-9][a-z0-9_-]*\\/${REPO}${SUFFIX}$`);

/** `refusal` words why the platform will not take an image from that registry ("Docker Hub"). */
export function parseImageUri(uri: string, refusal: (registry: string) => string): ImageRef | { error: string } {
  const text = uri.trim();
  const priv = PRIVATE.exec(text);
  if (priv) return { type: 'ECR', account: priv[1]!, region: priv[2]!, repository: priv[3]!, uri: text };
  if (PUBLIC.test(text)) return { type: 'ECR_PUBLIC', uri: text };
  const host = text.includes('/') ? text.split('/')[0]! : '';
  const where = /^ghcr\.io$/i.test(host)
    ? 'GitHub Container Registry'
    : !host.includes('.') || /(^|\.)docker\.(io|com)$/i.test(host)
      ? 'Docker Hub'
      : /\.dkr\.ecr\./.test(host) || /ecr\.aws$/.test(host)
        ? undefined
        : host;
  const reason = where ? refusal(where) : 'It does not look like an ECR image URI.';
  return {
    error:
      `--image ${text} cannot be used. ${reason} Push the image to ECR first, then pass it as ` +
      '<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or public.ecr.aws/<alias>/<repository>:<tag>.',
  };
}
