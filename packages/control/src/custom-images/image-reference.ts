// An image reference as the allow-list keeps it and as appliances are matched against it:
// `wordpress:6.4`, `docker.io/library/wordpress:6.4` and `library/wordpress:6.4` are one image;
// an untagged reference means `:latest`. Pure: no Docker, no database.

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\\d{1,5})?)';
const REFERENCE = new RegExp(`^(?:(${DOMAIN})/)?(${COMPONENT}(?:/${COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$`);

export const MAX_REFERENCE_LENGTH = 255;

/** The canonical form, or undefined when the text is not an image reference. */
export function canonicalImageReference(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_REFERENCE_LENGTH) return undefined;
  const m = REFERENCE.exec(trimmed);
  if (!m) return undefined;
  let domain: string | undefined = m[1];
  let path = m[2];
  const [, , , tag, digest] = m as (string | undefined)[];
  // A first segment with no dot, colon or "localhost" is a path component, not a registry.
  if (domain !== undefined && !/[.:]/.test(domain) && domain !== 'localhost') {
    if (!new RegExp(`^${COMPONENT}$`).test(domain)) return undefined;
    path = `${domain}/${path}`;
    domain = undefined;
  }
  if (domain === 'docker.io' || domain === 'index.docker.io') domain = undefined;
  if (domain === undefined && path.startsWith('library/') && path.split('/').length === 2) path = path.slice('library/'.length);
  const name = domain === undefined ? path : `${domain}/${path}`;
  if (digest !== undefined) return `${name}${tag === undefined ? '' : `:${tag}`}@${digest}`;
  return `${name}:${tag ?? 'latest'}`;
}
