// Which catalog class stands in for a well-known image. Only the image's repository name counts
// (registry, namespace, tag and digest are read off and reported); the tag never picks a version.

export interface ImageRef {
  /** The repository's last path segment: `nginx` of `docker.io/library/nginx:1.25`. */
  repository: string;
  tag?: string;
}

/** Image repository → catalog class id. httpd serves files like nginx; PHP is web-php. */
export const IMAGE_CLASSES: Readonly<Record<string, string>> = {
  nginx: 'web-static',
  httpd: 'web-static',
  apache: 'web-static',
  php: 'web-php',
  haproxy: 'halb',
  postgres: 'postgres',
  postgresql: 'postgres',
  mysql: 'mariadb',
  mariadb: 'mariadb',
  redis: 'redis',
  node: 'app-node',
};

export function parseImageRef(image: string): ImageRef {
  const withoutDigest = image.split('@')[0];
  const segments = withoutDigest.split('/');
  const last = segments[segments.length - 1];
  const colon = last.indexOf(':');
  return colon === -1 ? { repository: last.toLowerCase() } : { repository: last.slice(0, colon).toLowerCase(), tag: last.slice(colon + 1) };
}

/** The class id for an image, or undefined when no class stands in for it. */
export function classForImage(image: string): string | undefined {
  const { repository } = parseImageRef(image);
  return Object.hasOwn(IMAGE_CLASSES, repository) ? IMAGE_CLASSES[repository] : undefined;
}
